/**
 * The power-schedule run message: one per run that needs a human — some instances could not be
 * changed, a target (account × region) could not be reached, or tagged instances are skipped every
 * run because a schedule must not change them — and, only when NOTIFY_ON_SUCCESS is on, a short one
 * for a run that needed nobody.
 *
 * Two moments send it: NotifyRun with Summarize's output (or the skip day's) when the run ended,
 * and the execution-failed message (execution-failed.ts) with the failed step and its recorded
 * input, read from the execution's history. For RetryUnfinished (InstancesNotChangedError)
 * that input says where the Distributed Map wrote the targets' results: what the run did and what it
 * could not change are read from the run's objects in S3 (`readFailedRun`), the results as
 * `ops explain` reads them and what RetryUnfinished could still not change from its record.
 * Parsing and the text are pure.
 */
import { awsErrorCode, causeMessage, InvalidInputError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { capped, columns } from '../shared/plain-text';
import { readLeftUndone, readPowerRunResults, runOutcomes } from '../shared/power-results';
import { POWER_WORK_FOLDER, runKeys, type JsonStore } from '../shared/power-store';
import type {
  Counts,
  MapRunOutput,
  PowerRequest,
  RetryRecord,
  RunSummary,
  SkippedInstance,
  UnfinishedInstance,
  UnfinishedTarget,
  UnreachableTarget,
} from '../shared/power-types';
import { resourceName } from '../shared/power-types';
import { overrideTagKey } from '../shared/overrides';
import { countsText } from '../shared/power-counts-text';
import { addToTarget, rollUp } from '../shared/tally';
import { SUBJECT_PREFIX, type Notification } from './notification';

/** What a power-schedule run left to tell, whether it succeeded or failed. */
export interface PowerRunNotice {
  executionName: string;
  request: PowerRequest;
  /** Where and why the run failed; absent when it succeeded. */
  failure?: { state: string; error: string; message?: string };
  totals: Counts;
  byAccount: Record<string, Counts>;
  byRegion: Record<string, Counts>;
  /** How many targets the run covered and how they ended, when known. */
  targets?: RunSummary['targets'];
  /** Instances the run could not change, each with its account and region. */
  notChanged: UnfinishedInstance[];
  /** Targets none of whose instances could be handled (their listing or verifying failed). */
  targetsNotDone: UnfinishedTarget[];
  /** Targets the run could not reach (role missing or refused, region not enabled): nothing was changed there. */
  unreachable: UnreachableTarget[];
  /** Tagged instances a schedule must not change (Auto Scaling members, one-time Spot, instance-store roots): skipped on every run until someone acts. */
  skipped: SkippedInstance[];
  /** s3:// URI of the run's summary object (counts per account and region, every target and instance listed); a failed run has none. */
  detail?: string;
  /** A failed RetryUnfinished: where the targets' results are, to read before the message is written. */
  results?: MapRunOutput;
  /** What could not be read of a failed run, said in the message instead of its counts. */
  readProblem?: string;
}

/** Instances (and targets) listed in one message; the rest are counted, and `ops explain` or the detail lists them all. */
export const MAX_LISTED_INSTANCES = 20;

/** An AWS error message in a table cell: one line, cut where it stops helping. */
const MAX_REASON = 160;

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function request(value: unknown, field: string): PowerRequest {
  if (!isRecord(value) || (value.action !== 'stop' && value.action !== 'start') || typeof value.tagValue !== 'string') {
    throw new InvalidInputError(field, 'must carry the run\'s action ("stop" or "start"), dryRun and tagValue');
  }
  return { action: value.action, dryRun: value.dryRun === true, tagValue: value.tagValue, ...(typeof value.skipReason === 'string' ? { skipReason: value.skipReason } : {}) };
}

function list<T>(value: unknown, field: string, what: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isRecord)) throw new InvalidInputError(field, `must be a list of ${what}`);
  return value as T[];
}

function countsBy(value: unknown, field: string): Record<string, Counts> {
  if (value === undefined) return {};
  if (!isRecord(value) || !Object.values(value).every(isRecord)) throw new InvalidInputError(field, 'must map each account or region to its counts per outcome');
  return value as Record<string, Counts>;
}

