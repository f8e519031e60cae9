/**
 * The message for an execution of our state machines that ended FAILED, TIMED_OUT or ABORTED,
 * sent when EventBridge delivers the execution's "Step Functions Execution Status Change" event
 * (terraform/notifications.tf: a rule for our two state machines only).
 *
 * The event says that it failed and with which error; the execution's history says where: the
 * failed state, its error and cause, and its recorded input (functions/shared/execution-history.ts,
 * which `ops explain` reads too). A power-schedule execution that failed once it had its request
 * (RetryUnfinished, or any later step) gets the power-run failure message: the instances not
 * changed with their error codes, read from the run's objects the failed step's input names.
 * Anything else gets the short message below. When the failed step is a Distributed Map, its
 * items ran as the Map Run's child executions, which AWS keeps out of the parent's history: the
 * message then names the first few that failed and why, with the Map Run's counts, read as
 * `ops explain` reads them (functions/shared/map-run.ts).
 *
 * This is the one message for a failed execution: the state machines catch no step failure to
 * notify, which would turn the failed step into a succeeded one and leave Redrive nothing to re-run
 * but the Fail state after it (statemachines/power-schedule.asl.json, README "Notifications").
 * Parsing and the text are pure.
 */
import { causeMessage, InvalidInputError } from '../shared/errors';
import type { FailurePoint } from '../shared/execution-history';
import { childOutcome, itemLabel, itemsNoun, mapRunCounts, mapRunFailed, problemCodes, type MapRunFailures } from '../shared/map-run';
import { columns, truncate } from '../shared/plain-text';
import { SUBJECT_PREFIX, type Notification } from './notification';

export const STATUS_CHANGE_SOURCE = 'aws.states';
export const STATUS_CHANGE_DETAIL_TYPE = 'Step Functions Execution Status Change';

/** The statuses the rule sends: those that end an execution unsuccessfully, each redrivable. */
const UNSUCCESSFUL = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
type Unsuccessful = (typeof UNSUCCESSFUL)[number];

/** What the message needs of the event's `detail`. */
export interface ExecutionEnded {
  executionArn: string;
  stateMachineArn: string;
  /** The state machine's name, from its ARN: `<name_prefix>-power-schedule`. */
  stateMachineName: string;
  executionName: string;
  status: Unsuccessful;
  error?: string;
  cause?: string;
  startDate?: Date;
  stopDate?: Date;
  redriveCount: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** Whether an event is EventBridge's execution status change (rather than a state machine's Notify payload). */
export function isExecutionStatusChange(event: Record<string, unknown>): boolean {
  return event.source === STATUS_CHANGE_SOURCE && event['detail-type'] === STATUS_CHANGE_DETAIL_TYPE;
}

function text(detail: Record<string, unknown>, field: string): string {
  const value = detail[field];
  if (typeof value !== 'string' || value === '') throw new InvalidInputError(`detail.${field}`, `must be the execution's ${field}, as Step Functions sends it; got ${JSON.stringify(value)}`);
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Epoch milliseconds, as the event carries startDate and stopDate. */
function date(value: unknown): Date | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value) : undefined;
}

/**
 * The `detail` of a status change event. A status that did not end the execution unsuccessfully
 * is refused, naming those accepted: the rule never sends one, so it means a misconfigured rule.
 */
export function parseExecutionEnded(event: Record<string, unknown>): ExecutionEnded {
  if (!isRecord(event.detail)) throw new InvalidInputError('detail', 'must be the execution status change\'s detail object');
  const detail = event.detail;
  const status = detail.status;
  if (!UNSUCCESSFUL.includes(status as Unsuccessful)) {
    throw new InvalidInputError('detail.status', `must be one of ${UNSUCCESSFUL.join(', ')} (the rule sends only these); got ${JSON.stringify(status)}`);
  }
  const stateMachineArn = text(detail, 'stateMachineArn');
  const stateMachineName = stateMachineArn.split(':stateMachine:')[1] ?? '';
  if (!stateMachineName) throw new InvalidInputError('detail.stateMachineArn', `must be a state machine ARN (arn:...:stateMachine:<name>); got ${JSON.stringify(stateMachineArn)}`);
  return {
    executionArn: text(detail, 'executionArn'),
    stateMachineArn,
    stateMachineName,
    executionName: text(detail, 'name'),
    status: status as Unsuccessful,
    ...(optionalText(detail.error) ? { error: optionalText(detail.error) } : {}),
    ...(optionalText(detail.cause) ? { cause: optionalText(detail.cause) } : {}),
    ...(date(detail.startDate) ? { startDate: date(detail.startDate) } : {}),
    ...(date(detail.stopDate) ? { stopDate: date(detail.stopDate) } : {}),
    redriveCount: typeof detail.redriveCount === 'number' ? detail.redriveCount : 0,
  };
}

/** Terraform names the state machines `<name_prefix>-<workflow>` (terraform/main.tf). */
export function isPowerSchedule(stateMachineName: string): boolean {
  return stateMachineName.endsWith('-power-schedule');
}

