/**
 * The fleet, end to end: four instances tagged Backup=Daily under a daily plan — one with
 * fresh points for all its volumes (an AWS Backup EC2 point: an AMI of both volumes), one whose
 * newest point is 5 days old, one with a point for only one of its two volumes (a plain EBS
 * snapshot, as DLM or a person would make it) and one without any — seeded in moto and the local
 * AWS Backup emulation; the real cost-report workflow runs, and the workbook is read back. Then
 * `ops backups --check` runs against the same fleet.
 */
import { BackupClient } from '@aws-sdk/client-backup';
import { AttachVolumeCommand, CreateSecurityGroupCommand, CreateSnapshotCommand, CreateVolumeCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import type { PublishResult, ReportSummary } from '../../functions/shared/cost-types';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { backupInstance, backupVolume, createTagPlan, failedJob, type BackupWorld } from '../../scripts/lib/seed-backups';
import type { PricingServer } from '../../scripts/local/pricing-server';
import { main } from '../../scripts/ops';
import type { AwsProxy } from '../support/aws-proxy';
import { startCostReportWorld } from '../support/cost-report-world';
import { objectBytes } from '../support/s3-objects';
import { rowsOf } from '../support/sheet-rows';
import { ec2At, launchInstance } from '../support/fleet';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-backup-workflow-${process.pid}-${Date.now() % 100000}`;
const VAULT = 'ops-backups';
const DAILY = { Backup: 'Daily' };

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
const fleet: Record<string, string> = {};

async function rootVolume(ec2: EC2Client, instanceId: string): Promise<string> {
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return described.Reservations?.[0]?.Instances?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '';
}

async function dataVolume(ec2: EC2Client, instanceId: string): Promise<string> {
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${SEOUL}a`, Size: 100, VolumeType: 'gp3' }));
  await ec2.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId!, InstanceId: instanceId, Device: '/dev/sdf' }));
  return volume.VolumeId!;
}

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [SEOUL], bucket: BUCKET, prefix: 'ec2/' }));

  const ec2 = ec2At(proxy.url, SEOUL);
  const world: BackupWorld = { region: SEOUL, accountId: proxy.accountId, ec2, backup: new BackupClient({ region: SEOUL, endpoint: proxy.url }), seed: { endpoint: proxy.url, region: SEOUL } };
  const planId = await createTagPlan(world, { vault: VAULT, name: 'ops-daily', tagKey: 'Backup', tagValue: 'Daily', cron: 'cron(0 3 * * ? *)', timezone: 'Asia/Seoul', retentionDays: 35 });

  const web = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web servers' }));
  fleet.fresh = await launchInstance(ec2, { instanceType: 'm5.large', tags: { Name: 'web-fresh', ...DAILY }, securityGroupIds: [web.GroupId!] });
  fleet.webGroup = web.GroupId!;
  fleet.old = await launchInstance(ec2, { instanceType: 'm5.large', tags: { Name: 'app-old', ...DAILY } });
  fleet.half = await launchInstance(ec2, { instanceType: 'm5.large', tags: { Name: 'db-half', ...DAILY } });
  fleet.none = await launchInstance(ec2, { instanceType: 't3.micro', tags: { Name: 'batch-none', ...DAILY } });
  fleet.freshData = await dataVolume(ec2, fleet.fresh);
  fleet.halfData = await dataVolume(ec2, fleet.half);

  await backupInstance(world, fleet.fresh, { vault: VAULT, hoursAgo: 2, planId, retentionDays: 35 });
  await backupVolume(world, await rootVolume(ec2, fleet.old), 8, { vault: VAULT, hoursAgo: 5 * 24, planId, retentionDays: 35 });
  // A plain snapshot of one of db-half's two volumes, as DLM or a person makes it.
  await ec2.send(new CreateSnapshotCommand({ VolumeId: await rootVolume(ec2, fleet.half), Description: 'manual before upgrade' }));
  await failedJob(world, { id: 'job-batch-1', state: 'FAILED', instanceId: fleet.none, vault: VAULT, hoursAgo: 20, reason: 'Insufficient privileges to perform this action.' });
}, 120_000);

afterAll(async () => {
  await pricing.close();
  await proxy.close();
});

const download = (key: string): Promise<Buffer> => objectBytes(s3, BUCKET, key);

