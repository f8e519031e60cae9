/**
 * The ops commands against moto over HTTP, each test in a fresh account: moto stores state
 * machines and executions (RUNNING until stopped, then ABORTED) but runs nothing, so these tests
 * cover starting, listing, finding and refusing; failure content is covered in ops-mocked.test.ts.
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { main } from '../../scripts/ops';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { runOps, type OpsResult } from '../support/ops-cli';

let proxy: AwsProxy;
let sfn: SFNClient;
let powerArn: string;
let costArn: string;

async function ops(...args: string[]): Promise<OpsResult> {
  return runOps(['--power-arn', powerArn, '--cost-arn', costArn, ...args], { pollMs: 50 });
}

async function createMachine(name: string): Promise<string> {
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
      roleArn: `arn:aws:iam::${proxy.accountId}:role/ops-test`,
    }),
  );
  return created.stateMachineArn ?? '';
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
  sfn = new SFNClient({});
});

afterAll(async () => {
  sfn.destroy();
  await proxy.close();
});

beforeEach(async () => {
  proxy.newAccount();
  powerArn = await createMachine('ops-power-schedule');
  costArn = await createMachine('ops-cost-report');
});

describe('ops run', () => {
  it('starts power-schedule with a readable execution name and the action as input', async () => {
    const result = await ops('run', 'power-schedule', '--action', 'stop', '--dry-run');

    expect(result.code).toBe(0);
    const executionArn = result.stdout.trim();
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution.name).toMatch(/^manual-stop-dryrun-\d{8}T\d{4}Z-[0-9a-f]{4}$/);
    expect(execution.stateMachineArn).toBe(powerArn);
    expect(JSON.parse(execution.input ?? '')).toEqual({ action: 'stop', dryRun: true });
    expect(result.stderr).toContain(`started power-schedule ${execution.name}`);
  });

  it('starts cost-report with the report date and regions given', async () => {
    const result = await ops('run', 'cost-report', '--report-date', '2026-11-30', '--regions', 'us-east-1,eu-west-1');

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: result.stdout.trim() }));
    expect(execution.name).toMatch(/^manual-cost-report-/);
    expect(JSON.parse(execution.input ?? '')).toEqual({ reportDate: '2026-11-30', regions: ['us-east-1', 'eu-west-1'] });
  });

  it('with --wait follows the execution until it ends and exits 1 when it did not succeed', async () => {
    // Prepare: moto keeps executions RUNNING; stopping it from outside ends it ABORTED
    let stopped: Promise<unknown> | undefined;
    let stderr = '';
    const io = {
      stdout: { write: (text: string) => ((stdout += text), true) },
      stderr: {
        write: (text: string) => {
          stderr += text;
          const name = /started power-schedule (\S+)/.exec(text)?.[1];
          if (name) stopped = sfn.send(new StopExecutionCommand({ executionArn: `${powerArn.replace(':stateMachine:', ':execution:')}:${name}` }));
          return true;
        },
      },
      env: process.env,
      pollMs: 50,
    };
    let stdout = '';

    // Act
    const code = await main(['--power-arn', powerArn, 'run', 'power-schedule', '--action', 'start', '--wait'], io);

    // Assess
    await stopped;
    expect(code).toBe(1);
    expect(stderr).toMatch(/manual-start-\S+ ABORTED/);
    expect(stdout).toMatch(/^ABORTED/);
  });
});

describe('ops executions', () => {
  it('lists the runs of both machines with status, and --failed keeps only the unsuccessful ones', async () => {
    // Prepare
    const stopRun = (await ops('run', 'power-schedule', '--action', 'stop')).stdout.trim();
    const reportRun = (await ops('run', 'cost-report')).stdout.trim();
    await sfn.send(new StopExecutionCommand({ executionArn: stopRun }));
    const stopName = stopRun.split(':').pop() ?? '';
    const reportName = reportRun.split(':').pop() ?? '';

    // Act
    const all = await ops('executions', '--since', '1h');
    const failedOnly = await ops('executions', '--failed');
    const costOnly = await ops('executions', '--machine', 'cost-report');

    // Assess
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(new RegExp(`${stopName}\\s*│ power-schedule\\s*│ ABORTED`));
    expect(all.stdout).toMatch(new RegExp(`${reportName}\\s*│ cost-report\\s*│ RUNNING\\s*│ \\d{4}-\\d{2}-\\d{2} [\\d:]+Z\\s*│ \\d+s so far`));
    expect(failedOnly.stdout).toContain(stopName);
    expect(failedOnly.stdout).not.toContain(reportName);
    expect(costOnly.stdout).toContain(reportName);
    expect(costOnly.stdout).not.toContain(stopName);
  });

  it('says so when there is nothing in the window', async () => {
    const result = await ops('executions', '--failed', '--since', '30m');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^no unsuccessful executions of power-schedule, cost-report since /);
  });
});

describe('ops explain and redrive, by execution name', () => {
  it('explain says in one line that an execution does not exist', async () => {
    const result = await ops('explain', 'nightly-missing');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: no such execution: "nightly-missing" in power-schedule or cost-report (list them with: ops executions)\n');
  });

  it('explain finds a running execution by name and says there is nothing to explain yet', async () => {
    const name = (await ops('run', 'cost-report')).stdout.trim().split(':').pop() ?? '';

    const result = await ops('explain', name);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${name} (cost-report): RUNNING`);
    expect(result.stdout).toContain('still running: nothing to explain yet');
  });

  it('redrive refuses a running execution and says why', async () => {
    const name = (await ops('run', 'power-schedule', '--action', 'stop')).stdout.trim().split(':').pop() ?? '';

    const result = await ops('redrive', name);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: ${name} is still running: wait for it to end\n`);
  });

  it('redrive --all-failed says there is nothing to redrive when nothing failed', async () => {
    await ops('run', 'power-schedule', '--action', 'stop');

    const result = await ops('redrive', '--all-failed', '--since', '24h');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/nothing to redrive/);
  });
});
