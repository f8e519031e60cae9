/**
 * Reading a Step Functions execution history: fetching it, and the few structural facts every
 * reader needs from it — which events sit inside a Map, where the execution stopped and why,
 * how far each Map got. The ops CLI (`ops explain`, progress) and the notify function's message for
 * a failed execution read a failure from here, so both name the same step, error and input.
 * Pure functions over the events, so they are tested without AWS.
 */
import { paginateGetExecutionHistory, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

export type { HistoryEvent };

export async function fetchHistory(
  sfn: SFNClient,
  executionArn: string,
  options: { reverseOrder?: boolean; maxEvents?: number } = {},
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  const pages = paginateGetExecutionHistory(
    { client: sfn, pageSize: 1000 },
    { executionArn, reverseOrder: options.reverseOrder, includeExecutionData: true },
  );
  for await (const page of pages) {
    events.push(...(page.events ?? []));
    if (options.maxEvents !== undefined && events.length >= options.maxEvents) break;
  }
  return options.reverseOrder ? events.reverse() : events;
}

export interface ErrorDetails {
  error?: string;
  cause?: string;
}

/** error/cause of any failure-like event (TaskFailed, LambdaFunctionTimedOut, ExecutionFailed, EvaluationFailed, ...). */
export function errorDetailsOf(event: HistoryEvent): ErrorDetails | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || !value || typeof value !== 'object') continue;
    const details = value as { error?: unknown; cause?: unknown };
    if (typeof details.error === 'string' || typeof details.cause === 'string') {
      return {
        error: typeof details.error === 'string' ? details.error : undefined,
        cause: typeof details.cause === 'string' ? details.cause : undefined,
      };
    }
  }
  return undefined;
}

export function isStateEntered(event: HistoryEvent): boolean {
  return Boolean(event.type?.endsWith('StateEntered'));
}

export function isStateExited(event: HistoryEvent): boolean {
  return Boolean(event.type?.endsWith('StateExited'));
}

const FAILURE_TYPES = /(Failed|TimedOut)$/;
const TERMINAL_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);
const MAP_END_TYPES = new Set(['MapStateExited', 'MapStateFailed', 'MapStateAborted']);

export function isTerminal(event: HistoryEvent): boolean {
  return TERMINAL_TYPES.has(event.type ?? '');
}

export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Events of the latest attempt only: after a Redrive the history goes on in the same execution,
 * and what failed before the redrive is no longer the story.
 */
export function latestAttempt(events: readonly HistoryEvent[]): HistoryEvent[] {
  let start = 0;
  events.forEach((event, i) => {
    if (event.type === 'ExecutionRedriven') start = i;
  });
  return events.slice(start);
}

/**
 * The Map state (by name) enclosing each event, or undefined at top level. An inline Map runs
 * nothing else while it runs, so every event between its MapStateEntered and its end is inside it.
 */
export function enclosingMaps(events: readonly HistoryEvent[]): Map<number, string | undefined> {
  const stack: string[] = [];
  const scope = new Map<number, string | undefined>();
  for (const event of events) {
    if (MAP_END_TYPES.has(event.type ?? '')) {
      stack.pop();
      scope.set(event.id ?? -1, stack.at(-1));
      continue;
    }
    scope.set(event.id ?? -1, stack.at(-1));
    if (event.type === 'MapStateEntered') stack.push(event.stateEnteredEventDetails?.name ?? '?');
  }
  return scope;
}

export interface FailurePoint {
  /** The top-level state the execution stopped in. */
  state?: string;
  /** Its input as recorded when it was entered (JSON text), unless the history truncated it. */
  stateInput?: string;
  inputTruncated: boolean;
  error?: string;
  cause?: string;
}

/** Where and why the execution ended unsuccessfully; undefined while it runs or when it succeeded. */
export function findFailurePoint(events: readonly HistoryEvent[]): FailurePoint | undefined {
  const terminal = [...events].reverse().find(isTerminal);
  if (!terminal || terminal.type === 'ExecutionSucceeded') return undefined;
  const scope = enclosingMaps(events);
  const open = new Map<string, HistoryEvent>();
  for (const event of events) {
    if (scope.get(event.id ?? -1) !== undefined) continue;
    const name = isStateEntered(event) ? event.stateEnteredEventDetails?.name : event.stateExitedEventDetails?.name;
    if (!name) continue;
    if (isStateEntered(event)) open.set(name, event);
    else if (isStateExited(event)) open.delete(name);
  }
  const entered = [...open.values()].sort((a, b) => (a.id ?? 0) - (b.id ?? 0)).at(-1);
  const details = errorDetailsOf(terminal) ?? {};
  return {
    state: entered?.stateEnteredEventDetails?.name,
    stateInput: entered?.stateEnteredEventDetails?.input,
    inputTruncated: Boolean(entered?.stateEnteredEventDetails?.inputDetails?.truncated),
    error: details.error ?? (terminal.type === 'ExecutionTimedOut' ? 'States.Timeout' : undefined),
    cause: details.cause,
  };
}

