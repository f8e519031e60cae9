/**
 * The "done when": a fleet with gp3 above its baseline, io1, io2 across all tiers, an idle
 * Elastic IP, a BYOL Windows, a Linux with SQL Server and a Spot instance, collected from moto,
 * priced by the local Pricing endpoint (real-format Price List items), rendered and published by
 * the real cost-report state machine, then read back: every cell equals the figure worked out by
 * hand below, with its arithmetic (us-east-1 list prices of the local fixtures).
 *
 * What moto cannot describe is added through the test proxy in the real wire format
 * (test/support/ec2-wire.ts): each instance's PlatformDetails/UsageOperation (real AWS always
 * reports them), the Spot instance's InstanceLifecycle, and DescribeSpotPriceHistory (moto's is
 * synthetic). Cost Explorer answers are queued in moto through its cost-and-usage-results endpoint.
 */
import ExcelJS from 'exceljs';
import { AllocateAddressCommand, AttachVolumeCommand, CreateSnapshotCommand, CreateVolumeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PricingServer } from '../../scripts/local/pricing-server';
import { runWorkflow, type RunResult } from '../../scripts/lib/local-workflow';
import type { PublishResult } from '../../functions/shared/cost-types';
import type { AwsProxy } from '../support/aws-proxy';
import { startCostReportWorld } from '../support/cost-report-world';
import {
  addToInstance,
  ec2RegionOf,
  licensingElements,
  spotInstanceElements,
  spotPriceHistoryResponse,
} from '../support/ec2-wire';
import { ec2At, launchInstance } from '../support/fleet';
import { objectBytes } from '../support/s3-objects';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';

const REGION = 'us-east-1';
const AZ = `${REGION}a`;
const REPORT_DATE = '2026-11-23';
const BUCKET = `ops-by-hand-${process.pid}-${Date.now() % 100000}`;
const DAY_MS = 86_400_000;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let run: RunResult;
let workbook: ExcelJS.Workbook;
const ids: Record<string, string> = {};