const STATUS_TEXT: Record<Unsuccessful, string> = { FAILED: 'FAILED', TIMED_OUT: 'TIMED OUT', ABORTED: 'was ABORTED' };

/** The error of the failed step, else the execution's (a timeout or an abort names no step error). */
export function errorOf(ended: ExecutionEnded, failure: FailurePoint | undefined): string {
  return failure?.error ?? ended.error ?? (ended.status === 'TIMED_OUT' ? 'States.Timeout' : ended.status === 'ABORTED' ? 'aborted' : 'no error recorded');
}

/** A message cut where it stops helping in mail or chat; `ops explain` prints it whole. */
const MAX_CAUSE = 600;
/** Failed items a message names; `ops explain` lists the rest. */
export const MAP_RUN_ITEMS_SHOWN = 5;
const MAX_ITEM_CAUSE = 160;
const MAX_PROBLEM = 240;

/** The failed step's Map Run as read for the message: what was read, or why nothing could be. */
export interface MapRunRead {
  mapRunArn: string;
  run?: MapRunFailures;
  /** Why reading it failed outright (AWS error code: message). */
  error?: string;
}

function mapRunLines(state: string, mapRun: MapRunRead, executionName: string): string[] {
  const explain = `ops explain ${executionName}`;
  const run = mapRun.run;
  const nothingRead = !run || (!run.itemCounts && run.children.length === 0 && run.notDescribed === 0 && run.problems.length > 0);
  if (nothingRead) {
    const why = mapRun.error ?? (run ? problemCodes(run) : 'no answer');
    return ['', `The ${state} Map Run, where its items ran, could not be read (${truncate(why, MAX_PROBLEM)}); ${explain} reads it.`];
  }
  if (!mapRunFailed(run)) return [];
  const lines = ['', `${state} Map Run: ${mapRunCounts(run) ?? 'counts not read'}.`];
  const shown = run.children.slice(0, MAP_RUN_ITEMS_SHOWN);
  if (shown.length > 0) {
    lines.push(`${itemsNoun(run)} that failed:`);
    lines.push(
      ...columns(
        shown.map((child) =>
          child.unreadable
            ? [`child ${child.name}`, `${child.status}, could not be read: ${truncate(child.unreadable, MAX_ITEM_CAUSE)}`]
            : [itemLabel(child.input), childOutcome(child, MAX_ITEM_CAUSE)],
        ),
      ),
    );
  }
  const more = run.children.length - shown.length + run.notDescribed;
  if (more > 0) lines.push(`  and ${more} more — ${explain} lists them`);
  if (run.problems.length > 0) {
    lines.push(`  (part of the Map Run could not be read: ${truncate(problemCodes(run), MAX_PROBLEM)}; ${explain} reads it)`);
  }
  return lines;
}

/** What a redrive re-runs: a failed Map Run's unsuccessful children only, else the failed step onwards. */
function redriveScope(failure: FailurePoint | undefined, mapRun: MapRunRead | undefined): string {
  const run = mapRun?.run;
  if (failure?.state && run && mapRunFailed(run) && run.itemCounts) {
    return `re-runs only the ${failure.state} Map Run's unsuccessful child executions, not the ${run.itemCounts.succeeded ?? 0} that succeeded, then the steps after it`;
  }
  return `continues from ${failure?.state ?? 'where it stopped'}; the steps that succeeded are not run again`;
}

export function executionFailedNotification(ended: ExecutionEnded, failure: FailurePoint | undefined, sentBy: string, mapRun?: MapRunRead): Notification {
  const error = errorOf(ended, failure);
  const where = failure?.state ? ` at ${failure.state}` : '';
  const headline = `${ended.stateMachineName} ${STATUS_TEXT[ended.status]}${where}: ${error}`;
  const lines = [headline, `Execution: ${ended.executionName}`];
  if (ended.redriveCount > 0) lines.push(`(after ${ended.redriveCount} redrive(s))`);
  const message = causeMessage(failure?.cause ?? ended.cause);
  if (message) {
    const oneLine = message.replace(/\s+/g, ' ').trim();
    lines.push('', oneLine.length <= MAX_CAUSE ? oneLine : `${oneLine.slice(0, MAX_CAUSE - 3).trimEnd()}...`);
  }
  if (failure?.state && mapRun) lines.push(...mapRunLines(failure.state, mapRun, ended.executionName));
  const scope = redriveScope(failure, mapRun);
  lines.push(
    '',
    'What next:',
    ...columns([
      [`ops explain ${ended.executionName}`, '(the failed step, its error and its input)'],
      [`ops redrive ${ended.executionName}`, `(after fixing the cause: ${scope})`],
    ]),
    '',
    `-- ops-automation, ${sentBy}`,
  );
  return {
    subject: `${SUBJECT_PREFIX} ${headline}`,
    title: headline,
    text: lines.join('\n'),
    nextSteps: [`ops explain ${ended.executionName}`, `ops redrive ${ended.executionName}`],
  };
}
