/**
 * The notify function as EventBridge invokes it for an execution of ours that ended unsuccessfully:
 * the "Step Functions Execution Status Change" event in its documented format
 * (test/fixtures/eventbridge/), the execution's history read with GetExecutionHistory through the
 * proxy (moto returns a fixed history whatever ran, so the history AWS would return is served
 * there: test/support/execution-status.ts), the message read back by an SQS subscriber of moto's
 * SNS topic. The power-schedule path (a failed RetryUnfinished) runs end to end in
 * test/workflow/power-schedule-notify.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TopicCapture } from '../../scripts/lib/sns-capture';
import { parseExecutionEnded } from '../../functions/notify/execution-failed';
import type { AwsProxy } from '../support/aws-proxy';
import { executionArnOf, serveHistory, statusChangeEvent, type StatusChangeEvent } from '../support/execution-status';
import { startNotifyInbox } from '../support/notify-inbox';
import { HistoryBuilder, lambdaCause } from '../support/ops-history';

const REGION = 'ap-northeast-2';
const COST_REPORT = `arn:aws:states:${REGION}:111122223333:stateMachine:ops-cost-report`;
let proxy: AwsProxy;
let subscriber: TopicCapture;
let notify: (event: unknown) => Promise<unknown>;
let forgetSent: () => Promise<void>;

beforeAll(async () => {
  ({ proxy, subscriber, notify, forgetSent } = await startNotifyInbox(REGION, 'execution-failed-inbox', { AWS_MAX_ATTEMPTS: '1' }));
});
// Each test is a failure of its own: what an earlier test sent must not look like this event's first delivery.
afterEach(async () => {
  proxy.setFault(undefined);
  await forgetSent();
});
afterAll(() => proxy.close());

const documented = () => JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'eventbridge', 'step-functions-execution-failed.json'), 'utf8')) as StatusChangeEvent;

test('the documented status change event is read as AWS sends it: ARNs, name, status, error, cause and epoch-millisecond dates', () => {
  // Prepare
  const event = documented();

  // Act
  const ended = parseExecutionEnded(event);

  // Assess
  expect(ended).toEqual({
    executionArn: 'arn:aws:states:us-east-1:111122223333:execution:state-machine-name:execution-name',
    stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:state-machine',
    stateMachineName: 'state-machine',
    executionName: 'execution-name',
    status: 'FAILED',
    error: 'States.Runtime',
    cause: 'Internal Error (49b863b8-2c56-4c3f-8ac2-e0fb7b9bd1b6)',
    startDate: new Date('2019-02-26T23:52:26.847Z'),
    stopDate: new Date('2019-02-26T23:52:31.881Z'),
    redriveCount: 0,
  });
});

test('a cost report that failed at RenderReport: one message with the failed step, its error and message from the history, and what to run next', async () => {
  // Prepare: the history GetExecutionHistory returns for it.
  const h = new HistoryBuilder();
  let last = h.start({});
  const collected = { executionName: 'weekly-20261123', reportDate: '2026-11-23', regions: [REGION], inventoryKey: 'work/weekly-20261123/inventory.json', priceKeys: [] };
  last = h.task('CollectInventory', {}, last, { output: collected }).lastId;
  const cause = lambdaCause('ReportStorageError', 'PutObject s3://ops-reports/work/weekly-20261123/ec2_monthly_costs_20261123.xlsx failed: AccessDenied');
  last = h.task('RenderReport', { ...collected, prices: [] }, last, { error: 'ReportStorageError', cause }).lastId;
  h.failExecution('ReportStorageError', cause, last);
  serveHistory(proxy, executionArnOf(COST_REPORT, 'weekly-20261123'), h.events);

  // Act
  const result = await notify(statusChangeEvent(COST_REPORT, 'weekly-20261123', { error: 'ReportStorageError', cause }));

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(result).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] ops-cost-report FAILED at RenderReport: ReportStorageError');
  expect(received?.message.split('\n')).toEqual([
    'ops-cost-report FAILED at RenderReport: ReportStorageError',
    'Execution: weekly-20261123',
    '',
    'PutObject s3://ops-reports/work/weekly-20261123/ec2_monthly_costs_20261123.xlsx failed: AccessDenied',
    '',
    'What next:',
    '  ops explain weekly-20261123  (the failed step, its error and its input)',
    '  ops redrive weekly-20261123  (after fixing the cause: continues from RenderReport; the steps that succeeded are not run again)',
    '',
    `-- ops-automation, account ${proxy.accountId}, ${REGION}`,
  ]);
});

test('when the history cannot be read (GetExecutionHistory refused, injected), the message still goes out with the event\'s own error and cause', async () => {
  // Prepare: the documented event verbatim; Step Functions answers as to a role without states:GetExecutionHistory.
  proxy.setFault((request) =>
    request.action === 'GetExecutionHistory'
      ? { status: 400, contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ __type: 'AccessDeniedException', message: 'User is not authorized to perform: states:GetExecutionHistory' }) }
      : undefined,
  );

  // Act
  await notify(documented());

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(received?.subject).toBe('[ops-automation] state-machine FAILED: States.Runtime');
  expect(received?.message).toContain('\nInternal Error (49b863b8-2c56-4c3f-8ac2-e0fb7b9bd1b6)\n');
  expect(received?.message).toContain('ops redrive execution-name  (after fixing the cause: continues from where it stopped; the steps that succeeded are not run again)');
});

test('a timed-out execution is named as such, with the step it was in', async () => {
  // Prepare: the run was still in CollectInventory when the state machine's TimeoutSeconds passed.
  const h = new HistoryBuilder();
  const entered = h.add({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'CollectInventory', input: '{}' } }, h.start({}));
  h.add({ type: 'ExecutionTimedOut', executionTimedOutEventDetails: {} }, entered);
  serveHistory(proxy, executionArnOf(COST_REPORT, 'weekly-20261130'), h.events);

  // Act
  await notify(statusChangeEvent(COST_REPORT, 'weekly-20261130', { status: 'TIMED_OUT', error: null, cause: null }));

  // Assess
  const [received] = await subscriber.receive();
  expect(received?.subject).toBe('[ops-automation] ops-cost-report TIMED OUT at CollectInventory: States.Timeout');
});

test('a status change that is not a failure is refused, naming the field and what is allowed, and sends nothing', async () => {
  // Prepare
  const succeeded = statusChangeEvent(COST_REPORT, 'weekly-20261207', { status: 'SUCCEEDED', error: null, cause: null });

  // Act
  const attempt = notify(succeeded);

  // Assess
  await expect(attempt).rejects.toThrow(/detail\.status.*FAILED, TIMED_OUT, ABORTED.*"SUCCEEDED"/);
  expect(await subscriber.receive()).toEqual([]);
});
