/**
 * Notify's core: turn a workflow's moment into one message on the notification topic.
 * - `report-ready` (cost-report, after PublishReport): reads the published summary and the one
 *   before it, signs a download link to the workbook, sends the message.
 * - `power-run` (power-schedule): sends a message when the run needs a human, or when success
 *   messages are on; for a run that failed, it reads what the run did from the run's objects
 *   first, and its counts also become metrics here, as Summarize never runs then.
 * - `execution-failed` (EventBridge's "Step Functions Execution Status Change" for an execution of
 *   ours that ended FAILED, TIMED_OUT or ABORTED): reads the execution's history for the failed
 *   step, and when that step is a Distributed Map, its Map Run for the items that failed; a
 *   power-schedule run that failed after Validate gets the power-run failure message.
 * Each message goes out at most once per moment, however often the moment is delivered: an execution
 * that ended per (execution, status, redrive count), "report ready" per cost-report execution, a
 * power-schedule run's NotifyRun message per (execution, message) (sent-markers.ts).
 * The state machines catch any error of their Notify steps: a message that could not be sent never
 * fails the run that did the work. EventBridge invokes asynchronously; Lambda retries an
 * execution-failed message that could not be sent twice, then drops it (the failed-executions
 * alarm still goes to ALARM, on the dashboard and alarm_sns_topic_arn).
 */
