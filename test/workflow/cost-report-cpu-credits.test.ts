/**
 * The cost report estimates T-instance CPU credits: a running burstable instance's surplus credits
 * charged in the last 7 days (CloudWatch `CPUSurplusCreditsCharged`, published in moto with
 * PutMetricData as EC2 publishes it) scaled to the 730-hour month and priced at the Price List's
 * `CPUCredits:<family>` vCPU-hour rate, run through the real cost-report state machine and read
 * back. us-east-1: `burst` (tagged t3.micro, 60 credits a day), `quiet` (t3.small, 0 a day: a real
 * 0), `big` (m5.large, not burstable, with credits published anyway) and `parked` (a stopped
 * t3.micro with credits published): only the first two have credits. Seoul: `fresh` (t3.micro,
 * no datapoints) and `win` (Windows t3.micro, 60 a day: the fixtures have no Windows rate, so it
 * must stay unpriced rather than take the Linux one). Every figure is worked out by hand from the
 * fixture's list prices. Credit modes (DescribeInstanceCreditSpecifications): `std` (t3.micro launched
 * with CreditSpecification standard) and `legacy` (t2.micro, standard by default) have 60 credits a
 * day published anyway, so reading CloudWatch for them would show: standard mode is a real 0.
 * The t3s not launched so are unlimited, the T3 default.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { S3Client } from '@aws-sdk/client-s3';
import type ExcelJS from 'exceljs';
import type { PublishResult } from '../../functions/shared/cost-types';
import type { RunResult } from '../../scripts/lib/local-workflow';
import { seedCpuCreditsCharged } from '../../scripts/local/cloudwatch-seed';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';
import type { PricingServer } from '../../scripts/local/pricing-server';
import { ec2Error, type AwsProxy } from '../support/aws-proxy';
import { closeCostReportWorld, runCostReport, startCostReportWorld } from '../support/cost-report-world';
import { ec2At, launchInstance, OPT_IN } from '../support/fleet';
import { billedFigures, rowsOf, rowWhere } from '../support/sheet-rows';

const VIRGINIA = 'us-east-1';
const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-cost-credits-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let run: RunResult;
let workbook: ExcelJS.Workbook;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [VIRGINIA, SEOUL], bucket: BUCKET, prefix: 'ec2/', pricingRegion: VIRGINIA }));
  delete process.env.POWER_SCHEDULES;
  delete process.env.ENABLE_COST_EXPLORER;
  // Prepare
  const virginia = ec2At(proxy.url, VIRGINIA);
  const seoul = ec2At(proxy.url, SEOUL);
  ids.burst = await launchInstance(virginia, { instanceType: 't3.micro', tags: { Name: 'burst', ...OPT_IN } });
  ids.quiet = await launchInstance(virginia, { instanceType: 't3.small', tags: { Name: 'quiet' } });
  ids.big = await launchInstance(virginia, { instanceType: 'm5.large', tags: { Name: 'big' } });
  ids.parked = await launchInstance(virginia, { instanceType: 't3.micro', tags: { Name: 'parked' }, stopped: true });
  ids.std = await launchInstance(virginia, { instanceType: 't3.micro', tags: { Name: 'std' }, cpuCredits: 'standard' });
  ids.legacy = await launchInstance(virginia, { instanceType: 't2.micro', tags: { Name: 'legacy' } });
  ids.fresh = await launchInstance(seoul, { instanceType: 't3.micro', tags: { Name: 'fresh' } });
  ids.win = await launchInstance(seoul, { instanceType: 't3.micro', tags: { Name: 'win', Platform: 'Windows' } });
  virginia.destroy();
  seoul.destroy();
  const cloudWatchIn = (region: string) => new CloudWatchClient({ region, endpoint: proxy.url, maxAttempts: 1 });
  const cwVirginia = cloudWatchIn(VIRGINIA);
  await seedCpuCreditsCharged(cwVirginia, ids.burst, 60);
  await seedCpuCreditsCharged(cwVirginia, ids.quiet, 0);
  await seedCpuCreditsCharged(cwVirginia, ids.big, 60);
  await seedCpuCreditsCharged(cwVirginia, ids.parked, 60);
  await seedCpuCreditsCharged(cwVirginia, ids.std, 60);
  await seedCpuCreditsCharged(cwVirginia, ids.legacy, 60);
  cwVirginia.destroy();
  const cwSeoul = cloudWatchIn(SEOUL);
  await seedCpuCreditsCharged(cwSeoul, ids.win, 60);
  cwSeoul.destroy();
  // What Cost Explorer billed: t3 surplus credits on the 18th and 20th (in the last week and the month), and
  // one instance-hour day, so EC2 compute and EC2 CPU credits are seen apart. Seoul billed some credits too.
  await queueCostAndUsage(process.env.MOTO_URL!, [
    costAndUsageResponse([
      costAndUsageDay('2026-11-18', [
        [VIRGINIA, 'BoxUsage:t3.micro', '0.2496000000', '0.2496000000'],
        [VIRGINIA, 'CPUCredits:t3', '0.2500000000', '0.2500000000'],
      ]),
      costAndUsageDay('2026-11-20', [
        [VIRGINIA, 'CPUCredits:t3', '0.2500000000', '0.2500000000'],
        [SEOUL, 'APN2-CPUCredits:t3', '0.1000000000', '0.1000000000'],
      ]),
    ]),
  ], proxy.accountId);

  // Act
  ({ run, workbook } = await runCostReport(s3, BUCKET, { regions: [VIRGINIA, SEOUL], reportDate: '2026-11-23' }));
}, 180_000);

afterAll(() => closeCostReportWorld({ s3, pricing, proxy }));

const instanceRow = (name: string) => rowWhere(workbook, 'EC2_Detail_Costs', 'Name', name)!;
const summaryLine = (item: string) => rowWhere(workbook, 'Summary', 'Item', item);
const UNPRICED_FILL = 'FFFFC7CE';

/** The cell of the EC2_Detail_Costs row named `name` under `column`, as the reader sees it (value and fill). */
function cellOf(name: string, column: string, book: ExcelJS.Workbook = workbook): ExcelJS.Cell {
  const sheet = book.getWorksheet('EC2_Detail_Costs')!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const nameAt = header.indexOf('Name');
  const columnAt = header.indexOf(column);
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(nameAt).value === name) found = row.getCell(columnAt);
  });
  return found!;
}
const isHighlighted = (cell: ExcelJS.Cell): boolean => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === UNPRICED_FILL;

