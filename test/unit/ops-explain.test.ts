import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { addUnfinishedFromResults, explainFromHistory, renderExplanation } from '../../scripts/ops/explain';
import { targetKeys } from '../../functions/shared/power-store';
import { memoryStore, writeMapResults, type MemoryStore } from '../support/memory-store';
import type { ExecutionDescription } from '../../scripts/ops/executions';
import { findFailurePoint } from '../../functions/shared/execution-history';
import { describeOutcome, ProgressTracker } from '../../scripts/ops/progress';
import {
  costReportFailedInPriceItems,
  costReportFailedInPriceItemsMapRun,
  costReportFailedInRender,
  HistoryBuilder,
  lambdaCause,
  POWER_RESULTS,
  powerScheduleFailedAtRetryUnfinished,
  PRICE_ITEMS_MAP_RUN,
  PRICE_KEYS,
  THRESHOLD_EXCEEDED,
} from '../support/ops-history';

const FOLDER = 'work/power-schedule/scheduled-stop-1/';
const VIRGINIA = { accountId: '111122223333', region: 'us-east-1' };
const IRELAND = { accountId: '444455556666', region: 'eu-west-1' };

/** The S3 objects the failed run left: two targets with one unfinished instance each, one target whose child failed. */
async function runObjects(): Promise<MemoryStore> {
  const store = memoryStore(POWER_RESULTS.ResultWriterDetails.Bucket);
  const done = (target: typeof VIRGINIA) => ({ target, status: 'done' as const, tally: { stopped: 1 }, unfinished: 1, skipped: 0, skippedSample: [] });
  await store.write(targetKeys(FOLDER, VIRGINIA).unfinished, [
    { ...VIRGINIA, instanceId: 'i-0a1b2c3d4e5f60001', errorCode: 'UnauthorizedOperation', reason: 'You are not authorized to perform this operation.' },
  ]);
  await store.write(targetKeys(FOLDER, IRELAND).unfinished, [{ ...IRELAND, instanceId: 'i-0a1b2c3d4e5f60002', reason: 'still stopping after 120s' }]);
  const id = POWER_RESULTS.MapRunArn.split(':').pop();
  await writeMapResults(store, FOLDER, { executionName: 'scheduled-stop-1', action: 'stop', dryRun: false, tagValue: 'Yes' }, [done(VIRGINIA), done(IRELAND)], [
    { target: { accountId: '444455556666', region: 'us-east-1' }, error: { Error: 'States.Timeout', Cause: 'the child execution timed out' } },
  ], id);
  return store;
}

function failed(name: string, events: HistoryEvent[]): ExecutionDescription {
  return {
    executionArn: `arn:aws:states:us-east-1:111122223333:execution:ops-power-schedule:${name}`,
    stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-power-schedule',
    name,
    status: 'FAILED',
    startDate: events[0]?.timestamp,
    stopDate: events.at(-1)?.timestamp,
  };
}

