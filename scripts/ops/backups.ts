/**
 * `ops backups`: every instance's restore points per volume (AWS Backup recovery points, AMIs,
 * plain EBS snapshots), newest first, the exact command that restores one, and `--check`, which
 * fails when an instance tagged for backup has no point as young as its plan allows. The plans
 * come from `terraform output backup_plans`, else from the AWS Backup API; the rules are the cost
 * report's (functions/shared/backup-coverage.ts).
 */
import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client, paginateDescribeInstances, paginateDescribeSnapshots, paginateDescribeVolumes, type Instance, type Volume } from '@aws-sdk/client-ec2';
import {
  instanceCoverage,
  planIntervalHours,
  plansReaching,
  restorePoints,
  staleAfterHours,
  type InstanceCoverage,
} from '../../functions/shared/backup-coverage';
import { readBackupPlans, readOwnedImages, readRecoveryPoints } from '../../functions/shared/backup-reads';
import type { BackupPlanInfo, VolumeRestorePoint } from '../../functions/shared/backup-types';
import { awsErrorCode } from '../../functions/shared/errors';
import { allItems, instancesOf } from '../../functions/shared/pages';
import { tagValue } from '../../functions/shared/tags';
import { OpsError } from './errors';
import { formatTime } from './names';

export interface InstanceBackups {
  region: string;
  instance: Instance;
  name: string;
  plans: BackupPlanInfo[];
  intervalHours?: number;
  coverage: InstanceCoverage;
  /** Every point of each volume, newest first. */
  points: Map<string, VolumeRestorePoint[]>;
  volumes: Map<string, Volume>;
}

export interface BackupsView {
  instances: InstanceBackups[];
  /** Reads that failed: the view is incomplete, and a check cannot pass. */
  problems: string[];
}

const BILLABLE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** The `backup_plans` output of the Terraform module, in the shape the coverage rules read. */
export function plansFromTerraform(output: unknown, region: string): BackupPlanInfo[] | undefined {
  if (!output || typeof output !== 'object' || Array.isArray(output)) return undefined;
  const plans: BackupPlanInfo[] = [];
  for (const [key, value] of Object.entries(output as Record<string, unknown>)) {
    const p = value as Record<string, unknown>;
    if (typeof p?.tag_key !== 'string' || typeof p.tag_value !== 'string' || typeof p.cron !== 'string') {
      throw new OpsError(`terraform output backup_plans["${key}"] lacks tag_key, tag_value or cron: is the module older than ops? Pass --plans-from api`);
    }
    plans.push({
      region,
      planId: String(p.id ?? key),
      name: String(p.name ?? key),
      rules: [{ name: key, cron: p.cron, timezone: String(p.timezone ?? 'Etc/UTC'), ...(typeof p.retention_days === 'number' ? { retentionDays: p.retention_days } : {}) }],
      // The module's selection: instances and volumes AND the tag (terraform/backup.tf).
      selections: [
        {
          name: key,
          resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
          notResources: [],
          listOfTags: [],
          conditions: [{ test: 'StringEquals', key: `aws:ResourceTag/${p.tag_key}`, value: p.tag_value }],
        },
      ],
    });
  }
  return plans;
}

function failure(error: unknown): string {
  return `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`;
}

export interface ReadOptions {
  regions: readonly string[];
  /** Plans of the deployment region from Terraform; the other regions' come from the API. */
  terraformPlans?: { region: string; plans: BackupPlanInfo[] };
  instanceId?: string;
  now: Date;
}