test('the workbook shows exactly protected, stale, partial and unprotected for the issue fleet, the risk first on Waste, the failed job and the coverage', async () => {
  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-23' }, { instantWaits: true });

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  const output = run.output as PublishResult;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(output.uri.replace(`s3://${BUCKET}/`, ''))) as never);

  const backups = rowsOf(workbook.getWorksheet('Backups')!).filter((r) => r.Name !== 'TOTAL' && r.InstanceId);
  const statusOf = Object.fromEntries(backups.map((r) => [r.Name, r.Status]));
  expect(statusOf).toEqual({ 'batch-none': 'unprotected', 'db-half': 'partial', 'app-old': 'stale', 'web-fresh': 'protected' });
  // Worst first; every instance under the daily plan, kept 35 days.
  expect(backups.map((r) => r.Name)).toEqual(['batch-none', 'db-half', 'app-old', 'web-fresh']);
  expect(backups.map((r) => [r.BackupPlan, r.Retention, r.Volumes, r.VolumesWithPoint])).toEqual([
    ['ops-daily', '35 days (plan)', 1, 0],
    ['ops-daily', '35 days (plan)', 2, 1],
    ['ops-daily', '35 days (plan)', 1, 1],
    ['ops-daily', '35 days (plan)', 2, 2],
  ]);
  const fresh = backups.find((r) => r.Name === 'web-fresh')!;
  expect(String(fresh.NewestRestorablePointPerVolume)).toContain(`${fleet.freshData}: AWS Backup ami-`);
  const half = String(backups.find((r) => r.Name === 'db-half')!.NewestRestorablePointPerVolume).split('; ');
  expect(half).toEqual(expect.arrayContaining([`${fleet.halfData}: no restore point`, expect.stringMatching(/^vol-\w+: EBS snapshot snap-\w+, /)]));
  expect(backups.find((r) => r.Name === 'app-old')).toMatchObject({ 'Age(h)': expect.closeTo(120, 0), 'StaleAfter(h)': 48, 'PlanInterval(h)': 24 });

  const waste = rowsOf(workbook.getWorksheet('Waste')!);
  expect(waste[0]).toMatchObject({ Kind: 'Tagged for backup, no restore point', Id: fleet.none, Region: SEOUL });
  expect(waste.filter((r) => r.Kind === 'Tagged for backup, no restore point')).toHaveLength(1);
  // Highlighted by a rule on the Kind column, so it stays highlighted when a reader sorts or filters.
  // exceljs reads conditional formats back but its typings omit the property.
  const formulas = (name: string) =>
    (workbook.getWorksheet(name) as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.flatMap((cf) =>
      cf.rules.flatMap((r) => ('formulae' in r ? ((r.formulae ?? []) as string[]) : [])),
    );
  expect(formulas('Waste')).toContain('$A2="Tagged for backup, no restore point"');
  expect(formulas('Backups')).toEqual(['$E2="unprotected"', '$E2="partial"', '$E2="stale"']);

  const jobs = rowsOf(workbook.getWorksheet('Backup_Jobs')!).filter((r) => r.BackupJobId);
  expect(jobs).toEqual([expect.objectContaining({ State: 'FAILED', Resource: fleet.none, Reason: 'Insufficient privileges to perform this action.' })]);

  const summary = rowsOf(workbook.getWorksheet('Summary')!);
  expect(summary.find((r) => r.Item === 'Recoverable')?.Value).toBe('1 of 4 instances recoverable from a point < 26 h old');
  expect(summary.filter((r) => String(r.Item).trim() === 'unprotected').map((r) => r.Value)).toEqual([`batch-none (${fleet.none}, ${SEOUL})`]);
  expect(summary.find((r) => r.Item === 'Backup storage (upper bound)')?.['Monthly(USD)']).toBeGreaterThan(0);

  const json = JSON.parse((await download(output.summaryUri.replace(`s3://${BUCKET}/`, ''))).toString()) as ReportSummary;
  expect(json.backups).toMatchObject({ instances: 4, recoverableRecently: 1, coverage: 0.25, protected: 1, stale: 1, partial: 1, unprotected: 1, taggedWithoutPoint: 1 });
  const trend = rowsOf(workbook.getWorksheet('Trend')!);
  expect(trend.find((r) => r.ReportDate === '2026-11-23')?.['BackupCoverage(%)']).toBe(0.25);
}, 120_000);

test('ops backups --check fails on the same fleet, naming the stale, partial and unprotected instances', async () => {
  // Act
  let stdout = '';
  let stderr = '';
  const code = await main(['backups', '--check', '--plans-from', 'api', '--regions', SEOUL], {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: process.env,
  });

  // Assess
  expect([code, stderr]).toEqual([1, `backup plans from the AWS Backup API; regions ${SEOUL}\n`]);
  expect(stdout).toContain('backup check failed: 3 of 4 instance(s) tagged for backup have no restore point as young as their plan allows:');
  const named = stdout.split('\n').filter((l) => l.startsWith('  i-')).map((l) => l.trim().split(/\s+/)[0]);
  expect(named.sort()).toEqual([fleet.old, fleet.half, fleet.none].sort());
  expect(stdout).not.toContain(fleet.fresh);
}, 60_000);