import type { NotifyConfig } from '../shared/config';
import type { PublishResult } from '../shared/cost-types';
import { awsErrorCode, InvalidInputError, ReportStorageError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import { publishedKeys, workbookName } from '../shared/report-keys';
import type { ReportStore } from '../shared/report-store';
import { parseSummary, readPreviousSummaries } from '../shared/report-summary';
import { isCalendarDate } from '../shared/dates';
import { findFailurePoint, mapRunArnOf, parseJson, type FailurePoint, type HistoryEvent } from '../shared/execution-history';
import { errorText, type MapRunFailures } from '../shared/map-run';
import {
  errorOf,
  executionFailedNotification,
  isExecutionStatusChange,
  isPowerSchedule,
  MAP_RUN_ITEMS_SHOWN,
  parseExecutionEnded,
  type ExecutionEnded,
  type MapRunRead,
} from './execution-failed';
import type { LinkRequest, ReportLink } from './link';
import { snsMessage, type Notification, type SnsMessage } from './notification';
import { checkResultsLocation, parsePowerRunNotice, powerRunNotification, readFailedRun, type PowerRunNotice } from './power-run';
import { reportReadyNotification } from './report-ready';
import { executionEndedMarkerKey, reportReadyMarkerKey, runMessageMarkerKey, type SentMarkers } from './sent-markers';
import { validateExecutionName } from '../shared/execution-name';

export interface NotifyDeps {
  config: NotifyConfig;
  store: ReportStore;
  presign(request: LinkRequest): Promise<ReportLink>;
  /** The execution's history, oldest first (GetExecutionHistory, every page). */
  readHistory(executionArn: string): Promise<HistoryEvent[]>;
  /** A Distributed Map's Map Run: its counts and its first `describe` unsuccessful children (functions/shared/map-run.ts). */
  readMapRun(mapRunArn: string, describe: number): Promise<MapRunFailures>;
  /** The markers that keep a moment delivered twice to one message. */
  markers: SentMarkers;
  /** Publishes to the topic; resolves to SNS's MessageId. */
  publish(message: SnsMessage): Promise<string>;
  /** The counts of a run that failed (Summarize records those of a run that succeeded). */
  recordFailedRunMetrics(notice: PowerRunNotice): void;
  now(): Date;
  log: DecisionLog;
}

/**
 * What the state machine records in the run's output. Every key in both cases: its ResultSelector
 * names each one (a path it names that is missing fails the step).
 */
export type ReportReadyResult =
  | { sent: true; subject: string; messageId: string; linkValidUntil: string; reason: null }
  | { sent: false; subject: null; messageId: null; linkValidUntil: null; reason: string };

/**
 * Every key in both cases: the state machine's ResultSelector names each one, and a path it names
 * that is missing fails the step (States.Runtime).
 */
export type PowerRunResult = { sent: true; subject: string; messageId: string; reason: null } | { sent: false; subject: null; messageId: null; reason: string };

/** "account 111122223333, ap-northeast-2", from the topic's ARN. */
export function sentBy(topicArn: string): string {
  const [, , , region, account] = topicArn.split(':');
  return `account ${account}, ${region}`;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The published report PublishReport returned; a wrong field fails fast, naming it. */
function parseReport(value: unknown, config: NotifyConfig): PublishResult & { workbookKey: string; summaryKey: string } {
  const report = record(value);
  if (!isCalendarDate(report.reportDate)) throw new InvalidInputError('report.reportDate', `must be a date YYYY-MM-DD, got ${JSON.stringify(report.reportDate)}`);
  const expected = publishedKeys(config.reportPrefix, report.reportDate);
  const bucketUri = `s3://${config.reportBucket}/`;
  for (const [field, key] of [['uri', expected.workbookKey], ['summaryUri', expected.summaryKey]] as const) {
    if (report[field] !== `${bucketUri}${key}`) {
      throw new InvalidInputError(`report.${field}`, `must be PublishReport's ${bucketUri}${key}, got ${JSON.stringify(report[field])}`);
    }
  }
  return { ...(report as unknown as PublishResult), ...expected };
}

async function send(notification: Notification, deps: NotifyDeps, message: SnsMessage = snsMessage(notification)): Promise<{ subject: string; messageId: string }> {
  const messageId = await deps.publish(message);
  deps.log.info('notification sent', { subject: message.Subject, messageId });
  return { subject: message.Subject, messageId };
}

/**
 * Runs `sendIt` unless an earlier delivery of the same moment claimed `markerKey` (sent-markers.ts);
 * then it resolves to `skipped(reason)`. The claim comes before anything is read, so a second
 * delivery reads no history or Map Run and records no failed-run metrics twice. A claim S3 could
 * not settle still sends. A failure after the claim removes the marker, so the retry of that
 * failure can send the message.
 */
async function once<Result>(
  markerKey: string,
  moment: Record<string, unknown>,
  deps: NotifyDeps,
  sendIt: () => Promise<Result>,
  skipped: (reason: string) => Result,
  earlier = 'an earlier delivery of this event',
): Promise<Result> {
  const marker = `s3://${deps.config.reportBucket}/${markerKey}`;
  const claim = await deps.markers.claim(markerKey, { ...moment, claimedAt: deps.now().toISOString() });
  if (claim.outcome === 'sent-before') {
    deps.log.info(`already sent by ${earlier}; not sent again`, { marker });
    return skipped(`already sent: ${earlier} claimed ${marker}`);
  }
  if (claim.outcome === 'unknown') deps.log.warn('the sent marker could not be claimed; sending anyway, as a second copy is better than none', { marker, error: claim.error });
  try {
    return await sendIt();
  } catch (error) {
    if (claim.outcome === 'claimed') {
      await deps.markers.release(markerKey).catch((releaseError: unknown) =>
        deps.log.warn('the sent marker of a message that failed could not be removed; a retry of this event will not send it', { marker, errorCode: awsErrorCode(releaseError) }),
      );
    }
    throw error;
  }
}

export async function notifyReportReady(event: Record<string, unknown>, deps: NotifyDeps): Promise<ReportReadyResult> {
  const { config } = deps;
  const report = parseReport(event.report, config);
  const executionName = validateExecutionName(event.executionName);
  return once(
    reportReadyMarkerKey(config.workPrefix, executionName, report.reportDate),
    { kind: 'report-ready', executionName, reportDate: report.reportDate },
    deps,
    () => sendReportReady(report, deps),
    (reason) => ({ sent: false, subject: null, messageId: null, linkValidUntil: null, reason }),
  );
}

async function sendReportReady(report: ReturnType<typeof parseReport>, deps: NotifyDeps): Promise<ReportReadyResult> {
  const { config } = deps;
  const summaryUri = `s3://${config.reportBucket}/${report.summaryKey}`;
  const summary = parseSummary(await deps.store.readText(report.summaryKey, 'report summary'));
  if (!summary) throw new ReportStorageError(`report summary ${summaryUri} is not a summary this version can read`);
  const [previous] = await readPreviousSummaries(deps.store, config.reportPrefix, report.reportDate, 1, deps.log);
  const link = await deps.presign({
    bucket: config.reportBucket,
    key: report.workbookKey,
    filename: workbookName(report.reportDate),
    hours: config.reportLinkHours,
    now: deps.now(),
  });
  const notification = reportReadyNotification({
    summary,
    previous,
    workbookUri: report.uri,
    link,
    timeZone: config.reportTimezone,
    sentBy: sentBy(config.topicArn),
  });
  return { sent: true, ...(await send(notification, deps)), linkValidUntil: link.validUntil.toISOString(), reason: null };
}

/** A power-schedule run's notice, with what a failed run did read from its objects, and its message (none when the run needed nobody and success messages are off). */
async function preparePowerRun(event: Record<string, unknown>, deps: NotifyDeps): Promise<{ notice: PowerRunNotice; notification?: Notification }> {
  const parsed = parsePowerRunNotice(event);
  if (parsed.results) checkResultsLocation(parsed.results, deps.config.reportBucket, deps.config.workPrefix);
  const notice = await readFailedRun(parsed, jsonStore(deps.store), deps.log);
  const notification = powerRunNotification(notice, {
    tagKey: deps.config.tagKey,
    notifyOnSuccess: deps.config.notifyOnSuccess,
    sentBy: sentBy(deps.config.topicArn),
  });
  return { notice, ...(notification ? { notification } : {}) };
}

/** Records a failed run's counts as metrics (Summarize never runs for it), then sends its message, if it has one. */
async function sendPowerRun({ notice, notification }: { notice: PowerRunNotice; notification?: Notification }, deps: NotifyDeps, message?: SnsMessage): Promise<PowerRunResult> {
  if (notice.failure) deps.recordFailedRunMetrics(notice);
  if (!notification) {
    deps.log.info('power-schedule run needs nobody; no message (NOTIFY_ON_SUCCESS is off)', { totals: notice.totals });
    return { sent: false, subject: null, messageId: null, reason: 'the run needed nobody and success messages are off' };
  }
  return { sent: true, ...(await send(notification, deps, message)), reason: null };
}

/** A power-schedule run's message, inside a moment that already has its marker (the execution-ended one). */
export async function notifyPowerRun(event: Record<string, unknown>, deps: NotifyDeps): Promise<PowerRunResult> {
  return sendPowerRun(await preparePowerRun(event, deps), deps);
}

/** `arn:<partition>:states:<region>:<account>:execution:<state machine>:<name>` of the execution named `executionName`. */
function executionArnOfRun(value: unknown, executionName: unknown): string {
  const parts = typeof value === 'string' ? value.split(':') : [];
  if (parts.length !== 8 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== 'execution' || !parts[3] || !/^\d{12}$/.test(parts[4] ?? '') || !parts[6] || parts[7] !== executionName) {
    throw new InvalidInputError('executionArn', `must be the execution's ARN ($$.Execution.Id) of execution ${JSON.stringify(executionName)}, got ${JSON.stringify(value)}`);
  }
  return value as string;
}

/**
 * power-schedule's NotifyRun: the run's message, at most once per execution and message
 * (runMessageMarkerKey in sent-markers.ts says why the key is what it is). The claim comes after the
 * message is written, as the key is the message, and before a failed run's metrics are recorded.
 */
export async function notifyRunEnded(event: Record<string, unknown>, deps: NotifyDeps): Promise<PowerRunResult> {
  const executionArn = executionArnOfRun(event.executionArn, event.executionName);
  const prepared = await preparePowerRun(event, deps);
  if (!prepared.notification) return sendPowerRun(prepared, deps);
  const message = snsMessage(prepared.notification);
  return once(
    runMessageMarkerKey(deps.config.workPrefix, executionArn, message),
    { kind: 'power-run', executionArn, subject: message.Subject },
    deps,
    () => sendPowerRun(prepared, deps, message),
    (reason) => ({ sent: false, subject: null, messageId: null, reason }),
    'an earlier attempt of this step with the same message',
  );
}

/** A power-schedule step's input once Validate has passed: the run's request is in it. */
function isPowerRequest(input: unknown): input is Record<string, unknown> {
  const value = record(input);
  return (value.action === 'stop' || value.action === 'start') && typeof value.tagValue === 'string';
}

/**
 * The failed step's Map Run, when it is a Distributed Map. Never throws: a Map Run that cannot be
 * read (a refusal, a throttle) leaves the message saying so, and the message still goes out.
 */
async function readFailedMapRun(events: readonly HistoryEvent[], state: string, deps: NotifyDeps): Promise<MapRunRead | undefined> {
  const mapRunArn = mapRunArnOf(events, state);
  if (!mapRunArn) return undefined;
  try {
    const run = await deps.readMapRun(mapRunArn, MAP_RUN_ITEMS_SHOWN);
    if (run.problems.length > 0) deps.log.warn('part of the failed Map Run could not be read; the message says so', { mapRunArn, problems: run.problems.map((p) => p.text) });
    return { mapRunArn, run };
  } catch (error) {
    deps.log.warn('the failed Map Run could not be read; the message says so', { mapRunArn, errorCode: awsErrorCode(error) });
    return { mapRunArn, error: errorText(error) };
  }
}

export async function notifyExecutionFailed(event: Record<string, unknown>, deps: NotifyDeps): Promise<PowerRunResult> {
  const ended = parseExecutionEnded(event);
  return once(
    executionEndedMarkerKey(deps.config.workPrefix, ended),
    { executionArn: ended.executionArn, status: ended.status, redriveCount: ended.redriveCount },
    deps,
    () => sendExecutionFailed(ended, deps),
    (reason) => ({ sent: false, subject: null, messageId: null, reason }),
  );
}

async function sendExecutionFailed(ended: ExecutionEnded, deps: NotifyDeps): Promise<PowerRunResult> {
  // The event alone still makes a message: the history only adds where it failed.
  let failure: FailurePoint | undefined;
  let events: HistoryEvent[] = [];
  try {
    events = await deps.readHistory(ended.executionArn);
    failure = findFailurePoint(events);
  } catch (error) {
    deps.log.warn('the failed execution\'s history could not be read; the message names the execution\'s error only', { executionArn: ended.executionArn, errorCode: awsErrorCode(error) });
  }
  const input = parseJson(failure?.stateInput);
  if (isPowerSchedule(ended.stateMachineName) && failure?.state && isPowerRequest(input)) {
    const cause = failure.cause ?? ended.cause;
    return notifyPowerRun(
      { kind: 'power-run', executionName: ended.executionName, failure: { state: failure.state, Error: errorOf(ended, failure), ...(cause ? { Cause: cause } : {}) }, input },
      deps,
    );
  }
  const mapRun = failure?.state ? await readFailedMapRun(events, failure.state, deps) : undefined;
  return { sent: true, ...(await send(executionFailedNotification(ended, failure, sentBy(deps.config.topicArn), mapRun), deps)), reason: null };
}

/** Dispatches on `kind`, or on EventBridge's execution status change; anything else fails fast, naming what is allowed. */
export async function notify(event: unknown, deps: NotifyDeps): Promise<ReportReadyResult | PowerRunResult> {
  const e = record(event);
  if (e.kind === 'report-ready') return notifyReportReady(e, deps);
  if (e.kind === 'power-run') return notifyRunEnded(e, deps);
  if (isExecutionStatusChange(e)) return notifyExecutionFailed(e, deps);
  throw new InvalidInputError('kind', `must be one of report-ready, power-run, or the event be EventBridge's "Step Functions Execution Status Change"; got ${JSON.stringify(e.kind)}`);
}
