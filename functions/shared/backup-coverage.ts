/**
 * Whether an instance can be restored, and from when: which backup plans reach it by tag, every
 * restore point of each of its volumes (AWS Backup recovery points, AMIs, plain EBS snapshots,
 * each counted once), and the status the report and `ops backups --check` agree on. Pure: the AWS
 * reads are in backup-reads.ts.
 */
import type { Image, Snapshot, Tag } from '@aws-sdk/client-ec2';
import type { BackupPlanInfo, BackupSelectionRule, BackupSummary, StorageTier, VolumeBackups, VolumeRestorePoint } from './backup-types';
import { snapshotStoredGiB } from './cost-math';
import { longestGapHours, UnsupportedScheduleError } from './schedule-hours';

/** The Summary's yardstick: a point younger than this restores yesterday's data whatever the plan. */
export const RECENT_POINT_HOURS = 26;
/** Without a plan, a volume whose newest point is older than this is stale. */
export const NO_PLAN_STALE_HOURS = 48;
/** With a plan, the newest point is stale once older than this many of the plan's intervals (one missed run). */
export const STALE_INTERVALS = 2;

export type CoverageStatus = 'protected' | 'stale' | 'partial' | 'unprotected';

const HOUR_MS = 3_600_000;
const BYTES_PER_GIB = 1024 ** 3;

// --- Which plans reach a resource ----------------------------------------------------------------

export interface TaggedResource {
  region: string;
  kind: 'instance' | 'volume';
  id: string;
  tags: readonly Tag[] | undefined;
}

/** `*` and `?` as in IAM and AWS Backup patterns; everything else literal. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/**
 * Whether an ARN pattern of a selection names this resource. The account is not compared: the
 * report reads one account, and selections name it as `*` or as itself.
 */
function arnPatternMatches(pattern: string, resource: TaggedResource): boolean {
  if (pattern === '*') return true;
  const parts = pattern.split(':');
  if (parts.length < 6 || !wildcard(parts[2] ?? '').test('ec2')) return false;
  return wildcard(parts[3] ?? '').test(resource.region) && wildcard(parts.slice(5).join(':')).test(`${resource.kind}/${resource.id}`);
}

const RESOURCE_TAG = 'aws:ResourceTag/';

function tagValueOf(resource: TaggedResource, key: string): string | undefined {
  const name = key.startsWith(RESOURCE_TAG) ? key.slice(RESOURCE_TAG.length) : key;
  return resource.tags?.find((t) => t.Key === name)?.Value;
}

export function selectionReaches(selection: BackupSelectionRule, resource: TaggedResource): boolean {
  if (selection.notResources.some((p) => arnPatternMatches(p, resource))) return false;
  const byTags = selection.listOfTags.some((t) => tagValueOf(resource, t.key) === t.value);
  const byResources =
    selection.resources.some((p) => arnPatternMatches(p, resource)) &&
    selection.conditions.every((c) => {
      const value = tagValueOf(resource, c.key);
      switch (c.test) {
        case 'StringEquals':
          return value === c.value;
        case 'StringNotEquals':
          return value !== c.value;
        case 'StringLike':
          return value !== undefined && wildcard(c.value).test(value);
        case 'StringNotLike':
          return value === undefined || !wildcard(c.value).test(value);
      }
    });
  return byTags || byResources;
}

/** Ids of the plans (of the resource's region) that back this resource up. */
export function plansReaching(plans: readonly BackupPlanInfo[], resource: TaggedResource): string[] {
  return plans.filter((p) => p.region === resource.region && p.selections.some((s) => selectionReaches(s, resource))).map((p) => p.planId);
}

/** The longest gap between two runs of the plan's most frequent rule; undefined when no rule has a schedule it can simulate. */
export function planIntervalHours(plan: BackupPlanInfo, from: Date): number | undefined {
  const gaps = plan.rules.flatMap((rule) => {
    if (!rule.cron) return [];
    try {
      return [longestGapHours(rule.cron, rule.timezone, from)];
    } catch (error) {
      if (error instanceof UnsupportedScheduleError) return [];
      throw error;
    }
  });
  return gaps.length > 0 ? Math.min(...gaps) : undefined;
}

