/**
 * Test helper for the ops CLI: builds Step Functions execution histories shaped like the ones AWS
 * returns (event types, ids, previousEventId links, Lambda error causes), because moto returns a
 * fixed history whatever the state machine did.
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { EXCEEDED_TOLERATED_FAILURE_THRESHOLD } from '../../scripts/lib/distributed-map';

export interface StepOutcome {
  lastId: number;
  failed: boolean;
}

export function lambdaCause(errorType: string, errorMessage: string): string {
  return JSON.stringify({ errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, '    at handler (/var/task/index.js:1:1)'] });
}

export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private clock: number;

  constructor(start = new Date('2026-11-25T21:30:00Z')) {
    this.clock = start.getTime();
  }

  add(event: Omit<HistoryEvent, 'id' | 'timestamp'>, previousEventId: number): number {
    const id = this.events.length + 1;
    this.clock += 1000;
    this.events.push({ ...event, id, previousEventId, timestamp: new Date(this.clock) });
    return id;
  }

  start(input: unknown): number {
    return this.add({ type: 'ExecutionStarted', executionStartedEventDetails: { input: JSON.stringify(input) } }, 0);
  }

  /** A Lambda task: each failure before the last is retried; `error` set means the last attempt failed too. */
  task(
    name: string,
    input: unknown,
    previous: number,
    result: { output?: unknown; error?: string; cause?: string; failedAttempts?: number },
  ): StepOutcome {
    let last = this.add({ type: 'TaskStateEntered', stateEnteredEventDetails: { name, input: JSON.stringify(input) } }, previous);
    const attemptsThatFail = result.failedAttempts ?? (result.error ? 1 : 0);
    const attempts = result.error ? attemptsThatFail : attemptsThatFail + 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      last = this.add({ type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{}' } }, last);
      last = this.add({ type: 'TaskStarted', taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } }, last);
      const fails = attempt <= attemptsThatFail;
      if (fails) {
        last = this.add(
          { type: 'TaskFailed', taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: result.error ?? 'ThrottlingError', cause: result.cause ?? lambdaCause('ThrottlingError', 'slow down') } },
          last,
        );
      } else {
        last = this.add({ type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: JSON.stringify({ Payload: result.output }) } }, last);
      }
    }
    if (result.error) return { lastId: last, failed: true };
    last = this.add({ type: 'TaskStateExited', stateExitedEventDetails: { name, output: JSON.stringify(result.output ?? {}) } }, last);
    return { lastId: last, failed: false };
  }

  pass(name: string, input: unknown, output: unknown, previous: number): StepOutcome {
    const entered = this.add({ type: 'PassStateEntered', stateEnteredEventDetails: { name, input: JSON.stringify(input) } }, previous);
    return { lastId: this.add({ type: 'PassStateExited', stateExitedEventDetails: { name, output: JSON.stringify(output) } }, entered), failed: false };
  }

  /**
   * An inline Map. Iterations run in order until one fails; the ones after it are started and
   * aborted (as AWS does to iterations in flight), the rest never start.
   */
  map(
    name: string,
    input: unknown,
    previous: number,
    iterations: ((previous: number) => StepOutcome)[],
    options: { abortAfterFailure?: number; output?: unknown } = {},
  ): StepOutcome {
    const entered = this.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name, input: JSON.stringify(input) } }, previous);
    const started = this.add({ type: 'MapStateStarted', mapStateStartedEventDetails: { length: iterations.length } }, entered);
    let last = started;
    let failedAt: number | undefined;
    for (const [index, body] of iterations.entries()) {
      if (failedAt !== undefined) {
        if (index > failedAt + (options.abortAfterFailure ?? 0)) break;
        const iterationStart = this.add({ type: 'MapIterationStarted', mapIterationStartedEventDetails: { name, index } }, started);
        last = this.add({ type: 'MapIterationAborted', mapIterationAbortedEventDetails: { name, index } }, iterationStart);
        continue;
      }
      const iterationStart = this.add({ type: 'MapIterationStarted', mapIterationStartedEventDetails: { name, index } }, started);
      const outcome = body(iterationStart);
      last = this.add(
        outcome.failed
          ? { type: 'MapIterationFailed', mapIterationFailedEventDetails: { name, index } }
          : { type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name, index } },
        outcome.lastId,
      );
      if (outcome.failed) failedAt = index;
    }
    if (failedAt !== undefined) return { lastId: this.add({ type: 'MapStateFailed' }, last), failed: true };
    last = this.add({ type: 'MapStateSucceeded' }, last);
    return { lastId: this.add({ type: 'MapStateExited', stateExitedEventDetails: { name, output: JSON.stringify(options.output ?? {}) } }, last), failed: false };
  }

  /**
   * A Distributed Map: the parent's history holds the Map Run's start and end only; each child
   * execution's events are in the child's own history.
   */
  distributedMap(name: string, input: unknown, previous: number, mapRunArn: string, output: unknown): StepOutcome {
    const entered = this.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name, input: JSON.stringify(input) } }, previous);
    const started = this.add({ type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn } }, entered);
    const succeeded = this.add({ type: 'MapRunSucceeded' }, started);
    return { lastId: this.add({ type: 'MapStateExited', stateExitedEventDetails: { name, output: JSON.stringify(output) } }, succeeded), failed: false };
  }

  /** A Distributed Map whose Map Run failed: again only the Map Run's start and end are in the parent's history. */
  failedDistributedMap(name: string, input: unknown, previous: number, mapRunArn: string, failure: { error: string; cause: string }): StepOutcome {
    const entered = this.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name, input: JSON.stringify(input) } }, previous);
    const started = this.add({ type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn } }, entered);
    const failed = this.add({ type: 'MapRunFailed', mapRunFailedEventDetails: failure }, started);
    return { lastId: this.add({ type: 'MapStateFailed' }, failed), failed: true };
  }

  failExecution(error: string, cause: string, previous: number): number {
    return this.add({ type: 'ExecutionFailed', executionFailedEventDetails: { error, cause } }, previous);
  }

  succeedExecution(output: unknown, previous: number): number {
    return this.add({ type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: JSON.stringify(output) } }, previous);
  }

  redriven(redriveCount: number, previous: number): number {
    return this.add({ type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount } }, previous);
  }

  get lastTime(): Date {
    return new Date(this.clock);
  }
}

