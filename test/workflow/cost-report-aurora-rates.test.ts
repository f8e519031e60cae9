/**
 * The cost report prices Aurora instances as AWS bills them: a member of an Aurora I/O-Optimized
 * cluster (StorageType aurora-iopt1) at the I/O-Optimized instance rate (`InstanceUsageIOOptimized:`,
 * 1.3 × Standard), and an Aurora Serverless v2 instance (class db.serverless) per ACU-hour of the
 * capacity CloudWatch says it ran at (ServerlessDatabaseCapacity averaged over the last 7 days × 730 h
 * × the ACU-hour rate). Clusters and instances are created in moto (StorageType aurora-iopt1 through
 * the harness's moto_rds.py), the capacity published with PutMetricData as CloudWatch publishes it,
 * priced by the local Pricing endpoint from real-format AmazonRDS items, rendered and published by the
 * real cost-report state machine, then read back. Every figure is worked out by hand from the
 * fixture's us-east-1 list prices (db.r6g.large Aurora PostgreSQL 0.26 an hour, I/O-Optimized 0.338;
 * Serverless v2 0.12 per ACU-hour, I/O-Optimized 0.16) and the default schedule (08:00-20:00 Monday
 * to Friday in Asia/Seoul: 60 of the week's 168 hours, 260.71 hours a month). A Serverless v2 instance
 * in Seoul has no datapoints: it stays unpriced with the reason, never 0.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { PublishResult } from '../../functions/shared/cost-types';
import type { RunResult } from '../../scripts/lib/local-workflow';
import { seedServerlessCapacity } from '../../scripts/local/cloudwatch-seed';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';
import type { PricingServer } from '../../scripts/local/pricing-server';
import type { AwsProxy } from '../support/aws-proxy';
import { closeCostReportWorld, runCostReport, startCostReportWorld } from '../support/cost-report-world';
import { createAuroraCluster } from '../support/fleet';
import { billedFigures, rowWhere } from '../support/sheet-rows';

const REGION = 'us-east-1';
const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-cost-aurora-rates-${process.pid}-${Date.now() % 100000}`;
const OPT_IN = { AutoStopStart: 'Yes' };

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let run: RunResult;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [REGION, SEOUL], bucket: BUCKET, prefix: 'ec2/', pricingRegion: REGION }));
  delete process.env.POWER_SCHEDULES;
  delete process.env.ENABLE_COST_EXPLORER;
  // Prepare: a tagged I/O-Optimized cluster and an untagged Standard one, both db.r6g.large; a tagged
  // Serverless v2 instance on Aurora Standard and an untagged one on I/O-Optimized; in Seoul a
  // Serverless v2 instance CloudWatch has nothing for.
  await createAuroraCluster(proxy.url, REGION, { id: 'ledger', storageType: 'aurora-iopt1', instanceClass: 'db.r6g.large', tags: OPT_IN });
  await createAuroraCluster(proxy.url, REGION, { id: 'catalog', storageType: 'aurora', instanceClass: 'db.r6g.large' });
  await createAuroraCluster(proxy.url, REGION, { id: 'search', storageType: 'aurora', instanceClass: 'db.serverless', tags: OPT_IN });
  await createAuroraCluster(proxy.url, REGION, { id: 'events', storageType: 'aurora-iopt1', instanceClass: 'db.serverless' });
  await createAuroraCluster(proxy.url, SEOUL, { id: 'quiet', storageType: 'aurora', instanceClass: 'db.serverless' });
  const cloudWatch = new CloudWatchClient({ region: REGION, endpoint: proxy.url, maxAttempts: 1 });
  // search-1: 12 hours at 4 ACUs and 12 at 1 ACU, 2.5 on average; events-1: 48 hours at 1 ACU.
  await seedServerlessCapacity(cloudWatch, 'search-1', { acuByHour: [...Array(12).fill(4), ...Array(12).fill(1)] });
  await seedServerlessCapacity(cloudWatch, 'events-1', { acuByHour: Array(48).fill(1) });
  cloudWatch.destroy();
  // What Cost Explorer billed on the 20th (in the last week and the month): ledger-1 0.338 × 24 = 8.112 as
  // InstanceUsageIOOptimized, catalog-1 0.26 × 24 = 6.24, search-1 2.5 × 0.12 × 24 = 7.20, events-1 1 × 0.16 × 24 = 3.84.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-20', [
        [REGION, 'InstanceUsageIOOptimized:db.r6g.large', '8.1120000000', '8.1120000000'],
        [REGION, 'InstanceUsage:db.r6g.large', '6.2400000000', '6.2400000000'],
        [REGION, 'Aurora:ServerlessV2Usage', '7.2000000000', '7.2000000000'],
        [REGION, 'Aurora:ServerlessV2IOOptimizedUsage', '3.8400000000', '3.8400000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act
  ({ run, workbook } = await runCostReport(s3, BUCKET, { regions: [REGION, SEOUL], reportDate: '2026-11-23' }));
}, 180_000);

afterAll(() => closeCostReportWorld({ s3, pricing, proxy }));

const rdsRow = (identifier: string) => rowWhere(workbook, 'RDS', 'Identifier', identifier);
const summaryLine = (item: string) => rowWhere(workbook, 'Summary', 'Item', item);

test('RDS sheet: the I/O-Optimized cluster\'s instance is priced at the I/O-Optimized rate, not the Standard one, and saves at it on the schedule, by hand', () => {
  // 0.338 × 730 = 246.74; under the schedule 0.338 × 260.71 = 88.12; saves 158.62.
  expect(rdsRow('ledger-1')).toMatchObject({
    Kind: 'Aurora instance',
    Cluster: 'ledger',
    InstanceClass: 'db.r6g.large',
    StorageType: 'aurora-iopt1',
    HourlyUSD: 0.338,
    'InstanceMonthly(USD)': 246.74,
    Schedule: 'Yes',
    'ScheduledMonthly(USD)': 88.12,
    'ScheduleSavings(USD)': 158.62,
    PriceStatus: 'priced',
  });
  expect(rdsRow('ledger-1')!.Note).toContain('Aurora I/O-Optimized cluster: its instance hours are billed at the I/O-Optimized rate (InstanceUsageIOOptimized)');
  // The same class in a Standard cluster: 0.26 × 730 = 189.80.
  expect(rdsRow('catalog-1')).toMatchObject({ Kind: 'Aurora instance', StorageType: 'aurora', HourlyUSD: 0.26, 'InstanceMonthly(USD)': 189.8, PriceStatus: 'priced' });
});

test('RDS sheet: a Serverless v2 instance is priced per ACU-hour from its average CloudWatch capacity, and its schedule saves those hours, by hand', () => {
  // 2.5 ACUs × 0.12 = 0.30 an hour; × 730 = 219.00; under the schedule 0.30 × 260.71 = 78.21; saves 140.79.
  expect(rdsRow('search-1')).toMatchObject({
    Kind: 'Aurora instance',
    InstanceClass: 'db.serverless',
    AverageACU: 2.5,
    HourlyUSD: 0.3,
    'InstanceMonthly(USD)': 219,
    Schedule: 'Yes',
    'ScheduledMonthly(USD)': 78.21,
    'ScheduleSavings(USD)': 140.79,
    PriceStatus: 'priced',
  });
  expect(rdsRow('search-1')!.Note).toContain('Aurora Serverless v2: billed per ACU-hour; 2.50 ACUs on average (CloudWatch ServerlessDatabaseCapacity, every datapoint of the last 7 days) × 0.12 USD per ACU-hour = HourlyUSD, × 730 h a month');
  // On I/O-Optimized: 1 ACU × 0.16 = 0.16 an hour; × 730 = 116.80; untagged, no savings.
  expect(rdsRow('events-1')).toMatchObject({ InstanceClass: 'db.serverless', StorageType: 'aurora-iopt1', AverageACU: 1, HourlyUSD: 0.16, 'InstanceMonthly(USD)': 116.8, PriceStatus: 'priced' });
  expect(rdsRow('events-1')!['ScheduleSavings(USD)']).toBeUndefined();
});

test('RDS sheet: a Serverless v2 instance CloudWatch has no capacity for is unpriced with the reason, never 0', () => {
  const quiet = rdsRow('quiet-1')!;
  expect(quiet).toMatchObject({ Region: SEOUL, InstanceClass: 'db.serverless' });
  expect(quiet.AverageACU).toBeUndefined();
  expect(quiet.HourlyUSD).toBeUndefined();
  expect(quiet['InstanceMonthly(USD)']).toBeUndefined();
  expect(quiet['TotalMonthly(USD)']).toBeUndefined();
  expect(quiet.PriceStatus).toBe(
    'unpriced: Aurora Serverless v2 capacity: CloudWatch has no ServerlessDatabaseCapacity datapoints for quiet-1 in the last 7 days (a new instance, or one stopped all week): not estimated',
  );
});

test('Summary: Aurora\'s schedule savings are the I/O-Optimized member\'s and the Serverless v2 instance\'s, by hand', () => {
  // 158.62 + 140.79
  expect(summaryLine('Schedule savings — Aurora clusters')?.['Monthly(USD)']).toBe(299.41);
  expect((run.output as PublishResult).totals.scheduleSavingsByKind).toMatchObject({ aurora: 299.41 });
});

test('Billed: InstanceUsageIOOptimized and the Serverless v2 ACU-hours sit under RDS instances beside their estimate for the same days, by hand', () => {
  const instances = rowWhere(workbook, 'Billed', 'Category', 'RDS instances')!;
  expect(instances.Region).toBe(REGION);
  for (const usageType of ['InstanceUsageIOOptimized:db.r6g.large', 'InstanceUsage:db.r6g.large', 'Aurora:ServerlessV2Usage', 'Aurora:ServerlessV2IOOptimizedUsage']) {
    expect(String(instances.UsageTypes)).toContain(usageType);
  }
  // Estimate: 246.74 + 189.80 + 219.00 + 116.80 = 772.34 a month; × 7 × 24 / 730 = 177.74 for the week, × 22 × 24 / 730 = 558.62
  // for the month to date. Billed 8.112 + 6.24 + 7.20 + 3.84 = 25.392 in each.
  expect(billedFigures(instances)).toEqual([25.39, 25.39, 177.74, -152.35, 25.39, 25.39, 558.62, -533.23]);
});