// --- Restore points --------------------------------------------------------------------------------

/** An AWS Backup recovery point as the listing by vault returns it (EC2 and EBS points only). */
export interface BackupPointRecord {
  recoveryPointArn: string;
  resourceArn: string;
  resourceType: string;
  vault: string;
  status: string;
  createdAt: string;
  backupSizeBytes?: number;
  moveToColdAt?: string;
  deleteAt?: string;
}

export interface RestorePointSources {
  /** The region all these were read in. */
  region: string;
  recoveryPoints: readonly BackupPointRecord[];
  images: readonly Image[];
  snapshots: readonly Snapshot[];
  /** Volumes of each instance, for an EC2 recovery point whose AMI is not visible. */
  volumesOf(instanceId: string): readonly { volumeId: string; sizeGiB: number }[];
  now: Date;
}

/** The resource id at the end of an ARN: `…::snapshot/snap-1` → `snap-1`, `…:instance/i-1` → `i-1`. */
export function arnResourceId(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function iso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function tierOf(snapshot: Snapshot | undefined, moveToColdAt: string | undefined, now: Date): StorageTier {
  if (snapshot) return snapshot.StorageTier === 'archive' ? 'cold' : 'warm';
  return moveToColdAt !== undefined && Date.parse(moveToColdAt) <= now.getTime() ? 'cold' : 'warm';
}

function stored(snapshot: Snapshot | undefined, fallbackGiB: number): { storedGiB: number; storedGiBIsUpperBound: boolean } {
  if (!snapshot) return { storedGiB: fallbackGiB, storedGiBIsUpperBound: true };
  const { sizeGiB, upperBound } = snapshotStoredGiB({
    volumeSizeGiB: snapshot.VolumeSize ?? fallbackGiB,
    storageTier: snapshot.StorageTier === 'archive' ? 'archive' : 'standard',
    fullSnapshotSizeBytes: snapshot.FullSnapshotSizeInBytes,
  });
  return { storedGiB: sizeGiB, storedGiBIsUpperBound: upperBound };
}

/** The snapshots an AMI is made of, each with the volume it was taken from. */
function imageVolumes(image: Image, snapshotById: ReadonlyMap<string, Snapshot>): { snapshotId: string; snapshot?: Snapshot; volumeId?: string; sizeGiB: number }[] {
  return (image.BlockDeviceMappings ?? []).flatMap((mapping) => {
    const snapshotId = mapping.Ebs?.SnapshotId;
    if (!snapshotId) return [];
    const snapshot = snapshotById.get(snapshotId);
    // Copied snapshots name no real volume (vol-ffffffff).
    const volumeId = snapshot?.VolumeId && snapshot.VolumeId !== 'vol-ffffffff' ? snapshot.VolumeId : undefined;
    return [{ snapshotId, snapshot, volumeId, sizeGiB: snapshot?.VolumeSize ?? mapping.Ebs?.VolumeSize ?? 0 }];
  });
}

/**
 * Every restore point of the region, one entry per volume, each stored object counted once: an
 * EBS snapshot that AWS Backup made is an AWS Backup point, one an AMI holds is that AMI's; only
 * the rest are plain EBS snapshots. An AMI is mapped to volumes through its block device mappings'
 * snapshots. Newest first.
 */
export function restorePoints(sources: RestorePointSources): VolumeRestorePoint[] {
  const { region, now } = sources;
  const snapshotById = new Map(sources.snapshots.flatMap((s) => (s.SnapshotId ? [[s.SnapshotId, s] as const] : [])));
  const imageById = new Map(sources.images.flatMap((i) => (i.ImageId ? [[i.ImageId, i] as const] : [])));
  const claimedSnapshots = new Set<string>();
  const claimedImages = new Set<string>();
  const points: VolumeRestorePoint[] = [];

  for (const rp of sources.recoveryPoints) {
    const resourceId = arnResourceId(rp.resourceArn);
    const pointId = arnResourceId(rp.recoveryPointArn);
    const common = {
      region,
      source: 'AWS Backup' as const,
      id: pointId,
      recoveryPointArn: rp.recoveryPointArn,
      vault: rp.vault,
      createdAt: rp.createdAt,
      restorable: rp.status === 'COMPLETED',
      status: rp.status,
      ...(rp.deleteAt ? { deleteAt: rp.deleteAt } : {}),
    };
    const fullGiB = (rp.backupSizeBytes ?? 0) / BYTES_PER_GIB;
    if (rp.resourceType === 'EBS') {
      const snapshot = snapshotById.get(pointId);
      claimedSnapshots.add(pointId);
      points.push({ ...common, volumeId: resourceId, tier: tierOf(snapshot, rp.moveToColdAt, now), ...stored(snapshot, fullGiB) });
    } else if (rp.resourceType === 'EC2') {
      const image = imageById.get(pointId);
      claimedImages.add(pointId);
      const parts = image ? imageVolumes(image, snapshotById) : [];
      for (const part of parts) claimedSnapshots.add(part.snapshotId);
      const volumes = parts.filter((p) => p.volumeId);
      if (volumes.length > 0) {
        for (const part of volumes) {
          points.push({ ...common, instanceId: resourceId, volumeId: part.volumeId!, tier: tierOf(part.snapshot, rp.moveToColdAt, now), ...stored(part.snapshot, part.sizeGiB) });
        }
      } else {
        // The AMI is not visible (or names no volumes): an EC2 point holds every volume of the instance.
        const instanceVolumes = sources.volumesOf(resourceId);
        for (const volume of instanceVolumes) {
          const share = instanceVolumes.length === 1 && fullGiB > 0 ? fullGiB : volume.sizeGiB;
          points.push({ ...common, instanceId: resourceId, volumeId: volume.volumeId, tier: tierOf(undefined, rp.moveToColdAt, now), storedGiB: share, storedGiBIsUpperBound: true });
        }
      }
    }
  }

  for (const image of sources.images) {
    const imageId = image.ImageId ?? '';
    if (claimedImages.has(imageId)) continue;
    const createdAt = iso(image.CreationDate);
    for (const part of imageVolumes(image, snapshotById)) {
      claimedSnapshots.add(part.snapshotId);
      if (!part.volumeId || !createdAt) continue;
      points.push({
        volumeId: part.volumeId,
        region,
        source: 'AMI',
        id: imageId,
        ...(image.SourceInstanceId ? { instanceId: image.SourceInstanceId } : {}),
        createdAt,
        restorable: image.State === 'available',
        status: image.State ?? 'unknown',
        tier: tierOf(part.snapshot, undefined, now),
        ...stored(part.snapshot, part.sizeGiB),
      });
    }
  }

  for (const snapshot of sources.snapshots) {
    const createdAt = iso(snapshot.StartTime);
    if (!snapshot.SnapshotId || claimedSnapshots.has(snapshot.SnapshotId) || !snapshot.VolumeId || !createdAt) continue;
    points.push({
      volumeId: snapshot.VolumeId,
      region,
      source: 'EBS snapshot',
      id: snapshot.SnapshotId,
      createdAt,
      restorable: snapshot.State === 'completed',
      status: snapshot.State ?? 'unknown',
      tier: tierOf(snapshot, undefined, now),
      ...stored(snapshot, snapshot.VolumeSize ?? 0),
    });
  }
  return points.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id) || a.volumeId.localeCompare(b.volumeId));
}

