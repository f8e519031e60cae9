/**
 * `ops explain` of a cost report whose PriceItems Distributed Map failed, over HTTP through the
 * test proxy. moto 5.2.1 has no Distributed Map and no Map Runs, and cannot fail an execution, so
 * the proxy answers Step Functions in its real wire format for the parent, its Map Run and the Map
 * Run's children (test/support/map-run-world.ts); anything else goes on to moto.
 */
import { runOps, type OpsResult } from '../support/ops-cli';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { accessDenied, child, COST_ARN, counts, describedChildren, NAME, serveFailedMapRun } from '../support/map-run-world';
import { costReportFailedInPriceItems, costReportFailedInPriceItemsMapRun, mapRunChildArn, PRICE_ITEMS_MAP_RUN, PRICE_KEYS, THRESHOLD_EXCEEDED } from '../support/ops-history';
import { sfnRequest } from '../support/sfn-wire';

const POWER_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-power-schedule';
let proxy: AwsProxy;

async function ops(...args: string[]): Promise<OpsResult> {
  return runOps(['--power-arn', POWER_ARN, '--cost-arn', COST_ARN, ...args], { now: () => new Date('2026-11-23T08:00:00Z') });
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
});

afterAll(async () => {
  proxy.setFault(undefined);
  await proxy.close();
});

beforeEach(() => {
  proxy.newAccount();
  proxy.setFault(undefined);
});

describe('ops explain of a failed Distributed Map (Map Run, DescribeMapRun and child executions injected: moto has no Distributed Map)', () => {
  it('names each price key whose PriceItems child execution failed or timed out, with its error and cause, and the Map Run\'s counts', async () => {
    // Prepare: 120 price keys; two children failed on throttling, one timed out, two were aborted when the Map Run failed
    const timedOut = child(7, { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The state machine execution timed out' });
    serveFailedMapRun(proxy, {
      events: costReportFailedInPriceItemsMapRun().events,
      itemCounts: counts({ succeeded: 115, failed: 2, timedOut: 1, aborted: 2 }),
      children: [child(3), child(41), timedOut],
    });

    // Act
    const result = await ops('explain', NAME);

    // Assess
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(`  failed at PriceItems: ${THRESHOLD_EXCEEDED.error}`);
    expect(lines).toContain("Price keys whose PriceItems child execution failed (Map Run 2 failed, 1 timed out of 120 items; 2 aborted, 115 succeeded):");
    expect(result.stdout).toMatch(/ebs-storage\|us-east-1\|gp3-3\s+ThrottlingError: Pricing GetProducts throttled \(ThrottlingException\): Rate exceeded \(key 3\)\s+0b6f2d1e-7c3a-4f5e-9d8c-000000000003/);
    expect(result.stdout).toMatch(/ebs-storage\|us-east-1\|gp3-41\s+ThrottlingError: .*\(key 41\)/);
    expect(result.stdout).toMatch(/ebs-storage\|us-east-1\|gp3-7\s+States\.Timeout: The state machine execution timed out/);
    expect(lines.at(-2)).toBe(
      `Redrive (ops redrive ${NAME}) re-runs only the PriceItems Map Run's unsuccessful child executions (2 failed, 1 timed out, 2 aborted; the 115 that succeeded are not run again), then the steps after it.`,
    );
    // Only the PriceItems Map Run is read, not the Inventories one that succeeded.
    const mapRunsRead = proxy.calls.filter((call) => call.action === 'DescribeMapRun').map((call) => sfnRequest<{ mapRunArn: string }>(call.body).mapRunArn);
    expect(mapRunsRead).toEqual([PRICE_ITEMS_MAP_RUN]);
  });

  it('describes at most the first 50 unsuccessful children and says how many more there are (60 failed children injected, listed in pages)', async () => {
    // Prepare
    const children = Array.from({ length: 60 }, (_, i) => child(i));
    serveFailedMapRun(proxy, { events: costReportFailedInPriceItemsMapRun().events, itemCounts: counts({ succeeded: 1940, failed: 60 }), children });

    // Act
    const result = await ops('explain', NAME);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(Map Run 60 failed of 2000 items; 0 aborted, 1940 succeeded):');
    expect(describedChildren(proxy)).toHaveLength(50);
    expect(result.stdout).toMatch(/gp3-49\s+ThrottlingError/);
    expect(result.stdout).not.toMatch(/gp3-50\s/);
    expect(result.stdout).toContain(
      `  ... and 10 more unsuccessful child execution(s), not described here (ops explain reads the first 50); all of them: aws stepfunctions list-executions --map-run-arn ${PRICE_ITEMS_MAP_RUN} --status-filter FAILED (and TIMED_OUT)`,
    );
    const failedPages = proxy.calls.filter((call) => call.action === 'ListExecutions' && sfnRequest<{ statusFilter?: string }>(call.body).statusFilter === 'FAILED');
    expect(failedPages).toHaveLength(2);
  });

  it('when DescribeExecution of one child is refused (AccessDenied injected), still lists the others and names the one it could not read', async () => {
    // Prepare
    const refusedChild = child(12, { refused: accessDenied('ops-operator/jane', 'DescribeExecution', mapRunChildArn(PRICE_ITEMS_MAP_RUN, child(12).name)) });
    serveFailedMapRun(proxy, { events: costReportFailedInPriceItemsMapRun().events, itemCounts: counts({ succeeded: 117, failed: 3 }), children: [child(5), refusedChild, child(30)] });

    // Act
    const result = await ops('explain', NAME);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/gp3-5\s+ThrottlingError: .*\(key 5\)/);
    expect(result.stdout).toMatch(/gp3-30\s+ThrottlingError: .*\(key 30\)/);
    expect(result.stdout.split('\n')).toContain(
      `  FAILED child ${mapRunChildArn(PRICE_ITEMS_MAP_RUN, child(12).name)} could not be read (DescribeExecution: AccessDeniedException: ` +
        'User: arn:aws:sts::111122223333:assumed-role/ops-operator/jane is not authorized to perform: states:DescribeExecution on resource: ' +
        `${mapRunChildArn(PRICE_ITEMS_MAP_RUN, child(12).name)} because no identity-based policy allows the states:DescribeExecution action)`,
    );
  });

  it('an inline Map\'s failed iterations are still read from the history alone, with no Map Run call', async () => {
    // Prepare: a history from before PriceItems was distributed
    serveFailedMapRun(proxy, { events: costReportFailedInPriceItems().events, children: [] });

    // Act
    const result = await ops('explain', NAME);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Price keys whose PriceItems iteration failed (1 failed, 2 aborted, 2 succeeded of 5):');
    expect(result.stdout).toContain(`#2  ${PRICE_KEYS[2]?.id}  ThrottlingError: Pricing GetProducts throttled (ThrottlingException): Rate exceeded`);
    expect(result.stdout).toContain(`Redrive (ops redrive ${NAME}) re-runs only the 1 failed and 2 aborted PriceItems iteration(s), then the steps after it.`);
    expect(proxy.calls.filter((call) => ['DescribeMapRun', 'ListExecutions'].includes(call.action ?? ''))).toEqual([]);
  });
});
