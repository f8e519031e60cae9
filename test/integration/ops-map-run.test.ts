/**
 * `ops explain` of a cost report whose PriceItems Distributed Map failed, over HTTP through the
 * test proxy. moto 5.2.1 has no Distributed Map and no Map Runs, and cannot fail an execution, so
 * the proxy answers Step Functions in its real wire format (test/support/sfn-wire.ts) for the
 * parent (DescribeExecution, GetExecutionHistory: MapRunStarted/MapRunFailed, no MapIteration*
 * events, as AWS writes a Distributed Map into the parent's history), the Map Run
 * (DescribeMapRun), its children (ListExecutions with mapRunArn and statusFilter, in pages) and
 * each child (DescribeExecution); anything else goes on to moto.
 */
import type { DescribeExecutionCommandOutput, ExecutionListItem, HistoryEvent, MapRunItemCounts } from '@aws-sdk/client-sfn';
import { runOps, type OpsResult } from '../support/ops-cli';
import { startAwsProxy, type AwsProxy, type AwsRequest, type FaultResponse } from '../support/aws-proxy';
import {
  costReportFailedInPriceItems,
  costReportFailedInPriceItemsMapRun,
  lambdaCause,
  mapRunChildArn,
  PRICE_ITEMS_MAP_RUN,
  PRICE_KEYS,
  THRESHOLD_EXCEEDED,
} from '../support/ops-history';
import { sfnError, sfnRequest, sfnResponse } from '../support/sfn-wire';

const COST_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-cost-report';
const POWER_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-power-schedule';
const NAME = 'weekly-20261123';
const PARENT_ARN = `${COST_ARN.replace(':stateMachine:', ':execution:')}:${NAME}`;
const CHILD_MACHINE_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-cost-report/PriceItems';
/** ListExecutions returns at most this many per page here, fewer than asked, as AWS may. */
const PAGE = 40;

interface Child {
  name: string;
  status: 'FAILED' | 'TIMED_OUT';
  key: { id: string; [field: string]: unknown };
  error: string;
  cause: string;
  /** DescribeExecution of this child answers with this instead. */
  refused?: FaultResponse;
}

interface World {
  events: HistoryEvent[];
  itemCounts?: MapRunItemCounts;
  children: Child[];
}

let proxy: AwsProxy;

async function ops(...args: string[]): Promise<OpsResult> {
  return runOps(['--power-arn', POWER_ARN, '--cost-arn', COST_ARN, ...args], { now: () => new Date('2026-11-23T08:00:00Z') });
}

function counts(c: Partial<MapRunItemCounts>): MapRunItemCounts {
  const base = { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, ...c };
  const total = base.pending + base.running + base.succeeded + base.failed + base.timedOut + base.aborted;
  return { ...base, total, resultsWritten: total - base.pending - base.running, failuresNotRedrivable: 0, pendingRedrive: 0 };
}

/** Price key i of a big report, shaped as functions/shared/price-keys.ts makes them. */
function priceKey(i: number): Child['key'] {
  return { id: `ebs-storage|us-east-1|gp3-${i}`, kind: 'ebs-storage', region: 'us-east-1', volumeType: 'gp3' };
}

function child(i: number, overrides: Partial<Child> = {}): Child {
  const name = `0b6f2d1e-7c3a-4f5e-9d8c-${String(i).padStart(12, '0')}`;
  const message = `Pricing GetProducts throttled (ThrottlingException): Rate exceeded (key ${i})`;
  return { name, status: 'FAILED', key: priceKey(i), error: 'ThrottlingError', cause: lambdaCause('ThrottlingError', message), ...overrides };
}