test('a backup read AWS refuses leaves the report complete, with the refusal named on Summary and Backups (AccessDenied injected by the test proxy)', async () => {
  // Prepare: ListBackupJobs answers 403 as AWS Backup does for a missing permission.
  proxy.setFault((request) =>
    request.path.startsWith('/backup-jobs')
      ? {
          status: 403,
          contentType: 'application/json',
          headers: { 'x-amzn-ErrorType': 'AccessDeniedException' },
          body: JSON.stringify({ Message: 'User is not authorized to perform: backup:ListBackupJobs' }),
        }
      : undefined,
  );

  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-30' }, { instantWaits: true }).finally(() => proxy.setFault(undefined));

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download((run.output as PublishResult).uri.replace(`s3://${BUCKET}/`, ''))) as never);
  const summary = rowsOf(workbook.getWorksheet('Summary')!);
  expect(summary.find((r) => r.Item === 'Backup reads')).toMatchObject({
    Value: 'incomplete',
    Note: expect.stringContaining(`${SEOUL}: could not read backup jobs of the last 7 days (AccessDeniedException: User is not authorized to perform: backup:ListBackupJobs)`),
  });
  expect(rowsOf(workbook.getWorksheet('Backups')!).map((r) => String(r.Name))).toContainEqual(expect.stringContaining(`${SEOUL}: could not read backup jobs of the last 7 days`));
  // The statuses do not depend on the jobs, so they are still there.
  expect(summary.find((r) => r.Item === 'Recoverable')?.Value).toBe('1 of 4 instances recoverable from a point < 26 h old');
}, 120_000);

async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['backups', '--plans-from', 'api', '--regions', SEOUL, ...args], {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: { ...process.env, OPS_BACKUP_ROLE_ARN: 'arn:aws:iam::111122223333:role/ops-backup' },
  });
  return { code, stdout, stderr };
}

test('ops backups lists every instance with its status and each volume\'s newest point', async () => {
  const result = await ops();

  expect(result.code).toBe(0);
  const headers = result.stdout.split('\n').filter((l) => l.startsWith(SEOUL));
  expect(headers.map((l) => l.split(/\s+/).slice(1, 4))).toEqual([
    ['app-old', `(${fleet.old})`, 'stale'],
    ['batch-none', `(${fleet.none})`, 'unprotected'],
    ['db-half', `(${fleet.half})`, 'partial'],
    ['web-fresh', `(${fleet.fresh})`, 'protected'],
  ]);
  expect(result.stdout).toContain(`${fleet.halfData} (/dev/sdf, 100 GiB, gp3)  no restore point`);
});

test('ops backups --instance prints an EC2 point\'s restore command with the instance\'s type, subnet and security groups', async () => {
  const result = await ops('--instance', fleet.fresh!);

  expect(result.code).toBe(0);
  const command = result.stdout.split('\n').find((l) => l.includes('aws backup start-restore-job'))!;
  expect(command).toMatch(new RegExp(`--recovery-point-arn arn:aws:ec2:${SEOUL}::image/ami-\\w+ --resource-type EC2 --iam-role-arn arn:aws:iam::111122223333:role/ops-backup --metadata '`));
  const metadata = JSON.parse(command.slice(command.indexOf("--metadata '") + 12, -1)) as Record<string, string>;
  expect(metadata).toEqual({ InstanceType: 'm5.large', SubnetId: expect.stringMatching(/^subnet-/), SecurityGroupIds: JSON.stringify([fleet.webGroup]) });
  expect(result.stdout).toContain('aws backup get-recovery-point-restore-metadata');
});

test('ops backups --instance lists a volume\'s points newest first and restores an EBS point with its availability zone and encryption', async () => {
  const result = await ops('--instance', fleet.old!);

  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/AWS Backup\s+snap-\w+\s+vault ops-backups\s+COMPLETED\s+120 h old/);
  const command = result.stdout.split('\n').find((l) => l.includes('aws backup start-restore-job'))!;
  expect(command).toContain('--resource-type EBS');
  expect(JSON.parse(command.slice(command.indexOf("--metadata '") + 12, -1))).toEqual({ availabilityZone: `${SEOUL}a`, encrypted: 'false' });
});

test('ops backups --instance --point names the points it has when asked for one it has not, and a plain snapshot restores with create-volume', async () => {
  const missing = await ops('--instance', fleet.half!, '--point', 'snap-0000000000000000');
  const plain = await ops('--instance', fleet.half!);

  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(new RegExp(`\nerror: --point snap-0000000000000000 is not a restore point of ${fleet.half}; its points: snap-\\w+\\n$`));
  expect(plain.stdout).toMatch(new RegExp(`aws ec2 create-volume --region ${SEOUL} --snapshot-id snap-\\w+ --availability-zone ${SEOUL}a`));
});
