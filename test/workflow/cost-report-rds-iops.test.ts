/**
 * The cost report prices RDS Provisioned IOPS, gp3 IOPS and throughput above the baseline, and io2
 * storage, the way AWS bills them: DB instances created in moto with the storage settings
 * CreateDBInstance takes (moto reports Iops and StorageThroughput back as given), priced by the local
 * Pricing endpoint from real-format AmazonRDS items (scripts/local/pricing/fixture-table.ts cites the
 * captures: `RDS:PIOPS` 0.10, `RDS:Multi-AZ-GP3-PIOPS` 0.04 per IOPS-month, `RDS:PIOPS-Storage-IO2`
 * 0.125 per GB-month, `RDS:IO2-PIOPS` 0.10; gp3 throughput 0.08 per MiBps-month Single-AZ, 0.16
 * Multi-AZ, not captured), rendered and published by the real cost-report state machine, then read
 * back. A Multi-AZ DB cluster's Iops stay out of its total with the reason. Every figure is worked out
 * by hand below (schedule: 08:00-20:00 Monday to Friday, 260.71 hours a month).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';
import type { PricingServer } from '../../scripts/local/pricing-server';
import type { AwsProxy } from '../support/aws-proxy';
import { closeCostReportWorld, runCostReport, startCostReportWorld } from '../support/cost-report-world';
import { createDatabase, createMultiAzDbCluster } from '../support/fleet';
import { billedFigures, rowWhere } from '../support/sheet-rows';

const REGION = 'us-east-1';
const BUCKET = `ops-cost-rds-iops-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [REGION], bucket: BUCKET, prefix: 'ec2/', pricingRegion: REGION }));
  delete process.env.POWER_SCHEDULES;
  delete process.env.ENABLE_COST_EXPLORER;
  // Prepare
  await createDatabase(proxy.url, REGION, { id: 'ledger-io1', engine: 'postgres', instanceClass: 'db.m5.large', storageType: 'io1', allocatedGiB: 100, iops: 3000, tags: { AutoStopStart: 'Yes' } });
  // Below 400 GiB a gp3 DB includes 3,000 IOPS and 125 MiBps: created without either, as AWS requires there.
  await createDatabase(proxy.url, REGION, { id: 'orders-gp3', engine: 'mysql', storageType: 'gp3', allocatedGiB: 100 });
  // At 400 GiB the baseline is 12,000 IOPS and 500 MiBps: provisioned exactly that, nothing is billed.
  await createDatabase(proxy.url, REGION, { id: 'metrics-gp3', engine: 'postgres', storageType: 'gp3', allocatedGiB: 400, iops: 12_000, storageThroughputMiBps: 500 });
  await createDatabase(proxy.url, REGION, { id: 'events-gp3', engine: 'postgres', instanceClass: 'db.m5.large', multiAz: true, storageType: 'gp3', allocatedGiB: 500, iops: 15_000, storageThroughputMiBps: 600 });
  await createDatabase(proxy.url, REGION, { id: 'audit-io2', engine: 'postgres', storageType: 'io2', allocatedGiB: 100, iops: 1000 });
  await createMultiAzDbCluster(proxy.url, REGION, { id: 'ledger-maz', engine: 'postgres', instanceClass: 'db.m6gd.large', storageType: 'io1', allocatedGiB: 200, iops: 2000 });
  // What Cost Explorer billed on the 20th (in the last week and the month): ledger-io1's IOPS 300.00 × 24 / 730 = 9.86,
  // events-gp3's 120.00 + 16.00 → 4.47, audit-io2's 100.00 → 3.29 (17.62 in all); the cluster's IOPS 0.50, not estimated.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-20', [
        [REGION, 'RDS:PIOPS', '9.8600000000', '9.8600000000'],
        [REGION, 'RDS:Multi-AZ-GP3-PIOPS', '3.9500000000', '3.9500000000'],
        [REGION, 'RDS:Multi-AZ-GP3-Throughput', '0.5300000000', '0.5300000000'],
        [REGION, 'RDS:IO2-PIOPS', '3.2800000000', '3.2800000000'],
        [REGION, 'RDS:PIOPS-Storage-IO2', '0.4100000000', '0.4100000000'],
        [REGION, 'RDS:Multi-AZCluster-PIOPS', '0.5000000000', '0.5000000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act
  ({ workbook } = await runCostReport(s3, BUCKET, { regions: [REGION], reportDate: '2026-11-23' }));
}, 180_000);

afterAll(() => closeCostReportWorld({ s3, pricing, proxy }));

const rdsRow = (identifier: string) => rowWhere(workbook, 'RDS', 'Identifier', identifier);

test('io1: every provisioned IOPS is billed at the IOPS-month rate, beside its storage, by hand', () => {
  // db.m5.large PostgreSQL 0.178 × 730 = 129.94; 100 GB io1 × 0.125 = 12.50; 3,000 IOPS × 0.10 = 300.00.
  expect(rdsRow('ledger-io1')).toMatchObject({
    StorageType: 'io1',
    'AllocatedStorage(GB)': 100,
    'InstanceMonthly(USD)': 129.94,
    'StorageMonthly(USD)': 12.5,
    ProvisionedIOPS: 3000,
    BilledIOPS: 3000,
    'IOPSMonthly(USD)': 300,
    'TotalMonthly(USD)': 442.44,
    PriceStatus: 'priced',
  });
  // io1 has no throughput to buy.
  expect(rdsRow('ledger-io1')!['ThroughputMonthly(USD)']).toBeUndefined();
});

test('the schedule saves the instance hours only: storage and Provisioned IOPS are billed while stopped, by hand', () => {
  // 0.178 × 260.71 = 46.41 scheduled; saves 129.94 − 46.41 = 83.53, whatever the 312.50 of storage and IOPS.
  const row = rdsRow('ledger-io1')!;
  expect(row).toMatchObject({ 'ScheduledMonthly(USD)': 46.41, 'ScheduleSavings(USD)': 83.53 });
  expect(row.ScheduledHours as number).toBeCloseTo(260.71, 2);
  expect(row.Note).toBe('storage and Provisioned IOPS/throughput are billed while stopped: the schedule saves instance hours only');
});

test('gp3 at or below its baseline bills no IOPS and no throughput: 3,000 / 125 below 400 GB, 12,000 / 500 from 400 GB', () => {
  // 100 GB gp3 MySQL reporting no Iops (moto; AWS reports the 3,000 baseline): 0. 400 GB at 12,000 IOPS and 500 MiBps: 0 (a 3,000 / 125 rule would bill 9,000 IOPS and 375 MiBps).
  expect(rdsRow('orders-gp3')).toMatchObject({ StorageType: 'gp3', BilledIOPS: 0, 'IOPSMonthly(USD)': 0, 'BilledThroughput(MiBps)': 0, 'ThroughputMonthly(USD)': 0, PriceStatus: 'priced' });
  expect(rdsRow('metrics-gp3')).toMatchObject({
    ProvisionedIOPS: 12_000,
    'Throughput(MiBps)': 500,
    BilledIOPS: 0,
    'IOPSMonthly(USD)': 0,
    'BilledThroughput(MiBps)': 0,
    'ThroughputMonthly(USD)': 0,
    // db.t3.micro PostgreSQL 0.018 × 730 = 13.14; 400 GB × 0.115 = 46.00.
    'TotalMonthly(USD)': 59.14,
  });
});

test('gp3 above the baseline: only the IOPS and throughput above 12,000 / 500 are billed, at the Multi-AZ rates, by hand', () => {
  // Multi-AZ db.m5.large 0.356 × 730 = 259.88; 500 GB × 0.23 = 115.00; (15,000 − 12,000) × 0.04 = 120.00; (600 − 500) × 0.16 = 16.00.
  expect(rdsRow('events-gp3')).toMatchObject({
    Deployment: 'Multi-AZ',
    ProvisionedIOPS: 15_000,
    BilledIOPS: 3000,
    'IOPSMonthly(USD)': 120,
    'Throughput(MiBps)': 600,
    'BilledThroughput(MiBps)': 100,
    'ThroughputMonthly(USD)': 16,
    'TotalMonthly(USD)': 510.88,
    Note: 'gp3 at 500 GB includes 12,000 IOPS and 500 MiBps: only what is provisioned above them is billed',
  });
});

test('io2: its storage at the io2 GB-month rate and every IOPS at the io2 rate, by hand', () => {
  // db.t3.micro PostgreSQL 13.14; 100 GB × 0.125 = 12.50; 1,000 IOPS × 0.10 = 100.00.
  expect(rdsRow('audit-io2')).toMatchObject({ StorageType: 'io2', 'StorageMonthly(USD)': 12.5, BilledIOPS: 1000, 'IOPSMonthly(USD)': 100, 'TotalMonthly(USD)': 125.64, PriceStatus: 'priced' });
});

test('a Multi-AZ DB cluster\'s Iops stay out of its total, with the reason on its row', () => {
  // 0.602 × 730 = 439.46 + 200 GB × 0.375 = 75.00; its 2,000 IOPS per instance are not estimated.
  const row = rdsRow('ledger-maz')!;
  expect(row).toMatchObject({ Kind: 'Multi-AZ DB cluster', ProvisionedIOPS: 2000, 'TotalMonthly(USD)': 514.46, PriceStatus: 'priced' });
  expect(row['IOPSMonthly(USD)']).toBeUndefined();
  expect(String(row.Note)).toContain('its Provisioned IOPS (and gp3 throughput above the baseline) are not estimated: no capture confirms their Price List usage type (RDS:Multi-AZCluster-PIOPS?) or rate');
});

test('Summary: RDS and Aurora counts the IOPS and throughput, by hand', () => {
  // ledger-io1 442.44 + orders-gp3 (db.t3.micro MySQL 0.017 × 730 = 12.41 + 100 GB × 0.115 = 11.50) + metrics-gp3 59.14
  // + events-gp3 510.88 + audit-io2 125.64 + ledger-maz 514.46 = 1,676.47.
  expect(rowWhere(workbook, 'Summary', 'Item', 'RDS and Aurora')?.['Monthly(USD)']).toBe(1676.47);
});

test('Billed: the IOPS and throughput it estimates sit beside their estimate; the cluster\'s stay in the not-estimated note, by hand', () => {
  const billedRow = (column: string, value: string) => rowWhere(workbook, 'Billed', column, value);
  // Estimate 300.00 + 120.00 + 16.00 + 100.00 = 536.00 a month: × 168 / 730 = 123.35; × 528 / 730 = 387.68. Billed 17.62.
  const iops = billedRow('Category', 'RDS IOPS and throughput');
  expect(iops).toMatchObject({ Region: REGION, UsageTypes: 'RDS:IO2-PIOPS, RDS:Multi-AZ-GP3-PIOPS, RDS:Multi-AZ-GP3-Throughput, RDS:PIOPS' });
  expect(billedFigures(iops)).toEqual([17.62, 17.62, 123.35, -105.73, 17.62, 17.62, 387.68, -370.06]);
  // io2 storage is in RDS storage now, with the rest of the allocated storage.
  expect(String(billedRow('Category', 'RDS storage')?.UsageTypes)).toBe('RDS:PIOPS-Storage-IO2');
  expect(billedRow('Region', 'Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $0.50, MonthToDate $0.50; not in the rows above.')).toBeDefined();
});
