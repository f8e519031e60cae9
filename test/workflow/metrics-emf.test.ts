/**
 * The workflows' metrics, as a local run prints them: `npx tsx scripts/workflow.ts ...` against
 * moto (through the aws-proxy) prints the functions' Embedded Metric Format lines with their other
 * log lines on stderr (the runner keeps stdout for the result line), as Lambda writes them to
 * CloudWatch Logs. Each line must be EMF CloudWatch accepts (checked by
 * test/support/emf.ts, independent of Powertools) and carry the run's figures, with the workflow
 * and region as the only dimensions.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { METRICS_NAMESPACE } from '../../functions/shared/metrics';
import type { PublishResult } from '../../functions/shared/cost-types';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { emfDataPoints } from '../support/emf';
import { ec2At, launchInstance, launchInstances, OPT_IN } from '../support/fleet';
import { runWorkflowCli, type CliRun } from '../support/workflow-cli';

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';
let proxy: AwsProxy;

beforeAll(async () => {
  proxy = await startAwsProxy();
});
afterAll(() => proxy.close());

function runCli(workflow: string, input: unknown, env: Record<string, string>): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, AWS_ENDPOINT_URL: proxy.url, AWS_REGION: SEOUL, TARGET_REGIONS: `${SEOUL},${VIRGINIA}`, ...env };
  // Metrics on, as in Lambda (the test setup turns them off for every other test).
  delete childEnv.POWERTOOLS_METRICS_DISABLED;
  delete childEnv.NAME_PREFIX;
  return runWorkflowCli(workflow, JSON.stringify(input), childEnv);
}

test('a power-schedule run prints its counts as EMF: per region and for the run, dimensions workflow and region only', async () => {
  // Prepare: two tagged in Seoul plus a tagged Auto Scaling member (skipped), one tagged in Virginia, one untagged.
  proxy.newAccount();
  await launchInstances(ec2At(proxy.url, SEOUL), 2, { tags: OPT_IN });
  await launchInstance(ec2At(proxy.url, SEOUL), { tags: OPT_IN, autoScalingGroup: 'web-asg' });
  await launchInstance(ec2At(proxy.url, VIRGINIA), { tags: OPT_IN });
  await launchInstance(ec2At(proxy.url, VIRGINIA));
  // The run keeps its target list and results in the report bucket's work prefix.
  const bucket = `ops-emf-power-${process.pid}-${Date.now() % 100000}`;
  await new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: SEOUL } }),
  );

  // Act
  const { code, stderr } = await runCli('power-schedule', { action: 'stop' }, { VERIFY_POLL_SECONDS: '0', VERIFY_TIMEOUT_SECONDS: '2', REPORT_BUCKET: bucket });

  // Assess
  expect(code).toBe(0);
  const counts = (stopped: number, skipped: number) => ({
    InstancesStopped: { value: stopped, unit: 'Count' },
    InstancesStarted: { value: 0, unit: 'Count' },
    InstancesFailed: { value: 0, unit: 'Count' },
    InstancesSkipped: { value: skipped, unit: 'Count' },
  });
  expect(emfDataPoints(stderr)).toEqual([
    { namespace: METRICS_NAMESPACE, dimensions: { workflow: 'power-schedule', region: SEOUL }, metrics: counts(2, 1) },
    { namespace: METRICS_NAMESPACE, dimensions: { workflow: 'power-schedule', region: VIRGINIA }, metrics: counts(1, 0) },
    { namespace: METRICS_NAMESPACE, dimensions: { workflow: 'power-schedule' }, metrics: counts(3, 1) },
  ]);
}, 120_000);

test('a cost-report run prints the monthly estimate, waste, schedule savings, unpriced items and backup coverage as one EMF line', async () => {
  // Prepare
  proxy.newAccount();
  const bucket = `ops-emf-${process.pid}`;
  await new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: SEOUL } }),
  );
  await launchInstance(ec2At(proxy.url, SEOUL), { instanceType: 'm5.large', tags: OPT_IN });
  await launchInstance(ec2At(proxy.url, SEOUL), { instanceType: 'x2iedn.xlarge' });

  // Act
  const { code, stdout, stderr } = await runCli('cost-report', { reportDate: '2026-11-23' }, { REPORT_BUCKET: bucket });

  // Assess: the figures are the report's own (its output, as the summary and workbook carry them);
  // neither instance has a restore point, so none is recoverable: 0 %, not a missing point on the graph.
  expect(code).toBe(0);
  const { totals } = JSON.parse(stdout.trimEnd().split('\n').pop() ?? '{}') as PublishResult;
  expect(totals.unpricedItems).toBe(1);
  expect(emfDataPoints(stderr)).toEqual([
    {
      namespace: METRICS_NAMESPACE,
      dimensions: { workflow: 'cost-report' },
      metrics: {
        MonthlyEstimateUSD: { value: totals.totalMonthly, unit: 'None' },
        WasteMonthlyUSD: { value: totals.wasteMonthly, unit: 'None' },
        ScheduleSavingsMonthlyUSD: { value: totals.scheduleSavingsMonthly, unit: 'None' },
        UnpricedItems: { value: 1, unit: 'Count' },
        BackupCoveragePercent: { value: 0, unit: 'Percent' },
      },
    },
  ]);
  expect(totals.totalMonthly).toBeGreaterThan(0);
}, 120_000);

test('a line CloudWatch would reject is caught by the EMF check, saying why', () => {
  const line = (aws: unknown, members: Record<string, unknown>) => JSON.stringify({ _aws: aws, ...members });
  const directive = { Namespace: 'OpsAutomation', Dimensions: [['workflow']], Metrics: [{ Name: 'InstancesStopped', Unit: 'Count' }] };

  expect(() => emfDataPoints(line({ Timestamp: Date.now(), CloudWatchMetrics: [directive] }, { InstancesStopped: 3 }))).toThrow(/dimension workflow has no string root member/);
  expect(() => emfDataPoints(line({ Timestamp: Date.now(), CloudWatchMetrics: [directive] }, { workflow: 'p', InstancesStopped: '3' }))).toThrow(/metric InstancesStopped has no numeric root member/);
  expect(() => emfDataPoints(line({ CloudWatchMetrics: [directive] }, { workflow: 'p', InstancesStopped: 3 }))).toThrow(/Timestamp must be epoch milliseconds/);
  expect(() => emfDataPoints(line({ Timestamp: Date.now(), CloudWatchMetrics: [{ ...directive, Metrics: [{ Name: 'InstancesStopped', Unit: 'Instances' }] }] }, { workflow: 'p', InstancesStopped: 3 }))).toThrow(/Unit Instances is not a CloudWatch unit/);
});
