/**
 * The notify function's message for a cost report whose PriceItems Distributed Map failed, as
 * EventBridge invokes it: the documented status change event, the history, the Map Run and its
 * child executions read over HTTP through the proxy, which answers Step Functions in its wire
 * format because moto has no Map Runs (test/support/map-run-world.ts), and the message read back
 * by an SQS subscriber of moto's SNS topic.
 */
import type { TopicCapture } from '../../scripts/lib/sns-capture';
import type { AwsProxy } from '../support/aws-proxy';
import { statusChangeEvent } from '../support/execution-status';
import { startNotifyInbox } from '../support/notify-inbox';
import { accessDenied, child, COST_ARN, counts, describedChildren, listedPages, NAME, serveFailedMapRun } from '../support/map-run-world';
import { costReportFailedInPriceItemsMapRun, mapRunChildArn, PRICE_ITEMS_MAP_RUN, THRESHOLD_EXCEEDED } from '../support/ops-history';

// The region of the Map Run the history names (test/support/ops-history.ts).
const REGION = 'us-east-1';
const NOTIFY_ROLE = 'ops-notify-lambda/ops-notify';
let proxy: AwsProxy;
let subscriber: TopicCapture;
let notify: (event: unknown) => Promise<unknown>;
let forgetSent: () => Promise<void>;

beforeAll(async () => {
  ({ proxy, subscriber, notify, forgetSent } = await startNotifyInbox(REGION, 'map-run-failed-inbox', { AWS_MAX_ATTEMPTS: '1' }));
});
// Each test is a failure of its own: what an earlier test sent must not look like this event's first delivery.
afterEach(async () => {
  proxy.setFault(undefined);
  await forgetSent();
});
afterAll(() => proxy.close());

const failedEvent = () => statusChangeEvent(COST_ARN, NAME, { error: THRESHOLD_EXCEEDED.error, cause: THRESHOLD_EXCEEDED.cause });

test('a PriceItems Map Run that failed: the message names the first 5 failed price keys with error and cause, the Map Run\'s counts, and how many more ops explain lists', async () => {
  // Prepare: 120 price keys; 7 children failed on throttling, 1 timed out
  const timedOut = child(8, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The state machine execution timed out' });
  serveFailedMapRun(proxy, {
    events: costReportFailedInPriceItemsMapRun().events,
    itemCounts: counts({ succeeded: 112, failed: 7, timedOut: 1 }),
    children: [1, 2, 3, 4, 5, 6, 7].map((i) => child(i)).concat(timedOut),
  });

  // Act
  const result = await notify(failedEvent());

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(result).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] ops-cost-report FAILED at PriceItems: States.ExceedToleratedFailureThreshold');
  const throttled = (i: number) => `  ebs-storage|us-east-1|gp3-${i}  ThrottlingError: Pricing GetProducts throttled (ThrottlingException): Rate exceeded (key ${i})`;
  expect(received?.message.split('\n')).toEqual([
    'ops-cost-report FAILED at PriceItems: States.ExceedToleratedFailureThreshold',
    `Execution: ${NAME}`,
    '',
    'The specified tolerated failure threshold was exceeded',
    '',
    'PriceItems Map Run: 7 failed, 1 timed out of 120 items; 0 aborted, 112 succeeded.',
    'Price keys that failed:',
    throttled(1),
    throttled(2),
    throttled(3),
    throttled(4),
    throttled(5),
    `  and 3 more — ops explain ${NAME} lists them`,
    '',
    'What next:',
    `  ops explain ${NAME}  (the failed step, its error and its input)`,
    `  ops redrive ${NAME}  (after fixing the cause: re-runs only the PriceItems Map Run's unsuccessful child executions, not the 112 that succeeded, then the steps after it)`,
    '',
    `-- ops-automation, account ${proxy.accountId}, ${REGION}`,
  ]);
  // The message's five are the only children described: one call each, not one per failed item.
  expect(describedChildren(proxy)).toHaveLength(5);
});

