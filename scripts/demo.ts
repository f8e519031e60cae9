/**
 * `make demo`: the whole job, locally, end to end. Starts a private local stack (moto + the local
 * Pricing endpoint) on its own ports, seeds a small fleet in two regions of the deployment account
 * (with its restore points) and a few instances in a second (member) account, reached through an
 * assumed role as the functions reach it; runs power-schedule stop then start over both accounts
 * through the workflow runner (the same `npm run workflow` contract users call), shows the fleet
 * before and after, runs last week's and this week's cost report (Cost Explorer answers queued for
 * this week's), downloads the charted workbook to ./out/ and prints its Summary totals, what was
 * billed and how many instances are recoverable, then stops the stack it started. Along the way it
 * shows what would reach people: the messages on the notification topic (read back through an SQS
 * queue subscribed to it) and the CloudWatch metrics the functions printed as EMF lines.
 */
import './lib/polyfills';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import ExcelJS from 'exceljs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { AutoScalingClient, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { paginateDescribeDBClusters, paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { localStack, LocalStackError } from './lib/local-stack';
import { DEMO_DAILY_CHARGES, DEMO_FLEET, DEMO_MEMBER_FLEET, DEMO_POWER_KINDS, seedPowerKinds, seedRegion, type SeedRegion } from './lib/seed-fleet';
import { renderPowerRun } from './ops/power-run';
import { seedFleetBackups } from './lib/seed-backups';
import { captureTopic, type TopicCapture } from './lib/sns-capture';
import { costAndUsageResponse, dailyCosts, queueCostAndUsage } from './local/cost-explorer-seed';
import { billedPeriods } from '../functions/shared/billed';
import { recoverableSentence } from '../functions/shared/backup-coverage';
import type { ReportSummary } from '../functions/shared/cost-types';
import { instancesOf } from '../functions/shared/pages';
import { localDate } from '../functions/shared/dates';
import { formatUsd, SAVINGS_KIND_LABELS } from '../functions/shared/report-summary';
import type { RunSummary } from '../functions/shared/power-types';

const root = join(__dirname, '..');
const MOTO_PORT = process.env.DEMO_MOTO_PORT ?? '4568';
const PRICING_PORT = process.env.DEMO_PRICING_PORT ?? '4569';
const BUCKET = 'ops-automation-demo-reports';
const TOPIC = 'ops-demo-notifications';
const REGIONS = DEMO_FLEET.map((r) => r.region);
// moto's default account for any other credentials; the member is an AWS documentation example id.
const DEPLOYMENT_ACCOUNT = '123456789012';
const MEMBER_ACCOUNT = '444455556666';
// No colour codes: the demo's output is often piped or pasted.
const PLAIN = { head: [], border: [] };

const stackEnv = { ...process.env, MOTO_PORT, PRICING_PORT, LOCAL_STATE_DIR: '.local/demo' };
const awsEnv: Record<string, string> = {
  AWS_ENDPOINT_URL: `http://127.0.0.1:${MOTO_PORT}`,
  AWS_ENDPOINT_URL_PRICING: `http://127.0.0.1:${PRICING_PORT}`,
  AWS_ACCESS_KEY_ID: 'demo',
  AWS_SECRET_ACCESS_KEY: 'demo',
  AWS_REGION: REGIONS[0]!,
  TARGET_REGIONS: REGIONS.join(','),
  TARGET_ACCOUNTS: `${DEPLOYMENT_ACCOUNT},${MEMBER_ACCOUNT}`,
  MEMBER_ROLE_NAME: 'ops-automation-member',
  TAG_KEY: 'AutoStopStart',
  TAG_VALUE: 'Yes',
  REPORT_BUCKET: BUCKET,
  REPORT_PREFIX: 'ec2/',
  PRICING_REGION: 'us-east-1',
  REPORT_TIMEZONE: 'Asia/Seoul',
  VERIFY_POLL_SECONDS: '1',
  VERIFY_TIMEOUT_SECONDS: '30',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  REPORT_LINK_HOURS: '12',
};
Object.assign(process.env, awsEnv);

