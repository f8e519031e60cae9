/**
 * At most one message per moment. EventBridge delivers an event at least once, Lambda retries an
 * asynchronous invocation that failed, and Step Functions retries the NotifyReportReady task, so
 * the same moment can reach notify twice. Before sending, notify claims a marker object in the
 * report bucket named after what identifies the message, with S3's conditional write (PutObject
 * `If-None-Match: *`): S3 lets one writer create a key and answers every later one
 * 412 PreconditionFailed, so the second delivery knows the first sent it.
 *
 * - A marker S3 refuses for any other reason (an outage, a denied write) does not stop the
 *   message: better told twice than never, and the claim is only there to spare a second copy.
 * - A publish that fails after the claim deletes the marker again, so the retry of that failure
 *   (Lambda's, Step Functions') can send the message. In the versioned report bucket the delete
 *   leaves a delete marker as the current version, and `If-None-Match` looks at the current
 *   version only (S3 User Guide, "How to prevent object overwrites with conditional writes"), so
 *   the key counts as absent again.
 * - The markers live under `<WORK_PREFIX>notify-sent/`, which the bucket's expire-work-files
 *   lifecycle rule removes after work_retention_days: a duplicate arrives within minutes
 *   (EventBridge retries for 24 hours at most), long before that.
 */
import { createHash } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsErrorCode } from '../shared/errors';
import { errorText } from '../shared/map-run';
import type { ExecutionEnded } from './execution-failed';
import type { SnsMessage } from './notification';

export const SENT_MARKERS_FOLDER = 'notify-sent/';

/** What the claim found: this invocation sends; an earlier one did; or S3 could not say (send anyway). */
export type Claim = { outcome: 'claimed' } | { outcome: 'sent-before' } | { outcome: 'unknown'; error: string };

export interface SentMarkers {
  claim(key: string, body: Record<string, unknown>): Promise<Claim>;
  /** Undoes a claim whose message could not be sent, so a retry can send it. */
  release(key: string): Promise<void>;
}

/**
 * One message per execution, status and redrive: a redriven execution that fails again is a new
 * message. Region and account come from the execution's ARN, so deployments that share a bucket
 * (create_bucket = false) and name their state machines and executions alike do not silence each other.
 */
export function executionEndedMarkerKey(workPrefix: string, ended: Pick<ExecutionEnded, 'executionArn' | 'stateMachineName' | 'executionName' | 'status' | 'redriveCount'>): string {
  const [, , , region, account] = ended.executionArn.split(':');
  return `${workPrefix}${SENT_MARKERS_FOLDER}execution-ended/${region}/${account}/${ended.stateMachineName}/${ended.executionName}/${ended.status}-redrive-${ended.redriveCount}.json`;
}

/** One "report ready" per cost-report execution (an execution name is unique per state machine for 90 days). */
export function reportReadyMarkerKey(workPrefix: string, executionName: string, reportDate: string): string {
  return `${workPrefix}${SENT_MARKERS_FOLDER}report-ready/${executionName}/${reportDate}.json`;
}

/**
 * One copy of each run message power-schedule's NotifyRun step sends, per execution: keyed on the
 * execution (region, account, state machine and name, from `$$.Execution.Id`) and on what the message
 * says (the SHA-256 of its Subject and Message), and deliberately not on the redrive count.
 * - A retry of the same send (Step Functions retrying NotifyRun after a Lambda service error that came
 *   back after the message went out) has the same input, so the same message and the same key: skipped.
 * - A Redrive re-runs NotifyRun only when the execution stopped while NotifyRun was in flight (an
 *   execution-level abort or timeout; its own errors are caught). Its input is the same summary, so
 *   its message is one the subscribers may already have: the same key keeps them from getting it
 *   twice, where a key with the redrive count would send it again.
 * - A Redrive that changes the outcome (failed at RetryUnfinished, then succeeded) reaches NotifyRun
 *   with another summary: another message, another key, so it is sent. The failure itself was told
 *   by the execution-ended message, under its own marker.
 * The message is a pure function of NotifyRun's input and the function's configuration, so equal
 * messages mean the same moment; a changed configuration (NOTIFY_ON_SUCCESS, the topic) makes a new one.
 */
export function runMessageMarkerKey(workPrefix: string, executionArn: string, message: Pick<SnsMessage, 'Subject' | 'Message'>): string {
  const [, , , region, account, , stateMachineName, executionName] = executionArn.split(':');
  const digest = createHash('sha256').update(`${message.Subject}\n${message.Message}`).digest('hex');
  return `${workPrefix}${SENT_MARKERS_FOLDER}run-message/${region}/${account}/${stateMachineName}/${executionName}/${digest}.json`;
}

/** S3 answers 409 when another conditional write of the same key is in flight; AWS says to retry. */
const CONFLICT_ATTEMPTS = 3;
const CONFLICT_DELAY_MS = 200;

export function s3SentMarkers(s3: S3Client, bucket: string, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))): SentMarkers {
  return {
    async claim(key, body) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json', IfNoneMatch: '*' }));
          return { outcome: 'claimed' };
        } catch (error) {
          const code = awsErrorCode(error);
          if (code === 'PreconditionFailed') return { outcome: 'sent-before' };
          if (code === 'ConditionalRequestConflict' && attempt < CONFLICT_ATTEMPTS) {
            await sleep(CONFLICT_DELAY_MS * attempt);
            continue;
          }
          return { outcome: 'unknown', error: errorText(error) };
        }
      }
    },
    async release(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
