/**
 * Following an execution until it ends (`--wait`, and after a redrive): polls DescribeExecution
 * and GetExecutionHistory, prints each top-level state as it is entered, each inline Map's
 * iterations done / total and a Distributed Map's Map Run starting, redriven and ending (its
 * child executions have their own histories: ops explain reads them), then the outcome.
 */
import { DescribeExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { OpsError } from './errors';
import type { ExecutionDescription } from './executions';
import { causeMessage } from '../../functions/shared/errors';
import { enclosingMaps, errorDetailsOf, fetchHistory, findFailurePoint, isStateEntered, mapProgress, type HistoryEvent } from '../../functions/shared/execution-history';
import { formatDuration } from './names';
import { truncate } from '../../functions/shared/plain-text';

function clock(date: Date | undefined): string {
  return date ? date.toISOString().slice(11, 19) : '--:--:--';
}

/** Turns newly seen history events into progress lines; remembers what it already said. */
export class ProgressTracker {
  private readonly seen = new Set<number>();
  private readonly mapSaid = new Map<string, string>();

  constructor(private readonly notBefore?: Date) {}

  /** Give it the whole history each time; it reports only what is new. */
  consume(events: readonly HistoryEvent[]): string[] {
    const lines: { at: number; text: string }[] = [];
    const say = (when: Date | undefined, text: string): void => {
      lines.push({ at: when?.getTime() ?? Date.now(), text: `${clock(when)} ${text}` });
    };
    const scope = enclosingMaps(events);
    // A redrive re-runs a failed Map Run under its own ARN (MapRunRedriven); its state is the one that started it.
    const stateOfRun = new Map(events.filter((e) => e.type === 'MapRunStarted').map((e) => [e.mapRunStartedEventDetails?.mapRunArn, scope.get(e.id ?? -1)] as const));
    let runState: string | undefined;
    for (const event of events) {
      if (event.type === 'MapRunStarted') runState = scope.get(event.id ?? -1);
      if (event.type === 'MapRunRedriven') runState = stateOfRun.get(event.mapRunRedrivenEventDetails?.mapRunArn);
      const id = event.id ?? -1;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      if (this.notBefore && event.timestamp && event.timestamp < this.notBefore) continue;
      const inMap = scope.get(id);
      if (event.type === 'ExecutionRedriven') {
        say(event.timestamp, `redriven (redrive #${event.executionRedrivenEventDetails?.redriveCount ?? '?'})`);
      } else if (inMap === undefined && isStateEntered(event)) {
        say(event.timestamp, `→ ${event.stateEnteredEventDetails?.name ?? '?'}`);
      } else if (event.type === 'MapRunStarted') {
        say(event.timestamp, `  ${inMap ?? 'Map'}: Map Run started (one child execution per item)`);
      } else if (event.type === 'MapRunRedriven') {
        say(event.timestamp, `  ${runState ?? 'Map'}: Map Run redriven (only its unsuccessful child executions run again)`);
      } else if (event.type === 'MapRunSucceeded' || event.type === 'MapRunFailed' || event.type === 'MapRunAborted') {
        say(event.timestamp, `  ${inMap ?? runState ?? 'Map'}: Map Run ${event.type.slice('MapRun'.length).toLowerCase()}`);
      } else if (inMap === undefined && /^(Task|LambdaFunction)(Failed|TimedOut)$/.test(event.type ?? '')) {
        const details = errorDetailsOf(event);
        const cause = details?.cause ? ` — ${truncate(causeMessage(details.cause) ?? '', 120)}` : '';
        say(event.timestamp, `  attempt failed: ${details?.error ?? event.type}${cause}`);
      }
    }
    for (const map of mapProgress(events)) {
      if (this.notBefore && map.updatedAt && map.updatedAt < this.notBefore) continue;
      const done = map.succeeded + map.failed + map.aborted;
      const extra = [map.failed ? `${map.failed} failed` : '', map.aborted ? `${map.aborted} aborted` : ''].filter(Boolean).join(', ');
      const text = `${map.map}: ${done}/${map.total ?? '?'} iterations done${extra ? ` (${extra})` : ''}`;
      if (this.mapSaid.get(map.map) === text) continue;
      this.mapSaid.set(map.map, text);
      say(map.updatedAt, `  ${text}`);
    }
    // Stable sort: a Map's count sits after the state lines of the same second.
    return lines.sort((a, b) => a.at - b.at).map((line) => line.text);
  }
}

export interface WatchOptions {
  onLine: (line: string) => void;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** After a redrive: the previous attempt's end does not count, nor do its events. */
  since?: Date;
  /** How long the previous attempt's end may still be reported after a redrive before giving up. */
  redriveStartLimitMs?: number;
}

export interface WatchResult {
  execution: ExecutionDescription;
  events: HistoryEvent[];
}

const STILL_GOING = new Set(['RUNNING', 'PENDING_REDRIVE']);

export async function watchExecution(sfn: SFNClient, executionArn: string, options: WatchOptions): Promise<WatchResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tracker = new ProgressTracker(options.since);
  const startedWatching = Date.now();
  for (;;) {
    const { $metadata: _, ...execution } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const events = await fetchHistory(sfn, executionArn);
    for (const line of tracker.consume(events)) options.onLine(line);
    const endedBeforeRedrive = options.since && execution.stopDate && execution.stopDate < options.since;
    if (!STILL_GOING.has(execution.status ?? '') && !endedBeforeRedrive) return { execution, events };
    if (endedBeforeRedrive && Date.now() - startedWatching > (options.redriveStartLimitMs ?? 60_000)) {
      throw new OpsError(
        `${execution.name ?? executionArn} still shows its previous end (${execution.status}) well after the redrive was accepted; look again with: ops executions`,
      );
    }
    await sleep(options.pollMs ?? 2000);
  }
}

export interface Outcome {
  /** For the person watching (stderr). */
  summary: string;
  /** The result itself (stdout): the output JSON, or what failed and what to do next. */
  result: string;
  exitCode: number;
}

export function describeOutcome({ execution, events }: WatchResult): Outcome {
  const took =
    execution.startDate && execution.stopDate ? ` after ${formatDuration(execution.stopDate.getTime() - execution.startDate.getTime())}` : '';
  const name = execution.name ?? execution.executionArn ?? '?';
  if (execution.status === 'SUCCEEDED') {
    const output = execution.output ? JSON.stringify(JSON.parse(execution.output), null, 2) : '{}';
    return { summary: `${name} SUCCEEDED${took}`, result: output, exitCode: 0 };
  }
  const failure = findFailurePoint(events);
  const error = execution.error ?? failure?.error ?? execution.status ?? '?';
  const message = causeMessage(execution.cause ?? failure?.cause);
  const where = failure?.state ? ` at ${failure.state}` : '';
  return {
    summary: `${name} ${execution.status}${took}`,
    result: `${execution.status}${where}: ${error}${message ? ` — ${truncate(message, 400)}` : ''}\nnext: ops explain ${name}   then: ops redrive ${name}`,
    exitCode: 1,
  };
}