test('EC2_Detail_Costs: a running t3 in unlimited mode pays its surplus credits at the Linux vCPU-hour rate, inside its monthly total, by hand', () => {
  // 60 credits a day × 7 = 420 credits (vCPU-minutes) = 7 vCPU-hours a week; × 730 / 168 = 30.42 vCPU-hours a month × 0.05 = 1.52.
  const burst = instanceRow('burst');
  expect(burst).toMatchObject({ InstanceType: 't3.micro', State: 'running', CPUCreditsCharged: 420, 'CPUCreditsMonthly(USD)': 1.52, 'EC2Monthly(USD)': 7.59 });
  // t3.micro 0.0104 × 730 = 7.59, its root volume, and the credits.
  expect(burst['TotalMonthly(USD)']).toBeCloseTo(7.59 + (burst['EBSMonthly(USD)'] as number) + 1.52, 2);
  expect(burst.Partial).toBeUndefined();
});

test('EC2_Detail_Costs: the schedule saves instance hours only, never credits', () => {
  // 7.59 − 0.0104 × 260.71 (2.71) = 4.88, whatever the credits.
  expect(instanceRow('burst')['ScheduleSavings(USD)']).toBe(4.88);
});

test('EC2_Detail_Costs: 0 credits charged is a real 0; a non-burstable or stopped instance has no credits at all', () => {
  expect(instanceRow('quiet')).toMatchObject({ CPUCreditsCharged: 0, 'CPUCreditsMonthly(USD)': 0 });
  for (const name of ['big', 'parked']) {
    expect(instanceRow(name).CPUCreditsCharged).toBeUndefined();
    expect(instanceRow(name)['CPUCreditsMonthly(USD)']).toBeUndefined();
    expect(String(instanceRow(name).Note ?? '')).not.toMatch(/CPU credits/);
  }
  // parked is stopped: 0 compute; its total is its volume alone.
  expect(instanceRow('parked')['TotalMonthly(USD)']).toBe(instanceRow('parked')['EBSMonthly(USD)']);
});

