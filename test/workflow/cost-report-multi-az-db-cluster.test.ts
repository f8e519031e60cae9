/**
 * The cost report with a Multi-AZ DB cluster (RDS for PostgreSQL: a writer and two readable
 * standbys, db.m6gd.large, 200 GB io1 with 2,000 provisioned IOPS) carrying the opt-in tag, created
 * in moto with its three instances (the harness adds them: seedMultiAzDbCluster), priced by the local
 * Pricing endpoint from real-format AmazonRDS items, rendered and published by the real cost-report
 * state machine, then read back. AWS bills such a cluster as a whole: `Multi-AZClusterUsage:<class>`
 * per hour of the cluster (all three instances) and `RDS:Multi-AZCluster-PIOPS-Storage` per allocated
 * GB-month (three copies), its Provisioned IOPS (`RDS:Multi-AZCluster-PIOPS`) on top, which the
 * estimate leaves out; RDS cannot stop it, so the schedule saves nothing. Every figure is worked out
 * by hand below from the fixture's us-east-1 list prices: 0.602 per cluster-hour, 0.375 per GB-month.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import type { PublishResult } from '../../functions/shared/cost-types';
import type { RunResult } from '../../scripts/lib/local-workflow';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';
import type { PricingServer } from '../../scripts/local/pricing-server';
import type { AwsProxy } from '../support/aws-proxy';
import { closeCostReportWorld, runCostReport, startCostReportWorld } from '../support/cost-report-world';
import { createMultiAzDbCluster } from '../support/fleet';
import { billedFigures, rowWhere } from '../support/sheet-rows';

const REGION = 'us-east-1';
const BUCKET = `ops-cost-maz-cluster-${process.pid}-${Date.now() % 100000}`;
const INSTANCES = ['ledger-instance-1', 'ledger-instance-2', 'ledger-instance-3'];

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
  await createMultiAzDbCluster(proxy.url, REGION, { id: 'ledger', engine: 'postgres', instanceClass: 'db.m6gd.large', storageType: 'io1', allocatedGiB: 200, iops: 2000, tags: { AutoStopStart: 'Yes' } });
  // What Cost Explorer billed a day: the cluster's hours 0.602 × 24 = 14.45, its storage 200 × 0.375 × 24 / 730 = 2.47,
  // and on the 20th its Provisioned IOPS, which the estimate does not price. The 5th is in the month only, the 20th in the last week too.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-05', [
        [REGION, 'Multi-AZClusterUsage:db.m6gd.large', '14.4500000000', '14.4500000000'],
        [REGION, 'RDS:Multi-AZCluster-PIOPS-Storage', '2.4700000000', '2.4700000000'],
      ]),
      costAndUsageDay('2026-11-20', [
        [REGION, 'Multi-AZClusterUsage:db.m6gd.large', '14.4500000000', '14.4500000000'],
        [REGION, 'RDS:Multi-AZCluster-PIOPS-Storage', '2.4700000000', '2.4700000000'],
        [REGION, 'RDS:Multi-AZCluster-PIOPS', '0.5000000000', '0.5000000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act
  ({ run, workbook } = await runCostReport(s3, BUCKET, { regions: [REGION], reportDate: '2026-11-23' }));
}, 180_000);

afterAll(() => closeCostReportWorld({ s3, pricing, proxy }));

const rdsRow = (identifier: string) => rowWhere(workbook, 'RDS', 'Identifier', identifier);
const summaryLine = (item: string) => rowWhere(workbook, 'Summary', 'Item', item);

test('RDS sheet: the cluster is priced once, per hour of the whole cluster and per allocated GB at the three-copy rate, by hand', () => {
  // 0.602 × 730 = 439.46 a month for the writer and both standbys together; 200 GB io1 × 0.375 = 75.00.
  expect(rdsRow('ledger')).toMatchObject({
    Kind: 'Multi-AZ DB cluster',
    AccountId: proxy.accountId,
    Engine: 'postgres',
    InstanceClass: 'db.m6gd.large',
    Deployment: 'Multi-AZ DB cluster',
    Status: 'available',
    StorageType: 'io1',
    'AllocatedStorage(GB)': 200,
    HourlyUSD: 0.602,
    'InstanceMonthly(USD)': 439.46,
    'StorageMonthly(USD)': 75,
    'TotalMonthly(USD)': 514.46,
    ProvisionedIOPS: 2000,
    Note:
      'Multi-AZ DB cluster: one hourly rate for the writer and both readable standbys, one GB-month rate for the three copies of its allocated storage; ' +
      'its Provisioned IOPS (and gp3 throughput above the baseline) are not estimated: no capture confirms their Price List usage type (RDS:Multi-AZCluster-PIOPS?) or rate, so the total leaves them out',
  });
  expect(rdsRow('ledger')!['IOPSMonthly(USD)']).toBeUndefined();
});

test('RDS sheet: the writer and the two readable standbys are listed with their cluster and add nothing to it', () => {
  for (const name of INSTANCES) {
    const row = rdsRow(name)!;
    expect(row).toMatchObject({ Kind: 'Multi-AZ DB cluster instance', Cluster: 'ledger', Deployment: 'Multi-AZ DB cluster', 'TotalMonthly(USD)': 0 });
    expect(row.HourlyUSD).toBeUndefined();
    expect(row['StorageMonthly(USD)']).toBeUndefined();
  }
});

test('the tagged cluster saves nothing: RDS cannot stop or start a Multi-AZ DB cluster, and the row says so', () => {
  const cluster = rdsRow('ledger')!;
  expect(cluster.Schedule).toBe('Yes');
  expect(cluster.PriceStatus).toBe('priced; the schedule leaves it alone (Multi-AZ DB cluster (postgres): RDS cannot stop or start it): no savings');
  expect(cluster['ScheduleSavings(USD)']).toBeUndefined();
  expect(summaryLine('Schedule savings — RDS DB instances')?.['Monthly(USD)']).toBe(0);
  expect(summaryLine('Schedule savings (total)')?.['Monthly(USD)']).toBe(0);
  expect((run.output as PublishResult).totals).toMatchObject({ scheduleSavingsMonthly: 0, scheduleSavingsByKind: { ec2: 0, rds: 0, aurora: 0 } });
});

test('Summary: the cluster counted once in RDS and Aurora and in the total monthly, by hand', () => {
  // 439.46 + 75.00; its three instances add nothing.
  expect(summaryLine('RDS and Aurora')?.['Monthly(USD)']).toBe(514.46);
  expect(summaryLine('Total monthly')?.['Monthly(USD)']).toBe(514.46);
});

test('Billed: the cluster\'s hours and storage beside their estimate for the same days; its Provisioned IOPS in the not-estimated note, by hand', () => {
  const billedRow = (column: string, value: string) => rowWhere(workbook, 'Billed', column, value);
  // Hours: 439.46 × 7 × 24 / 730 = 101.14; × 22 × 24 / 730 = 317.86. Billed 14.45 a week, 28.90 in the month.
  const instances = billedRow('Category', 'RDS instances');
  expect(instances).toMatchObject({ Region: REGION, UsageTypes: 'Multi-AZClusterUsage:db.m6gd.large' });
  expect(billedFigures(instances)).toEqual([14.45, 14.45, 101.14, -86.69, 28.9, 28.9, 317.86, -288.96]);
  // Storage: 75.00 × 168 / 730 = 17.26; × 528 / 730 = 54.25. Billed 2.47 a week, 4.94 in the month.
  const storage = billedRow('Category', 'RDS storage');
  expect(storage).toMatchObject({ Region: REGION, UsageTypes: 'RDS:Multi-AZCluster-PIOPS-Storage' });
  expect(billedFigures(storage)).toEqual([2.47, 2.47, 17.26, -14.79, 4.94, 4.94, 54.25, -49.31]);
  expect(billedRow('Region', 'Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $0.50, MonthToDate $0.50; not in the rows above.')).toBeDefined();
});
