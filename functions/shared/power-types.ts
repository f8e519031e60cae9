/** The data contract of the power-schedule workflow: what travels between its states. */

export type PowerAction = 'stop' | 'start';

/** EC2's StopInstances/StartInstances take at most this many ids per batch we send. */
export const BATCH_SIZE = 50;

/**
 * The most instances (eligible + skipped) one execution lists. Ids cost ~23 bytes each in the
 * listing and again in the Map's results, so 10,000 keeps every state under Step Functions'
 * 256 KiB limit with room to spare; more fail early with TooManyInstancesError.
 */
export const MAX_INSTANCES_PER_RUN = 10_000;

/**
 * What each power-schedule Lambda task receives: its state's input, and the execution name
 * (`$$.Execution.Name`) for the logs. The state data itself stays as it is, so Redrive and
 * `ops explain` read the same input the step had.
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
  /** Set when the run must do nothing today (a holiday in `skipDates`); says why. */
  skipReason?: string;
}

export interface InstanceBatch {
  region: string;
  instanceIds: string[];
}

export interface SkippedInstance {
  region: string;
  instanceId: string;
  reason: string;
}

export interface ListingResult extends PowerRequest {
  batches: InstanceBatch[];
  skipped: SkippedInstance[];
}

export type Outcome =
  | 'stopped'
  | 'started'
  | 'alreadyStopped'
  | 'alreadyRunning'
  | 'dryRunPassed'
  | 'skipped'
  | 'failed';

export interface InstanceOutcome {
  instanceId: string;
  outcome: Outcome;
  reason?: string;
  errorCode?: string;
}

/**
 * One Map iteration's result, compact so 10,000 instances stay far below 256 KB: ids grouped by
 * outcome, and full detail only for the instances that need a reason (failed, skipped).
 */
export interface BatchResult {
  region: string;
  idsByOutcome: Partial<Record<Outcome, string[]>>;
  problems: InstanceOutcome[];
}

/** What the iterator's Catch produces when a batch exhausted its retries. */
export interface FailedBatch {
  region: string;
  instanceIds: string[];
  batchError: { Error: string; Cause?: string };
}

export interface UnfinishedInstance {
  region: string;
  instanceId: string;
  reason: string;
  errorCode?: string;
}

/** Counts of settled outcomes per region. */
export type Tally = Record<string, Partial<Record<Outcome, number>>>;

export interface VerifyResult extends PowerRequest {
  unfinished: UnfinishedInstance[];
  tally: Tally;
  skipped: SkippedInstance[];
}

export interface RecoveredInstance {
  region: string;
  instanceId: string;
  outcome: Outcome;
  reason?: string;
}

export interface RetryResult extends VerifyResult {
  recovered: RecoveredInstance[];
}

export interface RunSummary {
  action: PowerAction;
  dryRun: boolean;
  tagValue: string;
  totals: Partial<Record<Outcome, number>>;
  byRegion: Tally;
  skipped: SkippedInstance[];
  recovered: RecoveredInstance[];
  skipReason?: string;
}

export function targetState(action: PowerAction): 'stopped' | 'running' {
  return action === 'stop' ? 'stopped' : 'running';
}

/** The state an instance must be in for the action to change it. */
export function changeableState(action: PowerAction): 'running' | 'stopped' {
  return action === 'stop' ? 'running' : 'stopped';
}