/** Where the failing power-schedule run below says the Map wrote its targets' results. */
export const POWER_RESULTS = {
  MapRunArn: 'arn:aws:states:us-east-1:111122223333:mapRun:ops-power-schedule/Targets:5c0d0a9e-1b2c-4d5e-8f90-123456789abc',
  ResultWriterDetails: { Bucket: 'acme-ops-reports', Key: 'work/power-schedule/scheduled-stop-1/results/5c0d0a9e-1b2c-4d5e-8f90-123456789abc/manifest.json' },
};

/** power-schedule over two accounts that stopped most instances but could not stop two: fails at RetryUnfinished. */
export function powerScheduleFailedAtRetryUnfinished(): HistoryBuilder {
  const h = new HistoryBuilder();
  const request = { action: 'stop', dryRun: false, tagValue: 'Yes' };
  let last = h.start({ action: 'stop' });
  last = h.task('Validate', { action: 'stop' }, last, { output: request }).lastId;
  last = h.add({ type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'SkipToday?', input: JSON.stringify(request) } }, last);
  last = h.add({ type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'SkipToday?', output: JSON.stringify(request) } }, last);
  const targets = { bucket: 'acme-ops-reports', key: 'work/power-schedule/scheduled-stop-1/targets.json', count: 4, resultPrefix: 'work/power-schedule/scheduled-stop-1/results' };
  last = h.task('ResolveTargets', request, last, { output: { ...request, targets } }).lastId;
  const mapped = { ...request, targets, results: POWER_RESULTS };
  last = h.distributedMap('Targets', { ...request, targets }, last, POWER_RESULTS.MapRunArn, mapped).lastId;
  const message =
    '2 instance(s) not changed: i-0a1b2c3d4e5f60001 (111122223333 us-east-1) UnauthorizedOperation: You are not authorized to perform this operation.; i-0a1b2c3d4e5f60002 (444455556666 eu-west-1) notArrived: still stopping after retry';
  const cause = lambdaCause('InstancesNotChangedError', message);
  last = h.task('RetryUnfinished', mapped, last, { error: 'InstancesNotChangedError', cause, failedAttempts: 3 }).lastId;
  h.failExecution('InstancesNotChangedError', cause, last);
  return h;
}