/** Step Functions as it answers for the failed parent, its Map Run and the Map Run's children. */
function serve(world: World): void {
  const start = world.events[0]?.timestamp as Date;
  const stop = world.events.at(-1)?.timestamp as Date;
  const parent: Omit<DescribeExecutionCommandOutput, '$metadata'> = {
    executionArn: PARENT_ARN,
    stateMachineArn: COST_ARN,
    name: NAME,
    status: 'FAILED',
    startDate: start,
    stopDate: stop,
    input: '{}',
    inputDetails: { included: true },
    error: THRESHOLD_EXCEEDED.error,
    cause: THRESHOLD_EXCEEDED.cause,
    redriveCount: 0,
    redriveStatus: 'REDRIVABLE',
  };
  const listItem = (c: Child): ExecutionListItem => ({
    executionArn: mapRunChildArn(PRICE_ITEMS_MAP_RUN, c.name),
    stateMachineArn: CHILD_MACHINE_ARN,
    name: c.name,
    status: c.status,
    startDate: new Date(start.getTime() + 60_000),
    stopDate: new Date(start.getTime() + 120_000),
    mapRunArn: PRICE_ITEMS_MAP_RUN,
    itemCount: 1,
    redriveCount: 0,
  });
  const byArn = new Map(world.children.map((c) => [mapRunChildArn(PRICE_ITEMS_MAP_RUN, c.name), c] as const));
  proxy.setFault((request: AwsRequest) => {
    const body = sfnRequest<{ executionArn?: string; mapRunArn?: string; statusFilter?: string; nextToken?: string }>(request.body);
    switch (request.action) {
      case 'DescribeExecution': {
        if (body.executionArn === PARENT_ARN) return sfnResponse(parent);
        const c = byArn.get(body.executionArn ?? '');
        if (!c) return undefined;
        if (c.refused) return c.refused;
        return sfnResponse({
          ...listItem(c),
          input: JSON.stringify({ executionName: NAME, key: c.key }),
          inputDetails: { included: true },
          error: c.error,
          cause: c.cause,
          redriveStatus: 'REDRIVABLE',
        });
      }
      case 'GetExecutionHistory':
        return body.executionArn === PARENT_ARN ? sfnResponse({ events: world.events }) : undefined;
      case 'DescribeMapRun':
        if (body.mapRunArn !== PRICE_ITEMS_MAP_RUN) return sfnError('ResourceNotFound', `Map Run Does Not Exist: '${body.mapRunArn}'`);
        return sfnResponse({
          mapRunArn: PRICE_ITEMS_MAP_RUN,
          executionArn: PARENT_ARN,
          status: 'FAILED',
          startDate: new Date(start.getTime() + 30_000),
          stopDate: stop,
          maxConcurrency: 5,
          toleratedFailurePercentage: 0,
          toleratedFailureCount: 0,
          itemCounts: world.itemCounts,
          executionCounts: world.itemCounts,
          redriveCount: 0,
        });
      case 'ListExecutions': {
        if (body.mapRunArn !== PRICE_ITEMS_MAP_RUN) return undefined;
        const matching = world.children.filter((c) => c.status === body.statusFilter);
        const from = Number(body.nextToken ?? 0);
        const page = matching.slice(from, from + PAGE).map(listItem);
        return sfnResponse({ executions: page, ...(from + PAGE < matching.length ? { nextToken: String(from + PAGE) } : {}) });
      }
      default:
        return undefined;
    }
  });
}

function describedChildren(): string[] {
  return proxy.calls
    .filter((call) => call.action === 'DescribeExecution')
    .map((call) => sfnRequest<{ executionArn: string }>(call.body).executionArn)
    .filter((arn) => arn.startsWith(mapRunChildArn(PRICE_ITEMS_MAP_RUN, '')));
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
    serve({
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
    serve({ events: costReportFailedInPriceItemsMapRun().events, itemCounts: counts({ succeeded: 1940, failed: 60 }), children });

    // Act
    const result = await ops('explain', NAME);

    // Assess
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(Map Run 60 failed of 2000 items; 0 aborted, 1940 succeeded):');
    expect(describedChildren()).toHaveLength(50);
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
    const refusedChild = child(12, {
      refused: sfnError(
        'AccessDeniedException',
        'User: arn:aws:sts::111122223333:assumed-role/ops-operator/jane is not authorized to perform: states:DescribeExecution on resource: ' +
          `${mapRunChildArn(PRICE_ITEMS_MAP_RUN, child(12).name)} because no identity-based policy allows the states:DescribeExecution action`,
      ),
    });
    serve({ events: costReportFailedInPriceItemsMapRun().events, itemCounts: counts({ succeeded: 117, failed: 3 }), children: [child(5), refusedChild, child(30)] });

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
    serve({ events: costReportFailedInPriceItems().events, children: [] });

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
