/**
 * One message per moment: EventBridge delivers the "Step Functions Execution Status Change" event at
 * least once and Lambda retries an asynchronous invocation that failed, so notify may receive the
 * same event twice. Before sending it claims a marker in the report bucket with S3's conditional
 * write (PutObject If-None-Match: *; moto answers 412 PreconditionFailed for a key that exists, as
 * S3 does). power-schedule's NotifyRun claims one too, keyed on the execution and the message, so
 * Step Functions retrying the step, or a Redrive re-running it, does not send the same message twice.
 * Events in the documented format (test/fixtures/eventbridge/), the history served
 * through the proxy (test/support/execution-status.ts), messages read back by an SQS subscriber of
 * moto's SNS topic; the S3 and SNS refusals moto cannot produce are injected by the proxy.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
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

describe('power-schedule\'s NotifyRun: the run\'s own message, once per execution and message', () => {
  const POWER_SCHEDULE = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:ops-power-schedule`;
  const RUN = 'stop-weekday-20261125T2130Z';
  const RUN_ARN = executionArnOf(POWER_SCHEDULE, RUN);
  const VIRGINIA = '444455556666';
  const DETAIL = `s3://ops-reports/work/power-schedule/${RUN}/summary.json`;
  // Summarize's output as NotifyRun passes it ($): a run that reached Seoul and not Virginia, so it needs a look.
  const notReached = {
    action: 'stop',
    dryRun: false,
    tagValue: 'Yes',
    targets: { total: 2, done: 1, unreachable: 1, redone: 0 },
    totals: { stopped: 3 },
    byAccount: { [ACCOUNT]: { stopped: 3 } },
    byRegion: { [REGION]: { stopped: 3 } },
    unreachable: [{ accountId: VIRGINIA, region: 'us-east-1', error: 'AccessDenied', message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/ops-list-tagged-instances/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${VIRGINIA}:role/ops-member` }],
    skipped: [],
    recovered: [],
    detail: DETAIL,
  };
  // The same run after a Redrive that changed its outcome: Virginia reached this time, where one
  // tagged instance is an Auto Scaling group's member, so this run needs a look too (and has a message).
  const allReached = {
    ...notReached,
    targets: { total: 2, done: 2, unreachable: 0, redone: 0 },
    totals: { stopped: 5, skipped: 1 },
    byAccount: { [ACCOUNT]: { stopped: 3 }, [VIRGINIA]: { stopped: 2, skipped: 1 } },
    byRegion: { [REGION]: { stopped: 3 }, 'us-east-1': { stopped: 2, skipped: 1 } },
    unreachable: [],
    skipped: [{ accountId: VIRGINIA, region: 'us-east-1', instanceId: 'i-37282c0d1162c76fc', reason: 'member of Auto Scaling group web-asg: the group would replace it' }],
  };
  /** NotifyRun's Payload, as the state machine builds it. */
  const notifyRun = (summary: Record<string, unknown>) => ({ kind: 'power-run', executionName: RUN, executionArn: RUN_ARN, summary });
  const isPublish = (request: AwsRequest) => request.action === 'Publish';
  const runMarkers = async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `work/notify-sent/run-message/${REGION}/${ACCOUNT}/ops-power-schedule/${RUN}/` }));
    return (listed.Contents ?? []).map((o) => o.Key);
  };

  test('a retry of the same send (Step Functions retrying NotifyRun after the message went out) sends nothing the second time, and says why', async () => {
    // Prepare
    const event = notifyRun(notReached);

    // Act: the first attempt sent; its answer was lost, so Step Functions invokes again with the same input.
    const first = await notify(event);
    const retry = await notify(structuredClone(event));

    // Assess: one message on the topic, one Publish to SNS; the retry names the marker it found.
    const [received, ...more] = await subscriber.receive();
    expect(more).toEqual([]);
    expect(received?.subject).toBe('[ops-automation] power-schedule stop: stopped 3; 1 target(s) not reached, needs a look');
    expect(first).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
    expect(proxy.calls.filter(isPublish)).toHaveLength(1);
    const [marker, ...others] = await runMarkers();
    expect(others).toEqual([]);
    expect(retry).toEqual({ sent: false, subject: null, messageId: null, reason: `already sent: an earlier attempt of this step with the same message claimed s3://${bucket}/${marker}` });
  });

  test('a Redrive that changes the run\'s outcome sends its new message; a Redrive that repeats the message already sent does not', async () => {
    // Prepare: the first attempt's message went out.
    await notify(notifyRun(notReached));
    await subscriber.receive();

    // Act: redriven, the run ended differently (and its NotifyRun was retried); then once more with the first outcome's input.
    const changed = await notify(notifyRun(allReached));
    const changedAgain = await notify(notifyRun(allReached));
    const repeated = await notify(notifyRun(notReached));

    // Assess
    const [received, ...more] = await subscriber.receive();
    expect(more).toEqual([]);
    expect(changed).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
    expect(received?.message.split('\n').slice(0, 3)).toEqual(['power-schedule stop: stopped 5; 1 tagged resource(s) skipped, needs a look (tag AutoStopStart=Yes)', `Execution: ${RUN}`, 'Targets (account x region): 2, 2 done']);
    expect(changedAgain).toMatchObject({ sent: false });
    expect(repeated).toMatchObject({ sent: false });
    expect(await runMarkers()).toHaveLength(2);
  });

  test('the same message from another execution is its own moment, and is sent', async () => {
    // Prepare
    await notify(notifyRun(notReached));
    await subscriber.receive();
    const tomorrow = 'stop-weekday-20261126T2130Z';

    // Act
    const result = await notify({ kind: 'power-run', executionName: tomorrow, executionArn: executionArnOf(POWER_SCHEDULE, tomorrow), summary: notReached });

    // Assess
    const [received, ...more] = await subscriber.receive();
    expect(more).toEqual([]);
    expect(result).toMatchObject({ sent: true, messageId: received?.messageId });
  });

  test('when the publish fails after the claim (SNS Publish refused, injected), the marker is removed, so Step Functions\' retry sends the message', async () => {
    // Prepare
    const topicArn = process.env.NOTIFY_TOPIC_ARN!;
    proxy.setFault((request) => (isPublish(request) ? snsPublishRefused(topicArn) : undefined));

    // Act
    await expect(notify(notifyRun(notReached))).rejects.toThrow(/not authorized to perform: SNS:Publish/);
    const markersAfterFailure = await runMarkers();
    proxy.setFault(undefined);
    const retry = await notify(notifyRun(notReached));

    // Assess
    expect(markersAfterFailure).toEqual([]);
    const [received, ...more] = await subscriber.receive();
    expect(more).toEqual([]);
    expect(retry).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  });

  test('a NotifyRun event without the execution\'s ARN is refused, naming the field, and nothing is sent', async () => {
    await expect(notify({ kind: 'power-run', executionName: RUN, summary: notReached })).rejects.toThrow(
      `executionArn: must be the execution's ARN ($$.Execution.Id) of execution "${RUN}", got undefined`,
    );
    await expect(notify({ ...notifyRun(notReached), executionArn: executionArnOf(POWER_SCHEDULE, 'another-run') })).rejects.toThrow(/^executionArn: must be/);
    expect(await subscriber.receive()).toEqual([]);
  });
});