export const PRICE_KEYS = [
  { id: 'ec2|us-east-1|m5.large|Linux|NA|No License required|Shared', kind: 'ec2', region: 'us-east-1' },
  { id: 'ec2|us-east-1|t3.micro|Windows|NA|No License required|Shared', kind: 'ec2', region: 'us-east-1' },
  { id: 'ebs-storage|us-east-1|gp3', kind: 'ebs-storage', region: 'us-east-1', volumeType: 'gp3' },
  { id: 'ebs-storage|eu-west-1|gp2', kind: 'ebs-storage', region: 'eu-west-1', volumeType: 'gp2' },
  { id: 'ipv4|us-east-1|Idle', kind: 'ipv4', region: 'us-east-1', usage: 'Idle' },
];

/** cost-report whose third pricing iteration exhausted its throttling retries; two in flight were aborted. */
export function costReportFailedInPriceItems(): HistoryBuilder {
  const h = new HistoryBuilder();
  let last = h.start({});
  const collected = { executionName: 'weekly-20261123', reportDate: '2026-11-23', regions: ['us-east-1', 'eu-west-1'], inventoryKey: 'work/weekly-20261123/inventory.json', priceKeys: PRICE_KEYS };
  last = h.task('CollectInventory', {}, last, { output: collected }).lastId;
  const cause = lambdaCause('ThrottlingError', 'Pricing GetProducts throttled (ThrottlingException): Rate exceeded');
  last = h.map(
    'PriceItems',
    collected,
    last,
    PRICE_KEYS.map((key, index) => (prev: number) =>
      index === 2
        ? h.task('PriceItem', { key }, prev, { error: 'ThrottlingError', cause, failedAttempts: 8 })
        : h.task('PriceItem', { key }, prev, { output: { id: key.id, status: 'priced', usd: 0.1, unit: 'Hrs' }, failedAttempts: index === 0 ? 1 : 0 }),
    ),
    { abortAfterFailure: 2 },
  ).lastId;
  h.failExecution('ThrottlingError', cause, last);
  return h;
}

/** cost-report that priced everything and then failed writing the workbook. */
export function costReportFailedInRender(): HistoryBuilder {
  const h = new HistoryBuilder();
  let last = h.start({});
  const collected = { executionName: 'weekly-20261123', reportDate: '2026-11-23', regions: ['us-east-1'], inventoryKey: 'work/weekly-20261123/inventory.json', priceKeys: PRICE_KEYS.slice(0, 1) };
  last = h.task('CollectInventory', {}, last, { output: collected }).lastId;
  last = h.map('PriceItems', collected, last, [(prev) => h.task('PriceItem', { key: PRICE_KEYS[0] }, prev, { output: { id: PRICE_KEYS[0]?.id, status: 'priced' } })], {
    output: { ...collected, prices: [] },
  }).lastId;
  const cause = lambdaCause('ReportStorageError', 'PutObject s3://reports-bucket/work/weekly-20261123/ec2_monthly_costs_20261123.xlsx failed: AccessDenied');
  last = h.task('RenderReport', { ...collected, prices: [] }, last, { error: 'ReportStorageError', cause }).lastId;
  h.failExecution('ReportStorageError', cause, last);
  return h;
}