/** Per volume: its newest restorable point and the GiB all its points store, by region and tier. */
export function volumeBackups(points: readonly VolumeRestorePoint[]): VolumeBackups[] {
  const byVolume = new Map<string, VolumeBackups>();
  for (const point of points) {
    let entry = byVolume.get(point.volumeId);
    if (!entry) {
      entry = { volumeId: point.volumeId, points: 0, storage: [] };
      byVolume.set(point.volumeId, entry);
    }
    entry.points += 1;
    if (point.restorable && (!entry.newest || point.createdAt > entry.newest.createdAt)) entry.newest = point;
    let bucket = entry.storage.find((s) => s.region === point.region && s.tier === point.tier);
    if (!bucket) {
      bucket = { region: point.region, tier: point.tier, gib: 0, upperBound: false };
      entry.storage.push(bucket);
    }
    bucket.gib += point.storedGiB;
    bucket.upperBound ||= point.storedGiBIsUpperBound;
  }
  return [...byVolume.values()].sort((a, b) => a.volumeId.localeCompare(b.volumeId));
}

/** Merges the per-volume entries of several regions (a volume's copies live in another region). */
export function mergeVolumeBackups(entries: readonly VolumeBackups[]): VolumeBackups[] {
  const byVolume = new Map<string, VolumeBackups>();
  for (const entry of entries) {
    const known = byVolume.get(entry.volumeId);
    if (!known) {
      byVolume.set(entry.volumeId, { ...entry, storage: entry.storage.map((s) => ({ ...s })) });
      continue;
    }
    known.points += entry.points;
    if (entry.newest && (!known.newest || entry.newest.createdAt > known.newest.createdAt)) known.newest = entry.newest;
    for (const bucket of entry.storage) {
      const same = known.storage.find((s) => s.region === bucket.region && s.tier === bucket.tier);
      if (same) {
        same.gib += bucket.gib;
        same.upperBound ||= bucket.upperBound;
      } else known.storage.push({ ...bucket });
    }
  }
  return [...byVolume.values()].sort((a, b) => a.volumeId.localeCompare(b.volumeId));
}