async function dataVolume(ec2: EC2Client, instanceId: string, device: string, spec: { type: 'gp3' | 'io1' | 'io2'; size: number; iops: number; throughput?: number }): Promise<string> {
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: AZ, Size: spec.size, VolumeType: spec.type, Iops: spec.iops, Throughput: spec.throughput }));
  await ec2.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId!, InstanceId: instanceId, Device: device }));
  return volume.VolumeId!;
}

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [REGION], bucket: BUCKET, prefix: 'ec2/', pricingRegion: REGION }));
  delete process.env.POWER_SCHEDULES;
  delete process.env.ENABLE_COST_EXPLORER;

  // Prepare: the fleet. moto gives every instance an 8 GiB gp2 root volume and a public IPv4.
  const ec2 = ec2At(proxy.url, REGION);
  ids.app = await launchInstance(ec2, { instanceType: 'm5.large', tags: { Name: 'gp3-app' } });
  ids.db = await launchInstance(ec2, { instanceType: 'm5.large', tags: { Name: 'io-db' } });
  ids.byol = await launchInstance(ec2, { instanceType: 't3.medium', tags: { Name: 'byol-win' } });
  ids.sql = await launchInstance(ec2, { instanceType: 't3.medium', tags: { Name: 'sql-linux' } });
  ids.spot = await launchInstance(ec2, { instanceType: 't3.medium', tags: { Name: 'spot-batch' } });
  ids.gp3 = await dataVolume(ec2, ids.app, '/dev/sdf', { type: 'gp3', size: 200, iops: 4000, throughput: 250 });
  ids.io1 = await dataVolume(ec2, ids.db, '/dev/sdf', { type: 'io1', size: 100, iops: 5000 });
  ids.io2 = await dataVolume(ec2, ids.db, '/dev/sdg', { type: 'io2', size: 100, iops: 80_000 });
  ids.snapshot = (await ec2.send(new CreateSnapshotCommand({ VolumeId: ids.gp3, Description: 'nightly' }))).SnapshotId!;
  ids.idleIp = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!;

  // What real EC2 reports and moto does not: licensing for each, and the Spot lifecycle.
  const licensing: Record<string, string> = {
    [ids.app]: licensingElements('Linux/UNIX', 'RunInstances'),
    [ids.db]: licensingElements('Linux/UNIX', 'RunInstances'),
    [ids.byol]: licensingElements('Windows BYOL', 'RunInstances:0800', true),
    [ids.sql]: licensingElements('Linux with SQL Server Standard', 'RunInstances:0004'),
    [ids.spot]: licensingElements('Linux/UNIX', 'RunInstances') + spotInstanceElements('sir-0a1b2c3d4e5f60718'),
  };
  proxy.setRewrite((request, body) =>
    request.action === 'DescribeInstances' ? Object.entries(licensing).reduce((xml, [id, elements]) => addToInstance(xml, id, elements), body) : undefined,
  );
  // Spot t3.medium Linux/UNIX in us-east-1a: 0.0150 from before the 7-day window until 3.5 days into it, then 0.0170.
  proxy.setFault((request) => {
    if (request.action !== 'DescribeSpotPriceHistory' || ec2RegionOf(request) !== REGION) return undefined;
    const windowStart = Date.parse(request.form.get('StartTime') ?? '');
    const point = (at: number, spotPrice: string) => ({ availabilityZone: AZ, instanceType: 't3.medium', productDescription: 'Linux/UNIX', spotPrice, timestamp: new Date(at) });
    return spotPriceHistoryResponse([point(windowStart - 2 * DAY_MS, '0.015000'), point(windowStart + 3.5 * DAY_MS, '0.017000')]);
  });
  // What Cost Explorer billed: 2026-11-05 is in the month only, 2026-11-20 in the last week and the month.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-05', [
        [REGION, 'BoxUsage:m5.large', '4.6080000000', '4.6080000000'],
        [REGION, 'BoxUsage:t3.medium', '0.9984000000', '0.9984000000'],
        [REGION, 'EBS:VolumeUsage.io2', '0.4166666667', '0.4166666667'],
      ]),
      costAndUsageDay('2026-11-20', [
        [REGION, 'BoxUsage:m5.large', '4.6080000000', '3.1000000000'],
        [REGION, 'SpotUsage:t3.medium', '0.3840000000', '0.3840000000'],
        [REGION, 'EBS:VolumeP-IOPS.io2.tier3', '16.8421052632', '16.8421052632'],
        [REGION, 'PublicIPv4:InUseAddress', '0.6000000000', '0.6000000000'],
        [REGION, 'DataTransfer-Out-Bytes', '0.0900000000', '0.0900000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act: the real state machine, the real handlers
  run = await runWorkflow('cost-report', { regions: [REGION], reportDate: REPORT_DATE }, { instantWaits: true });
  const output = run.output as PublishResult | undefined;
  if (!output) throw new Error(`cost-report ${run.status}: ${run.error} ${run.cause}`);
  workbook = new ExcelJS.Workbook();
  const bytes = await objectBytes(s3, BUCKET, output.uri.replace(`s3://${BUCKET}/`, ''));
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}, 180_000);

afterAll(async () => {
  s3?.destroy();
  await pricing?.close();
  await proxy?.close();
});

/** The cells of the row whose `column` reads `value`, picked by header. */
function cells(sheetName: string, column: string, value: string, headers: readonly string[]): unknown[] {
  const sheet = workbook.getWorksheet(sheetName) as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    if (row.getCell(header.indexOf(column) + 1).value === value) {
      return headers.map((h) => {
        const index = header.indexOf(h);
        if (index < 0) throw new Error(`${sheetName} has no column ${h}`);
        return row.getCell(index + 1).value ?? null;
      });
    }
  }
  throw new Error(`no row with ${column} = ${value} in ${sheetName}`);
}

function summary(item: string): [unknown, unknown] {
  const sheet = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    if (row.getCell(1).value === item) return [row.getCell(2).value ?? null, row.getCell(3).value ?? null];
  }
  throw new Error(`no Summary line ${item}`);
}

const INSTANCE_COLUMNS = [
  'Name', 'InstanceType', 'State', 'AZ', 'Platform', 'vCPU', 'Memory', 'VolumeSize(GB)', 'AttachedVolumes',
  'EC2Monthly(USD)', 'EBSMonthly(USD)', 'TotalMonthly(USD)', 'HourlyUSD', 'PurchaseOption', 'PriceStatus',
] as const;

test('the run succeeds and publishes the workbook', () => {
  expect(run.status).toBe('SUCCEEDED');
});

