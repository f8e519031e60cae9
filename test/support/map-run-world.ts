/**
 * Test harness only: a cost report whose PriceItems Distributed Map failed, as Step Functions
 * answers about it in its real wire format (test/support/sfn-wire.ts), because moto 5.2.1 has no
 * Distributed Map and no Map Runs, and cannot fail an execution. The proxy answers for the parent
 * (DescribeExecution, GetExecutionHistory: MapRunStarted/MapRunFailed, no MapIteration* events, as
 * AWS writes a Distributed Map into the parent's history), the Map Run (DescribeMapRun), its
 * children (ListExecutions with mapRunArn and statusFilter, in pages) and each child
 * (DescribeExecution). Read by `ops explain` (test/integration/ops-map-run.test.ts) and the notify
 * function (test/integration/notify-map-run.test.ts).
 */
import type { DescribeExecutionCommandOutput, ExecutionListItem, HistoryEvent, MapRunItemCounts } from '@aws-sdk/client-sfn';
import type { AwsProxy, AwsRequest, FaultResponse } from './aws-proxy';
import { lambdaCause, mapRunChildArn, PRICE_ITEMS_MAP_RUN, THRESHOLD_EXCEEDED } from './ops-history';
import { sfnError, sfnRequest, sfnResponse } from './sfn-wire';

export const COST_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-cost-report';
export const NAME = 'weekly-20261123';
export const PARENT_ARN = `${COST_ARN.replace(':stateMachine:', ':execution:')}:${NAME}`;
const CHILD_MACHINE_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-cost-report/PriceItems';
/** ListExecutions returns at most this many per page here, fewer than asked, as AWS may; never more than its maxResults (100 when not given). */
const PAGE = 40;
const DEFAULT_MAX_RESULTS = 100;

export interface Child {
  name: string;
  status: 'FAILED' | 'TIMED_OUT';
  key: { id: string; [field: string]: unknown };
  error: string;
  cause: string;
  /** DescribeExecution of this child answers with this instead. */
  refused?: FaultResponse;
}

export interface World {
  events: HistoryEvent[];
  itemCounts?: MapRunItemCounts;
  children: Child[];
  /** DescribeMapRun's status; FAILED unless given. */
  status?: 'FAILED' | 'SUCCEEDED';
  /** These calls about the Map Run answer with this instead (a refusal, a throttle). */
  refused?: Partial<Record<'DescribeMapRun' | 'ListExecutions', FaultResponse>>;
}

/** Step Functions' refusal of a call the caller's policies do not allow, as IAM words it. */
export function accessDenied(role: string, action: string, resource: string): FaultResponse {
  return sfnError(
    'AccessDeniedException',
    `User: arn:aws:sts::111122223333:assumed-role/${role} is not authorized to perform: states:${action} on resource: ${resource} because no identity-based policy allows the states:${action} action`,
  );
}

export function counts(c: Partial<MapRunItemCounts>): MapRunItemCounts {
  const base = { pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, ...c };
  const total = base.pending + base.running + base.succeeded + base.failed + base.timedOut + base.aborted;
  return { ...base, total, resultsWritten: total - base.pending - base.running, failuresNotRedrivable: 0, pendingRedrive: 0 };
}

/** Price key i of a big report, shaped as functions/shared/price-keys.ts makes them. */
function priceKey(i: number): Child['key'] {
  return { id: `ebs-storage|us-east-1|gp3-${i}`, kind: 'ebs-storage', region: 'us-east-1', volumeType: 'gp3' };
}

export function child(i: number, overrides: Partial<Child> = {}): Child {
  const name = `0b6f2d1e-7c3a-4f5e-9d8c-${String(i).padStart(12, '0')}`;
  const message = `Pricing GetProducts throttled (ThrottlingException): Rate exceeded (key ${i})`;
  return { name, status: 'FAILED', key: priceKey(i), error: 'ThrottlingError', cause: lambdaCause('ThrottlingError', message), ...overrides };
}

/** The proxy answers as Step Functions does for the failed parent, its Map Run and the Map Run's children; anything else goes on to moto. */
export function serveFailedMapRun(proxy: AwsProxy, world: World): void {
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
    // Step Functions only (X-Amz-Target AWSStepFunctions.<operation>); SNS, SQS and the rest go on to moto.
    if (!String(request.headers['x-amz-target'] ?? '').startsWith('AWSStepFunctions.')) return undefined;
    const body = sfnRequest<{ executionArn?: string; mapRunArn?: string; statusFilter?: string; nextToken?: string; maxResults?: number }>(request.body);
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
        if (world.refused?.DescribeMapRun) return world.refused.DescribeMapRun;
        if (body.mapRunArn !== PRICE_ITEMS_MAP_RUN) return sfnError('ResourceNotFound', `Map Run Does Not Exist: '${body.mapRunArn}'`);
        return sfnResponse({
          mapRunArn: PRICE_ITEMS_MAP_RUN,
          executionArn: PARENT_ARN,
          status: world.status ?? 'FAILED',
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
        if (world.refused?.ListExecutions) return world.refused.ListExecutions;
        const matching = world.children.filter((c) => c.status === body.statusFilter);
        const from = Number(body.nextToken ?? 0);
        const size = Math.min(body.maxResults || DEFAULT_MAX_RESULTS, PAGE);
        const page = matching.slice(from, from + size).map(listItem);
        return sfnResponse({ executions: page, ...(from + size < matching.length ? { nextToken: String(from + size) } : {}) });
      }
      default:
        return undefined;
    }
  });
}

/** The child executions DescribeExecution was asked about. */
export function describedChildren(proxy: AwsProxy): string[] {
  return proxy.calls
    .filter((call) => call.action === 'DescribeExecution')
    .map((call) => sfnRequest<{ executionArn: string }>(call.body).executionArn)
    .filter((arn) => arn.startsWith(mapRunChildArn(PRICE_ITEMS_MAP_RUN, '')));
}

/** The ListExecutions calls about the Map Run's children: which status, and how many were asked for. */
export function listedPages(proxy: AwsProxy): { statusFilter?: string; maxResults?: number }[] {
  return proxy.calls
    .filter((call) => call.action === 'ListExecutions')
    .map((call) => sfnRequest<{ mapRunArn?: string; statusFilter?: string; maxResults?: number }>(call.body))
    .filter((body) => body.mapRunArn === PRICE_ITEMS_MAP_RUN)
    .map(({ statusFilter, maxResults }) => ({ statusFilter, maxResults }));
}
