/**
 * The backup part of the cost-report contract: what collect-inventory stores about restore points
 * (AWS Backup recovery points, AMIs and plain EBS snapshots alike), backup plans and failed jobs,
 * and the figures the JSON summary keeps for the trend. Written by collect-inventory, read by
 * render-report and by `ops backups`.
 */

/** Where a restore point comes from: a restore point is a restore point, whoever made it. */
export type RestoreSource = 'AWS Backup' | 'AMI' | 'EBS snapshot';

/** Warm: a standard EBS snapshot; cold: the archive tier (AWS Backup's cold storage for EBS is the same). */
export type StorageTier = 'warm' | 'cold';

/** One rule of a backup plan: when it runs and how long its points are kept. */
export interface BackupRuleInfo {
  name: string;
  /** `cron(...)` as AWS Backup writes it; absent for continuous-only rules. */
  cron?: string;
  timezone: string;
  retentionDays?: number;
  coldAfterDays?: number;
}

/**
 * What a selection reaches, in AWS Backup's terms: a resource is selected when it matches
 * `resources` (minus `notResources`) and every entry of `conditions`, or when it carries any tag of
 * `listOfTags` (the two halves are OR-ed, as AWS Backup does).
 */
export interface BackupSelectionRule {
  name: string;
  resources: string[];
  notResources: string[];
  listOfTags: { key: string; value: string }[];
  conditions: { test: 'StringEquals' | 'StringNotEquals' | 'StringLike' | 'StringNotLike'; key: string; value: string }[];
}

export interface BackupPlanInfo {
  region: string;
  planId: string;
  name: string;
  rules: BackupRuleInfo[];
  selections: BackupSelectionRule[];
}

/** One restore point of one volume (an AMI or an EC2 recovery point counts for each volume it holds). */
export interface VolumeRestorePoint {
  volumeId: string;
  /** Where the point is stored: a copy may live in another region than its volume. */
  region: string;
  source: RestoreSource;
  /** `snap-…` or `ami-…`. */
  id: string;
  /** The AWS Backup recovery point ARN (`arn:aws:ec2:<region>::snapshot/snap-…` or `…::image/ami-…`). */
  recoveryPointArn?: string;
  vault?: string;
  /** The instance an instance-level point (AMI, EC2 recovery point) was made of. */
  instanceId?: string;
  createdAt: string;
  /** COMPLETED recovery points, `available` AMIs and `completed` snapshots can be restored from. */
  restorable: boolean;
  /** As AWS reports it: COMPLETED, PARTIAL, available, pending, ... */
  status: string;
  tier: StorageTier;
  /** GiB this point stores for the volume, and whether that is an upper bound (the full volume size of an incremental snapshot). */
  storedGiB: number;
  storedGiBIsUpperBound: boolean;
  /** When AWS Backup deletes the point (its retention end). */
  deleteAt?: string;
}

/** What the report keeps per volume: its newest restorable point and what all its points store. */
export interface VolumeBackups {
  volumeId: string;
  newest?: VolumeRestorePoint;
  points: number;
  storage: { region: string; tier: StorageTier; gib: number; upperBound: boolean }[];
}

export type BackupJobProblem = 'FAILED' | 'EXPIRED' | 'ABORTED';

export interface BackupJobRecord {
  /** The account it ran in (set when the targets' inventories are merged). */
  accountId?: string;
  region: string;
  jobId: string;
  state: BackupJobProblem;
  resourceArn: string;
  resourceType: string;
  resourceName?: string;
  vault: string;
  createdAt: string;
  completedAt?: string;
  reason?: string;
}

/** A backup read that failed: the report still renders, and says what it could not see. */
export interface BackupReadNote {
  region: string;
  what: string;
  message: string;
  /** What the workbook cannot vouch for because of it. */
  consequence: string;
}

/** The backup section of the inventory; absent in inventories collected before it existed. */
export interface InventoryBackups {
  plans: BackupPlanInfo[];
  /** Instances and volumes whose tags a plan's selection reaches, with those plans' ids. */
  selected: { region: string; resourceId: string; planIds: string[] }[];
  volumes: VolumeBackups[];
  jobs: BackupJobRecord[];
  notes: BackupReadNote[];
  /** How many days of backup jobs were read. */
  jobDays: number;
}

/** The backup figures the JSON summary keeps beside each workbook, for the Trend. */
export interface BackupSummary {
  instances: number;
  /** Instances whose every volume has a restorable point younger than RECENT_POINT_HOURS. */
  recoverableRecently: number;
  /** recoverableRecently / instances; absent with no instances. */
  coverage?: number;
  protected: number;
  stale: number;
  partial: number;
  unprotected: number;
  /** Tagged for backup, with no point at all. */
  taggedWithoutPoint: number;
  storageMonthly: number;
}