describe('ops explain: what failed, from the execution history', () => {
  it('lists each instance RetryUnfinished could not change, with account, region and AWS error code, read from the targets\' results its input names', async () => {
    // Prepare
    const { events } = powerScheduleFailedAtRetryUnfinished();
    const store = await runObjects();

    // Act
    const explanation = await addUnfinishedFromResults(explainFromHistory(failed('scheduled-stop-1', events), events, 'power-schedule'), () => store);
    const text = renderExplanation(explanation).join('\n');

    // Assess
    expect(explanation.failure?.state).toBe('RetryUnfinished');
    expect(explanation.failure?.error).toBe('InstancesNotChangedError');
    expect(explanation.results).toEqual(POWER_RESULTS);
    expect(explanation.unfinished).toEqual([
      expect.objectContaining({ instanceId: 'i-0a1b2c3d4e5f60001', accountId: '111122223333', region: 'us-east-1', errorCode: 'UnauthorizedOperation' }),
      expect.objectContaining({ instanceId: 'i-0a1b2c3d4e5f60002', accountId: '444455556666', region: 'eu-west-1' }),
    ]);
    expect(text).toMatch(/i-0a1b2c3d4e5f60001\s+111122223333\s+us-east-1\s+UnauthorizedOperation\s+You are not authorized/);
    expect(text).toMatch(/i-0a1b2c3d4e5f60002\s+444455556666\s+eu-west-1\s+notArrived\s+still stopping/);
    expect(text).toContain(`Instances not changed (action stop), from the targets' results the failed step reads (s3://acme-ops-reports/${POWER_RESULTS.ResultWriterDetails.Key}):`);
    expect(text).toContain('re-runs RetryUnfinished for these 2 instance(s) and these 1 target(s) only (any already changed since are counted as done without a call)');
    // Results from before kinds existed count as EC2 instances.
    expect(text).toMatch(/What the targets' child executions did, by kind:\n {2}EC2 instances {2}stopped 2\n/);
  });

  it('names each resource not changed by kind: an RDS DB instance and cluster by their identifiers, an Auto Scaling group by its name', async () => {
    // Prepare
    const { events } = powerScheduleFailedAtRetryUnfinished();
    const store = await runObjects();
    await store.write(targetKeys(FOLDER, IRELAND).unfinished, [
      { ...IRELAND, instanceId: 'arn:aws:rds:eu-west-1:444455556666:db:orders', kind: 'rds', errorCode: 'InvalidDBInstanceState', reason: 'Instance orders cannot be stopped because it is in backing-up state.' },
      { ...IRELAND, instanceId: 'arn:aws:rds:eu-west-1:444455556666:cluster:reports', kind: 'rds', reason: 'still stopping after 900s' },
      { ...IRELAND, instanceId: 'web', kind: 'asg', errorCode: 'ScalingActivityInProgress', reason: 'Scaling activity 0123abcd is in progress and blocks this action.' },
    ]);

    // Act
    const text = renderExplanation(await addUnfinishedFromResults(explainFromHistory(failed('scheduled-stop-1', events), events, 'power-schedule'), () => store)).join('\n');

    // Assess
    expect(text).toMatch(/ec2\s+i-0a1b2c3d4e5f60001\s+111122223333\s+us-east-1\s+UnauthorizedOperation/);
    expect(text).toMatch(/rds\s+DB instance orders\s+444455556666\s+eu-west-1\s+InvalidDBInstanceState\s+Instance orders cannot be stopped/);
    expect(text).toMatch(/rds\s+DB cluster reports\s+444455556666\s+eu-west-1\s+notArrived\s+still stopping after 900s/);
    expect(text).toMatch(/asg\s+Auto Scaling group web\s+444455556666\s+eu-west-1\s+ScalingActivityInProgress/);
  });

  it('says a run timed out or was aborted as such, not as a failure', () => {
    // Prepare: the same run, ended by its time limit, and again stopped by hand, while in Targets
    const ended = (terminal: 'ExecutionTimedOut' | 'ExecutionAborted') => {
      const history = new HistoryBuilder();
      const started = history.start({ action: 'stop' });
      const validated = history.task('Validate', { action: 'stop' }, started, { output: { action: 'stop' } });
      const entered = history.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name: 'Targets', input: '{}' } }, validated.lastId);
      history.add({ type: terminal, ...(terminal === 'ExecutionTimedOut' ? { executionTimedOutEventDetails: {} } : { executionAbortedEventDetails: {} }) }, entered);
      return history.events;
    };
    const timedOut = ended('ExecutionTimedOut');
    const aborted = ended('ExecutionAborted');

    // Act
    const timedOutText = renderExplanation(explainFromHistory({ ...failed('scheduled-stop-3', timedOut), status: 'TIMED_OUT' }, timedOut, 'power-schedule')).join('\n');
    const abortedText = renderExplanation(explainFromHistory({ ...failed('scheduled-stop-4', aborted), status: 'ABORTED' }, aborted, 'power-schedule')).join('\n');

    // Assess
    expect(timedOutText).toContain('scheduled-stop-3 (power-schedule): TIMED_OUT');
    expect(timedOutText).toContain('  timed out at Targets: States.Timeout (the execution ran past its TimeoutSeconds)');
    expect(abortedText).toContain('scheduled-stop-4 (power-schedule): ABORTED');
    expect(abortedText).toContain('  aborted at Targets (stopped by StopExecution, not by an error)');
    for (const text of [timedOutText, abortedText]) expect(text).not.toContain('failed at');
  });

  it('lists the targets whose child execution did not finish, which RetryUnfinished does again whole', async () => {
    const { events } = powerScheduleFailedAtRetryUnfinished();
    const store = await runObjects();

    const explanation = await addUnfinishedFromResults(explainFromHistory(failed('scheduled-stop-1', events), events, 'power-schedule'), () => store);

    expect(explanation.targetsNotDone).toEqual([{ accountId: '444455556666', region: 'us-east-1', errorCode: 'States.Timeout', reason: 'the child execution timed out' }]);
    expect(renderExplanation(explanation).join('\n')).toMatch(/444455556666\s+us-east-1\s+States\.Timeout\s+the child execution timed out/);
  });

  it('when the results cannot be read, says where and why, and still shows the error message', async () => {
    const { events } = powerScheduleFailedAtRetryUnfinished();

    const explanation = await addUnfinishedFromResults(explainFromHistory(failed('scheduled-stop-1', events), events, 'power-schedule'), () => memoryStore('acme-ops-reports'));
    const text = renderExplanation(explanation).join('\n');

    expect(explanation.unfinished).toEqual([]);
    expect(text).toContain(`the targets' results at s3://acme-ops-reports/${POWER_RESULTS.ResultWriterDetails.Key} could not be read`);
    expect(text).toContain('2 instance(s) not changed: i-0a1b2c3d4e5f60001 (111122223333 us-east-1) UnauthorizedOperation');
  });

  it('without the step input in full, shows the error message as written and lists no instance guessed from its text', () => {
    // Prepare: GetExecutionHistory returns inputs in full ("truncated" is always false for API
    // calls); a history read elsewhere, e.g. from CloudWatch Logs, may carry a truncated one.
    const { events } = powerScheduleFailedAtRetryUnfinished();
    const entered = [...events].reverse().find((e) => e.stateEnteredEventDetails?.name === 'RetryUnfinished');
    entered!.stateEnteredEventDetails = { name: 'RetryUnfinished', input: '{"action":"stop","resu', inputDetails: { truncated: true } };

    // Act
    const explanation = explainFromHistory(failed('scheduled-stop-2', events), events, 'power-schedule');
    const text = renderExplanation(explanation).join('\n');

    // Assess
    expect(explanation.unfinished).toEqual([]);
    expect(text).toContain('2 instance(s) not changed: i-0a1b2c3d4e5f60001 (111122223333 us-east-1) UnauthorizedOperation');
    expect(text).toContain('(the step input was too large for the history and is truncated there)');
    expect(text).not.toContain('Instances not changed');
  });

  it('names the price key of each failed pricing iteration and counts the aborted ones', () => {
    const { events } = costReportFailedInPriceItems();

    const explanation = explainFromHistory(failed('weekly-20261123', events), events, 'cost-report');
    const text = renderExplanation(explanation).join('\n');

    expect(explanation.failure?.state).toBe('PriceItems');
    expect(explanation.failedKeys).toEqual([
      expect.objectContaining({ index: 2, key: expect.objectContaining({ id: PRICE_KEYS[2]?.id }), error: 'ThrottlingError', message: expect.stringContaining('Rate exceeded') }),
    ]);
    expect(text).toContain('(1 failed, 2 aborted, 2 succeeded of 5)');
    expect(text).toMatch(/#2\s+ebs-storage\|us-east-1\|gp3\s+ThrottlingError: Pricing GetProducts throttled/);
    expect(text).toContain('re-runs only the 1 failed and 2 aborted PriceItems iteration(s)');
  });

  it('for a failed Distributed Map, takes the failed state\'s Map Run from the history (not another Map\'s) and names no iteration', () => {
    // Prepare: Inventories' Map Run succeeded; PriceItems' failed
    const { events } = costReportFailedInPriceItemsMapRun();

    // Act
    const explanation = explainFromHistory(failed('weekly-20261123', events), events, 'cost-report');

    // Assess
    expect(explanation.failure).toMatchObject({ state: 'PriceItems', error: THRESHOLD_EXCEEDED.error });
    expect(explanation.mapRunArn).toBe(PRICE_ITEMS_MAP_RUN);
    expect(explanation.failedKeys).toEqual([]);
  });

  it('a retried Distributed Map started a new Map Run: the newest one is read', () => {
    // Prepare: PriceItems failed reading its items once (States.ItemReaderFailed, retried), then its second Map Run failed
    const h = new HistoryBuilder();
    const first = 'arn:aws:states:us-east-1:111122223333:mapRun:ops-cost-report/PriceItems:11111111-2222-4333-8444-555555555555';
    let last = h.add({ type: 'MapStateEntered', stateEnteredEventDetails: { name: 'PriceItems', input: '{}' } }, h.start({}));
    for (const [mapRunArn, failure] of [[first, { error: 'States.ItemReaderFailed', cause: 'S3 GetObject: SlowDown' }], [PRICE_ITEMS_MAP_RUN, THRESHOLD_EXCEEDED]] as const) {
      last = h.add({ type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn } }, last);
      last = h.add({ type: 'MapRunFailed', mapRunFailedEventDetails: failure }, last);
    }
    h.failExecution(THRESHOLD_EXCEEDED.error, THRESHOLD_EXCEEDED.cause, h.add({ type: 'MapStateFailed' }, last));

    // Act
    const explanation = explainFromHistory(failed('weekly-20261123', h.events), h.events, 'cost-report');

    // Assess
    expect(explanation.mapRunArn).toBe(PRICE_ITEMS_MAP_RUN);
  });

  it('when the Map Run could not be described or listed, says which call failed and why, and what a redrive re-runs all the same', () => {
    // Prepare: the operator's role lacks states:DescribeMapRun and states:ListExecutions
    const { events } = costReportFailedInPriceItemsMapRun();
    const explanation = explainFromHistory(failed('weekly-20261123', events), events, 'cost-report');
    const denied = 'AccessDeniedException: User is not authorized to perform: states:DescribeMapRun';
    explanation.mapRun = { mapRunArn: PRICE_ITEMS_MAP_RUN, children: [], notDescribed: 0, problems: [{ call: 'DescribeMapRun', code: 'AccessDeniedException', text: `DescribeMapRun ${PRICE_ITEMS_MAP_RUN}: ${denied}` }] };

    // Act
    const text = renderExplanation(explanation).join('\n');

    // Assess
    expect(text).toContain('Items whose PriceItems child execution failed (Map Run counts not read):');
    expect(text).toContain(`  (could not read DescribeMapRun ${PRICE_ITEMS_MAP_RUN}: ${denied})`);
    expect(text).toContain('re-runs only the unsuccessful child executions of the PriceItems Map Run (those that succeeded are not run again), then the steps after it.');
  });

  it('a Map Run that succeeded is not given as why its state failed (the state failed after it, e.g. writing its results)', () => {
    // Prepare: every child succeeded; the Map state itself failed afterwards
    const { events } = costReportFailedInPriceItemsMapRun();
    const explanation = explainFromHistory(failed('weekly-20261123', events), events, 'cost-report');
    const itemCounts = { pending: 0, running: 0, succeeded: 120, failed: 0, timedOut: 0, aborted: 0, total: 120, resultsWritten: 0 };
    explanation.mapRun = { mapRunArn: PRICE_ITEMS_MAP_RUN, status: 'SUCCEEDED', itemCounts, children: [], notDescribed: 0, problems: [] };

    // Act
    const text = renderExplanation(explanation).join('\n');

    // Assess
    expect(text).not.toContain('child execution failed');
    expect(text).toContain('re-runs PriceItems with the same input, then the steps after it.');
  });

  it('reports a rendering failure with its error and cause, and no price keys', () => {
    const { events } = costReportFailedInRender();

    const explanation = explainFromHistory(failed('weekly-20261123', events), events, 'cost-report');
    const text = renderExplanation(explanation).join('\n');

    expect(explanation.failedKeys).toEqual([]);
    expect(text).toContain('failed at RenderReport: ReportStorageError');
    expect(text).toContain('PutObject s3://reports-bucket/work/weekly-20261123/ec2_monthly_costs_20261123.xlsx failed: AccessDenied');
    expect(text).toContain('re-runs RenderReport with the same input');
  });

  it('after a redrive, explains the latest attempt only', () => {
    // Prepare: the first attempt failed in PriceItems; the redrive got past it and failed in RenderReport
    const h = costReportFailedInPriceItems();
    let last = h.redriven(1, h.events.length);
    last = h.map('PriceItems', {}, last, [(prev) => h.task('PriceItem', { key: PRICE_KEYS[2] }, prev, { output: {} })]).lastId;
    const cause = lambdaCause('ReportStorageError', 'bucket gone');
    last = h.task('RenderReport', {}, last, { error: 'ReportStorageError', cause }).lastId;
    h.failExecution('ReportStorageError', cause, last);

    // Act
    const explanation = explainFromHistory(failed('weekly-20261123', h.events), h.events, 'cost-report');

    // Assess
    expect(explanation.failure?.state).toBe('RenderReport');
    expect(explanation.failedKeys).toEqual([]);
  });

  it('says a succeeded execution has nothing to explain', () => {
    const h = new HistoryBuilder();
    const last = h.task('Validate', {}, h.start({}), { output: {} }).lastId;
    h.succeedExecution({}, last);

    const text = renderExplanation(explainFromHistory({ ...failed('ok', h.events), status: 'SUCCEEDED' }, h.events)).join('\n');

    expect(text).toContain('nothing failed');
  });

  it('shows what a succeeded power-schedule run did, by resource kind, from its output', () => {
    const h = new HistoryBuilder();
    const output = { action: 'stop', dryRun: false, tagValue: 'Yes', totals: { stopped: 4, skipped: 1 }, byKind: { ec2: { stopped: 1, skipped: 1 }, rds: { stopped: 2 }, asg: { stopped: 1 } } };
    h.succeedExecution(output, h.task('Summarize', {}, h.start({}), { output }).lastId);

    const text = renderExplanation(explainFromHistory({ ...failed('nightly', h.events), status: 'SUCCEEDED', output: JSON.stringify(output) }, h.events, 'power-schedule')).join('\n');

    expect(text).toContain('nothing failed.\n\nBy kind:\n  EC2 instances                  stopped 1, skipped 1\n  RDS DB instances and clusters  stopped 2\n  Auto Scaling groups            stopped 1');
    expect(findFailurePoint(h.events)).toBeUndefined();
  });
});