function heading(text: string): void {
  process.stdout.write(`\n=== ${text} ===\n`);
}

function stack(command: 'up' | 'down'): void {
  localStack(command, { env: stackEnv, progress: 'show' });
}

/** The member account, as the functions reach it: moto's AssumeRole credentials act in the role's account. */
async function memberCredentials(): Promise<AwsCredentialIdentity> {
  const { Credentials } = await new STSClient({}).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER_ACCOUNT}:role/ops-automation-member`, RoleSessionName: 'ops-demo' }),
  );
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken };
}

async function fleetTable(): Promise<string> {
  const table = new Table({ head: ['Account', 'Region', 'Name', 'InstanceId', 'AutoStopStart', 'State'], style: PLAIN });
  const member = await memberCredentials();
  const places = [
    ...REGIONS.map((region) => ({ account: DEPLOYMENT_ACCOUNT, region, ec2: new EC2Client({ region }) })),
    ...DEMO_MEMBER_FLEET.map((seed) => ({ account: MEMBER_ACCOUNT, region: seed.region, ec2: new EC2Client({ region: seed.region, credentials: member }) })),
  ];
  for (const { account, region, ec2 } of places) {
    const instances: Instance[] = [];
    for await (const page of paginateDescribeInstances({ client: ec2 }, {})) {
      instances.push(...instancesOf(page));
    }
    const tag = (i: Instance, key: string) => i.Tags?.find((t) => t.Key === key)?.Value ?? '';
    instances.sort((a, b) => tag(a, 'Name').localeCompare(tag(b, 'Name')));
    for (const i of instances) {
      const name = tag(i, 'Name') || `(group ${tag(i, 'aws:autoscaling:groupName')})`;
      table.push([account, region, name, i.InstanceId ?? '', JSON.stringify(tag(i, 'AutoStopStart')), i.State?.Name ?? '']);
    }
  }
  return table.toString();
}

/** The databases and Auto Scaling groups of the deployment account's region that has them: state, or sizes and the recorded ones. */
async function otherKindsTable(): Promise<string> {
  const { region } = DEMO_POWER_KINDS;
  const table = new Table({ head: ['Kind', 'Name', 'AutoStopStart', 'State or sizes', 'Tags the schedule wrote'], style: PLAIN });
  const written = (tags: { Key?: string; Value?: string }[] = []) =>
    tags.filter((t) => /^AutoStopStart(SavedSizes|StoppedAt)$/.test(t.Key ?? '')).map((t) => `${t.Key}=${t.Value}`).join(' ');
  const optIn = (tags: { Key?: string; Value?: string }[] = []) => JSON.stringify(tags.find((t) => t.Key === 'AutoStopStart')?.Value ?? '');
  const rds = new RDSClient({ region });
  for await (const page of paginateDescribeDBClusters({ client: rds }, {})) {
    for (const c of page.DBClusters ?? []) table.push(['Aurora cluster', c.DBClusterIdentifier ?? '', optIn(c.TagList), c.Status ?? '', written(c.TagList)]);
  }
  for await (const page of paginateDescribeDBInstances({ client: rds }, {})) {
    for (const i of page.DBInstances ?? []) {
      const what = i.DBClusterIdentifier ? `DB instance (in ${i.DBClusterIdentifier})` : 'DB instance';
      table.push([what, i.DBInstanceIdentifier ?? '', optIn(i.TagList), i.DBInstanceStatus ?? '', written(i.TagList)]);
    }
  }
  for await (const page of paginateDescribeAutoScalingGroups({ client: new AutoScalingClient({ region }) }, {})) {
    for (const g of page.AutoScalingGroups ?? []) {
      const sizes = `min ${g.MinSize} max ${g.MaxSize} desired ${g.DesiredCapacity}, ${g.Instances?.length ?? 0} instance(s)`;
      table.push(['Auto Scaling group', g.AutoScalingGroupName ?? '', optIn(g.Tags), sizes, written(g.Tags)]);
    }
  }
  return `${DEPLOYMENT_ACCOUNT} ${region}, databases and Auto Scaling groups:\n${table.toString()}`;
}

/** A finished power-schedule run as `ops run --wait` shows it: counts by kind, what was skipped and why. */
function printPowerRun(summary: RunSummary): void {
  process.stdout.write(`${renderPowerRun(summary).join('\n')}\nby account: ${JSON.stringify(summary.byAccount)}\n`);
}

/**
 * The EMF lines in the functions' log output (the runner puts it on stderr, as Lambda puts it in
 * CloudWatch Logs), each as one line of what CloudWatch would store; the rest of the log is returned.
 */
function splitMetrics(log: string): { metrics: string[]; rest: string } {
  const metrics: string[] = [];
  const rest: string[] = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"_aws"')) {
      rest.push(line);
      continue;
    }
    const emf = JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } };
    for (const directive of emf._aws.CloudWatchMetrics) {
      const dimensions = (directive.Dimensions[0] ?? []).map((d) => `${d}=${String(emf[d])}`).join(' ');
      const values = directive.Metrics.map((m) => `${m.Name} ${String(emf[m.Name])}`).join(', ');
      metrics.push(`  ${directive.Namespace} ${dimensions.padEnd(46)} ${values}`);
    }
  }
  return { metrics, rest: rest.join('\n') };
}

function runWorkflowCli(name: string, input: unknown): unknown {
  process.stdout.write(`$ npm run --silent workflow -- ${name} --input '${JSON.stringify(input)}'\n`);
  const result = spawnSync('npx', ['tsx', join(root, 'scripts/workflow.ts'), name, '--input', JSON.stringify(input)], {
    cwd: root,
    env: { ...process.env, ...awsEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const { metrics, rest } = splitMetrics(result.stderr);
  process.stderr.write(rest);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0) throw new Error(`${name} failed (exit ${result.status}): ${lastLine}`);
  if (metrics.length > 0) process.stdout.write(`CloudWatch metrics it printed (EMF: namespace, dimensions, values):\n${metrics.join('\n')}\n`);
  return JSON.parse(lastLine);
}

async function printMessages(inbox: TopicCapture, what: string): Promise<void> {
  const messages = await inbox.receive();
  if (messages.length === 0) process.stdout.write(`(no message on the topic: ${what})\n`);
  for (const m of messages) {
    process.stdout.write(`--- message ${m.messageId} on ${m.topicArn}\nSubject: ${m.subject ?? ''}\n\n${m.message}\n---\n`);
  }
}

const TOTAL_LABELS: Record<string, string> = {
  ec2Monthly: 'EC2 compute',
  cpuCreditsMonthly: 'EC2 CPU credits (T instances)',
  ebsMonthly: 'EBS volumes',
  ipv4Monthly: 'Public IPv4',
  snapshotMonthly: 'Snapshots',
  dedicatedMonthly: 'Dedicated Hosts and fees',
  rdsMonthly: 'RDS and Aurora',
  totalMonthly: 'Total',
  wasteMonthly: 'Waste (inside the total)',
  scheduleSavingsMonthly: 'Saved by the stop/start schedule',
  unpricedItems: 'Unpriced items',
};

/** Queues what Cost Explorer would answer for the demo fleet: one GetCostAndUsage answer covering the report's two periods. */
async function seedBilledCosts(reportDate: string): Promise<void> {
  const start = billedPeriods(reportDate).map((p) => p.start).sort()[0]!;
  await queueCostAndUsage(`http://127.0.0.1:${MOTO_PORT}`, [costAndUsageResponse(dailyCosts(start, reportDate, DEMO_DAILY_CHARGES))]);
}