export async function readBackupsView(options: ReadOptions): Promise<BackupsView> {
  const view: BackupsView = { instances: [], problems: [] };
  for (const region of options.regions) {
    const ec2 = new EC2Client({ region });
    const backup = new BackupClient({ region });
    try {
      const instances = (
        await allItems(
          `DescribeInstances in ${region}`,
          paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-state-name', Values: BILLABLE_STATES }] }),
          instancesOf,
        )
      ).filter((i) => !options.instanceId || i.InstanceId === options.instanceId);
      if (instances.length === 0) continue;
      const volumes = await allItems(`DescribeVolumes in ${region}`, paginateDescribeVolumes({ client: ec2 }, {}), (page) => page.Volumes ?? []);
      const snapshots = await allItems(`DescribeSnapshots in ${region}`, paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'] }), (page) => page.Snapshots ?? []);
      const images = await readOwnedImages(ec2, region);
      let plans: BackupPlanInfo[] = [];
      if (options.terraformPlans?.region === region) plans = options.terraformPlans.plans;
      else {
        try {
          plans = await readBackupPlans(backup, region);
        } catch (error) {
          view.problems.push(`${region}: could not read the backup plans (${failure(error)})`);
        }
      }
      let recoveryPoints: Awaited<ReturnType<typeof readRecoveryPoints>>['points'] = [];
      try {
        const read = await readRecoveryPoints(backup, region);
        recoveryPoints = read.points;
        for (const { vault, error } of read.failedVaults) view.problems.push(`${region}: could not read the recovery points of vault ${vault} (${failure(error)})`);
      } catch (error) {
        view.problems.push(`${region}: could not read the recovery points (${failure(error)})`);
      }

      const volumeById = new Map(volumes.map((v) => [v.VolumeId ?? '', v]));
      const volumesOf = (instance: Instance) => (instance.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : []));
      const byInstance = new Map(instances.map((i) => [i.InstanceId ?? '', i]));
      const points = restorePoints({
        region,
        recoveryPoints,
        images,
        snapshots,
        volumesOf: (id) => volumesOf(byInstance.get(id) ?? {}).map((volumeId) => ({ volumeId, sizeGiB: volumeById.get(volumeId)?.Size ?? 0 })),
        now: options.now,
      });
      const pointsByVolume = new Map<string, VolumeRestorePoint[]>();
      for (const point of points) pointsByVolume.set(point.volumeId, [...(pointsByVolume.get(point.volumeId) ?? []), point]);

      for (const instance of instances) {
        const volumeIds = volumesOf(instance);
        const planIds = new Set([
          ...plansReaching(plans, { region, kind: 'instance', id: instance.InstanceId ?? '', tags: instance.Tags }),
          ...volumeIds.flatMap((id) => plansReaching(plans, { region, kind: 'volume', id, tags: volumeById.get(id)?.Tags })),
        ]);
        const reaching = plans.filter((p) => planIds.has(p.planId));
        const intervals = reaching.map((p) => planIntervalHours(p, options.now));
        const known = intervals.filter((h): h is number => h !== undefined);
        view.instances.push({
          region,
          instance,
          name: tagValue(instance.Tags, 'Name') ?? '',
          plans: reaching,
          ...(known.length > 0 ? { intervalHours: Math.min(...known) } : {}),
          coverage: instanceCoverage(
            volumeIds.map((volumeId) => ({ volumeId, newest: pointsByVolume.get(volumeId)?.find((p) => p.restorable) })),
            staleAfterHours(intervals),
            options.now,
          ),
          points: new Map(volumeIds.map((id) => [id, pointsByVolume.get(id) ?? []])),
          volumes: new Map(volumeIds.flatMap((id) => (volumeById.has(id) ? [[id, volumeById.get(id)!] as const] : []))),
        });
      }
    } finally {
      ec2.destroy();
      backup.destroy();
    }
  }
  if (options.instanceId && view.instances.length === 0) {
    throw new OpsError(`instance ${options.instanceId} not found in ${options.regions.join(', ')} (terminated instances have no volumes left to restore into; pass --regions if it lives elsewhere)`);
  }
  view.instances.sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name) || (a.instance.InstanceId ?? '').localeCompare(b.instance.InstanceId ?? ''));
  return view;
}

// --- Printing --------------------------------------------------------------------------------------

const hours = (value: number | undefined) => (value === undefined ? '?' : `${Math.round(value)} h`);
const label = (i: InstanceBackups) => `${i.name ? `${i.name} ` : ''}(${i.instance.InstanceId})`;

function planText(i: InstanceBackups): string {
  if (i.plans.length === 0) return `no backup plan (stale after ${hours(i.coverage.staleAfterHours)})`;
  return `plan ${i.plans.map((p) => p.name).join(', ')} (every ${hours(i.intervalHours)}, stale after ${hours(i.coverage.staleAfterHours)})`;
}

