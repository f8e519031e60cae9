/**
 * The data contract of the power-schedule workflow: what travels between its states, and the
 * objects its steps keep in S3 (functions/shared/power-store.ts). Parent execution:
 * Validate → SkipToday? → ResolveTargets → Targets (Distributed Map, one child execution per
 * account-region) → RetryUnfinished → Summarize. Instance lists live in S3, so no state payload
 * grows with the fleet: states carry requests, counts, batch numbers and S3 locations.
 */
import type { Target } from './targets';

export type PowerAction = 'stop' | 'start';

/** What a schedule acts on: EC2 instances, RDS DB instances and Aurora clusters, Auto Scaling groups. */
export const RESOURCE_KINDS = ['ec2', 'rds', 'asg'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** EC2's StopInstances/StartInstances take at most this many ids per batch we send. */
export const BATCH_SIZE = 50;

/**
 * The most tagged instances (eligible + skipped) one account-region takes in one run. Each batch of
 * 50 is one inline Map iteration in the target's child execution (about 7 history events), so
 * 100,000 (2,000 batches, ~14,000 events) leaves room for retries under the 25,000-event limit.
 */
export const MAX_INSTANCES_PER_TARGET = 100_000;

/**
 * What each power-schedule Lambda task receives: its state's input, and the execution name of
 * the run (`$$.Execution.Name` in the parent; children pass on the parent's, which their input
 * carries) for the logs and the S3 folder of the run. The state data itself stays as it is, so
 * Redrive and `ops explain` read the same input the step had.
 */
export interface TaskEvent<Input> {
  executionName: string;
  input: Input;
}

/** Validated input, as every later state receives it. */
export interface PowerRequest {
  action: PowerAction;
  dryRun: boolean;
  /** The opt-in tag value this run acts on (one schedule per value). */
  tagValue: string;
  /**
   * The schedule's IANA time zone (Validate sets UTC when the request names none): `skip-until`
   * overrides are dates there. Optional only for the recorded inputs of runs from before it existed.
   */
  timezone?: string;
  /** Stop: hibernate the instances configured for it (HibernationOptions.Configured); the others stop normally. Validate always sets it. */
  hibernate?: boolean;
  /** Set when the run must do nothing today (a holiday in `skipDates`); says why. */
  skipReason?: string;
}

/** Where ResolveTargets put the target list, and where the Distributed Map writes its results. */
export interface TargetList {
  bucket: string;
  key: string;
  count: number;
  /** ResultWriter's Prefix; the service adds `/<map run id>/manifest.json` and the result files. */
  resultPrefix: string;
}

export interface ResolvedRequest extends PowerRequest {
  targets: TargetList;
}

/** What the Distributed Map's ResultWriter returns as the state's result (AWS's field names). */
export interface MapRunOutput {
  MapRunArn: string;
  ResultWriterDetails: { Bucket: string; Key: string };
}

export interface MappedRequest extends ResolvedRequest {
  results: MapRunOutput;
}

/** The input of each child execution: the ASL's ItemSelector. */
export interface TargetRun {
  /** The parent execution's name: the run's S3 folder, and what its logs are found by. */
  executionName: string;
  action: PowerAction;
  dryRun: boolean;
  tagValue: string;
  timezone?: string;
  hibernate?: boolean;
  target: Target;
}

export type Outcome =
  | 'stopped'
  /** A DB that RDS started by itself after 7 days stopped (or someone started), stopped again. */
  | 'reStopped'
  | 'hibernated'
  | 'started'
  | 'alreadyStopped'
  | 'alreadyRunning'
  | 'dryRunPassed'
  | 'skipped'
  | 'failed';

export type Counts = Partial<Record<Outcome, number>>;
export type CountsByKind = Partial<Record<ResourceKind, Counts>>;

export interface InstanceOutcome {
  /** The resource's id: an instance id, an Auto Scaling group's name for kind `asg`, a DB instance's or cluster's ARN for kind `rds`. */
  instanceId: string;
  /** Absent: `ec2`. */
  kind?: ResourceKind;
  outcome: Outcome;
  reason?: string;
  errorCode?: string;
}

/**
 * An instance the run changed, but not quite as asked, with why (hibernation asked, and the
 * instance is not configured for it: stopped normally). A few travel in a target's result; every
 * one is in its batch's outcome object.
 */
export interface InstanceNote {
  accountId: string;
  region: string;
  instanceId: string;
  outcome: Outcome;
  reason: string;
}

/** Why a resource is left out of a run; `heldByOverride` when its valid override tag asked for it. */
export interface Skip {
  reason: string;
  /** Kept out by a valid `<TAG_KEY>Override` (stop-only, skip-until): someone asked for it, nobody needs to act. */
  heldByOverride?: true;
}

export interface SkippedInstance extends Skip {
  accountId: string;
  region: string;
  instanceId: string;
  /** Absent: `ec2`. */
  kind?: ResourceKind;
}

/** A few skipped instances travel in a target's result; all of them are in its skipped object. */
export const SKIPPED_SAMPLE_SIZE = 10;

/** ListTaggedInstances, for a target it could read: the batches it wrote, by number. */
export interface TargetListing extends TargetRun {
  status: 'listed';
  batches: number[];
  eligible: number;
  skipped: number;
  skippedSample: SkippedInstance[];
  notesSample?: InstanceNote[];
  /** `skipped` again, by resource kind. */
  skippedByKind?: Partial<Record<ResourceKind, number>>;
}

/** One ChangeBatches iteration: its batch's outcomes are in S3, the counts travel. */
export interface ChangedBatch {
  batch: number;
  counts: Counts;
}

/** What the iteration's Catch keeps of a batch that exhausted its retries (the Cause stays in the child's history). */
export interface FailedBatch {
  batch: number;
  error: string;
}

export interface VerifyInput extends TargetListing {
  changed: (ChangedBatch | FailedBatch)[];
}

/** How a step failed, in Step Functions' own field names (a Catch's ResultPath holds this). */
export interface StepFailure {
  Error: string;
  Cause?: string;
}

/**
 * A child execution's output, one per target, as ResultWriter stores it: done (with counts; the
 * unfinished instances in S3), unreachable (role missing or refused, region not enabled; never
 * retried, listed in the summary), or failed (listing or verifying failed after its retries;
 * RetryUnfinished does the whole target again).
 */
export type TargetResult =
  | {
      target: Target;
      status: 'done';
      tally: Counts;
      /** How many are in the target's unfinished object. */
      unfinished: number;
      skipped: number;
      skippedSample: SkippedInstance[];
      notesSample?: InstanceNote[];
      /** The tally again, by resource kind. */
      byKind?: CountsByKind;
    }
  | { target: Target; status: 'unreachable' | 'failed'; error: StepFailure };

export interface UnfinishedInstance {
  accountId: string;
  region: string;
  instanceId: string;
  /** Absent: `ec2`. */
  kind?: ResourceKind;
  reason: string;
  errorCode?: string;
}

/** A target none of whose instances could be handled (its listing failed): RetryUnfinished redoes it whole. */
export interface UnfinishedTarget {
  accountId: string;
  region: string;
  errorCode: string;
  reason: string;
}

export interface RecoveredInstance {
  accountId: string;
  region: string;
  instanceId: string;
  /** Absent: `ec2`. */
  kind?: ResourceKind;
  outcome: Outcome;
  reason?: string;
}

/** What RetryUnfinished did, kept in S3 for Summarize, and for Notify when the step failed (the retry object). */
export interface RetryRecord {
  recovered: RecoveredInstance[];
  /** Targets done again whole, with what that did. */
  redone: { target: Target; tally: Counts; byKind?: CountsByKind; skipped: SkippedInstance[] }[];
  /** What it could still not change, as its InstancesNotChangedError names them (empty when it succeeded). */
  notChanged: UnfinishedInstance[];
  targetsNotDone: UnfinishedTarget[];
}

export interface RetriedRequest extends MappedRequest {
  retry: { key: string; recovered: number; redone: number };
}

/** An account-region the run could not reach, by name, with why. */
export interface UnreachableTarget {
  accountId: string;
  region: string;
  error: string;
  message?: string;
}

/** Lists in the execution output stop at this many entries; counts and the S3 detail cover all. */
export const MAX_LISTED = 100;

export interface RunSummary {
  action: PowerAction;
  dryRun: boolean;
  tagValue: string;
  skipReason?: string;
  targets?: { total: number; done: number; unreachable: number; redone: number };
  totals: Counts;
  byKind?: CountsByKind;
  byAccount?: Record<string, Counts>;
  byRegion?: Record<string, Counts>;
  unreachable?: UnreachableTarget[];
  skipped?: SkippedInstance[];
  /** Changed, but not quite as asked (a hibernation that fell back to a normal stop), with why. */
  notes?: InstanceNote[];
  recovered?: RecoveredInstance[];
  /** s3:// URI of the whole summary: counts per account and region, every unreachable target and recovered instance. */
  detail?: string;
}

/** The summary object in S3: what RunSummary shows, unabridged, plus counts per account and region. */
export interface SummaryDetail extends RunSummary {
  byTarget: Record<string, Record<string, Counts>>;
}

/** How a resource is named in messages: an instance by its id, a group as such. */
export function resourceName(resource: { instanceId: string; kind?: ResourceKind }): string {
  if (resource.kind === 'asg') return `Auto Scaling group ${resource.instanceId}`;
  if (resource.kind === 'rds') {
    const match = /:(db|cluster):([^:]+)$/.exec(resource.instanceId);
    if (match) return `${match[1] === 'db' ? 'DB instance' : 'DB cluster'} ${match[2]}`;
  }
  return resource.instanceId;
}

export function targetState(action: PowerAction): 'stopped' | 'running' {
  return action === 'stop' ? 'stopped' : 'running';
}

/** The state an instance must be in for the action to change it. */
export function changeableState(action: PowerAction): 'running' | 'stopped' {
  return action === 'stop' ? 'running' : 'stopped';
}