function mapRunOutput(value: unknown): MapRunOutput | undefined {
  if (!isRecord(value) || !isRecord(value.ResultWriterDetails)) return undefined;
  const { Bucket: bucket, Key: key } = value.ResultWriterDetails;
  if (typeof bucket !== 'string' || typeof key !== 'string') throw new InvalidInputError('input.results', 'must be the Distributed Map\'s ResultWriter output, with ResultWriterDetails Bucket and Key');
  return value as unknown as MapRunOutput;
}

/**
 * The notice in a Notify event of a power-schedule run:
 * `{summary}` (Summarize's output, or the skip-day Pass state's) or `{failure: {state, Error, Cause}, input}`
 * (a failed step's Catch with its recorded input; RetryUnfinished's names the targets' results).
 */
export function parsePowerRunNotice(event: Record<string, unknown>): PowerRunNotice {
  const executionName = typeof event.executionName === 'string' ? event.executionName : '';
  if (!executionName) throw new InvalidInputError('executionName', 'must be the execution name ($$.Execution.Name)');
  const empty = { notChanged: [], targetsNotDone: [] };
  if (isRecord(event.summary)) {
    const summary = event.summary as Partial<RunSummary>;
    if (!isRecord(summary.totals)) throw new InvalidInputError('summary', 'must be Summarize\'s output, with totals');
    return {
      executionName,
      request: request(summary, 'summary'),
      ...empty,
      totals: summary.totals,
      byAccount: countsBy(summary.byAccount, 'summary.byAccount'),
      byRegion: countsBy(summary.byRegion, 'summary.byRegion'),
      ...(isRecord(summary.targets) ? { targets: summary.targets } : {}),
      unreachable: list<UnreachableTarget>(summary.unreachable, 'summary.unreachable', 'targets with accountId, region and error'),
      skipped: list<SkippedInstance>(summary.skipped, 'summary.skipped', 'instances with accountId, region and instanceId'),
      ...(typeof summary.detail === 'string' ? { detail: summary.detail } : {}),
    };
  }
  if (isRecord(event.failure)) {
    const { state, Error: error, Cause: cause } = event.failure;
    if (typeof state !== 'string' || typeof error !== 'string') throw new InvalidInputError('failure', 'must name the failed state and carry its Error (and Cause)');
    const input = isRecord(event.input) ? event.input : {};
    const results = mapRunOutput(input.results);
    return {
      executionName,
      request: request(input, 'input'),
      failure: { state, error, message: causeMessage(typeof cause === 'string' ? cause : undefined) },
      ...empty,
      totals: {},
      byAccount: {},
      byRegion: {},
      unreachable: [],
      skipped: [],
      ...(results ? { results } : {}),
    };
  }
  throw new InvalidInputError('summary', 'a power-run notice needs the run\'s summary, or the failure with the failed step\'s input');
}

/** The folder every power-schedule run keeps its objects under: a failed run's results are read only from there. */
export function checkResultsLocation(results: MapRunOutput, bucket: string, workPrefix: string): void {
  const { Bucket, Key } = results.ResultWriterDetails;
  const folder = `${workPrefix}${POWER_WORK_FOLDER}`;
  if (Bucket !== bucket || !Key.startsWith(folder)) {
    throw new InvalidInputError('input.results', `must be where this deployment's power-schedule runs write, s3://${bucket}/${folder}..., got s3://${Bucket}/${Key}`);
  }
}

/**
 * A failed run's notice with what the run did and could not change, read from its objects: the
 * targets' results, and RetryUnfinished's record of what it could still not change. Without that
 * record (the step failed before writing it), what the targets left unfinished, as a Redrive would
 * re-attempt it. What cannot be read is said in the message; it never stops the message.
 */