/** The Summary sheet's lines about what was billed, as [item, value, note]. */
/** Summary lines of the workbook (item, value, monthly, note) that `wanted` picks. */
async function summaryLines(workbookPath: string, wanted: (item: string, value: string) => boolean): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  const lines: string[][] = [];
  workbook.getWorksheet('Summary')?.eachRow((row) => {
    const item = String(row.getCell(1).value ?? '');
    const value = String(row.getCell(2).value ?? '');
    const monthly = row.getCell(3).value;
    if (wanted(item, value)) lines.push([item, value, typeof monthly === 'number' ? formatUsd(monthly) : '', String(row.getCell(4).value ?? '')]);
  });
  return lines;
}

/** Billed beside estimated: the figures per period and the sentence; the section's title line only when it says why there are none. */
function billedSummaryLines(workbookPath: string): Promise<string[][]> {
  return summaryLines(
    workbookPath,
    (item, value) => /^(Billed last week|Billed month to date|Variance explained)$/.test(item) || (item === 'Billed (Cost Explorer)' && /^(not available|off)$/.test(value)),
  );
}

/** The Billed sheet's database rows (RDS instances, RDS storage) for the last week: region, category, amortized, estimate, variance. */
async function billedDatabaseRows(workbookPath: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  const sheet = workbook.getWorksheet('Billed');
  const header = ((sheet?.getRow(1).values ?? []) as unknown[]).slice(1).map(String);
  const cell = (row: ExcelJS.Row, name: string) => row.getCell(header.indexOf(name) + 1).value;
  const usd = (value: unknown) => (typeof value === 'number' ? formatUsd(value) : '');
  const rows: string[][] = [];
  sheet?.eachRow((row, n) => {
    const category = String(cell(row, 'Category') ?? '');
    if (n === 1 || !/^(RDS|Aurora) /.test(category)) return;
    rows.push([`${String(cell(row, 'Region'))} ${category}`, usd(cell(row, 'LastWeekAmortized(USD)')), usd(cell(row, 'LastWeekEstimate(USD)')), usd(cell(row, 'LastWeekVariance(USD)'))]);
  });
  return rows;
}