/**
 * Map Run ARNs are `arn:aws:states:<region>:<account>:mapRun:<state machine>/<Map's Label>:<map run id>`:
 * the Step Functions Developer Guide's example for `Label` ("Distributed Map state":
 * `mapRun:demoWorkflow/demoLabel:3c39a231-69bb-3d89-8607-9e124eddbb0b`) and LocalStack's
 * AWS-validated snapshot (tests/aws/services/stepfunctions/v2/test_sfn_api_map_run.snapshot.json:
 * `mapRun:<machine>/<label>:<id>`, the Map Run's state machine `stateMachine:<machine>/<label>`).
 */
export const INVENTORIES_MAP_RUN = 'arn:aws:states:us-east-1:111122223333:mapRun:ops-cost-report/Inventories:7d2b9c4e-3f1a-4e6b-8c5d-1a2b3c4d5e6f';
export const PRICE_ITEMS_MAP_RUN = 'arn:aws:states:us-east-1:111122223333:mapRun:ops-cost-report/PriceItems:0f6e3a8c-5b2d-4c1e-9a7f-2d4c6b8e0a13';

/**
 * A Map Run's child execution: the children run as the state machine `<machine>/<Label>` (the
 * labelled state machine ARN of "Viewing a Distributed Map Run", concepts-examine-map-run), so a
 * child named N is `arn:aws:states:<region>:<account>:execution:<machine>/<Label>:N`.
 */
export function mapRunChildArn(mapRunArn: string, childName: string): string {
  const [head, resource] = mapRunArn.split(':mapRun:') as [string, string];
  const machineAndLabel = resource.slice(0, resource.lastIndexOf(':'));
  return `${head}:execution:${machineAndLabel}:${childName}`;
}

/** The error and cause Step Functions gives a Map Run that failed past its tolerated failure threshold (the local runner writes the same). */
export const THRESHOLD_EXCEEDED = EXCEEDED_TOLERATED_FAILURE_THRESHOLD;

/** cost-report as deployed (Distributed Maps) whose PriceItems Map Run failed: some price keys could not be priced. */
export function costReportFailedInPriceItemsMapRun(): HistoryBuilder {
  const h = new HistoryBuilder();
  const request = { executionName: 'weekly-20261123', reportDate: '2026-11-23' };
  let last = h.start({});
  const targets = { bucket: 'acme-ops-reports', key: 'work/weekly-20261123/targets.json', count: 2, resultPrefix: 'work/weekly-20261123/inventories' };
  last = h.task('ResolveTargets', {}, last, { output: { ...request, targets } }).lastId;
  const inventories = { MapRunArn: INVENTORIES_MAP_RUN, ResultWriterDetails: { Bucket: 'acme-ops-reports', Key: 'work/weekly-20261123/inventories/7d2b9c4e-3f1a-4e6b-8c5d-1a2b3c4d5e6f/manifest.json' } };
  last = h.distributedMap('Inventories', { ...request, targets }, last, INVENTORIES_MAP_RUN, { ...request, targets, inventories }).lastId;
  const priceKeys = { bucket: 'acme-ops-reports', key: 'work/weekly-20261123/price-keys.json', count: 120, resultPrefix: 'work/weekly-20261123/prices' };
  last = h.task('MergeInventories', { ...request, inventories }, last, { output: { ...request, priceKeys } }).lastId;
  last = h.failedDistributedMap('PriceItems', { ...request, priceKeys }, last, PRICE_ITEMS_MAP_RUN, THRESHOLD_EXCEEDED).lastId;
  h.failExecution(THRESHOLD_EXCEEDED.error, THRESHOLD_EXCEEDED.cause, last);
  return h;
}