test('EC2_Detail_Costs: a standard-mode t3 (launched so) and a default t2 read 0 credits with the standard-mode note, not highlighted, whatever CloudWatch holds', () => {
  for (const name of ['std', 'legacy']) {
    const row = instanceRow(name);
    expect([name, row.CPUCreditsCharged, row['CPUCreditsMonthly(USD)']]).toEqual([name, 0, 0]);
    expect(row.Note).toMatch(/CPU credits 0: standard mode: no surplus credits are charged/);
    expect(String(row.Note)).not.toMatch(/not estimated/);
    const cell = cellOf(name, 'CPUCreditsMonthly(USD)');
    expect([name, isHighlighted(cell)]).toEqual([name, false]);
  }
  // The unlimited t3 with no datapoints stays highlighted.
  expect(isHighlighted(cellOf('fresh', 'CPUCreditsMonthly(USD)'))).toBe(true);
});

test('EC2_Detail_Costs: no datapoints leave the credits unestimated with the reason, never 0; a Windows t3 is not priced at the Linux rate', () => {
  const fresh = instanceRow('fresh');
  expect(fresh.CPUCreditsCharged).toBeUndefined();
  expect(fresh['CPUCreditsMonthly(USD)']).toBeUndefined();
  expect(fresh.Note).toMatch(/^CPU credits not estimated: no CPUSurplusCreditsCharged datapoints in CloudWatch for the last 7 days/);
  // The total is what is estimated: EC2 + EBS (Seoul t3.micro 0.013 × 730 = 9.49).
  expect(fresh['TotalMonthly(USD)']).toBeCloseTo(9.49 + (fresh['EBSMonthly(USD)'] as number), 2);

  const win = instanceRow('win');
  expect(win).toMatchObject({ Platform: 'Windows', CPUCreditsCharged: 420 });
  expect(win['CPUCreditsMonthly(USD)']).toBeUndefined();
  expect(win.Note).toMatch(/^CPU credits not priced: ec2-cpu-credits\|ap-northeast-2\|t3\|Windows: /);
});

test('EC2_Detail_Costs TOTAL row: the credits column sums the estimated credits', () => {
  const total = rowsOf(workbook.getWorksheet('EC2_Detail_Costs')!).find((r) => r.Name === 'TOTAL' || r.InstanceId === '8 instances');
  expect(total?.['CPUCreditsMonthly(USD)']).toBe(1.52);
  expect(total?.CPUCreditsCharged).toBe(840);
});

test('Summary: an EC2 CPU credits line inside the total monthly, saying how many were not estimated; the JSON summary and By account carry it', () => {
  const line = summaryLine('EC2 CPU credits (T instances)');
  expect(line?.['Monthly(USD)']).toBe(1.52);
  // std and legacy are in standard mode: counted as 0, not as "not estimated".
  expect(line?.Note).toMatch(/6 running t2\/t3\/t3a\/t4g instance\(s\).*not a schedule saving; 2 in standard mode: 0 \(no surplus credits are charged\); 2 not estimated/);
  const totals = (run.output as PublishResult).totals;
  expect(totals.cpuCreditsMonthly).toBe(1.52);
  expect(totals.totalMonthly).toBeCloseTo(totals.ec2Monthly + totals.ebsMonthly + totals.ipv4Monthly + totals.snapshotMonthly + 1.52, 2);
  expect(summaryLine('Total monthly')?.['Monthly(USD)']).toBe(totals.totalMonthly);
  expect(summaryLine('Total monthly')?.Note).toMatch(/^EC2 \+ CPU credits \+ EBS/);
  expect(summaryLine(proxy.accountId)?.['Monthly(USD)']).toBe(totals.totalMonthly);
  // Not a saving: only the tagged instance's hours.
  expect(totals.scheduleSavingsMonthly).toBe(4.88);
});