describe('ops progress while following an execution', () => {
  it('prints each top-level state once and each Map as iterations done / total', () => {
    // Prepare: the history as a poll would see it part-way, then complete
    const { events } = costReportFailedInPriceItems();
    const mapStarted = events.findIndex((e) => e.type === 'MapStateStarted');
    const tracker = new ProgressTracker();

    // Act
    const early = tracker.consume(events.slice(0, mapStarted + 1));
    const late = tracker.consume(events);

    // Assess
    expect(early.join('\n')).toMatch(/→ CollectInventory[\s\S]*→ PriceItems[\s\S]*PriceItems: 0\/5 iterations done/);
    expect(late.join('\n')).not.toContain('→ CollectInventory');
    expect(late.join('\n')).toContain('PriceItems: 5/5 iterations done (1 failed, 2 aborted)');
    expect(late.join('\n')).not.toMatch(/→ PriceItem\b(?!s)/);
  });

  it('after a redrive of a failed Distributed Map, names the Map Run redriven and how it ended', () => {
    // Prepare: the PriceItems Map Run failed; the redrive re-runs it under the same ARN (MapRunRedriven) and it succeeds
    const h = costReportFailedInPriceItemsMapRun();
    const redriven = h.redriven(1, h.events.length);
    const rerun = h.add({ type: 'MapRunRedriven', mapRunRedrivenEventDetails: { mapRunArn: PRICE_ITEMS_MAP_RUN, redriveCount: 1 } }, redriven);
    h.add({ type: 'MapRunSucceeded' }, rerun);
    const tracker = new ProgressTracker(h.events[redriven - 1]?.timestamp);

    // Act
    const lines = tracker.consume(h.events).map((line) => line.slice(9));

    // Assess
    expect(lines).toEqual(['redriven (redrive #1)', '  PriceItems: Map Run redriven (only its unsuccessful child executions run again)', '  PriceItems: Map Run succeeded']);
  });

  it('shows a failed attempt of a top-level step (it may be retried)', () => {
    const { events } = powerScheduleFailedAtRetryUnfinished();

    const lines = new ProgressTracker().consume(events).join('\n');

    expect(lines).toMatch(/→ RetryUnfinished\n.*attempt failed: InstancesNotChangedError — 2 instance\(s\) not changed/);
    expect(lines).toMatch(/→ Targets\n.*Targets: Map Run started \(one child execution per item\)\n.*Targets: Map Run succeeded/);
  });

  it('ends with the output JSON and exit 0 on SUCCEEDED, or the failed step, error and next commands and exit 1', () => {
    const { events } = powerScheduleFailedAtRetryUnfinished();
    const execution = failed('scheduled-stop-1', events);

    const failure = describeOutcome({ execution: { ...execution, error: 'InstancesNotChangedError', cause: lambdaCause('InstancesNotChangedError', '2 instance(s) not changed') }, events });
    const success = describeOutcome({ execution: { ...execution, status: 'SUCCEEDED', output: '{"totals":{"stopped":4}}' }, events: [] });

    expect(failure.exitCode).toBe(1);
    expect(failure.result).toContain('FAILED at RetryUnfinished: InstancesNotChangedError — 2 instance(s) not changed');
    expect(failure.result).toContain('ops explain scheduled-stop-1');
    expect(success.exitCode).toBe(0);
    expect(JSON.parse(success.result)).toEqual({ totals: { stopped: 4 } });
  });
});
