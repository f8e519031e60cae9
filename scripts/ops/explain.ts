/**
 * `ops explain`: what exactly failed in one execution, read from its history — for power-schedule
 * the instances RetryUnfinished could not change (its recorded input: the structured record, which
 * GetExecutionHistory returns in full) and any batch call that failed; for cost-report the price
 * keys whose pricing iterations failed; otherwise the failed state's error and cause. Ends with
 * what a Redrive would re-run.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { FailedBatch, UnfinishedInstance } from '../../functions/shared/power-types';
import type { MachineName } from './deployment';
import type { ExecutionDescription } from './executions';
import { causeMessage } from '../../functions/shared/errors';
import { columns } from '../../functions/shared/plain-text';
import {
  failedIterations,
  fetchHistory,
  findFailurePoint,
  innerOutputsWith,
  latestAttempt,
  mapProgress,
  parseJson,
  type FailurePoint,
  type HistoryEvent,
  type MapProgress,
} from './history';
import { formatDuration, formatTime, truncate } from './names';

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
  /** From the failed state's recorded input. */
  unfinished: UnfinishedInstance[];
  failedBatches: FailedBatch[];
  failedKeys: FailedKey[];
  maps: MapProgress[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function asUnfinished(value: unknown): UnfinishedInstance[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((item) => ({
    region: String(item.region ?? '?'),
    instanceId: String(item.instanceId ?? '?'),
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
    failedBatches: [],
    failedKeys: [],
    maps: mapProgress(latestAttempt(events)),
  };
  if (!failure) return explanation;

  const input = parseJson(failure.stateInput);
  if (isRecord(input) && typeof input.action === 'string') explanation.action = input.action;
  explanation.unfinished = (isRecord(input) ? asUnfinished(input.unfinished) : undefined) ?? [];

  explanation.failedBatches = innerOutputsWith(events, 'batchError').filter(isRecord).map((output) => ({
    region: String(output.region ?? '?'),
    instanceIds: Array.isArray(output.instanceIds) ? output.instanceIds.map(String) : [],
    batchError: isRecord(output.batchError)
      ? { Error: String(output.batchError.Error ?? '?'), Cause: typeof output.batchError.Cause === 'string' ? output.batchError.Cause : undefined }
      : { Error: '?' },
  }));

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

export async function explainExecution(sfn: SFNClient, execution: ExecutionDescription, machine?: MachineName): Promise<Explanation> {
  const events = await fetchHistory(sfn, execution.executionArn ?? '');
  return explainFromHistory(execution, events, machine);
}

function keyLabel(key: Record<string, unknown> | undefined): string {
  if (!key) return '(input not recorded)';
  return typeof key.id === 'string' ? key.id : JSON.stringify(key);
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
  if (x.status === 'SUCCEEDED') {
    lines.push('  nothing failed.');
    return lines;
  }
  if (x.status === 'RUNNING' || x.status === 'PENDING_REDRIVE') {
    lines.push('  still running: nothing to explain yet (follow it with ops redrive/run --wait, or look again when it ends).');
    return lines;
  }
  const f = x.failure;
  lines.push(`  failed at ${f?.state ?? 'an unknown state'}: ${f?.error ?? 'no error recorded'}`);
  if (x.message) lines.push(`  ${truncate(x.message, 300)}`);

  if (x.unfinished.length > 0) {
    lines.push('');
    const verb = x.action ? ` (action ${x.action})` : '';
    lines.push(`Instances not changed${verb}, from the failed step's state input:`);
    lines.push(...columns(x.unfinished.map((u) => [u.instanceId, u.region, u.errorCode ?? 'notArrived', u.reason])));
  }
  if (x.failedBatches.length > 0) {
    lines.push('');
    lines.push('Batch calls that failed after their retries (their instances went on to Verify and RetryUnfinished):');
    lines.push(
      ...columns(
        x.failedBatches.map((b) => [b.region, `${b.instanceIds.length} instance(s)`, `${b.batchError.Error}: ${truncate(causeMessage(b.batchError.Cause) ?? '', 120)}`]),
      ),
    );
  }
  const map = x.maps.find((m) => m.map === f?.state);
  if (x.failedKeys.length > 0) {
    lines.push('');
    const counts = map ? ` (${map.failed} failed, ${map.aborted} aborted, ${map.succeeded} succeeded of ${map.total ?? '?'})` : '';
    lines.push(`Price keys whose ${f?.state} iteration failed${counts}:`);
    lines.push(
      ...columns(x.failedKeys.map((k) => [`#${k.index}`, keyLabel(k.key), `${k.error ?? '?'}: ${truncate(k.message ?? '', 160)}`])),
    );
  }
  if (f?.inputTruncated) lines.push('  (the step input was too large for the history and is truncated there)');

  if (REDRIVABLE.has(x.status) && f?.state) {
    lines.push('');
    lines.push(`Redrive (ops redrive ${x.name}) ${redriveScope(x, map)}`);
  }
  return lines;
}

function redriveScope(x: Explanation, map: MapProgress | undefined): string {
  const state = x.failure?.state ?? '?';
  if (x.unfinished.length > 0) return `re-runs ${state} for these ${x.unfinished.length} instance(s) only, then the steps after it.`;
  if (map && (map.failed > 0 || map.aborted > 0)) {
    return `re-runs only the ${map.failed} failed and ${map.aborted} aborted ${state} iteration(s), then the steps after it.`;
  }
  return `re-runs ${state} with the same input, then the steps after it.`;
}
