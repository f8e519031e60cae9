/**
 * `ops explain`: what exactly failed in one execution, read from its history — for power-schedule
 * the instances RetryUnfinished could not change, with account and region: its recorded input is
 * where the Distributed Map wrote the targets' results, so they are read from S3 as the step read
 * them (functions/shared/power-results.ts); for cost-report the price keys whose pricing iterations
 * failed — an inline Map's from its MapIteration* events, a Distributed Map's from its Map Run's
 * child executions (functions/shared/map-run.ts), which real AWS keeps out of the parent's history; otherwise the
 * failed state's error and cause. Ends with what a Redrive would re-run.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { awsErrorCode } from '../../functions/shared/errors';
import { readLeftUndone, readPowerRunResults, runOutcomes } from '../../functions/shared/power-results';
import { countsByKindRows } from '../../functions/shared/power-counts-text';
import { jsonStore, type JsonStore } from '../../functions/shared/power-store';
import { RESOURCE_KINDS, resourceName, type CountsByKind, type MapRunOutput, type ResourceKind, type UnfinishedInstance, type UnfinishedTarget } from '../../functions/shared/power-types';
import { s3ReportStore } from '../../functions/shared/report-store';
import type { MachineName } from './deployment';
import type { ExecutionDescription } from './executions';
import { causeMessage } from '../../functions/shared/errors';
import { columns } from '../../functions/shared/plain-text';
import {
  failedIterations,
  fetchHistory,
  findFailurePoint,
  latestAttempt,
  mapProgress,
  mapRunArnOf,
  parseJson,
  type FailurePoint,
  type HistoryEvent,
  type MapProgress,
} from '../../functions/shared/execution-history';
import { childOutcome, itemLabel, itemsNoun, keyLabel, mapRunCounts, mapRunFailed, readMapRunFailures, type MapRunFailures } from '../../functions/shared/map-run';
import { truncate } from '../../functions/shared/plain-text';
import { formatDuration, formatTime } from './names';

export interface FailedKey {
  index: number;
  /** The price key the iteration was pricing ({id, kind, region, ...}), when its input was recorded. */
  key?: Record<string, unknown>;
  error?: string;
  message?: string;
}