function volumeText(i: InstanceBackups, volumeId: string): string {
  const volume = i.volumes.get(volumeId);
  const device = i.instance.BlockDeviceMappings?.find((m) => m.Ebs?.VolumeId === volumeId)?.DeviceName;
  return `${volumeId} (${[device, volume?.Size !== undefined ? `${volume.Size} GiB` : undefined, volume?.VolumeType].filter(Boolean).join(', ')})`;
}

function pointText(point: VolumeRestorePoint, now: Date): string {
  const age = (now.getTime() - Date.parse(point.createdAt)) / 3_600_000;
  const where = point.vault ? `vault ${point.vault}` : point.region;
  return `${formatTime(new Date(point.createdAt))}  ${point.source.padEnd(12)}  ${point.id.padEnd(22)}  ${where}  ${point.status}  ${hours(age)} old${point.tier === 'cold' ? ', cold storage' : ''}`;
}

/** One block per instance: status and plan, then each volume's newest point. */
export function renderOverview(view: BackupsView, now: Date): string[] {
  const lines: string[] = [];
  for (const i of view.instances) {
    lines.push(`${i.region}  ${label(i)}  ${i.coverage.status}  ${planText(i)}`);
    if (i.coverage.volumes.length === 0) lines.push('  no EBS volumes: nothing to restore from');
    for (const v of i.coverage.volumes) {
      const count = i.points.get(v.volumeId)?.length ?? 0;
      lines.push(`  ${volumeText(i, v.volumeId)}  ${v.newest ? `newest ${pointText(v.newest, now)}  (${count} point(s))` : 'no restore point'}`);
    }
  }
  if (view.instances.length === 0) lines.push('no instances found');
  return lines;
}

/** Every point of one instance, per volume, newest first, and the command that restores the chosen one. */
export function renderInstance(view: BackupsView, now: Date, restore: { pointId?: string; roleArn?: string }): string[] {
  const i = view.instances[0]!;
  const lines = [`${label(i)} in ${i.region}: ${i.coverage.status}; ${planText(i)}`];
  for (const volumeId of i.points.keys()) {
    lines.push(`${volumeText(i, volumeId)}`);
    const points = i.points.get(volumeId) ?? [];
    if (points.length === 0) lines.push('  no restore point');
    for (const point of points) lines.push(`  ${pointText(point, now)}`);
  }
  const all = [...i.points.values()].flat();
  const chosen = restore.pointId
    ? all.find((p) => p.id === restore.pointId || p.recoveryPointArn === restore.pointId)
    : all.filter((p) => p.restorable).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (restore.pointId && !chosen) {
    throw new OpsError(`--point ${restore.pointId} is not a restore point of ${i.instance.InstanceId}; its points: ${[...new Set(all.map((p) => p.id))].join(', ') || 'none'}`);
  }
  if (!chosen) return [...lines, '', 'nothing to restore from: no restorable point'];
  return [...lines, '', `Restore ${chosen.id} (${chosen.source}, ${formatTime(new Date(chosen.createdAt))}):`, ...restoreCommand(i, chosen, restore.roleArn).map((l) => `  ${l}`)];
}

const quoteJson = (value: unknown) => `'${JSON.stringify(value)}'`;

/**
 * The exact command that restores a point, as a new resource (restores never overwrite):
 * - AWS Backup EC2 point: StartRestoreJob with the instance's type, subnet and security groups
 *   (keys and string values as GetRecoveryPointRestoreMetadata returns them; SecurityGroupIds is a
 *   JSON list inside a string);
 * - AWS Backup EBS point: StartRestoreJob with availabilityZone and encrypted (and kmsKeyId for a
 *   customer managed key), the keys AWS Backup's restore metadata uses for EBS;
 * - a plain AMI or snapshot: the EC2 call that launches from it or creates a volume of it.
 *
 * The EC2 keys as AWS writes them: a real get-recovery-point-restore-metadata output (an
 * arn:aws:ec2:us-west-2::image/ami-… point) holds InstanceType "t2.micro", SubnetId "subnet-…",
 * SecurityGroupIds "[\"sg-…\"]", and JSON-in-a-string NetworkInterfaces, Placement, CpuOptions,
 * Monitoring, … beside BackupVaultArn and RecoveryPointArn at the top; the AWS Backup guide's EC2
 * StartRestoreJob example ("Restore a backup by resource type") passes InstanceType, SubnetId and
 * SecurityGroupIds the same way. Only these three are given, not the whole saved set: the saved
 * NetworkInterfaces name the original ENI and private IP, which the original instance may still
 * hold. The EBS keys are those the guide's restore-testing page lists as EBS restore metadata
 * (availabilityZone, encrypted, kmsKeyId, among others).
 */