/** Walks previousEventId links back from an event (the event itself first). */
export function* ancestors(event: HistoryEvent, byId: ReadonlyMap<number, HistoryEvent>): Generator<HistoryEvent> {
  let current: HistoryEvent | undefined = event;
  const seen = new Set<number>();
  while (current && !seen.has(current.id ?? -1)) {
    seen.add(current.id ?? -1);
    yield current;
    current = current.previousEventId === undefined || current.previousEventId === 0 ? undefined : byId.get(current.previousEventId);
  }
}

export interface FailedIteration {
  map: string;
  index: number;
  /** The inner state that failed, its input and its error, from the iteration's own events. */
  state?: string;
  input?: string;
  error?: string;
  cause?: string;
}

/** Map iterations that failed in the latest attempt, each traced back to its failing inner state. */
export function failedIterations(events: readonly HistoryEvent[]): FailedIteration[] {
  const attempt = latestAttempt(events);
  const byId = new Map(events.map((e) => [e.id ?? -1, e] as const));
  const failures: FailedIteration[] = [];
  for (const event of attempt) {
    if (event.type !== 'MapIterationFailed') continue;
    const details = event.mapIterationFailedEventDetails;
    const failure: FailedIteration = { map: details?.name ?? '?', index: details?.index ?? -1 };
    for (const earlier of ancestors(event, byId)) {
      if (earlier.type === 'MapIterationStarted') break;
      if (failure.error === undefined && earlier !== event) {
        const errorDetails = FAILURE_TYPES.test(earlier.type ?? '') ? errorDetailsOf(earlier) : undefined;
        if (errorDetails) Object.assign(failure, errorDetails);
      }
      if (isStateEntered(earlier)) {
        failure.state = earlier.stateEnteredEventDetails?.name;
        failure.input = earlier.stateEnteredEventDetails?.input;
        break;
      }
    }
    failures.push(failure);
  }
  return failures;
}

/**
 * The ARN of the Map Run a Distributed Map state started last, from its `MapRunStarted` event. A
 * Distributed Map's iterations are child executions of that Map Run, with their own histories: the
 * parent's history has no MapIteration* events for them. A retried Map state starts a new Map Run;
 * a redrive re-runs the same one (`MapRunRedriven` names the same ARN).
 */
export function mapRunArnOf(events: readonly HistoryEvent[], mapState: string): string | undefined {
  const scope = enclosingMaps(events);
  return events.filter((event) => event.type === 'MapRunStarted' && scope.get(event.id ?? -1) === mapState).at(-1)?.mapRunStartedEventDetails?.mapRunArn;
}

export interface MapProgress {
  map: string;
  total?: number;
  succeeded: number;
  failed: number;
  aborted: number;
  /** When the last of these counts changed (or the Map started). */
  updatedAt?: Date;
}

/** Per Map state: iterations started (MapStateStarted length) and how many ended each way. */
export function mapProgress(events: readonly HistoryEvent[]): MapProgress[] {
  const progress = new Map<string, MapProgress>();
  const scope = enclosingMaps(events);
  for (const event of events) {
    if (event.type === 'MapStateStarted') {
      const map = scope.get(event.id ?? -1);
      if (map !== undefined) {
        progress.set(map, { map, total: event.mapStateStartedEventDetails?.length, succeeded: 0, failed: 0, aborted: 0, updatedAt: event.timestamp });
      }
      continue;
    }
    const details = event.mapIterationSucceededEventDetails ?? event.mapIterationFailedEventDetails ?? event.mapIterationAbortedEventDetails;
    if (!details) continue;
    const map = details.name ?? scope.get(event.id ?? -1) ?? '?';
    const entry = progress.get(map) ?? { map, succeeded: 0, failed: 0, aborted: 0 };
    if (event.type === 'MapIterationSucceeded') entry.succeeded += 1;
    else if (event.type === 'MapIterationFailed') entry.failed += 1;
    else entry.aborted += 1;
    entry.updatedAt = event.timestamp;
    progress.set(map, entry);
  }
  return [...progress.values()];
}
