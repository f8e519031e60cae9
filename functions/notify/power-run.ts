/**
 * The power-schedule run message: one per run that needs a human — some instances could not be
 * changed, or tagged instances are skipped every run because a schedule must not change them —
 * and, only when NOTIFY_ON_SUCCESS is on, a short one for a run that needed nobody.
 *
 * Two moments send it (the state machine wires them): Summarize's output when the run succeeded,
 * and the failure of RetryUnfinished (InstancesNotChangedError) with that step's recorded input,
 * which holds the instances still unfinished, as `ops explain` reads them. Pure: notices in, text out.
 */
import { causeMessage, InvalidInputError } from '../shared/errors';
import { capped, columns } from '../shared/plain-text';
import { addToTally } from '../shared/tally';
import type { Outcome, PowerRequest, RunSummary, SkippedInstance, Tally, UnfinishedInstance, VerifyResult } from '../shared/power-types';
import { SUBJECT_PREFIX, type Notification } from './notification';

/** What a power-schedule run left to tell, whether it succeeded or failed. */
export interface PowerRunNotice {
  executionName: string;
  request: PowerRequest;
  /** Where and why the run failed; absent when it succeeded. */
  failure?: { state: string; error: string; message?: string };
  totals: Partial<Record<Outcome, number>>;
  byRegion: Tally;
  notChanged: UnfinishedInstance[];
  /** Tagged instances a schedule must not change (Auto Scaling members, one-time Spot, instance-store roots): skipped on every run until someone acts. */
  skipped: SkippedInstance[];
}

/** Instances listed in one message; the rest are counted, and `ops explain` lists them all. */
export const MAX_LISTED_INSTANCES = 20;

/** Order of the counts in a message: what changed, what was already so, then what needs a look. */
const OUTCOME_ORDER: readonly Outcome[] = ['stopped', 'started', 'dryRunPassed', 'alreadyStopped', 'alreadyRunning', 'skipped', 'failed'];
const OUTCOME_LABEL: Record<Outcome, string> = {
  stopped: 'stopped',
  started: 'started',
  dryRunPassed: 'dry run passed',
  alreadyStopped: 'already stopped',
  alreadyRunning: 'already running',
  skipped: 'skipped',
  failed: 'failed',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function request(value: unknown, field: string): PowerRequest {
  if (!isRecord(value) || (value.action !== 'stop' && value.action !== 'start') || typeof value.tagValue !== 'string') {
    throw new InvalidInputError(field, 'must carry the run\'s action ("stop" or "start"), dryRun and tagValue');
  }
  return { action: value.action, dryRun: value.dryRun === true, tagValue: value.tagValue, ...(typeof value.skipReason === 'string' ? { skipReason: value.skipReason } : {}) };
}

function list<T>(value: unknown, field: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isRecord)) throw new InvalidInputError(field, 'must be a list of instances with region and instanceId');
  return value as T[];
}

/**
 * The notice in a Notify event of a power-schedule run:
 * `{summary}` (Summarize's output) or `{failure: {state, Error, Cause}, input}` (a failed step's
 * Catch with its recorded input: the Verify result RetryUnfinished received).
 */
export function parsePowerRunNotice(event: Record<string, unknown>): PowerRunNotice {
  const executionName = typeof event.executionName === 'string' ? event.executionName : '';
  if (!executionName) throw new InvalidInputError('executionName', 'must be the execution name ($$.Execution.Name)');
  if (isRecord(event.summary)) {
    const summary = event.summary as Partial<RunSummary>;
    if (!isRecord(summary.totals) || !isRecord(summary.byRegion)) throw new InvalidInputError('summary', 'must be Summarize\'s output, with totals and byRegion');
    return {
      executionName,
      request: request(summary, 'summary'),
      totals: summary.totals,
      byRegion: summary.byRegion as Tally,
      notChanged: [],
      skipped: list<SkippedInstance>(summary.skipped, 'summary.skipped'),
    };
  }
  if (isRecord(event.failure)) {
    const { state, Error: error, Cause: cause } = event.failure;
    if (typeof state !== 'string' || typeof error !== 'string') throw new InvalidInputError('failure', 'must name the failed state and carry its Error (and Cause)');
    const input = (isRecord(event.input) ? event.input : {}) as Partial<VerifyResult>;
    const notChanged = list<UnfinishedInstance>(input.unfinished, 'input.unfinished');
    const byRegion: Tally = structuredClone(isRecord(input.tally) ? input.tally : {});
    for (const u of notChanged) addToTally(byRegion, u.region, 'failed');
    const totals: Partial<Record<Outcome, number>> = {};
    for (const counts of Object.values(byRegion)) {
      for (const [outcome, n] of Object.entries(counts) as [Outcome, number][]) totals[outcome] = (totals[outcome] ?? 0) + n;
    }
    return {
      executionName,
      request: request(input, 'input'),
      failure: { state, error, message: causeMessage(typeof cause === 'string' ? cause : undefined) },
      totals,
      byRegion,
      notChanged,
      skipped: list<SkippedInstance>(input.skipped, 'input.skipped'),
    };
  }
  throw new InvalidInputError('summary', 'a power-run notice needs the run\'s summary, or the failure with the failed step\'s input');
}