export function restoreCommand(i: InstanceBackups, point: VolumeRestorePoint, roleArn: string | undefined): string[] {
  const region = point.region;
  const role = roleArn ?? '"$BACKUP_ROLE_ARN"';
  const roleNote = roleArn ? [] : ['# BACKUP_ROLE_ARN: the role AWS Backup restores with (terraform output backup_role_arn, or --role-arn)'];
  const instance = i.instance;
  const securityGroups = (instance.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
  const volume = i.volumes.get(point.volumeId);
  if (point.source === 'AWS Backup' && point.id.startsWith('ami-')) {
    const metadata = {
      InstanceType: instance.InstanceType ?? '',
      ...(instance.SubnetId ? { SubnetId: instance.SubnetId } : {}),
      ...(securityGroups.length > 0 ? { SecurityGroupIds: JSON.stringify(securityGroups) } : {}),
    };
    return [
      ...roleNote,
      `# all launch settings AWS Backup saved: aws backup get-recovery-point-restore-metadata --region ${region} --backup-vault-name ${point.vault} --recovery-point-arn ${point.recoveryPointArn}`,
      `aws backup start-restore-job --region ${region} --recovery-point-arn ${point.recoveryPointArn} --resource-type EC2 --iam-role-arn ${role} --metadata ${quoteJson(metadata)}`,
    ];
  }
  if (point.source === 'AWS Backup') {
    const metadata = {
      availabilityZone: volume?.AvailabilityZone ?? instance.Placement?.AvailabilityZone ?? `${region}a`,
      encrypted: String(Boolean(volume?.Encrypted)),
      ...(volume?.Encrypted && volume.KmsKeyId ? { kmsKeyId: volume.KmsKeyId } : {}),
    };
    return [...roleNote, `aws backup start-restore-job --region ${region} --recovery-point-arn ${point.recoveryPointArn} --resource-type EBS --iam-role-arn ${role} --metadata ${quoteJson(metadata)}`];
  }
  if (point.source === 'AMI') {
    return [
      `aws ec2 run-instances --region ${region} --image-id ${point.id} --instance-type ${instance.InstanceType ?? ''}${instance.SubnetId ? ` --subnet-id ${instance.SubnetId}` : ''}${securityGroups.length > 0 ? ` --security-group-ids ${securityGroups.join(' ')}` : ''}`,
    ];
  }
  const az = volume?.AvailabilityZone ?? instance.Placement?.AvailabilityZone ?? `${region}a`;
  return [`aws ec2 create-volume --region ${region} --snapshot-id ${point.id} --availability-zone ${az}${volume?.VolumeType ? ` --volume-type ${volume.VolumeType}` : ''}`];
}

/** `--check`: the instances a plan backs up whose newest points are older than the plan allows, or missing. */
export function checkBackups(view: BackupsView): { failing: InstanceBackups[]; checked: number; lines: string[] } {
  const tagged = view.instances.filter((i) => i.plans.length > 0);
  const failing = tagged.filter((i) => i.coverage.status !== 'protected');
  const lines = failing.map((i) => {
    const missing = i.coverage.volumes.filter((v) => !v.newest).map((v) => v.volumeId);
    const old = i.coverage.volumes.filter((v) => v.ageHours !== undefined && v.ageHours > i.coverage.staleAfterHours);
    const why =
      i.coverage.status === 'unprotected'
        ? `no restore point at all (${i.coverage.volumes.length} volume(s))`
        : i.coverage.status === 'partial'
          ? `no restore point for ${missing.join(', ')}`
          : `newest point of ${old.map((v) => `${v.volumeId} is ${hours(v.ageHours)} old`).join(', ')}; ${i.plans.map((p) => p.name).join(', ')} allows ${hours(i.coverage.staleAfterHours)}`;
    return `  ${i.instance.InstanceId}  ${i.name || '-'}  ${i.region}  ${i.coverage.status}: ${why}`;
  });
  return { failing, checked: tagged.length, lines };
}
