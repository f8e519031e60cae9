/**
 * The notify function as Lambda runs it, against moto's SNS (through the proxy): what a
 * power-schedule run's notice puts on the topic, read back by an SQS subscriber, and what a bad
 * event does (nothing is sent). The power-schedule state machine's NotifyRun and the failed
 * execution's status change use this contract (test/workflow/power-schedule-notify.test.ts).
 */
import type { TopicCapture } from '../../scripts/lib/sns-capture';
import type { PowerRunResult } from '../../functions/notify/notify';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { RetryRecord, TargetResult, UnfinishedInstance } from '../../functions/shared/power-types';
import { jsonStore, targetKeys } from '../../functions/shared/power-store';
import { s3ReportStore } from '../../functions/shared/report-store';
import { writeMapResults } from '../support/memory-store';
import type { AwsProxy } from '../support/aws-proxy';
import { startNotifyInbox } from '../support/notify-inbox';
import { emfDataPoints } from '../support/emf';

const REGION = 'ap-northeast-2';
let proxy: AwsProxy;
let subscriber: TopicCapture;
let notify: (event: unknown) => Promise<PowerRunResult>;

beforeAll(async () => {
  ({ proxy, subscriber, notify } = await startNotifyInbox<PowerRunResult>(REGION, 'notify-inbox', { TAG_KEY: 'AutoStopStart', REPORT_BUCKET: 'ops-reports' }));
});
afterAll(() => proxy.close());

// A stop whose RetryUnfinished failed: the Distributed Map's results and RetryUnfinished's record
// are in the report bucket (moto's S3), where the notify function reads what the run did.
const FOLDER = 'work/power-schedule/stop-weekday-20261125T2130Z/';
const SEOUL = { accountId: '111122223333', region: REGION };
const REFUSED: UnfinishedInstance = { ...SEOUL, instanceId: 'i-0a1b2c3d4e5f60001', errorCode: 'UnauthorizedOperation', reason: 'You are not authorized to perform this operation.' };
const STOP = { action: 'stop' as const, dryRun: false, tagValue: 'Yes' };

async function failedRunInS3(): Promise<Record<string, unknown>> {
  const s3 = new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'ops-reports', CreateBucketConfiguration: { LocationConstraint: REGION } }));
  const store = jsonStore(s3ReportStore(s3, 'ops-reports'));
  const result: TargetResult = { target: SEOUL, status: 'done', tally: { stopped: 3 }, unfinished: 1, skipped: 0, skippedSample: [] };
  await store.write(targetKeys(FOLDER, SEOUL).unfinished, [REFUSED]);
  const retry: RetryRecord = { recovered: [], redone: [], notChanged: [REFUSED], targetsNotDone: [] };
  await store.write(`${FOLDER}retry.json`, retry);
  const results = await writeMapResults(store, FOLDER, { executionName: 'stop-weekday-20261125T2130Z', ...STOP }, [result]);
  return {
    kind: 'power-run',
    executionName: 'stop-weekday-20261125T2130Z',
    executionArn: `arn:aws:states:${REGION}:111122223333:execution:ops-power-schedule:stop-weekday-20261125T2130Z`,
    failure: { state: 'RetryUnfinished', Error: 'InstancesNotChangedError', Cause: '{"errorType":"InstancesNotChangedError","errorMessage":"1 instance(s) not changed"}' },
    input: { ...STOP, targets: { bucket: 'ops-reports', key: `${FOLDER}targets.json`, count: 1, resultPrefix: `${FOLDER}results` }, results },
  };
}

test('a failed run\'s notice, read from its results in S3, reaches the topic\'s subscribers as one message, and its counts become EMF metrics', async () => {
  // Prepare: the run's objects in S3; metrics printed to stdout, as in Lambda.
  const event = await failedRunInS3();
  const printed: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';

  // Act
  const result = await notify(event).finally(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    write.mockRestore();
  });

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(result).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] power-schedule stop FAILED: 1 instance(s) not changed');
  expect(received?.message).toMatch(/i-0a1b2c3d4e5f60001 +111122223333 +ap-northeast-2 +UnauthorizedOperation +You are not authorized to perform this operation\./);
  expect(received?.message).toContain('ops redrive stop-weekday-20261125T2130Z');
  expect(emfDataPoints(printed.join('')).map((p) => [p.dimensions, p.metrics.InstancesStopped?.value, p.metrics.InstancesFailed?.value])).toEqual([
    [{ workflow: 'power-schedule', region: REGION }, 3, 1],
    [{ workflow: 'power-schedule' }, 3, 1],
  ]);
});

test('a run that needed nobody sends nothing, and says so', async () => {
  const result = await notify({ kind: 'power-run', executionName: 'e-1', executionArn: `arn:aws:states:${REGION}:111122223333:execution:ops-power-schedule:e-1`, summary: { action: 'start', dryRun: false, tagValue: 'Yes', targets: { total: 1, done: 1, unreachable: 0, redone: 0 }, totals: { started: 4 }, byAccount: { '111122223333': { started: 4 } }, byRegion: { [REGION]: { started: 4 } }, unreachable: [], skipped: [], recovered: [] } });

  expect(result).toEqual({ sent: false, subject: null, messageId: null, reason: 'the run needed nobody and success messages are off' });
  expect(await subscriber.receive()).toEqual([]);
});

test('an event of no known kind is refused, naming the field and what is allowed, and nothing is sent', async () => {
  await expect(notify({ kind: 'report', executionName: 'e-1' })).rejects.toThrow(
    'kind: must be one of report-ready, power-run, or the event be EventBridge\'s "Step Functions Execution Status Change"; got "report"',
  );
  await expect(notify({ kind: 'report-ready', executionName: 'e-1', report: { reportDate: '2026-11-23', uri: 's3://elsewhere/x.xlsx' } })).rejects.toThrow(
    'report.uri: must be PublishReport\'s s3://ops-reports/ec2/ec2_monthly_costs_20261123.xlsx, got "s3://elsewhere/x.xlsx"',
  );
  expect(await subscriber.receive()).toEqual([]);
});
