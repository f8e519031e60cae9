/** `ops report` against moto's S3: finds the workbooks under the prefix, downloads one, prints its totals. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import type { ReportSummary } from '../../functions/shared/cost-types';
import { main } from '../../scripts/ops';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';

// Bucket names are global in moto as in AWS, so each test's account gets its own.
let BUCKET = '';
let proxy: AwsProxy;
let s3: S3Client;
let outDir: string;

const summary: ReportSummary = {
  reportDate: '2026-11-23',
  generatedAt: '2026-11-23T06:01:12Z',
  regions: ['us-east-1', 'eu-west-1'],
  priceSource: 'AWS Price List, on-demand',
  totals: { ec2Monthly: 1234.56, ebsMonthly: 210, ipv4Monthly: 14.6, snapshotMonthly: 5, totalMonthly: 1464.16, wasteMonthly: 42.5, scheduleSavingsMonthly: 310.25, unpricedItems: 1 },
  counts: { instances: 12, running: 8, stopped: 4, volumes: 20, unattachedVolumes: 2, idleAddresses: 1, snapshots: 5 },
};

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Summary');
  sheet.addRow(['Item', 'Value', 'Monthly(USD)', 'Note']);
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('EC2_Detail_Costs').addRow(['Name']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function put(key: string, body: string | Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--bucket', BUCKET, '--prefix', 'reports/', ...args], {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: process.env,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
  s3 = new S3Client({ forcePathStyle: true });
});

afterAll(async () => {
  s3.destroy();
  await proxy.close();
});

beforeEach(async () => {
  BUCKET = `ops-reports-${proxy.newAccount()}`;
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  outDir = await mkdtemp(join(tmpdir(), 'ops-report-'));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('ops report', () => {
  it('downloads the latest workbook and prints the totals from the JSON summary beside it', async () => {
    // Prepare: two weeks of reports, plus objects that are not reports under the same prefix
    const latest = await workbook([['Total monthly', null, 1464.16, '']]);
    await put('reports/ec2_monthly_costs_20261116.xlsx', await workbook([['Total monthly', null, 999, '']]));
    await put('reports/ec2_monthly_costs_20261123.xlsx', latest);
    await put('reports/ec2_monthly_costs_20261123.summary.json', JSON.stringify(summary));
    await put('reports/ec2_monthly_costs_20261130.summary.json', JSON.stringify({ ...summary, reportDate: '2026-11-30' }));
    await put('reports/ec2_monthly_costs_20261130.xlsx.partial', 'not a workbook');

    // Act
    const result = await ops('report', '--out', outDir);

    // Assess
    expect(result.code).toBe(0);
    const saved = join(outDir, 'ec2_monthly_costs_20261123.xlsx');
    expect(await readFile(saved)).toEqual(latest);
    expect(result.stdout).toContain(`downloaded s3://${BUCKET}/reports/ec2_monthly_costs_20261123.xlsx\n  to ${saved}`);
    expect(result.stdout).toContain('Summary for 2026-11-23 (us-east-1, eu-west-1;');
    expect(result.stdout).toMatch(/Total monthly\s+\$1,464\.16/);
    expect(result.stdout).toMatch(/EC2 monthly\s+\$1,234\.56/);
    // A summary without the snapshot flag was written when every snapshot was priced at its volume size.
    expect(result.stdout).toMatch(/Snapshots, upper bound\s+\$5\.00/);
    expect(result.stdout).toMatch(/Unpriced items\s+1  \(their cost is not in the totals; see the workbook\)/);
    expect(result.stdout).toContain('Instances 12 (8 running, 4 stopped), volumes 20 (2 unattached), idle IPs 1, snapshots 5');
  });

  it('prints the backup coverage when the summary has it, and nothing about backups for older reports', async () => {
    // Prepare: this week's summary with backups, last week's from before the Backups sheet.
    const backups = { instances: 4, recoverableRecently: 1, coverage: 0.25, protected: 1, stale: 1, partial: 1, unprotected: 1, taggedWithoutPoint: 1, storageMonthly: 5.3 };
    await put('reports/ec2_monthly_costs_20261116.xlsx', await workbook([]));
    await put('reports/ec2_monthly_costs_20261116.summary.json', JSON.stringify({ ...summary, reportDate: '2026-11-16' }));
    await put('reports/ec2_monthly_costs_20261123.xlsx', await workbook([]));
    await put('reports/ec2_monthly_costs_20261123.summary.json', JSON.stringify({ ...summary, backups }));

    // Act
    const latest = await ops('report', '--out', outDir);
    const older = await ops('report', '--date', '2026-11-16', '--out', outDir);

    // Assess
    expect(latest.stdout).toContain('  Backups: 1 of 4 instances recoverable from a point < 26 h old (stale 1, partial 1, unprotected 1)\n');
    expect(older.stdout).not.toContain('Backups');
  });

  it('--date picks that week, and without a JSON summary reads the Summary sheet of the workbook', async () => {
    await put('reports/ec2_monthly_costs_20261116.xlsx', await workbook([['Report date', '2026-11-16', null, ''], ['Total monthly', null, 999.5, 'EC2 + EBS + public IPv4 + snapshots']]));
    await put('reports/ec2_monthly_costs_20261123.xlsx', await workbook([['Total monthly', null, 1464.16, '']]));

    const result = await ops('report', '--date', '2026-11-16', '--out', outDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ec2_monthly_costs_20261116.xlsx');
    expect(result.stdout).toContain('Summary (from the workbook; no JSON summary beside it):');
    expect(result.stdout).toMatch(/Total monthly\s+999\.50/);
    expect(result.stdout).toMatch(/Report date\s+2026-11-16/);
  });

  it('says which dates exist when the asked one does not', async () => {
    await put('reports/ec2_monthly_costs_20261116.xlsx', await workbook([]));
    await put('reports/ec2_monthly_costs_20261123.xlsx', await workbook([]));

    const result = await ops('report', '--date', '2026-01-05', '--out', outDir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: no report dated 2026-01-05 in s3://${BUCKET}/reports/; the latest are: 2026-11-16, 2026-11-23\n`);
  });

  it('says there is no report yet in an empty prefix, and names a missing bucket', async () => {
    const empty = await ops('report', '--out', outDir);
    const missing = await ops('--bucket', 'no-such-ops-bucket', 'report', '--out', outDir);

    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(`error: no reports in s3://${BUCKET}/reports/ yet (run one with: ops run cost-report --wait)\n`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: the report bucket does not exist: .*\n$/);
  });
});
