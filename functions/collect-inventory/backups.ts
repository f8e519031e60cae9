/**
 * The backup coverage part of the inventory, per region: backup plans and what their selections
 * reach by tag, every restore point of each volume (AWS Backup, AMIs, plain EBS snapshots), and the
 * jobs of the last days that failed, expired or were aborted. A backup read that fails becomes a
 * note the workbook shows, never a failed report: the costs do not depend on it.
 */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { mergeVolumeBackups, plansReaching, restorePoints, volumeBackups } from '../shared/backup-coverage';
import { readBackupPlans, readOwnedImages, readProblemJobs, readRecoveryPoints } from '../shared/backup-reads';
import type { InventoryBackups } from '../shared/backup-types';
import { withId, type PriceKey } from '../shared/cost-types';
import { awsErrorCode } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import type { RegionResources } from './describe';

/** Failed, expired and aborted jobs of this many days are listed (AWS keeps jobs 30 days). */
export const BACKUP_JOB_DAYS = 7;
const DAY_MS = 86_400_000;

export interface BackupCollectDeps {
  backupFor(region: string): BackupClient;
  ec2For(region: string): EC2Client;
  now(): Date;
  log: DecisionLog;
}

export async function collectRegionBackups(region: string, resources: RegionResources, deps: BackupCollectDeps): Promise<InventoryBackups> {
  const backup = deps.backupFor(region);
  const now = deps.now();
  const notes: InventoryBackups['notes'] = [];
  const note = (what: string, consequence: string, error: unknown): void => {
    const message = `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`;
    notes.push({ region, what, message, consequence });
    deps.log.warn('backup read failed; the report notes it and goes on', { region, what, error: message });
  };
  async function attempt<T>(what: string, consequence: string, read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      note(what, consequence, error);
      return fallback;
    }
  }
  const missedPoints = 'statuses there may miss those restore points';

  const plans = await attempt('backup plans and selections', 'instances there show no plan (stale after 48 h)', () => readBackupPlans(backup, region), []);
  const read = await attempt('recovery points', missedPoints, () => readRecoveryPoints(backup, region), { points: [], failedVaults: [] });
  for (const { vault, error } of read.failedVaults) note(`recovery points of vault ${vault}`, missedPoints, error);
  const images = await attempt('AMIs (DescribeImages)', missedPoints, () => readOwnedImages(deps.ec2For(region), region), []);
  const jobs = await attempt(
    `backup jobs of the last ${BACKUP_JOB_DAYS} days`,
    'Backup_Jobs may miss failed jobs there',
    () => readProblemJobs(backup, region, new Date(now.getTime() - BACKUP_JOB_DAYS * DAY_MS)),
    [],
  );

  const volumeSize = new Map(resources.volumes.map((v) => [v.VolumeId ?? '', v.Size ?? 0]));
  const instanceVolumes = new Map(
    resources.instances.map((i) => [
      i.InstanceId ?? '',
      (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [{ volumeId: m.Ebs.VolumeId, sizeGiB: volumeSize.get(m.Ebs.VolumeId) ?? 0 }] : [])),
    ]),
  );
  const points = restorePoints({
    region,
    recoveryPoints: read.points,
    images,
    snapshots: resources.snapshots,
    volumesOf: (instanceId) => instanceVolumes.get(instanceId) ?? [],
    now,
  });

  const selected = [
    ...resources.instances.map((i) => ({ region, resourceId: i.InstanceId ?? '', planIds: plansReaching(plans, { region, kind: 'instance', id: i.InstanceId ?? '', tags: i.Tags }) })),
    ...resources.volumes.map((v) => ({ region, resourceId: v.VolumeId ?? '', planIds: plansReaching(plans, { region, kind: 'volume', id: v.VolumeId ?? '', tags: v.Tags }) })),
  ].filter((s) => s.planIds.length > 0);

  const part: InventoryBackups = { plans, selected, volumes: volumeBackups(points), jobs, notes, jobDays: BACKUP_JOB_DAYS };
  deps.log.info('collected region backups', {
    region,
    plans: plans.length,
    selected: selected.length,
    recoveryPoints: read.points.length,
    images: images.length,
    volumesWithPoints: part.volumes.length,
    problemJobs: jobs.length,
    notes: notes.length,
  });
  return part;
}