test('EC2_Detail_Costs: each instance at its licensing or Spot price, with its volumes, by hand', () => {
  // gp3-app, m5.large Linux: 0.096 × 730 = 70.08. EBS: root 8 GiB gp2 × 0.10 = 0.80; gp3 200 GiB × 0.08 = 16.00,
  // + (4,000 − 3,000 free) IOPS × 0.005 = 5.00, + (250 − 125 free) MiB/s × (40.96 per GiBps-mo ÷ 1,024 = 0.04) = 5.00 → 26.00; 26.80 in all.
  expect(cells('EC2_Detail_Costs', 'InstanceId', ids.app!, INSTANCE_COLUMNS)).toEqual([
    'gp3-app', 'm5.large', 'running', AZ, 'Linux', 2, '8 GiB', 208, 2, 70.08, 26.8, 96.88, 0.096, 'On-Demand', 'priced',
  ]);
  // io-db, m5.large Linux: 70.08. EBS: root 0.80; io1 100 GiB × 0.125 = 12.50 + 5,000 IOPS × 0.065 = 325.00 → 337.50;
  // io2 100 GiB × 0.125 = 12.50 + 32,000 × 0.065 (2,080.00) + 32,000 × 0.0455 (1,456.00) + 16,000 × 0.032 (512.00) → 4,060.50.
  // 0.80 + 337.50 + 4,060.50 = 4,398.80; with compute 4,468.88.
  expect(cells('EC2_Detail_Costs', 'InstanceId', ids.db!, INSTANCE_COLUMNS)).toEqual([
    'io-db', 'm5.large', 'running', AZ, 'Linux', 2, '8 GiB', 208, 3, 70.08, 4398.8, 4468.88, 0.096, 'On-Demand', 'priced',
  ]);
  // byol-win, t3.medium Windows BYOL (licenseModel "Bring your own license"): the Linux price, 0.0416 × 730 = 30.368 → 30.37; + 0.80.
  expect(cells('EC2_Detail_Costs', 'InstanceId', ids.byol!, INSTANCE_COLUMNS)).toEqual([
    'byol-win', 't3.medium', 'running', AZ, 'Windows-BYOL', 2, '4 GiB', 8, 1, 30.37, 0.8, 31.17, 0.0416, 'On-Demand', 'priced',
  ]);
  // sql-linux, t3.medium Linux with SQL Server Standard: 0.0416 + 2 vCPU × 0.24 = 0.5216; × 730 = 380.768 → 380.77; + 0.80.
  expect(cells('EC2_Detail_Costs', 'InstanceId', ids.sql!, INSTANCE_COLUMNS)).toEqual([
    'sql-linux', 't3.medium', 'running', AZ, 'Linux+SQLStd', 2, '4 GiB', 8, 1, 380.77, 0.8, 381.57, 0.5216, 'On-Demand', 'priced',
  ]);
  // spot-batch, t3.medium Spot: (0.015 × 84 h + 0.017 × 84 h) / 168 h = 0.016; × 730 = 11.68 (on-demand would be 30.37); + 0.80.
  expect(cells('EC2_Detail_Costs', 'InstanceId', ids.spot!, INSTANCE_COLUMNS)).toEqual([
    'spot-batch', 't3.medium', 'running', AZ, 'Linux', 2, '4 GiB', 8, 1, 11.68, 0.8, 12.48, 0.016, 'Spot', 'priced',
  ]);
  // TOTAL: 70.08 + 70.08 + 30.37 + 380.77 + 11.68 = 562.98; EBS 26.80 + 4,398.80 + 0.80 × 3 = 4,428.00; 4,990.98.
  expect(cells('EC2_Detail_Costs', 'Name', 'TOTAL', ['EC2Monthly(USD)', 'EBSMonthly(USD)', 'TotalMonthly(USD)', 'PriceStatus'])).toEqual([562.98, 4428, 4990.98, 'all priced']);
});

test('EBS_Volumes: storage, IOPS per io2 tier and throughput above the gp3 baseline, by hand', () => {
  const columns = ['VolumeType', 'SizeGB', 'IOPS', 'ThroughputMiBps', 'StorageMonthly', 'IopsMonthly', 'ThroughputMonthly', 'TotalMonthly', 'AttachedTo', 'Note'];
  expect(cells('EBS_Volumes', 'VolumeId', ids.gp3!, columns)).toEqual(['gp3', 200, 4000, 250, 16, 5, 5, 26, ids.app, null]);
  expect(cells('EBS_Volumes', 'VolumeId', ids.io1!, columns.slice(0, 9))).toEqual(['io1', 100, 5000, null, 12.5, 325, 0, 337.5, ids.db]);
  expect(cells('EBS_Volumes', 'VolumeId', ids.io2!, columns)).toEqual([
    'io2', 100, 80000, null, 12.5, 4048, 0, 4060.5, ids.db, 'io2 IOPS by tier: 32,000 at tier 1 + 32,000 at tier 2 + 16,000 at tier 3',
  ]);
  // Five 8 GiB gp2 roots (0.80 each) + 26.00 + 337.50 + 4,060.50
  expect(cells('EBS_Volumes', 'VolumeId', 'TOTAL', ['SizeGB', 'TotalMonthly', 'PriceStatus'])).toEqual([440, 4428, 'all priced']);
});