export async function readFailedRun(notice: PowerRunNotice, store: JsonStore, log: DecisionLog): Promise<PowerRunNotice> {
  if (!notice.results) return notice;
  const where = `s3://${notice.results.ResultWriterDetails.Bucket}/${notice.results.ResultWriterDetails.Key}`;
  try {
    const run = await readPowerRunResults(store, notice.results);
    const retryKey = runKeys(run.folder).retry;
    const retry = await store.read<RetryRecord>(retryKey, 'what RetryUnfinished did').catch((error: unknown) => {
      log.warn('no RetryUnfinished record; naming what the targets left unfinished', { key: retryKey, errorCode: awsErrorCode(error) });
      return undefined;
    });
    const undone = retry ? { instances: retry.notChanged, targets: retry.targetsNotDone } : await readLeftUndone(store, run);
    const { byTarget, unreachable, skipped } = runOutcomes(run, retry);
    for (const instance of undone.instances) addToTarget(byTarget, instance, { failed: 1 });
    return {
      ...notice,
      ...rollUp(byTarget),
      targets: {
        total: run.results.length + run.notFinished.length,
        done: run.results.filter((r) => r.status === 'done').length,
        unreachable: unreachable.length,
        redone: retry?.redone.length ?? 0,
      },
      notChanged: undone.instances,
      targetsNotDone: undone.targets,
      unreachable,
      skipped,
    };
  } catch (error) {
    log.warn('the failed run\'s results could not be read', { where, errorCode: awsErrorCode(error) });
    return { ...notice, readProblem: `its targets' results at ${where} could not be read (${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)})` };
  }
}

function oneLine(text: string | undefined): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length <= MAX_REASON ? line : `${line.slice(0, MAX_REASON - 3).trimEnd()}...`;
}

/** Skipped resources that want a person (a schedule must leave them alone, or an override not understood), apart from those a valid override holds as asked. */
function splitSkipped(notice: PowerRunNotice): { needing: SkippedInstance[]; held: SkippedInstance[] } {
  return { needing: notice.skipped.filter((s) => !s.heldByOverride), held: notice.skipped.filter((s) => s.heldByOverride) };
}

/** Whether this run needs a human: something not changed or not reached, or tagged resources skipped for a reason nobody asked for. */
export function needsAHuman(notice: PowerRunNotice): boolean {
  return (
    notice.failure !== undefined ||
    notice.notChanged.length > 0 ||
    notice.targetsNotDone.length > 0 ||
    notice.unreachable.length > 0 ||
    splitSkipped(notice).needing.length > 0
  );
}