/** "stopped 6, skipped 1, failed 2" */
function countsText(counts: Partial<Record<Outcome, number>>): string {
  const parts = OUTCOME_ORDER.filter((o) => (counts[o] ?? 0) > 0).map((o) => `${OUTCOME_LABEL[o]} ${counts[o]}`);
  return parts.length > 0 ? parts.join(', ') : 'no instances to change';
}

function instanceList(rows: string[][], executionName: string): string[] {
  return capped(columns(rows), MAX_LISTED_INSTANCES, (more) => `  ... and ${more} more: ops explain ${executionName}`);
}

/** Whether this run needs a human: something not changed, or tagged instances a schedule must leave alone. */
export function needsAHuman(notice: PowerRunNotice): boolean {
  return notice.failure !== undefined || notice.notChanged.length > 0 || notice.skipped.length > 0;
}

/** The message for a run, or undefined when it needed nobody and success messages are off. */
export function powerRunNotification(notice: PowerRunNotice, options: { tagKey: string; notifyOnSuccess: boolean; sentBy: string }): Notification | undefined {
  const { request: run, executionName } = notice;
  if (!needsAHuman(notice) && !options.notifyOnSuccess) return undefined;
  const what = `power-schedule ${run.action}${run.dryRun ? ' (dry run)' : ''}`;
  const tag = `${options.tagKey}=${run.tagValue}`;
  const skippedText = `${notice.skipped.length} tagged instance(s) skipped`;

  const { skipped: _skipped, ...changed } = notice.totals;
  let headline: string;
  if (notice.failure && notice.notChanged.length > 0) headline = `${what} FAILED: ${notice.notChanged.length} instance(s) not changed`;
  else if (notice.failure) headline = `${what} FAILED at ${notice.failure.state}: ${notice.failure.error}`;
  else if (notice.skipped.length > 0) headline = `${what}: ${countsText(changed)}; ${skippedText}, needs a look`;
  else if (run.skipReason) headline = `${what}: nothing done today (${run.skipReason})`;
  else headline = `${what}: ${countsText(notice.totals)}`;

  const lines = [`${headline} (tag ${tag})`, `Execution: ${executionName}`];
  if (notice.failure) {
    lines.push(`Failed at ${notice.failure.state}: ${notice.failure.error}`);
  }
  lines.push('', `Counts: ${countsText(notice.totals)}`);
  const regions = Object.keys(notice.byRegion).sort();
  if (regions.length > 1) lines.push(...columns(regions.map((r) => [r, countsText(notice.byRegion[r] ?? {})])));

  const nextSteps: string[] = [];
  if (notice.notChanged.length > 0) {
    lines.push('', `Instances not changed (${notice.notChanged.length}):`);
    lines.push(...instanceList(notice.notChanged.map((u) => [u.instanceId, u.region, u.errorCode ?? 'notArrived', u.reason]), executionName));
  } else if (notice.failure?.message) {
    lines.push('', notice.failure.message);
  }
  if (notice.skipped.length > 0) {
    lines.push('', `Skipped on every run until someone acts (${notice.skipped.length}): tagged ${tag}, but a schedule must not change them:`);
    lines.push(...instanceList(notice.skipped.map((s) => [s.instanceId, s.region, s.reason]), executionName));
  }
  if (notice.failure) {
    const scope = notice.notChanged.length > 0 ? `${notice.failure.state} for these ${notice.notChanged.length} instance(s) only` : notice.failure.state;
    nextSteps.push(`ops explain ${executionName}`, `ops redrive ${executionName}`);
    lines.push(
      '',
      'What next:',
      ...columns([
        [`ops explain ${executionName}`, '(the failed step, its error and each instance\'s error code)'],
        [`ops redrive ${executionName}`, `(after fixing the cause: re-runs ${scope}, then the steps after it)`],
      ]),
    );
  }
  if (notice.skipped.length > 0) {
    lines.push('', `For the skipped instances: remove the ${options.tagKey} tag, or schedule what owns them instead (e.g. an Auto Scaling group's scheduled actions).`);
  }
  lines.push('', `-- ops-automation power-schedule, ${options.sentBy}`);

  return {
    subject: `${SUBJECT_PREFIX} ${headline}`,
    title: headline,
    text: lines.join('\n'),
    ...(nextSteps.length > 0 ? { nextSteps } : {}),
  };
}
