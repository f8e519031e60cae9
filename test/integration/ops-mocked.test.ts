/**
 * The ops commands where moto cannot produce what they read: RedriveExecution (not implemented),
 * FAILED executions and their GetExecutionHistory content (moto returns a fixed history), Express
 * state machines and old stop dates. The SFN client is mocked with aws-sdk-client-mock; each test
 * name says what is mocked and why.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { runOps, type OpsResult } from '../support/ops-cli';
import { watchExecution } from '../../scripts/ops/progress';
import { costReportFailedInPriceItems, lambdaCause, powerScheduleFailedAtRetryUnfinished, PRICE_KEYS } from '../support/ops-history';

const POWER_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-power-schedule';
const COST_ARN = 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-cost-report';
const executionArn = (machine: string, name: string): string => `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
const NOW = new Date('2026-11-26T08:00:00Z');

const sfnMock = mockClient(SFNClient);

async function ops(...args: string[]): Promise<OpsResult> {
  return runOps(['--power-arn', POWER_ARN, '--cost-arn', COST_ARN, ...args], { now: () => NOW, pollMs: 1 });
}

beforeEach(() => {
  sfnMock.reset();
  sfnMock.on(DescribeStateMachineCommand).resolves({ type: 'STANDARD' });
  sfnMock.on(DescribeExecutionCommand).rejects(Object.assign(new Error('Execution Does Not Exist'), { name: 'ExecutionDoesNotExist' }));
});

afterAll(() => sfnMock.restore());

describe('ops redrive', () => {
  it('redrives a failed execution and follows only the new attempt to SUCCEEDED (RedriveExecution mocked: moto lacks it)', async () => {
    // Prepare: a power-schedule run failed at RetryUnfinished last night; the redrive re-runs it and Summarize
    const history = powerScheduleFailedAtRetryUnfinished();
    const arn = executionArn(POWER_ARN, 'scheduled-stop-20261125');
    const failedRun = { executionArn: arn, stateMachineArn: POWER_ARN, name: 'scheduled-stop-20261125', status: 'FAILED' as const, startDate: history.events[0]?.timestamp, stopDate: history.lastTime };
    const redriveDate = new Date(history.lastTime.getTime() + 60_000);
    const redriven = history.redriven(1, history.events.length);
    history.add({ type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'RetryUnfinished', input: '{}' } }, redriven);
    const retried = history.task('RetryUnfinished', {}, history.events.length - 1, { output: { recovered: [] } });
    const summarized = history.task('Summarize', {}, retried.lastId, { output: { totals: { stopped: 4 } } });
    history.succeedExecution({ totals: { stopped: 4 } }, summarized.lastId);
    // Events of the redrive are after redriveDate on the builder's clock
    history.events.filter((e) => (e.id ?? 0) >= redriven).forEach((e, i) => (e.timestamp = new Date(redriveDate.getTime() + (i + 1) * 1000)));
    sfnMock
      .on(DescribeExecutionCommand, { executionArn: arn })
      .resolvesOnce(failedRun)
      .resolvesOnce({ ...failedRun, status: 'RUNNING', redriveCount: 1, redriveDate })
      .resolves({ ...failedRun, status: 'SUCCEEDED', stopDate: new Date(redriveDate.getTime() + 30_000), output: '{"totals":{"stopped":4}}', redriveCount: 1 });
    sfnMock.on(GetExecutionHistoryCommand).resolves({ events: history.events });
    sfnMock.on(RedriveExecutionCommand).resolves({ redriveDate });

    // Act
    const result = await ops('redrive', 'scheduled-stop-20261125');

    // Assess
    expect(result.code).toBe(0);
    expect(sfnMock.commandCalls(RedriveExecutionCommand)).toHaveLength(1);
    expect(sfnMock.commandCalls(RedriveExecutionCommand)[0]?.args[0].input.executionArn).toBe(arn);
    expect(result.stderr).toContain('redriven (redrive #1)');
    expect(result.stderr).toContain('→ RetryUnfinished');
    expect(result.stderr).toContain('→ Summarize');
    expect(result.stderr).not.toContain('→ Validate');
    expect(result.stderr).toContain('scheduled-stop-20261125 SUCCEEDED');
    expect(JSON.parse(result.stdout)).toEqual({ totals: { stopped: 4 } });
  });

  it('refuses an Express state machine without calling RedriveExecution (DescribeStateMachine mocked: moto creates only STANDARD)', async () => {
    const arn = executionArn(COST_ARN, 'weekly');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, stateMachineArn: COST_ARN, name: 'weekly', status: 'FAILED', stopDate: new Date('2026-11-25T00:00:00Z') });
    sfnMock.on(DescribeStateMachineCommand).resolves({ type: 'EXPRESS' });

    const result = await ops('redrive', 'weekly');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: weekly belongs to an Express state machine: AWS redrives Standard workflows only; start a new run instead (ops run ...)\n');
    expect(sfnMock.commandCalls(RedriveExecutionCommand)).toHaveLength(0);
  });

  it('refuses an execution that stopped more than 14 days ago (stopDate mocked: moto executions are all new)', async () => {
    const arn = executionArn(COST_ARN, 'weekly-old');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, stateMachineArn: COST_ARN, name: 'weekly-old', status: 'FAILED', stopDate: new Date('2026-11-01T06:00:00Z') });

    const result = await ops('redrive', 'weekly-old');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: weekly-old stopped 2026-11-01 06:00:00Z, more than 14 days ago: AWS redrives only within 14 days of the stop; start a new run instead\n$/);
    expect(sfnMock.commandCalls(RedriveExecutionCommand)).toHaveLength(0);
  });

  it('--all-failed --since 24h redrives the unsuccessful runs that stopped in the window, nothing else (FAILED listings mocked: moto cannot fail a run)', async () => {
    // Prepare
    const recent = new Date('2026-11-25T21:35:00Z');
    const power = (name: string, status: 'FAILED' | 'SUCCEEDED', stopDate: Date) => ({ executionArn: executionArn(POWER_ARN, name), stateMachineArn: POWER_ARN, name, status, startDate: new Date(stopDate.getTime() - 300_000), stopDate });
    const listed = [power('stop-tonight', 'FAILED', recent), power('start-morning', 'SUCCEEDED', recent), power('stop-3-days-ago', 'FAILED', new Date('2026-11-23T21:35:00Z'))];
    const timedOut = { executionArn: executionArn(COST_ARN, 'weekly'), stateMachineArn: COST_ARN, name: 'weekly', status: 'TIMED_OUT' as const, startDate: new Date('2026-11-25T20:00:00Z'), stopDate: recent };
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: POWER_ARN }).resolves({ executions: listed });
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: COST_ARN }).resolves({ executions: [timedOut] });
    for (const execution of [...listed, timedOut]) sfnMock.on(DescribeExecutionCommand, { executionArn: execution.executionArn }).resolves(execution);
    sfnMock.on(RedriveExecutionCommand).resolves({ redriveDate: NOW });

    // Act
    const result = await ops('redrive', '--all-failed', '--since', '24h', '--no-wait');

    // Assess
    expect(result.code).toBe(0);
    const redriven = sfnMock.commandCalls(RedriveExecutionCommand).map((call) => call.args[0].input.executionArn);
    expect(redriven.sort()).toEqual([executionArn(COST_ARN, 'weekly'), executionArn(POWER_ARN, 'stop-tonight')].sort());
    expect(result.stdout.trim().split('\n').sort()).toEqual(redriven.sort());
  });

  it('stops following with one clear line when the execution still shows its old end after a redrive (DescribeExecution mocked: moto lacks redrive)', async () => {
    const arn = executionArn(POWER_ARN, 'nightly');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, name: 'nightly', status: 'FAILED', stopDate: new Date('2026-11-25T21:31:00Z') });
    sfnMock.on(GetExecutionHistoryCommand).resolves({ events: [] });

    const following = watchExecution(new SFNClient({}), arn, { onLine: () => undefined, since: NOW, pollMs: 1, redriveStartLimitMs: 20 });

    await expect(following).rejects.toThrow('nightly still shows its previous end (FAILED) well after the redrive was accepted; look again with: ops executions');
  });
});

describe('ops explain and executions on failed runs', () => {
  it('explain lists the failed price keys with their errors (GetExecutionHistory content mocked: moto returns a fixed history)', async () => {
    const history = costReportFailedInPriceItems();
    const arn = executionArn(COST_ARN, 'weekly-20261123');
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ executionArn: arn, stateMachineArn: COST_ARN, name: 'weekly-20261123', status: 'FAILED', startDate: history.events[0]?.timestamp, stopDate: history.lastTime });
    sfnMock.on(GetExecutionHistoryCommand, { executionArn: arn }).resolves({ events: history.events });

    const result = await ops('explain', 'weekly-20261123');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('weekly-20261123 (cost-report): FAILED');
    expect(result.stdout).toContain(`#2  ${PRICE_KEYS[2]?.id}  ThrottlingError: Pricing GetProducts throttled (ThrottlingException): Rate exceeded`);
  });

  it('executions --failed shows the failed state and the error with its message on one line (FAILED runs mocked: moto cannot fail a run)', async () => {
    const history = powerScheduleFailedAtRetryUnfinished();
    const arn = executionArn(POWER_ARN, 'scheduled-stop-20261125');
    const run = { executionArn: arn, stateMachineArn: POWER_ARN, name: 'scheduled-stop-20261125', status: 'FAILED' as const, startDate: new Date('2026-11-25T21:30:00Z'), stopDate: new Date('2026-11-25T21:31:03Z') };
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: POWER_ARN }).resolves({ executions: [run] });
    sfnMock.on(ListExecutionsCommand, { stateMachineArn: COST_ARN }).resolves({ executions: [] });
    sfnMock.on(DescribeExecutionCommand, { executionArn: arn }).resolves({ ...run, error: 'InstancesNotChangedError', cause: lambdaCause('InstancesNotChangedError', '2 instance(s) not changed: i-0a1b2c3d4e5f60001 (us-east-1) UnauthorizedOperation: denied') });
    sfnMock.on(GetExecutionHistoryCommand, { executionArn: arn }).resolves({ events: history.events });

    const result = await ops('executions', '--failed');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/scheduled-stop-20261125 │ power-schedule │ FAILED │ 2026-11-25 21:30:00Z │ 1m 03s\s*│ RetryUnfinished\s*│ InstancesNotChangedError: 2 instance\(s\) not changed: i-0a1b2c3d4e5f60001/);
    expect(result.stdout.split('\n').filter((line) => line.includes('scheduled-stop'))).toHaveLength(1);
  });
});