test('a Map Run where 3,000 children failed costs one ListExecutions page of the 5 the message names: how many more comes from DescribeMapRun\'s counts', async () => {
  // Prepare: 3,000 of 10,000 price keys failed, 20 timed out (served in pages of at most 40, as AWS may)
  const failed = Array.from({ length: 3000 }, (_, i) => child(i + 1));
  const timedOut = Array.from({ length: 20 }, (_, i) => child(3001 + i, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The state machine execution timed out' }));
  serveFailedMapRun(proxy, {
    events: costReportFailedInPriceItemsMapRun().events,
    itemCounts: counts({ succeeded: 6980, failed: 3000, timedOut: 20 }),
    children: [...failed, ...timedOut],
  });
  proxy.calls.length = 0;

  // Act
  await notify(failedEvent());

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  const lines = received?.message.split('\n') ?? [];
  expect(lines).toContain('PriceItems Map Run: 3000 failed, 20 timed out of 10000 items; 0 aborted, 6980 succeeded.');
  expect(lines.filter((line) => line.startsWith('  ebs-storage|us-east-1|gp3-'))).toHaveLength(5);
  expect(lines).toContain(`  and 3015 more — ops explain ${NAME} lists them`);
  expect(listedPages(proxy)).toEqual([{ statusFilter: 'FAILED', maxResults: 5 }]);
  expect(describedChildren(proxy)).toHaveLength(5);
});

test('when the Map Run cannot be read (DescribeMapRun and ListExecutions refused with AccessDenied, injected), the message is still sent and says ops explain reads it', async () => {
  // Prepare: a role without the Map Run reads
  serveFailedMapRun(proxy, {
    events: costReportFailedInPriceItemsMapRun().events,
    itemCounts: counts({ succeeded: 119, failed: 1 }),
    children: [child(1)],
    refused: {
      DescribeMapRun: accessDenied(NOTIFY_ROLE, 'DescribeMapRun', PRICE_ITEMS_MAP_RUN),
      ListExecutions: accessDenied(NOTIFY_ROLE, 'ListExecutions', PRICE_ITEMS_MAP_RUN),
    },
  });

  // Act
  await notify(failedEvent());

  // Assess
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(received?.subject).toBe('[ops-automation] ops-cost-report FAILED at PriceItems: States.ExceedToleratedFailureThreshold');
  const lines = received?.message.split('\n') ?? [];
  expect(lines).toContain(
    'The PriceItems Map Run, where its items ran, could not be read (DescribeMapRun: AccessDeniedException; ListExecutions FAILED: AccessDeniedException; ' +
      `ListExecutions TIMED_OUT: AccessDeniedException); ops explain ${NAME} reads it.`,
  );
  expect(lines).toContain(`  ops redrive ${NAME}  (after fixing the cause: continues from PriceItems; the steps that succeeded are not run again)`);
});

test('when one failed child cannot be described (DescribeExecution refused with AccessDenied, injected), the message names it as unreadable and still lists the others', async () => {
  // Prepare
  const refusedName = child(2).name;
  serveFailedMapRun(proxy, {
    events: costReportFailedInPriceItemsMapRun().events,
    itemCounts: counts({ succeeded: 117, failed: 3 }),
    children: [child(1), child(2, { refused: accessDenied(NOTIFY_ROLE, 'DescribeExecution', mapRunChildArn(PRICE_ITEMS_MAP_RUN, refusedName)) }), child(3)],
  });

  // Act
  await notify(failedEvent());

  // Assess
  const [received] = await subscriber.receive();
  const message = received?.message ?? '';
  expect(message).toMatch(/ebs-storage\|us-east-1\|gp3-1 +ThrottlingError: .*\(key 1\)/);
  expect(message).toMatch(/ebs-storage\|us-east-1\|gp3-3 +ThrottlingError: .*\(key 3\)/);
  expect(message).toMatch(new RegExp(`child ${refusedName} +FAILED, could not be read: AccessDeniedException: User: .* is not authorized to perform: states:DescribeExecution`));
  expect(message).not.toContain('more — ops explain');
});

test('a PriceItems Map Run that succeeded, its step failing after it (e.g. writing its results), blames no item and keeps the plain redrive line', async () => {
  // Prepare
  serveFailedMapRun(proxy, { events: costReportFailedInPriceItemsMapRun().events, status: 'SUCCEEDED', itemCounts: counts({ succeeded: 120 }), children: [] });

  // Act
  await notify(failedEvent());

  // Assess
  const [received] = await subscriber.receive();
  expect(received?.message).not.toContain('Map Run');
  expect(received?.message).toContain(`  ops redrive ${NAME}  (after fixing the cause: continues from PriceItems; the steps that succeeded are not run again)`);
});
