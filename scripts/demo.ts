/**
 * `make demo`: the whole job, locally, end to end. Starts a private local stack (moto + the local
 * Pricing endpoint) on its own ports, seeds a small fleet in two regions of the deployment account
 * and a few instances in a second (member) account, reached through an assumed role as the
 * functions reach it; runs power-schedule stop then start over both accounts through the workflow
 * runner (the same `npm run workflow` contract users call), shows the fleet before and after, runs
 * the cost report (with restore points and what Cost Explorer billed seeded), downloads the
 * workbook to ./out/ and prints its Summary totals, billed lines and backup coverage, then stops
 * the stack it started.
 */
import './lib/polyfills';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import ExcelJS from 'exceljs';
import { BackupClient } from '@aws-sdk/client-backup';
import { EC2Client, paginateDescribeInstances, type Instance } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { localStack, LocalStackError } from './lib/local-stack';
import { DEMO_DAILY_CHARGES, DEMO_FLEET, DEMO_MEMBER_FLEET, seedRegion } from './lib/seed-fleet';
import { seedFleetBackups } from './lib/seed-backups';
import { costAndUsageResponse, dailyCosts, queueCostAndUsage } from './local/cost-explorer-seed';
import { billedPeriods } from '../functions/collect-inventory/billed';
import { recoverableSentence } from '../functions/shared/backup-coverage';
import type { ReportSummary } from '../functions/shared/cost-types';
import { localDate } from '../functions/shared/dates';
import { instancesOf } from '../functions/shared/pages';
import type { RunSummary } from '../functions/shared/power-types';

const root = join(__dirname, '..');
const MOTO_PORT = process.env.DEMO_MOTO_PORT ?? '4568';
const PRICING_PORT = process.env.DEMO_PRICING_PORT ?? '4569';
const BUCKET = 'ops-automation-demo-reports';
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
      table.push([account, region, tag(i, 'Name'), i.InstanceId ?? '', JSON.stringify(tag(i, 'AutoStopStart')), i.State?.Name ?? '']);
    }
  }
  return table.toString();
}

