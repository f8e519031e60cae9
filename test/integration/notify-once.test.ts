/**
 * One message per moment: EventBridge delivers the "Step Functions Execution Status Change" event at
 * least once and Lambda retries an asynchronous invocation that failed, so notify may receive the
 * same event twice. Before sending it claims a marker in the report bucket with S3's conditional
 * write (PutObject If-None-Match: *; moto answers 412 PreconditionFailed for a key that exists, as
 * S3 does). Events in the documented format (test/fixtures/eventbridge/), the history served
 * through the proxy (test/support/execution-status.ts), messages read back by an SQS subscriber of
 * moto's SNS topic; the S3 and SNS refusals moto cannot produce are injected by the proxy.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TopicCapture } from '../../scripts/lib/sns-capture';
import { s3Error, snsPublishRefused, type AwsProxy, type AwsRequest, type FaultRule } from '../support/aws-proxy';
import { executionArnOf, historyAnswer, statusChangeEvent } from '../support/execution-status';
import { startNotifyInbox } from '../support/notify-inbox';
import { HistoryBuilder, lambdaCause } from '../support/ops-history';

const REGION = 'ap-northeast-2';
const ACCOUNT = '111122223333';
const COST_REPORT = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:ops-cost-report`;
const NAME = 'weekly-20261123';
const CAUSE = lambdaCause('ReportStorageError', 'PutObject s3://ops-reports/work/weekly-20261123/ec2_monthly_costs_20261123.xlsx failed: AccessDenied');
const markerKey = (redriveCount = 0) => `work/notify-sent/execution-ended/${REGION}/${ACCOUNT}/ops-cost-report/${NAME}/FAILED-redrive-${redriveCount}.json`;

let proxy: AwsProxy;
let subscriber: TopicCapture;
let notify: (event: unknown) => Promise<unknown>;
let forgetSent: () => Promise<void>;
let bucket: string;
let s3: S3Client;
let history: FaultRule;

beforeAll(async () => {
  ({ proxy, subscriber, notify, forgetSent, bucket } = await startNotifyInbox(REGION, 'notify-once-inbox', { AWS_MAX_ATTEMPTS: '1' }));
  s3 = new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true });
  // The history GetExecutionHistory returns for the run: it failed at RenderReport.
  const h = new HistoryBuilder();
  let last = h.start({});
  last = h.task('RenderReport', {}, last, { error: 'ReportStorageError', cause: CAUSE }).lastId;
  h.failExecution('ReportStorageError', CAUSE, last);
  history = historyAnswer(executionArnOf(COST_REPORT, NAME), h.events);
});
beforeEach(() => {
  proxy.setFault(history);
  proxy.calls.length = 0;
});
// Each test is a world of its own: what an earlier one sent must not look like this event's first delivery.
afterEach(async () => {
  proxy.setFault(undefined);
  await forgetSent();
});
afterAll(() => proxy.close());

const failedEvent = (redriveCount = 0) =>
  statusChangeEvent(COST_REPORT, NAME, { error: 'ReportStorageError', cause: CAUSE, redriveCount, ...(redriveCount > 0 ? { redriveDate: Date.parse('2026-11-23T09:40:00Z') } : {}) });
const isMarkerPut = (request: AwsRequest) => request.method === 'PUT' && request.path.includes('/work/notify-sent/');
/** The history, and `rule` first. */
const injectWithHistory = (rule: FaultRule) => proxy.setFault((request) => rule(request) ?? history(request));
const markerExists = (key: string) =>
  s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    (error: { name?: string }) => (error.name === 'NoSuchKey' ? false : Promise.reject(error)),
  );

test('the same failed-execution event delivered twice sends one message; the second delivery says it was already sent', async () => {
  // Prepare
  const event = failedEvent();

  // Act
  const first = await notify(event);
  const second = await notify(structuredClone(event));

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(received?.subject).toBe('[ops-automation] ops-cost-report FAILED at RenderReport: ReportStorageError');
  expect(first).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(second).toEqual({ sent: false, subject: null, messageId: null, reason: `already sent: an earlier delivery of this event claimed s3://${bucket}/${markerKey()}` });
});

test('a redriven execution that fails again gets a message of its own, saying it was redriven', async () => {
  // Prepare: the first failure was told.
  await notify(failedEvent());
  await subscriber.receive();

  // Act: redriven once, it failed again; EventBridge delivers that event twice.
  const redriven = await notify(failedEvent(1));
  const again = await notify(failedEvent(1));

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(redriven).toMatchObject({ sent: true, messageId: received?.messageId });
  expect(again).toMatchObject({ sent: false });
  expect(received?.message.split('\n').slice(0, 3)).toEqual(['ops-cost-report FAILED at RenderReport: ReportStorageError', `Execution: ${NAME}`, '(after 1 redrive(s))']);
  expect(await markerExists(markerKey(1))).toBe(true);
});

test('when S3 refuses the marker (PutObject AccessDenied, injected), the message is still sent: told twice is better than never', async () => {
  // Prepare: a role that may not write the marker.
  injectWithHistory((request) =>
    isMarkerPut(request) ? s3Error(403, 'AccessDenied', `User: arn:aws:sts::${ACCOUNT}:assumed-role/ops-notify-lambda/ops-notify is not authorized to perform: s3:PutObject`) : undefined,
  );

  // Act
  const result = await notify(failedEvent());

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(result).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] ops-cost-report FAILED at RenderReport: ReportStorageError');
});

test('when S3 answers the claim 409 ConditionalRequestConflict (injected once), the claim is retried and the event still sends one message', async () => {
  // Prepare: another write of the marker was in flight at the first attempt.
  let conflicts = 1;
  injectWithHistory((request) =>
    isMarkerPut(request) && conflicts-- > 0
      ? s3Error(409, 'ConditionalRequestConflict', 'A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.')
      : undefined,
  );

  // Act
  const first = await notify(failedEvent());
  const second = await notify(failedEvent());

  // Assess: the retried claim held, so the second delivery found it.
  expect(await subscriber.receive()).toHaveLength(1);
  expect(first).toMatchObject({ sent: true });
  expect(second).toMatchObject({ sent: false });
  // The conflict, the retried claim, the second delivery's claim S3 refused with 412.
  expect(proxy.calls.filter(isMarkerPut)).toHaveLength(3);
});

test('when the publish fails after the claim (SNS Publish refused, injected), the marker is removed, so the retry of the event sends the message', async () => {
  // Prepare
  const topicArn = process.env.NOTIFY_TOPIC_ARN!;
  injectWithHistory((request) => (request.action === 'Publish' ? snsPublishRefused(topicArn) : undefined));

  // Act: the first invocation fails (Lambda retries it); SNS lets the retry through.
  const attempt = notify(failedEvent());
  await expect(attempt).rejects.toThrow(/not authorized to perform: SNS:Publish/);
  const markerAfterFailure = await markerExists(markerKey());
  proxy.setFault(history);
  const retry = await notify(failedEvent());

  // Assess
  expect(markerAfterFailure).toBe(false);
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(retry).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(await markerExists(markerKey())).toBe(true);
});
