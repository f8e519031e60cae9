/**
 * The `ops` command line as a user runs it (node scripts/ops-cli.js, a child process): exit codes,
 * and errors as one line on stderr without a stack trace. Behaviour of each command is tested
 * in-process in the other ops-*.test.ts files; these few runs check the process boundary.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';

const CLI = join(__dirname, '..', '..', 'scripts', 'ops-cli.js');
let proxy: AwsProxy;
let sfn: SFNClient;
let powerArn: string;
let costArn: string;
let emptyDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: emptyDir,
    AWS_CONFIG_FILE: join(emptyDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(emptyDir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // No AWS_REGION: the CLI takes the region from the state machine ARN.
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL: proxy.url,
    OPS_TF_DIR: emptyDir,
  };
  const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { env: merged, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function expectOneLineError(run: Run, text: string | RegExp): void {
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(typeof text === 'string' ? new RegExp(`^error: ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  sfn = new SFNClient({ endpoint: proxy.url });
  emptyDir = await mkdtemp(join(tmpdir(), 'ops-cli-'));
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'ops-power-schedule',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
      roleArn: `arn:aws:iam::${proxy.accountId}:role/ops-test`,
    }),
  );
  powerArn = created.stateMachineArn ?? '';
  costArn = powerArn.replace('ops-power-schedule', 'ops-cost-report');
});

afterAll(async () => {
  sfn.destroy();
  await proxy.close();
  await rm(emptyDir, { recursive: true, force: true });
});

describe('the ops command line', () => {
  it('starts a run and exits 0; bad input, unknown executions, missing credentials and no deployment each exit 1 with one line', async () => {
    // Act: independent processes, run side by side to keep the suite short
    const [started, badAction, unknown, noCredentials, nothingDeployed] = await Promise.all([
      runCli(['run', 'power-schedule', '--action', 'stop'], { OPS_POWER_SCHEDULE_ARN: powerArn }),
      runCli(['run', 'power-schedule', '--action', 'reboot'], { OPS_POWER_SCHEDULE_ARN: powerArn }),
      runCli(['--power-arn', powerArn, '--cost-arn', costArn, 'explain', 'no-such-run']),
      runCli(['--power-arn', powerArn, '--cost-arn', costArn, 'executions'], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }),
      runCli(['executions']),
    ]);

    // Assess
    expect(started.stderr).not.toMatch(/^error/m);
    expect(started.code).toBe(0);
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: started.stdout.trim() }));
    expect(execution.name).toMatch(/^manual-stop-/);
    expect(started.stderr).not.toMatch(/Warning/);
    expectOneLineError(badAction, `option '--action <action>' argument 'reboot' is invalid. must be one of stop, start; got "reboot"`);
    expectOneLineError(unknown, 'no such execution: "no-such-run" in power-schedule or cost-report');
    expectOneLineError(noCredentials, 'no AWS credentials found: set AWS_PROFILE');
    expectOneLineError(nothingDeployed, /^error: nothing deployed found: (Terraform in \S+ has no outputs|terraform is not installed)/);
  });
});
