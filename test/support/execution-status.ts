/**
 * Test harness only: what EventBridge and Step Functions would hand the notify function about an
 * execution that failed, which neither the local runner nor moto produce.
 *
 * - The status change event: `test/fixtures/eventbridge/step-functions-execution-failed.json` is
 *   the "Execution Failed" example of the Step Functions Developer Guide ("EventBridge (CloudWatch
 *   Events) for Step Functions execution status changes", cw-events.html), with the documentation
 *   account 111122223333; a test changes only the values of its detail (ARNs, name, status, error).
 * - The history: moto's GetExecutionHistory returns a fixed history whatever ran, and a local run
 *   is not a moto execution at all. `historyOfRun` writes the run's top-level events as
 *   GetExecutionHistory returns them (`<Type>StateEntered` with the name and the input as JSON
 *   text, `<Type>StateExited`, `ExecutionFailed` with error and cause), and `serveHistory` makes
 *   the proxy answer GetExecutionHistory with them in the AWS JSON 1.0 wire format (timestamps
 *   in epoch seconds). A Distributed Map's children are their own executions, not in the parent's
 *   history, so their events are left out, as are an inline Map's iterations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HistoryEvent } from '../../functions/shared/execution-history';
import type { RunResult } from '../../scripts/lib/local-workflow';
import type { AwsProxy, FaultRule } from './aws-proxy';
import { sfnError, sfnRequest, sfnResponse } from './sfn-wire';

export interface StatusChangeEvent {
  source: string;
  'detail-type': string;
  account: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  [key: string]: unknown;
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'eventbridge', 'step-functions-execution-failed.json');

export function executionArnOf(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

/** The documented event, for an execution of `stateMachineArn` named `executionName`. */
export function statusChangeEvent(
  stateMachineArn: string,
  executionName: string,
  detail: { status?: string; error?: string | null; cause?: string | null; input?: unknown; redriveCount?: number; redriveDate?: number } = {},
): StatusChangeEvent {
  const event = JSON.parse(readFileSync(FIXTURE, 'utf8')) as StatusChangeEvent;
  const [, , , region, account] = stateMachineArn.split(':');
  const executionArn = executionArnOf(stateMachineArn, executionName);
  return {
    ...event,
    account: account!,
    region: region!,
    resources: [executionArn],
    detail: {
      ...event.detail,
      executionArn,
      stateMachineArn,
      name: executionName,
      ...(detail.status ? { status: detail.status, redriveStatusReason: `Execution is ${detail.status} and is redrivable` } : {}),
      ...('error' in detail ? { error: detail.error } : {}),
      ...('cause' in detail ? { cause: detail.cause } : {}),
      ...('input' in detail ? { input: JSON.stringify(detail.input) } : {}),
      ...(detail.redriveCount !== undefined ? { redriveCount: detail.redriveCount } : {}),
      // A redriven execution's event carries when it was last redriven, in epoch milliseconds like startDate.
      ...(detail.redriveDate !== undefined ? { redriveDate: detail.redriveDate } : {}),
    },
  };
}

/** The run's top-level events as its GetExecutionHistory would list them. */
export function historyOfRun(run: RunResult, input: unknown, start = new Date()): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const add = (event: Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp'>, elapsedMs: number) => {
    const id = events.length + 1;
    events.push({ ...event, id, previousEventId: id - 1, timestamp: new Date(start.getTime() + elapsedMs) } as HistoryEvent);
  };
  add({ type: 'ExecutionStarted', executionStartedEventDetails: { input: JSON.stringify(input), inputDetails: { truncated: false } } }, 0);
  for (const e of run.events) {
    if (e.index !== undefined || e.child || !e.state || !e.stateType) continue;
    if (e.type === 'StateEntered') {
      add({ type: `${e.stateType}StateEntered` as HistoryEvent['type'], stateEnteredEventDetails: { name: e.state, input: JSON.stringify(e.input), inputDetails: { truncated: false } } }, e.elapsedMs);
    } else if (e.type === 'StateExited') {
      add({ type: `${e.stateType}StateExited` as HistoryEvent['type'], stateExitedEventDetails: { name: e.state, output: JSON.stringify(e.output), outputDetails: { truncated: false } } }, e.elapsedMs);
    }
  }
  const last = run.events.at(-1)?.elapsedMs ?? 0;
  if (run.status === 'FAILED') add({ type: 'ExecutionFailed', executionFailedEventDetails: { error: run.error, cause: run.cause } }, last);
  else add({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: JSON.stringify(run.output), outputDetails: { truncated: false } } }, last);
  return events;
}

/** The proxy's answer to GetExecutionHistory for `executionArn`: `events` (one page), as Step Functions gives them; other calls go on. */
export function historyAnswer(executionArn: string, events: HistoryEvent[]): FaultRule {
  return (request) => {
    if (request.action !== 'GetExecutionHistory') return undefined;
    const asked = sfnRequest<{ executionArn?: string }>(request.body).executionArn;
    if (asked !== executionArn) return sfnError('com.amazonaws.swf.service.model#ExecutionDoesNotExist', `Execution Does Not Exist: '${asked}'`);
    return sfnResponse({ events });
  };
}

/** The proxy answers GetExecutionHistory for `executionArn` with `events` (one page), as Step Functions does. */
export function serveHistory(proxy: AwsProxy, executionArn: string, events: HistoryEvent[]): void {
  proxy.setFault(historyAnswer(executionArn, events));
}