// --- Status ----------------------------------------------------------------------------------------

export interface VolumeCoverage {
  volumeId: string;
  newest?: VolumeRestorePoint;
  ageHours?: number;
}

export interface InstanceCoverage {
  status: CoverageStatus;
  volumes: VolumeCoverage[];
  /** The newest point is stale past this age (STALE_INTERVALS × the plan's interval, or NO_PLAN_STALE_HOURS). */
  staleAfterHours: number;
  /** Every volume has a restorable point younger than RECENT_POINT_HOURS. */
  recoverableRecently: boolean;
}

/**
 * An instance's status from its volumes' newest restorable points: `unprotected` without any,
 * `partial` when some volume has none, `stale` when a newest point is older than `staleAfterHours`,
 * else `protected`. An instance without EBS volumes has nothing AWS Backup can restore.
 */
export function instanceCoverage(volumes: readonly { volumeId: string; newest?: VolumeRestorePoint }[], staleAfterHours: number, now: Date): InstanceCoverage {
  const covered: VolumeCoverage[] = volumes.map(({ volumeId, newest }) =>
    newest ? { volumeId, newest, ageHours: (now.getTime() - Date.parse(newest.createdAt)) / HOUR_MS } : { volumeId },
  );
  const withPoint = covered.filter((v) => v.newest);
  const status: CoverageStatus =
    withPoint.length === 0
      ? 'unprotected'
      : withPoint.length < covered.length
        ? 'partial'
        : withPoint.some((v) => (v.ageHours ?? 0) > staleAfterHours)
          ? 'stale'
          : 'protected';
  const recoverableRecently = covered.length > 0 && covered.every((v) => v.ageHours !== undefined && v.ageHours < RECENT_POINT_HOURS);
  return { status, volumes: covered, staleAfterHours, recoverableRecently };
}

/** The age past which a volume's newest point is stale: twice the shortest interval of the plans covering it, or 48 h. */
export function staleAfterHours(intervalsHours: readonly (number | undefined)[]): number {
  const known = intervalsHours.filter((h): h is number => h !== undefined);
  return known.length > 0 ? STALE_INTERVALS * Math.min(...known) : NO_PLAN_STALE_HOURS;
}

/** "N of M instances recoverable from a point < 26 h old": the Summary's, `ops report`'s and the README's wording. */
export function recoverableSentence(summary: Pick<BackupSummary, 'recoverableRecently' | 'instances'>): string {
  return `${summary.recoverableRecently} of ${summary.instances} instances recoverable from a point < ${RECENT_POINT_HOURS} h old`;
}