function runWorkflowCli(name: string, input: unknown): unknown {
  process.stdout.write(`$ npm run --silent workflow -- ${name} --input '${JSON.stringify(input)}'\n`);
  const result = spawnSync('npx', ['tsx', join(root, 'scripts/workflow.ts'), name, '--input', JSON.stringify(input)], {
    cwd: root,
    env: { ...process.env, ...awsEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0) throw new Error(`${name} failed (exit ${result.status}): ${lastLine}`);
  return JSON.parse(lastLine);
}

const TOTAL_LABELS: Record<string, string> = {
  ec2Monthly: 'EC2 compute',
  ebsMonthly: 'EBS volumes',
  ipv4Monthly: 'Public IPv4',
  snapshotMonthly: 'Snapshots',
  dedicatedMonthly: 'Dedicated Hosts and fees',
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
async function billedSummaryLines(workbookPath: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(workbookPath);
  const lines: string[][] = [];
  workbook.getWorksheet('Summary')?.eachRow((row) => {
    const item = String(row.getCell(1).value ?? '');
    const value = String(row.getCell(2).value ?? '');
    // The figures per period and the sentence; the section's title line only when it says why there are none.
    const wanted = /^(Billed last week|Billed month to date|Variance explained)$/.test(item) || (item === 'Billed (Cost Explorer)' && /^(not available|off)$/.test(value));
    if (wanted) lines.push([item, value, String(row.getCell(4).value ?? '')]);
  });
  return lines;
}

function formatUsd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

async function main(): Promise<void> {
  try {
    stack('up');
    heading(`Seeding a fleet in ${REGIONS.join(' and ')} of account ${DEPLOYMENT_ACCOUNT}, and in ${DEMO_MEMBER_FLEET.map((s) => s.region).join(' and ')} of member account ${MEMBER_ACCOUNT}`);
    for (const seed of DEMO_FLEET) {
      const ec2 = new EC2Client({ region: seed.region });
      const ids = await seedRegion(ec2, seed);
      // Restore points as AWS Backup, a person or DLM leave them (the local AWS Backup emulation holds the recovery points).
      await seedFleetBackups(
        { region: seed.region, accountId: DEPLOYMENT_ACCOUNT, ec2, backup: new BackupClient({ region: seed.region }), seed: { endpoint: awsEnv.AWS_ENDPOINT_URL!, region: seed.region } },
        seed,
        ids,
      );
    }
    const member = await memberCredentials();
    for (const seed of DEMO_MEMBER_FLEET) await seedRegion(new EC2Client({ region: seed.region, credentials: member }), seed);
    // power-schedule keeps each run's files (targets, batches, results) in the report bucket's work/ prefix.
    await new S3Client({ forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGIONS[0] as never } }));
    process.stdout.write(await fleetTable());

    heading(`20:00 — power-schedule stop, TARGET_ACCOUNTS=${awsEnv.TARGET_ACCOUNTS}`);
    const stop = runWorkflowCli('power-schedule', { action: 'stop' }) as RunSummary;
    process.stdout.write(`totals: ${JSON.stringify(stop.totals)}\nby account: ${JSON.stringify(stop.byAccount)}\n`);
    for (const s of stop.skipped ?? []) process.stdout.write(`skipped ${s.instanceId} (${s.accountId} ${s.region}): ${s.reason}\n`);
    for (const u of stop.unreachable ?? []) process.stdout.write(`unreachable ${u.accountId} ${u.region}: ${u.error}\n`);
    process.stdout.write(`${await fleetTable()}\n`);
    process.stdout.write('In both accounts only instances tagged exactly AutoStopStart="Yes" were stopped; "yes", "No", untagged and the Auto Scaling member were left alone.\n');

    heading('08:00 — power-schedule start');
    const start = runWorkflowCli('power-schedule', { action: 'start' }) as RunSummary;
    process.stdout.write(`totals: ${JSON.stringify(start.totals)}\nby account: ${JSON.stringify(start.byAccount)}\n${await fleetTable()}\n`);

    heading(`Monday 09:00 — cost-report (account ${DEPLOYMENT_ACCOUNT})`);
    await seedBilledCosts(localDate(new Date(), awsEnv.REPORT_TIMEZONE!));
    const report = runWorkflowCli('cost-report', {}) as { uri: string; summaryUri: string; totals: Record<string, number | boolean> };
    const key = report.uri.replace(`s3://${BUCKET}/`, '');
    const object = await new S3Client({ forcePathStyle: true }).send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const outDir = join(root, 'out');
    mkdirSync(outDir, { recursive: true });
    const outPath = join(outDir, key.split('/').pop()!);
    writeFileSync(outPath, await object.Body!.transformToByteArray());
    const totals = new Table({ head: ['Summary', 'Monthly (USD)'], style: PLAIN });
    for (const [key, label] of Object.entries(TOTAL_LABELS)) {
      const value = Number(report.totals[key] ?? 0);
      if (key === 'dedicatedMonthly' && value === 0) continue;
      // The upper-bound label follows the number: standard snapshots are priced at their volume size.
      const shown = key === 'snapshotMonthly' && report.totals.snapshotUpperBound !== false ? `${label} (upper bound)` : label;
      totals.push([shown, key === 'unpricedItems' ? String(value) : formatUsd(value)]);
    }
    process.stdout.write(`workbook: ${outPath}\n(also at ${report.uri} in the local stack)\n${totals.toString()}\n`);
    const billed = new Table({ head: ['Billed (Cost Explorer)', 'Amortized (unblended)', 'Beside the estimate'], style: PLAIN, colWidths: [24, 24, 90], wordWrap: true });
    for (const line of await billedSummaryLines(outPath)) billed.push(line);
    process.stdout.write(`${billed.toString()}\n(by region and category in the Billed sheet)\n`);
    const summaryObject = await new S3Client({ forcePathStyle: true }).send(new GetObjectCommand({ Bucket: BUCKET, Key: report.summaryUri.replace(`s3://${BUCKET}/`, '') }));
    const { backups } = JSON.parse(await summaryObject.Body!.transformToString()) as ReportSummary;
    if (backups) {
      process.stdout.write(
        `Backups: ${recoverableSentence(backups)} ` +
          `(protected ${backups.protected}, stale ${backups.stale}, partial ${backups.partial}, unprotected ${backups.unprotected}); ` +
          `backup storage ${formatUsd(backups.storageMonthly)} a month (upper bound). See the Backups sheet.\n`,
      );
    }
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