/** The message for a run, or undefined when it needed nobody and success messages are off. */
export function powerRunNotification(notice: PowerRunNotice, options: { tagKey: string; notifyOnSuccess: boolean; sentBy: string }): Notification | undefined {
  const { request: run, executionName } = notice;
  if (!needsAHuman(notice) && !options.notifyOnSuccess) return undefined;
  const what = `power-schedule ${run.action}${run.dryRun ? ' (dry run)' : ''}`;
  const tag = `${options.tagKey}=${run.tagValue}`;
  // The summary lists at most MAX_LISTED of each; its counts cover all.
  const unreachableCount = Math.max(notice.targets?.unreachable ?? 0, notice.unreachable.length);
  const { needing, held } = splitSkipped(notice);
  const needsALook = [
    ...(unreachableCount > 0 ? [`${unreachableCount} target(s) not reached`] : []),
    ...(needing.length > 0 ? [`${needing.length} tagged resource(s) skipped`] : []),
  ];
  // The rest of a list: in the detail object for a run that succeeded, through ops explain for one that failed.
  const more = (count: number) => (notice.failure || !notice.detail ? `  ... and ${count} more: ops explain ${executionName}` : `  ... and ${count} more: ${notice.detail}`);
  const listed = (rows: string[][]) => capped(columns(rows), MAX_LISTED_INSTANCES, more);

  const { skipped: _skipped, ...changed } = notice.totals;
  const notChanged = [
    ...(notice.notChanged.length > 0 ? [`${notice.notChanged.length} instance(s)`] : []),
    ...(notice.targetsNotDone.length > 0 ? [`${notice.targetsNotDone.length} target(s)`] : []),
  ].join(' and ');
  let headline: string;
  if (notice.failure && notChanged) headline = `${what} FAILED: ${notChanged} not changed`;
  else if (notice.failure) headline = `${what} FAILED at ${notice.failure.state}: ${notice.failure.error}`;
  else if (needsALook.length > 0) headline = `${what}: ${countsText(changed)}; ${needsALook.join(', ')}, needs a look`;
  else if (run.skipReason) headline = `${what}: nothing done today (${run.skipReason})`;
  else headline = `${what}: ${countsText(notice.totals)}`;

  const lines = [`${headline} (tag ${tag})`, `Execution: ${executionName}`];
  if (notice.failure) lines.push(`Failed at ${notice.failure.state}: ${notice.failure.error}`);
  if (notice.targets && notice.targets.total > 1) {
    const ended = [`${notice.targets.done} done`, ...(unreachableCount > 0 ? [`${unreachableCount} not reached`] : []), ...(notice.targets.redone > 0 ? [`${notice.targets.redone} done again`] : [])];
    lines.push(`Targets (account x region): ${notice.targets.total}, ${ended.join(', ')}`);
  }
  lines.push('', `Counts: ${countsText(notice.totals)}`);
  const regions = Object.keys(notice.byRegion).sort();
  if (regions.length > 1) lines.push(...columns(regions.map((r) => [r, countsText(notice.byRegion[r] ?? {})])));
  const accounts = Object.keys(notice.byAccount).sort();
  if (accounts.length > 1) lines.push('By account:', ...columns(accounts.map((a) => [a, countsText(notice.byAccount[a] ?? {})])));
  if (notice.readProblem) lines.push(`(No counts: ${notice.readProblem}.)`);

  const nextSteps: string[] = [];
  if (notice.notChanged.length > 0) {
    lines.push('', `Instances not changed (${notice.notChanged.length}):`);
    lines.push(...listed(notice.notChanged.map((u) => [resourceName(u), u.accountId, u.region, u.errorCode ?? 'notArrived', oneLine(u.reason)])));
  }
  if (notice.targetsNotDone.length > 0) {
    lines.push('', `Targets whose tagged instances could not be handled at all (${notice.targetsNotDone.length}):`);
    lines.push(...listed(notice.targetsNotDone.map((t) => [t.accountId, t.region, t.errorCode, oneLine(causeMessage(t.reason))])));
  }
  if (notice.failure && !notChanged && notice.failure.message) {
    lines.push('', notice.failure.message);
  }
  if (unreachableCount > 0) {
    lines.push('', `Targets not reached (${unreachableCount}): nothing was changed there:`);
    lines.push(...capped(columns(notice.unreachable.map((u) => [u.accountId, u.region, u.error, oneLine(u.message)])), MAX_LISTED_INSTANCES, (n) => more(n + unreachableCount - notice.unreachable.length)));
  }
  if (needing.length > 0) {
    lines.push('', `Skipped on every run until someone acts (${needing.length}): tagged ${tag}, but a schedule must not change them:`);
    lines.push(...listed(needing.map((s) => [resourceName(s), s.accountId, s.region, s.reason])));
  }
  if (held.length > 0) {
    lines.push('', `Kept out by their ${overrideTagKey(options.tagKey)} tag, as asked (${held.length}):`);
    lines.push(...listed(held.map((s) => [resourceName(s), s.accountId, s.region, s.reason])));
  }
  if (notice.failure) {
    const scope = notChanged ? `${notice.failure.state} for these ${notChanged} only` : notice.failure.state;
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
  if (unreachableCount > 0) {
    lines.push('', `For the targets not reached: deploy the member role (modules/member-role) in the account, let it trust this deployment, and enable the region; the next run tries them again.`);
  }
  if (needing.length > 0) {
    lines.push('', `For the skipped resources: remove the ${options.tagKey} tag, or schedule what owns them instead (e.g. an Auto Scaling group's scheduled actions); where their ${overrideTagKey(options.tagKey)} tag is not understood, correct its value.`);
  }
  if (notice.detail) lines.push('', `Detail: ${notice.detail}`);
  lines.push('', `-- ops-automation power-schedule, ${options.sentBy}`);

  return {
    subject: `${SUBJECT_PREFIX} ${headline}`,
    title: headline,
    text: lines.join('\n'),
    ...(nextSteps.length > 0 ? { nextSteps } : {}),
  };
}