export interface Explanation {
  name: string;
  machine?: MachineName;
  status: string;
  startDate?: Date;
  stopDate?: Date;
  failure?: FailurePoint;
  message?: string;
  action?: string;
  /** From the failed state's recorded input, or the targets' results it names. */
  unfinished: UnfinishedInstance[];
  /** Targets RetryUnfinished does again whole (their child could not list or verify). */
  targetsNotDone: UnfinishedTarget[];
  /** Where the failed step's input says the Distributed Map wrote the targets' results. */
  results?: MapRunOutput;
  /** Why the results could not be read, when they could not. */
  resultsProblem?: string;
  failedKeys: FailedKey[];
  /** The failed state's Map Run, when it is a Distributed Map: its ARN from the history, then what it did. */
  mapRunArn?: string;
  mapRun?: MapRunFailures;
  maps: MapProgress[];
  /** What a power-schedule run did, by resource kind: its output's, or for a failed run its targets' results. */
  byKind?: CountsByKind;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function isResourceKind(value: unknown): value is ResourceKind {
  return RESOURCE_KINDS.includes(value as ResourceKind);
}

function asUnfinished(value: unknown): UnfinishedInstance[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((item) => ({
    // Runs from before targets named no account: they acted in the deployment account.
    accountId: String(item.accountId ?? '-'),
    region: String(item.region ?? '?'),
    instanceId: String(item.instanceId ?? '?'),
    ...(isResourceKind(item.kind) ? { kind: item.kind } : {}),
    reason: String(item.reason ?? ''),
    ...(typeof item.errorCode === 'string' ? { errorCode: item.errorCode } : {}),
  }));
}

export function explainFromHistory(execution: ExecutionDescription, events: readonly HistoryEvent[], machine?: MachineName): Explanation {
  const failure = findFailurePoint(events);
  const message = causeMessage(failure?.cause ?? execution.cause);
  const explanation: Explanation = {
    name: execution.name ?? '?',
    machine,
    status: execution.status ?? '?',
    startDate: execution.startDate,
    stopDate: execution.stopDate,
    failure,
    message,
    unfinished: [],
    targetsNotDone: [],
    failedKeys: [],
    maps: mapProgress(latestAttempt(events)),
  };
  const output = parseJson(execution.output);
  if (isRecord(output) && isRecord(output.byKind)) explanation.byKind = output.byKind as CountsByKind;
  if (!failure) return explanation;

  const input = parseJson(failure.stateInput);
  if (isRecord(input) && typeof input.action === 'string') explanation.action = input.action;
  explanation.unfinished = (isRecord(input) ? asUnfinished(input.unfinished) : undefined) ?? [];
  const results = isRecord(input) && isRecord(input.results) ? input.results : undefined;
  if (isRecord(results?.ResultWriterDetails) && typeof results.ResultWriterDetails.Key === 'string' && typeof results.ResultWriterDetails.Bucket === 'string') {
    explanation.results = results as unknown as MapRunOutput;
  }

  explanation.mapRunArn = failure.state ? mapRunArnOf(events, failure.state) : undefined;
  explanation.failedKeys = failedIterations(events)
    .filter((iteration) => iteration.map === failure.state)
    .map((iteration) => {
      const iterationInput = parseJson(iteration.input);
      const key = isRecord(iterationInput) && isRecord(iterationInput.key) ? iterationInput.key : undefined;
      return {
        index: iteration.index,
        key,
        error: iteration.error ?? failure.error,
        message: causeMessage(iteration.cause ?? failure.cause),
      };
    });
  return explanation;
}

/** The instances and targets the failed step would re-attempt, read from the targets' results in S3. */
export async function addUnfinishedFromResults(explanation: Explanation, storeFor: (bucket: string) => JsonStore): Promise<Explanation> {
  const location = explanation.results;
  if (!location) return explanation;
  try {
    const store = storeFor(location.ResultWriterDetails.Bucket);
    const run = await readPowerRunResults(store, location);
    const undone = await readLeftUndone(store, run);
    explanation.byKind = runOutcomes(run).byKind;
    explanation.unfinished = undone.instances;
    explanation.targetsNotDone = undone.targets;
  } catch (error) {
    const where = `s3://${location.ResultWriterDetails.Bucket}/${location.ResultWriterDetails.Key}`;
    explanation.resultsProblem = `the targets' results at ${where} could not be read (${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)})`;
  }
  return explanation;
}

export async function explainExecution(sfn: SFNClient, s3: S3Client, execution: ExecutionDescription, machine?: MachineName): Promise<Explanation> {
  const events = await fetchHistory(sfn, execution.executionArn ?? '');
  const explanation = explainFromHistory(execution, events, machine);
  if (explanation.mapRunArn) explanation.mapRun = await readMapRunFailures(sfn, explanation.mapRunArn);
  return addUnfinishedFromResults(explanation, (bucket) => jsonStore(s3ReportStore(s3, bucket)));
}

function renderMapRun(run: MapRunFailures, state: string): string[] {
  const counts = mapRunCounts(run);
  const lines = ['', `${itemsNoun(run)} whose ${state} child execution failed (Map Run ${counts ?? 'counts not read'}):`];
  const read = run.children.filter((child) => !child.unreadable);
  lines.push(...columns(read.map((child) => [itemLabel(child.input), childOutcome(child, 160), child.name])));
  for (const child of run.children.filter((c) => c.unreadable)) {
    lines.push(`  ${child.status} child ${child.executionArn} could not be read (DescribeExecution: ${truncate(child.unreadable ?? '', 400)})`);
  }
  if (run.notDescribed > 0) {
    lines.push(
      `  ... and ${run.notDescribed} more unsuccessful child execution(s), not described here (ops explain reads the first ${run.children.length}); all of them: aws stepfunctions list-executions --map-run-arn ${run.mapRunArn} --status-filter FAILED (and TIMED_OUT)`,
    );
  }
  for (const problem of run.problems) lines.push(`  (could not read ${problem.text})`);
  return lines;
}

const REDRIVABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

export function renderExplanation(x: Explanation): string[] {
  const lines: string[] = [];
  const what = x.machine ? ` (${x.machine})` : '';
  lines.push(`${x.name}${what}: ${x.status}`);
  const span = x.startDate
    ? `started ${formatTime(x.startDate)}${x.stopDate ? `, stopped ${formatTime(x.stopDate)} after ${formatDuration(x.stopDate.getTime() - x.startDate.getTime())}` : ''}`
    : '';
  if (span) lines.push(`  ${span}`);
  const byKind = countsByKindRows(x.byKind);
  if (x.status === 'SUCCEEDED') {
    lines.push('  nothing failed.');
    if (byKind.length > 0) lines.push('', 'By kind:', ...columns(byKind));
    return lines;
  }
  if (x.status === 'RUNNING' || x.status === 'PENDING_REDRIVE') {
    lines.push('  still running: nothing to explain yet (follow it with ops redrive/run --wait, or look again when it ends).');
    return lines;
  }
  const f = x.failure;
  lines.push(`  ${howItEnded(x.status, f)}`);
  if (x.message) lines.push(`  ${truncate(x.message, 300)}`);

  if (byKind.length > 0) lines.push('', "What the targets' child executions did, by kind:", ...columns(byKind));
  const from = x.results ? `from the targets' results the failed step reads (s3://${x.results.ResultWriterDetails.Bucket}/${x.results.ResultWriterDetails.Key})` : "from the failed step's state input";
  if (x.unfinished.length > 0) {
    lines.push('');
    const verb = x.action ? ` (action ${x.action})` : '';
    lines.push(`Instances not changed${verb}, ${from}:`);
    lines.push(...columns(x.unfinished.map((u) => [u.kind ?? 'ec2', resourceName(u), u.accountId, u.region, u.errorCode ?? 'notArrived', u.reason])));
  }
  if (x.targetsNotDone.length > 0) {
    lines.push('');
    lines.push(`Targets whose child execution could not list or verify (RetryUnfinished does them again whole), ${from}:`);
    lines.push(...columns(x.targetsNotDone.map((t) => [t.accountId, t.region, t.errorCode, truncate(causeMessage(t.reason) ?? '', 160)])));
  }
  if (x.resultsProblem) lines.push(`  (${x.resultsProblem})`);
  const map = x.maps.find((m) => m.map === f?.state);
  if (x.failedKeys.length > 0) {
    lines.push('');
    const counts = map ? ` (${map.failed} failed, ${map.aborted} aborted, ${map.succeeded} succeeded of ${map.total ?? '?'})` : '';
    lines.push(`Price keys whose ${f?.state} iteration failed${counts}:`);
    lines.push(
      ...columns(x.failedKeys.map((k) => [`#${k.index}`, keyLabel(k.key), `${k.error ?? '?'}: ${truncate(k.message ?? '', 160)}`])),
    );
  }
  if (x.mapRun && f?.state && mapRunFailed(x.mapRun)) lines.push(...renderMapRun(x.mapRun, f.state));
  if (f?.inputTruncated) lines.push('  (the step input was too large for the history and is truncated there)');

  if (REDRIVABLE.has(x.status) && f?.state) {
    lines.push('');
    lines.push(`Redrive (ops redrive ${x.name}) ${redriveScope(x, map)}`);
  }
  return lines;
}

/** FAILED, TIMED_OUT and ABORTED end differently, and an operator acts differently on each. */
function howItEnded(status: string, f: FailurePoint | undefined): string {
  const state = f?.state ?? 'an unknown state';
  if (status === 'TIMED_OUT') return `timed out at ${state}: ${f?.error ?? 'States.Timeout'} (the execution ran past its TimeoutSeconds)`;
  if (status === 'ABORTED') return `aborted at ${state}${f?.error ? `: ${f.error}` : ' (stopped by StopExecution, not by an error)'}`;
  return `failed at ${state}: ${f?.error ?? 'no error recorded'}`;
}

function redriveScope(x: Explanation, map: MapProgress | undefined): string {
  const state = x.failure?.state ?? '?';
  if (x.unfinished.length > 0 || x.targetsNotDone.length > 0) {
    const what = [
      ...(x.unfinished.length > 0 ? [`these ${x.unfinished.length} instance(s)`] : []),
      ...(x.targetsNotDone.length > 0 ? [`these ${x.targetsNotDone.length} target(s)`] : []),
    ].join(' and ');
    const counted = x.results ? ' (any already changed since are counted as done without a call)' : '';
    return `re-runs ${state} for ${what} only${counted}, then the steps after it.`;
  }
  const counts = x.mapRun?.itemCounts;
  if (x.mapRun && !mapRunFailed(x.mapRun)) return `re-runs ${state} with the same input, then the steps after it.`;
  if (counts) {
    const unsuccessful = [`${counts.failed ?? 0} failed`, ...(counts.timedOut ? [`${counts.timedOut} timed out`] : []), `${counts.aborted ?? 0} aborted`].join(', ');
    return `re-runs only the ${state} Map Run's unsuccessful child executions (${unsuccessful}; the ${counts.succeeded ?? 0} that succeeded are not run again), then the steps after it.`;
  }
  if (x.mapRunArn) return `re-runs only the unsuccessful child executions of the ${state} Map Run (those that succeeded are not run again), then the steps after it.`;
  if (map && (map.failed > 0 || map.aborted > 0)) {
    return `re-runs only the ${map.failed} failed and ${map.aborted} aborted ${state} iteration(s), then the steps after it.`;
  }
  return `re-runs ${state} with the same input, then the steps after it.`;
}