test('Billed: CPUCredits: billed sits beside its own estimate, apart from EC2 compute, by hand', () => {
  const rows = rowsOf(workbook.getWorksheet('Billed')!);
  const credits = rows.find((r) => r.Region === VIRGINIA && r.Category === 'EC2 CPU credits');
  expect(credits?.UsageTypes).toBe('CPUCredits:t3');
  // 1.52 a month: × 7 × 24 / 730 = 0.35, × 22 × 24 / 730 = 1.10; billed 0.50 in both periods.
  expect(billedFigures(credits)).toEqual([0.5, 0.5, 0.35, 0.15, 0.5, 0.5, 1.1, -0.6]);
  const compute = rows.find((r) => r.Region === VIRGINIA && r.Category === 'EC2 compute');
  expect(compute?.UsageTypes).toBe('BoxUsage:t3.micro');
  // Seoul's credits are billed, but two of its estimates are missing: no estimate, said so.
  const seoulCredits = rows.find((r) => r.Region === SEOUL && r.Category === 'EC2 CPU credits');
  expect(seoulCredits?.['LastWeekUnblended(USD)']).toBe(0.1);
  expect(seoulCredits?.['LastWeekEstimate(USD)']).toBeUndefined();
});

test('a refused DescribeInstanceCreditSpecifications (AccessDenied, as EC2 sends it: UnauthorizedOperation, injected through the test proxy) falls back to CloudWatch for every T instance, the error named in their Note', async () => {
  // Prepare: a member role deployed before this read was granted.
  const denied = `You are not authorized to perform this operation. User: arn:aws:sts::${proxy.accountId}:assumed-role/ops-automation-collect-inventory-lambda/x is not authorized to perform: ec2:DescribeInstanceCreditSpecifications because no identity-based policy allows the ec2:DescribeInstanceCreditSpecifications action`;
  proxy.setFault((request) => (request.action === 'DescribeInstanceCreditSpecifications' ? ec2Error('UnauthorizedOperation', denied, 403) : undefined));
  await queueCostAndUsage(process.env.MOTO_URL!, [costAndUsageResponse([])], proxy.accountId);

  // Act
  let refused: ExcelJS.Workbook;
  try {
    ({ workbook: refused } = await runCostReport(s3, BUCKET, { regions: [VIRGINIA, SEOUL], reportDate: '2026-11-24' }));
  } finally {
    proxy.setFault(undefined);
  }

  // Assess: std is read from CloudWatch as before this read existed (its seeded 60 a day), with the refusal named.
  const row = (name: string) => rowWhere(refused, 'EC2_Detail_Costs', 'Name', name)!;
  const refusal = /credit option not read, CloudWatch read as for unlimited mode \(\d{12}\/us-east-1: EC2 DescribeInstanceCreditSpecifications failed \(UnauthorizedOperation\): .*ec2:DescribeInstanceCreditSpecifications/;
  expect(row('std')).toMatchObject({ CPUCreditsCharged: 420, 'CPUCreditsMonthly(USD)': 1.52 });
  expect(row('std').Note).toMatch(refusal);
  expect(row('std').Note).not.toMatch(/standard mode/);
  expect(row('fresh').Note).toMatch(/^CPU credits not estimated: no CPUSurplusCreditsCharged datapoints.*; credit option not read, CloudWatch read as for unlimited mode \(\d{12}\/ap-northeast-2: EC2 DescribeInstanceCreditSpecifications failed \(UnauthorizedOperation\)/);
  expect(isHighlighted(cellOf('fresh', 'CPUCreditsMonthly(USD)', refused))).toBe(true);
}, 180_000);
