/**
 * The runner contract users and scripts rely on, exercised as a user runs it:
 * `npx tsx scripts/workflow.ts power-schedule --input '{"action":"stop"}'` against moto (through
 * the aws-proxy). Progress on stderr, one line per state; the output as one JSON line last on
 * stdout; exit 0 only when the execution SUCCEEDED.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { ec2At, launchInstance, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflowCli, type CliRun } from '../support/workflow-cli';
import type { RunSummary } from '../../functions/shared/power-types';

const REGION = 'ap-northeast-2';
const BUCKET = `ops-power-cli-${process.pid}-${Date.now() % 100000}`;
let proxy: AwsProxy;

beforeAll(async () => {
  proxy = await startAwsProxy();
  await new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
});
beforeEach(() => proxy.newAccount());
afterAll(() => proxy.close());

function runCli(input: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: proxy.url,
    AWS_REGION: REGION,
    TARGET_REGIONS: REGION,
    REPORT_BUCKET: BUCKET,
    VERIFY_POLL_SECONDS: '0',
    VERIFY_TIMEOUT_SECONDS: '2',
  };
  // The handlers' own JSON logs, as a user sees them, must not break the stdout contract.
  delete env.POWERTOOLS_LOG_LEVEL;
  return runWorkflowCli('power-schedule', input, env);
}

const lastLine = (text: string) => text.trimEnd().split('\n').pop() ?? '';
const progressLines = (stderr: string) => stderr.split('\n').filter((l) => /^\[\s*\d+\.\d+s\]/.test(l));

test('stop prints one progress line per state, the summary as the last stdout line, and exits 0', async () => {
  // Prepare
  const ec2 = ec2At(proxy.url, REGION);
  const tagged = await launchInstance(ec2, { tags: OPT_IN });
  const untagged = await launchInstance(ec2);

  // Act
  const { code, stdout, stderr } = await runCli('{"action":"stop"}');

  // Assess
  expect(code).toBe(0);
  const summary = JSON.parse(lastLine(stdout)) as RunSummary;
  expect(summary).toMatchObject({ action: 'stop', dryRun: false, totals: { stopped: 1 } });
  const states = progressLines(stderr).map((l) => l.replace(/^\[[^\]]*\]\s+/, '').split(' ')[0]);
  // No notification topic in this environment (NOTIFY_TOPIC_ARN unset, as in a plain local shell): NotifyRun's
  // ConfigError is caught and recorded, and the run succeeds all the same.
  expect(states).toEqual(['Validate', 'SkipToday?', 'ResolveTargets', 'Targets', 'RetryUnfinished', 'Summarize', 'NotifyRun', 'NotificationNotSent']);
  expect((summary as RunSummary & { notification: unknown }).notification).toEqual({ sent: false, error: 'ConfigError', cause: expect.stringContaining('NOTIFY_TOPIC_ARN') });
  expect(progressLines(stderr).find((l) => /\] Targets succeeded/.test(l))).toMatch(/1 child execution\b/);
  expect(progressLines(stderr).every((l) => / succeeded \(/.test(l))).toBe(true);
  expect(await statesOf(ec2, [tagged, untagged])).toEqual(['stopped', 'running']);
}, 60_000);

test('an invalid action exits 1 with a JSON error line naming InvalidInputError, and touches nothing', async () => {
  const ec2 = ec2At(proxy.url, REGION);
  const tagged = await launchInstance(ec2, { tags: OPT_IN });

  const { code, stdout, stderr } = await runCli('{"action":"reboot"}');

  expect(code).toBe(1);
  expect(JSON.parse(lastLine(stdout))).toMatchObject({
    status: 'FAILED',
    error: 'InvalidInputError',
    failedState: 'Validate',
    cause: expect.stringContaining('reboot'),
  });
  expect(progressLines(stderr)).toEqual([expect.stringMatching(/Validate failed .*InvalidInputError/)]);
  expect(await statesOf(ec2, [tagged])).toEqual(['running']);
  expect(proxy.calls.filter((c) => c.action === 'StopInstances')).toEqual([]);
}, 60_000);