test('Public_IPv4 and Waste: five in-use addresses and the idle Elastic IP, 0.005 × 730 = 3.65 each', () => {
  // 6 × 3.65 = 21.90
  expect(cells('Public_IPv4', 'PublicIp', 'TOTAL', ['Region', 'Monthly(USD)', 'PriceStatus'])).toEqual(['6 addresses', 21.9, 'all priced']);
  expect(cells('Public_IPv4', 'AllocationId', ids.idleIp!, ['Kind', 'Usage', 'HourlyUSD', 'Monthly(USD)'])).toEqual(['Elastic IP', 'Idle', 0.005, 3.65]);
  expect(cells('Waste', 'Id', ids.idleIp!, ['Kind', 'Monthly(USD)'])).toEqual(['Idle Elastic IP', 3.65]);
  expect(cells('Waste', 'Kind', 'TOTAL', ['Id', 'Monthly(USD)'])).toEqual(['1 items', 3.65]);
});

test('Snapshots: the gp3 volume\'s standard snapshot at its 200 GiB × 0.05 = 10.00, an upper bound', () => {
  expect(cells('Snapshots', 'SnapshotId', ids.snapshot!, ['VolumeSizeGB', 'StorageTier', 'ChargedGB', 'Monthly(USD)', 'Basis'])).toEqual([200, 'standard', 200, 10, 'upper bound']);
});

test('Summary: the totals by kind add up to the total, by hand', () => {
  expect(summary('EC2 compute')[1]).toBe(562.98);
  expect(summary('EBS volumes')[1]).toBe(4428);
  expect(summary('Public IPv4 addresses')[1]).toBe(21.9);
  expect(summary('Snapshots (upper bound)')[1]).toBe(10);
  // 562.98 + 4,428.00 + 21.90 + 10.00
  expect(summary('Total monthly')[1]).toBe(5022.88);
  expect(summary('Waste')[1]).toBe(3.65);
  expect(summary('Unpriced items')[0]).toBe(0);
  expect((run.output as PublishResult).totals).toMatchObject({ ec2Monthly: 562.98, ebsMonthly: 4428, ipv4Monthly: 21.9, snapshotMonthly: 10, totalMonthly: 5022.88, unpricedItems: 0 });
});

test('Billed: what Cost Explorer billed beside the estimate for the same days, and the variance, by hand', () => {
  const columns = [
    'LastWeekUnblended(USD)', 'LastWeekAmortized(USD)', 'LastWeekEstimate(USD)', 'LastWeekVariance(USD)',
    'MonthToDateUnblended(USD)', 'MonthToDateAmortized(USD)', 'MonthToDateEstimate(USD)', 'MonthToDateVariance(USD)',
  ];
  // EC2 compute. Week (20th): m5.large 4.61 (amortized 3.10) + Spot 0.38 = 4.99 / 3.48. Month: + the 5th's 4.61 and 1.00 = 10.60 / 9.09.
  // Estimate 562.98 a month: × 7 × 24 / 730 = 129.56; × 22 × 24 / 730 = 407.20. Variance = amortized − estimate.
  expect(cells('Billed', 'Category', 'EC2 compute', columns)).toEqual([4.99, 3.48, 129.56, -126.08, 10.6, 9.09, 407.2, -398.11]);
  // EBS: week 16.84 (io2 tier 3); month + 0.42 (io2 storage on the 5th). Estimate 4,428.00: × 168 / 730 = 1,019.05; × 528 / 730 = 3,202.72.
  expect(cells('Billed', 'Category', 'EBS volumes', columns)).toEqual([16.84, 16.84, 1019.05, -1002.21, 17.26, 17.26, 3202.72, -3185.46]);
  // Public IPv4: 0.60 both periods. Estimate 21.90: × 168 / 730 = 5.04; × 528 / 730 = 15.84.
  expect(cells('Billed', 'Category', 'Public IPv4', columns)).toEqual([0.6, 0.6, 5.04, -4.44, 0.6, 0.6, 15.84, -15.24]);
  // Snapshots: nothing billed. Estimate 10.00: 2.30 and 7.23.
  expect(cells('Billed', 'Category', 'Snapshots', columns)).toEqual([0, 0, 2.3, -2.3, 0, 0, 7.23, -7.23]);
  // Each column's sum: 129.56 + 1,019.05 + 5.04 + 2.30 = 1,155.95; 407.20 + 3,202.72 + 15.84 + 7.23 = 3,632.99; ...
  expect(cells('Billed', 'Region', 'TOTAL', columns)).toEqual([22.43, 20.92, 1155.95, -1135.03, 28.46, 26.95, 3632.99, -3606.04]);
  // Summary: amortized (unblended); the estimate and the variance; data transfer (0.09) is not estimated and stays out of the rows.
  expect(summary('Billed last week')[0]).toBe('$20.92 ($22.43)');
  expect(summary('Billed month to date')[0]).toBe('$26.95 ($28.46)');
});
