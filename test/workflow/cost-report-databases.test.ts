/**
 * The cost report with databases on the schedule: a tagged MySQL DB instance, its tagged read
 * replica and a tagged Aurora PostgreSQL cluster (one db.t3.medium instance), created in moto,
 * priced by the local Pricing endpoint from real-format AmazonRDS items, rendered and published by
 * the real cost-report state machine, then read back. Every figure is worked out by hand below
 * from the fixture's us-east-1 list prices and the default schedule (08:00-20:00 Monday to Friday
 * in Asia/Seoul: 60 of the week's 168 hours, 60 / 168 × 730 = 260.71 hours a month). The Aurora
 * cluster's volume metrics are published in moto with PutMetricData (50 GiB used; 1,000,000 reads
 * and 200,000 writes a day for a week), as CloudWatch publishes them for a real cluster. What Cost
 * Explorer billed for them is queued in moto (its cost-and-usage-results endpoint) in the real
 * GetCostAndUsage shape and set beside that estimate on the Billed sheet.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import type { PublishResult } from '../../functions/shared/cost-types';
import type { RunResult } from '../../scripts/lib/local-workflow';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { seedAuroraMetrics } from '../../scripts/local/cloudwatch-seed';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';
import type { PricingServer } from '../../scripts/local/pricing-server';
import type { AwsProxy } from '../support/aws-proxy';
import { closeCostReportWorld, runCostReport, startCostReportWorld } from '../support/cost-report-world';
import { createAuroraCluster, createDatabase } from '../support/fleet';
import { billedFigures, rowWhere } from '../support/sheet-rows';

const REGION = 'us-east-1';
const BUCKET = `ops-cost-databases-${process.pid}-${Date.now() % 100000}`;
const OPT_IN = { AutoStopStart: 'Yes' };

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let run: RunResult;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [REGION], bucket: BUCKET, prefix: 'ec2/', pricingRegion: REGION }));
  delete process.env.POWER_SCHEDULES;
  delete process.env.ENABLE_COST_EXPLORER;
  // Prepare
  await createDatabase(proxy.url, REGION, { id: 'orders', engine: 'mysql', storageType: 'gp2', tags: OPT_IN });
  await createDatabase(proxy.url, REGION, { id: 'orders-replica', replicaOf: 'orders', tags: OPT_IN });
  await createAuroraCluster(proxy.url, REGION, { id: 'catalog', instanceClass: 'db.t3.medium', tags: OPT_IN });
  const cloudWatch = new CloudWatchClient({ region: REGION, endpoint: proxy.url, maxAttempts: 1 });
  await seedAuroraMetrics(cloudWatch, 'catalog', { volumeGiB: 50, readsPerDay: 1_000_000, writesPerDay: 200_000 });
  cloudWatch.destroy();
  // What Cost Explorer billed a day: the two db.t3.micro 2 × 0.017 × 24 = 0.816, the Aurora instance 0.082 × 24 = 1.968
  // (on the 20th under a Reserved Instance: amortized 1.20), 40 GB gp2 × 0.115 × 24 / 730; on the 20th also Aurora storage
  // and I/O (estimated) and backup storage (not estimated). The 5th is in the month only, the 20th in the last week too.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-05', [
        [REGION, 'InstanceUsage:db.t3.micro', '0.8160000000', '0.8160000000'],
        [REGION, 'InstanceUsage:db.t3.medium', '1.9680000000', '1.9680000000'],
        [REGION, 'RDS:GP2-Storage', '0.1512328767', '0.1512328767'],
      ]),
      costAndUsageDay('2026-11-20', [
        [REGION, 'InstanceUsage:db.t3.micro', '0.8160000000', '0.8160000000'],
        [REGION, 'InstanceUsage:db.t3.medium', '1.9680000000', '1.2000000000'],
        [REGION, 'RDS:GP2-Storage', '0.1512328767', '0.1512328767'],
        [REGION, 'Aurora:StorageUsage', '0.0300000000', '0.0300000000'],
        [REGION, 'Aurora:StorageIOUsage', '0.0200000000', '0.0200000000'],
        [REGION, 'RDS:ChargedBackupUsage', '0.0100000000', '0.0100000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act
  ({ run, workbook } = await runCostReport(s3, BUCKET, { regions: [REGION], reportDate: '2026-11-23' }));
}, 180_000);

afterAll(() => closeCostReportWorld({ s3, pricing, proxy }));

const rdsRow = (identifier: string) => rowWhere(workbook, 'RDS', 'Identifier', identifier);
const summaryLine = (item: string) => rowWhere(workbook, 'Summary', 'Item', item);

test('RDS sheet: the tagged DB instance saves its instance hours outside the schedule; its storage is billed stopped or not, by hand', () => {
  // db.t3.micro MySQL Single-AZ: 0.017 × 730 = 12.41 a month; under the schedule 0.017 × 260.71 = 4.43; saves 12.41 − 4.43 = 7.98.
  // gp2 storage 20 GB × 0.115 = 2.30, billed whether stopped or not: not in the savings.
  expect(rdsRow('orders')).toMatchObject({
    Kind: 'RDS DB instance',
    AccountId: proxy.accountId,
    Engine: 'mysql',
    InstanceClass: 'db.t3.micro',
    Deployment: 'Single-AZ',
    Status: 'available',
    StorageType: 'gp2',
    'AllocatedStorage(GB)': 20,
    HourlyUSD: 0.017,
    'InstanceMonthly(USD)': 12.41,
    'StorageMonthly(USD)': 2.3,
    'TotalMonthly(USD)': 14.71,
    Schedule: 'Yes',
    'ScheduledMonthly(USD)': 4.43,
    'ScheduleSavings(USD)': 7.98,
    PriceStatus: 'priced',
    Note: 'storage is billed while stopped: the schedule saves instance hours only',
  });
  expect(rdsRow('orders')!.ScheduledHours as number).toBeCloseTo(260.71, 2);
});

test('RDS sheet: the tagged read replica is left alone by the schedule, with the reason, and saves nothing', () => {
  const replica = rdsRow('orders-replica')!;
  expect(replica).toMatchObject({ Kind: 'RDS DB instance', Schedule: 'Yes', HourlyUSD: 0.017, 'InstanceMonthly(USD)': 12.41 });
  expect(replica.PriceStatus).toBe('priced; the schedule leaves it alone (read replica of orders: RDS cannot stop a read replica): no savings');
  expect(replica['ScheduleSavings(USD)']).toBeUndefined();
});

test('RDS sheet: the tagged Aurora cluster saves its instance\'s hours; the cluster row prices the GB its volume uses and its I/O requests from CloudWatch, saving neither, by hand', () => {
  // Aurora PostgreSQL db.t3.medium: 0.082 × 730 = 59.86; under the schedule 0.082 × 260.71 = 21.38; saves 38.48.
  expect(rdsRow('catalog-1')).toMatchObject({
    Kind: 'Aurora instance',
    Engine: 'aurora-postgresql',
    InstanceClass: 'db.t3.medium',
    Cluster: 'catalog',
    HourlyUSD: 0.082,
    'InstanceMonthly(USD)': 59.86,
    Schedule: 'Yes',
    'ScheduledMonthly(USD)': 21.38,
    'ScheduleSavings(USD)': 38.48,
  });
  // Aurora Standard, us-east-1: 50 GB used × 0.10 = 5.00 a month; I/O 7 × 1,200,000 = 8,400,000 a week × 730 / 168 = 36,500,000
  // a month × 0.20 per million = 7.30; 12.30 in all, billed stopped or not: no schedule savings on the cluster's row.
  expect(rdsRow('catalog')).toMatchObject({
    Kind: 'Aurora cluster',
    Engine: 'aurora-postgresql',
    Schedule: 'Yes',
    'UsedStorage(GB)': 50,
    'StorageMonthly(USD)': 5,
    'IOMonthly(USD)': 7.3,
    'TotalMonthly(USD)': 12.3,
    PriceStatus: 'priced',
  });
  expect(rdsRow('catalog')!['ScheduleSavings(USD)']).toBeUndefined();
  expect(rdsRow('catalog')!.Note).toBe(
    "36,500,000 I/O requests a month (the last 7 days' VolumeReadIOPs + VolumeWriteIOPs × 730/168); 50.00 GB used (the latest daily average of VolumeBytesUsed in the last 7 days); storage and I/O are billed whether the cluster is stopped or not; its instance hours are on its instances' rows; schedule savings are shown on its instances",
  );
});

test('Summary: schedule savings labelled per kind and their total; RDS and Aurora inside the total monthly, by hand', () => {
  expect(summaryLine('Schedule savings — EC2 instances')?.['Monthly(USD)']).toBe(0);
  expect(summaryLine('Schedule savings — RDS DB instances')?.['Monthly(USD)']).toBe(7.98);
  expect(summaryLine('Schedule savings — Aurora clusters')?.['Monthly(USD)']).toBe(38.48);
  // 7.98 + 38.48
  expect(summaryLine('Schedule savings (total)')).toMatchObject({ 'Monthly(USD)': 46.46, Note: 'the lines above together' });
  // No Auto Scaling group here: no line for them (test/workflow/cost-report-groups.test.ts has one).
  expect(summaryLine('Schedule savings — Auto Scaling groups')).toBeUndefined();
  // orders 14.71 + orders-replica 14.71 (RDS copies its source's 20 GB gp2) + catalog-1 59.86 + catalog 12.30 = 101.58; no EC2 here.
  expect(rdsRow('orders-replica')!['TotalMonthly(USD)']).toBe(14.71);
  expect(summaryLine('RDS and Aurora')?.['Monthly(USD)']).toBe(101.58);
  expect(summaryLine('Total monthly')?.['Monthly(USD)']).toBe(101.58);
  expect(summaryLine(proxy.accountId)?.Note).toMatch(/^waste \$0\.00, schedule savings \$46\.46;/);
  expect((run.output as PublishResult).totals).toMatchObject({ scheduleSavingsMonthly: 46.46, scheduleSavingsByKind: { ec2: 0, rds: 7.98, aurora: 38.48 } });
});

test('Billed: what Cost Explorer billed for the databases beside their estimate for the same days, and the variance, by hand', () => {
  const billedRow = (column: string, value: string) => rowWhere(workbook, 'Billed', column, value);
  // Instance hours: 12.41 + 12.41 + 59.86 = 84.68 a month: × 7 × 24 / 730 = 19.49; × 22 × 24 / 730 = 61.25.
  // Billed, each usage type rounded to cents: week 0.82 + 1.97 = 2.79 (amortized 0.82 + 1.20 = 2.02); month 1.63 + 3.94 = 5.57 (1.63 + 3.17 = 4.80).
  const instances = billedRow('Category', 'RDS instances');
  expect(instances).toMatchObject({ Region: REGION, UsageTypes: 'InstanceUsage:db.t3.medium, InstanceUsage:db.t3.micro' });
  expect(billedFigures(instances)).toEqual([2.79, 2.02, 19.49, -17.47, 5.57, 4.8, 61.25, -56.45]);
  // Storage: 2.30 + 2.30 = 4.60 a month: 1.06 and 3.33. Billed 0.15 a week, 0.30 in the month.
  const storage = billedRow('Category', 'RDS storage');
  expect(storage).toMatchObject({ Region: REGION, UsageTypes: 'RDS:GP2-Storage' });
  expect(billedFigures(storage)).toEqual([0.15, 0.15, 1.06, -0.91, 0.3, 0.3, 3.33, -3.03]);
  // Aurora storage and I/O: 12.30 a month: × 7 × 24 / 730 = 2.83; × 22 × 24 / 730 = 8.90. Billed 0.03 + 0.02 = 0.05, on the 20th only.
  const aurora = billedRow('Category', 'Aurora storage and I/O');
  expect(aurora).toMatchObject({ Region: REGION, UsageTypes: 'Aurora:StorageIOUsage, Aurora:StorageUsage' });
  expect(billedFigures(aurora)).toEqual([0.05, 0.05, 2.83, -2.78, 0.05, 0.05, 8.9, -8.85]);
  expect(billedFigures(billedRow('Region', 'TOTAL'))).toEqual([2.99, 2.22, 23.38, -21.16, 5.92, 5.15, 73.48, -68.33]);
  // Backup storage 0.01: billed, not estimated, outside the rows.
  expect(billedRow('Region', 'Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $0.01, MonthToDate $0.01; not in the rows above.')).toBeDefined();
  expect(summaryLine('Billed last week')).toMatchObject({ Value: '$2.22 ($2.99)', Note: '2026-11-16 to 2026-11-22: list-price estimate $23.38, variance −$21.16 (−90.5%)' });
});