/** The accounts the report covers, one line each, and any target it could not read. */
function accountSummaryLines(workbookPath: string): Promise<string[][]> {
  return summaryLines(workbookPath, (item) => /^(\d{12}( \(.*\))?|Accounts covered|\s*not collected)$/.test(item));
}

/** Seeds a region's fleet and the restore points its instances ask for (the local AWS Backup emulation holds the recovery points). */
async function seedWithBackups(seed: SeedRegion, accountId: string): Promise<void> {
  const ec2 = new EC2Client({ region: seed.region });
  const ids = await seedRegion(ec2, seed, new CloudWatchClient({ region: seed.region }));
  await seedFleetBackups({ region: seed.region, accountId, ec2, backup: new BackupClient({ region: seed.region }), seed: { endpoint: awsEnv.AWS_ENDPOINT_URL!, region: seed.region } }, seed, ids);
}

async function main(): Promise<void> {
  try {
    stack('up');
    const [home, ...others] = DEMO_FLEET;
    const s3 = new S3Client({ forcePathStyle: true });
    // The report bucket; power-schedule also keeps each run's files (targets, batches, results) in its work/ prefix.
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGIONS[0] as never } }));

    // The topic Terraform creates (notifications.tf), and a queue subscribed to it to read what it sends.
    const sns = new SNSClient({});
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: TOPIC }))).TopicArn!;
    const inbox = await captureTopic(sns, awsEnv.AWS_ENDPOINT_URL!, REGIONS[0]!, topicArn, 'demo-inbox');
    awsEnv.NOTIFY_TOPIC_ARN = topicArn;
    Object.assign(process.env, awsEnv);

    heading(`A week ago — cost-report, when only ${home!.region} of account ${DEPLOYMENT_ACCOUNT} had servers`);
    await seedWithBackups(home!, DEPLOYMENT_ACCOUNT);
    const lastWeek = localDate(new Date(Date.now() - 7 * 86_400_000), awsEnv.REPORT_TIMEZONE!);
    const earlier = runWorkflowCli('cost-report', { reportDate: lastWeek }) as { totals: Record<string, number> };
    process.stdout.write(`total ${formatUsd(earlier.totals.totalMonthly ?? 0)} per month; its summary is what this week's report compares with\n`);
    for (const m of await inbox.receive()) process.stdout.write(`notification sent: ${m.subject ?? ''}\n`);

    heading(`Seeding a fleet in ${REGIONS.join(' and ')} of account ${DEPLOYMENT_ACCOUNT}, and in ${DEMO_MEMBER_FLEET.map((s) => s.region).join(' and ')} of member account ${MEMBER_ACCOUNT}`);
    for (const seed of others) await seedWithBackups(seed, DEPLOYMENT_ACCOUNT);
    const member = await memberCredentials();
    for (const seed of DEMO_MEMBER_FLEET) await seedRegion(new EC2Client({ region: seed.region, credentials: member }), seed, new CloudWatchClient({ region: seed.region, credentials: member }));
    const kindsRegion = DEMO_POWER_KINDS.region;
    await seedPowerKinds(
      { ec2: new EC2Client({ region: kindsRegion }), autoScaling: new AutoScalingClient({ region: kindsRegion }), rds: new RDSClient({ region: kindsRegion }), cloudWatch: new CloudWatchClient({ region: kindsRegion }) },
      DEMO_POWER_KINDS,
    );
    process.stdout.write(`${await fleetTable()}\n${await otherKindsTable()}\n`);

    heading(`20:00 — power-schedule stop, TARGET_ACCOUNTS=${awsEnv.TARGET_ACCOUNTS}`);
    const stop = runWorkflowCli('power-schedule', { action: 'stop' }) as RunSummary;
    printPowerRun(stop);
    process.stdout.write(`${await fleetTable()}\n${await otherKindsTable()}\n`);
    process.stdout.write(
      'In both accounts only what is tagged exactly AutoStopStart="Yes" was changed: the tagged instances, the database and the Aurora cluster stopped, ' +
        'dev-web went to 0 with its sizes recorded on it (its instances terminate, as a group at 0 does); "yes", "No", untagged, ' +
        'the untagged group prod-queue-workers and the lone Auto Scaling member were left alone.\n',
    );
    // A tagged instance a schedule must leave alone needs a human: the run's NotifyRun told the topic.
    process.stdout.write('\nThe message this run sent to the topic (its last state, NotifyRun):\n');
    await printMessages(inbox, 'the run needed nobody');

    heading('08:00 — power-schedule start');
    const start = runWorkflowCli('power-schedule', { action: 'start' }) as RunSummary;
    printPowerRun(start);
    process.stdout.write(`${await fleetTable()}\n${await otherKindsTable()}\n`);
    process.stdout.write('dev-web is back to exactly the sizes it had (min 1, max 4, desired 2) and its record is gone; qa-load-generator (AutoStopStartOverride=stop-only) stays stopped.\n');

    heading(`Monday 09:00 — cost-report, TARGET_ACCOUNTS=${awsEnv.TARGET_ACCOUNTS} (one child execution per account and region, prices asked once for all)`);
    await seedBilledCosts(localDate(new Date(), awsEnv.REPORT_TIMEZONE!));
    const report = runWorkflowCli('cost-report', {}) as { uri: string; summaryUri: string; totals: Record<string, number | boolean>; notification: unknown };
    const key = report.uri.replace(`s3://${BUCKET}/`, '');
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const outDir = join(root, 'out');
    mkdirSync(outDir, { recursive: true });
    const outPath = join(outDir, key.split('/').pop()!);
    writeFileSync(outPath, await object.Body!.transformToByteArray());
    const totals = new Table({ head: ['Summary', 'Monthly (USD)'], style: PLAIN });
    for (const [key, label] of Object.entries(TOTAL_LABELS)) {
      const value = Number(report.totals[key] ?? 0);
      if ((key === 'dedicatedMonthly' || key === 'rdsMonthly' || key === 'cpuCreditsMonthly') && value === 0) continue;
      // The upper-bound label follows the number: standard snapshots are priced at their volume size.
      const shown = key === 'snapshotMonthly' && report.totals.snapshotUpperBound !== false ? `${label} (upper bound)` : label;
      totals.push([shown, key === 'unpricedItems' ? String(value) : formatUsd(value)]);
      const byKind = report.totals.scheduleSavingsByKind as Record<keyof typeof SAVINGS_KIND_LABELS, number> | undefined;
      if (key === 'scheduleSavingsMonthly' && byKind) {
        for (const [kind, kindLabel] of Object.entries(SAVINGS_KIND_LABELS)) totals.push([`  of it, ${kindLabel}`, formatUsd(byKind[kind as keyof typeof SAVINGS_KIND_LABELS] ?? 0)]);
      }
    }
    process.stdout.write(`workbook: ${outPath} (native charts on its Summary; scripts/check-workbook.sh ${join('out', key.split('/').pop()!)} renders its pages)\n`);
    process.stdout.write(`(also at ${report.uri} in the local stack)\n${totals.toString()}\n`);
    const accounts = new Table({ head: ['By account', 'Instances', 'Monthly (USD)', 'Beside it'], style: PLAIN, colWidths: [24, 14, 16, 80], wordWrap: true });
    for (const line of await accountSummaryLines(outPath)) accounts.push(line);
    process.stdout.write(`${accounts.toString()}\n(every detail sheet has an AccountId column)\n`);
    const billed = new Table({ head: ['Billed (Cost Explorer)', 'Amortized (unblended)', 'Beside the estimate'], style: PLAIN, colWidths: [24, 24, 90], wordWrap: true });
    for (const [item, value, , note] of await billedSummaryLines(outPath)) billed.push([item!, value!, note!]);
    process.stdout.write(`${billed.toString()}\n(by region and category in the Billed sheet)\n`);
    const databases = new Table({ head: ['Billed sheet, databases', 'Last week amortized', 'Estimate', 'Variance'], style: PLAIN });
    for (const row of await billedDatabaseRows(outPath)) databases.push(row);
    if (databases.length > 0) process.stdout.write(`${databases.toString()}\n(Aurora storage and I/O are estimated from the cluster's CloudWatch metrics: VolumeBytesUsed, VolumeReadIOPs, VolumeWriteIOPs)\n`);
    const summaryObject = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: report.summaryUri.replace(`s3://${BUCKET}/`, '') }));
    const { backups } = JSON.parse(await summaryObject.Body!.transformToString()) as ReportSummary;
    if (backups) {
      process.stdout.write(
        `Backups: ${recoverableSentence(backups)} ` +
          `(protected ${backups.protected}, stale ${backups.stale}, partial ${backups.partial}, unprotected ${backups.unprotected}); ` +
          `backup storage ${formatUsd(backups.storageMonthly)} a month (upper bound). See the Backups sheet.\n`,
      );
    }
    process.stdout.write(`notification step: ${JSON.stringify(report.notification)}\n`);

    heading(`Notifications: what the topic ${topicArn} sent (read back through an SQS queue subscribed to it)`);
    await printMessages(inbox, 'none');

    process.stdout.write('Deployed, the metrics above reach CloudWatch from the functions\' logs and feed the dashboard (Terraform output dashboard_url).\n');
  } finally {
    stack('down');
  }
}

main().catch((error: unknown) => {
  // stack.sh has said why in one line already (e.g. moto missing and no package index).
  if (!(error instanceof LocalStackError)) {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
