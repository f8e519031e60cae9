/**
 * The cost workbook as the report writes it (writeWorkbook over a computed report), checked by
 * readers that share no code with exceljs or the chart writer: Python's standard library (the
 * package a reader opens without a repair prompt; each chart's references and cached values) and
 * openpyxl (the charts, conditional formats and print setup it loads). A fleet of 12 instance types
 * in two regions, with unpriced items, waste and three earlier weekly reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCosts, type CostReport } from '../../functions/render-report/costs';
import { CHART_TYPES } from '../../functions/render-report/sheets/summary';
import { trendRows } from '../../functions/render-report/trend';
import { writeWorkbook } from '../../functions/render-report/workbook';
import { DEFAULT_POWER_SCHEDULES } from '../../functions/shared/config';
import { priceKeyId, type Inventory, type InventoryInstance, type PriceResult, type ReportSummary } from '../../functions/shared/cost-types';
import { checkPackage, readWithOpenpyxl, testWithOpenpyxl, type PackageChart } from '../support/xlsx-readers';

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';
const TYPES = ['t3.micro', 't3.small', 't3.medium', 't3.large', 'm5.large', 'm5.xlarge', 'm5.2xlarge', 'c5.large', 'c5.xlarge', 'r5.large', 'r5.xlarge', 'm6i.large'];

function ec2Key(region: string, instanceType: string): string {
  return priceKeyId({ kind: 'ec2', region, instanceType, operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' });
}

function fleet(): { inventory: Inventory; prices: PriceResult[] } {
  const instances: InventoryInstance[] = Array.from({ length: 30 }, (_, n) => {
    const region = n % 3 === 0 ? VIRGINIA : SEOUL;
    const instanceType = TYPES[n % TYPES.length] as string;
    return {
      region,
      instanceId: `i-${String(n).padStart(17, '0')}`,
      name: `server-${n}`,
      instanceType,
      state: n === 7 ? 'stopped' : 'running',
      ...(n === 7 ? { stoppedSince: '2026-10-01T00:00:00Z' } : {}),
      az: `${region}a`,
      platform: 'Linux',
      platformSource: 'default',
      tenancy: 'Shared',
      volumeIds: [`vol-${n}`],
      priceKeyId: ec2Key(region, instanceType),
    };
  });
  const volumes = [
    ...instances.map((i, n) => ({ region: i.region, volumeId: `vol-${n}`, name: '', volumeType: 'gp3', sizeGiB: 50 + n, iops: 3000, throughputMiBps: 125, state: 'in-use', az: i.az, attachedTo: i.instanceId })),
    { region: SEOUL, volumeId: 'vol-orphan', name: 'orphan', volumeType: 'gp3', sizeGiB: 500, iops: 3000, throughputMiBps: 125, state: 'available', az: `${SEOUL}a` },
  ];
  // Hourly prices by type position, the same in both regions; m6i.large is left without a price (unpriced).
  const prices: PriceResult[] = [
    ...[SEOUL, VIRGINIA].flatMap((region) =>
      TYPES.filter((t) => t !== 'm6i.large').map((t, i): PriceResult => ({ id: ec2Key(region, t), status: 'priced', usd: 0.01 + i * 0.037, unit: 'Hrs' })),
    ),
    ...[SEOUL, VIRGINIA].map((region): PriceResult => ({ id: ec2Key(region, 'm6i.large'), status: 'unpriced', reason: 'no SKU matched' })),
    ...[SEOUL, VIRGINIA].map((region): PriceResult => ({ id: priceKeyId({ kind: 'ebs-storage', region, volumeType: 'gp3' }), status: 'priced', usd: 0.08, unit: 'GB-Mo' })),
  ];
  const inventory: Inventory = { collectedAt: '2026-11-23T00:30:00Z', reportDate: '2026-11-23', regions: [SEOUL, VIRGINIA], instances, volumes, addresses: [], snapshots: [], excluded: [] };
  return { inventory, prices };
}

function earlier(reportDate: string, report: CostReport, factor: number): ReportSummary {
  const scaled = Object.fromEntries(Object.entries(report.totals).map(([k, v]) => [k, k === 'unpricedItems' ? v : Math.round(v * factor * 100) / 100]));
  return { reportDate, generatedAt: `${reportDate}T01:00:00Z`, regions: report.regions, priceSource: report.priceSource, totals: scaled as ReportSummary['totals'], counts: report.counts };
}

let dir: string;
let file: string;
let report: CostReport;
let charts: PackageChart[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-workbook-'));
  file = join(dir, 'ec2_monthly_costs_20261123.xlsx');
  const { inventory, prices } = fleet();
  report = computeCosts(inventory, prices, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' });
  const previous = [earlier('2026-11-02', report, 0.9), earlier('2026-11-09', report, 0.95), earlier('2026-11-16', report, 1.02)];
  await writeWorkbook(file, { report, trend: trendRows(previous, report), generatedAt: '2026-11-23T01:00:00Z' });
  charts = checkPackage(file).charts;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const numbers = (cache: readonly (string | number | null)[] | undefined) => cache?.map((v) => (v === null ? null : Number(v)));

describe('the cost workbook', () => {
  test('opens without a repair prompt: the strict package check finds no problem, and the charts sit on the Summary only', () => {
    const packageReport = checkPackage(file);

    expect(packageReport.problems).toEqual([]);
    expect(new Set(charts.map((c) => c.sheet))).toEqual(new Set(['Summary']));
    expect(packageReport.worksheets.EC2_Detail_Costs).not.toContain('drawing');
  });

  test('has four native charts on the Summary: cost by kind, by instance type, by region and the weekly trend', () => {
    expect(charts.map((c) => [c.title, c.plots.map((p) => p.type)])).toEqual([
      ['Where the money goes (USD per month)', ['doughnutChart']],
      ['Monthly cost by instance type (EC2 + attached EBS)', ['barChart']],
      ['Monthly cost by region (EC2 + attached EBS)', ['barChart']],
      ['Weekly trend (USD per month)', ['lineChart']],
    ]);
  });

  test('the cost-by-kind chart points at the four monthly totals the Summary lists, and caches them', () => {
    const [series] = charts[0]!.plots[0]!.series;

    expect(series?.categories).toEqual({ ref: "'Summary'!$A$9:$A$12", cache: ['EC2 compute', 'EBS volumes', 'Public IPv4 addresses', 'Snapshots'] });
    expect(series?.values.ref).toBe("'Summary'!$C$9:$C$12");
    expect(numbers(series?.values.cache)).toEqual([report.totals.ec2Monthly, report.totals.ebsMonthly, report.totals.ipv4Monthly, report.totals.snapshotMonthly]);
  });

  test(`the instance type chart shows the ${CHART_TYPES} most expensive types, largest first, then the rest as one bar, from an exact-length helper table`, () => {
    const [series] = charts[1]!.plots[0]!.series;
    const byCost = [...report.byInstanceType].sort((a, b) => b.totalMonthly - a.totalMonthly);
    const rest = byCost.slice(CHART_TYPES).reduce((sum, g) => sum + g.totalMonthly, 0);

    expect(series?.categories?.cache).toEqual([...byCost.slice(0, CHART_TYPES).map((g) => g.key), `Other (${TYPES.length - CHART_TYPES} types)`]);
    expect(numbers(series?.values.cache)).toEqual([...byCost.slice(0, CHART_TYPES).map((g) => g.totalMonthly), expect.closeTo(rest, 2)]);
    const [first, last] = (series?.values.ref ?? '').match(/\$(\d+)/g)!.map((r) => Number(r.slice(1)));
    expect(last! - first! + 1).toBe(CHART_TYPES + 1);
  });

  test('the region chart points at the Summary\'s instances-by-region lines', () => {
    const [series] = charts[2]!.plots[0]!.series;

    expect(series?.categories?.cache).toEqual(report.byRegion.map((g) => g.key));
    expect(numbers(series?.values.cache)).toEqual(report.byRegion.map((g) => g.totalMonthly));
  });

  test('the trend chart draws total, EC2, EBS and waste over the four weekly reports, from the Trend sheet', () => {
    const series = charts[3]!.plots[0]!.series;

    expect(series.map((s) => [s.name && typeof s.name === 'object' ? s.name.cache[0] : s.name, s.values.ref, s.categories?.ref])).toEqual([
      ['TotalMonthly(USD)', "'Trend'!$H$2:$H$5", "'Trend'!$A$2:$A$5"],
      ['EC2Monthly(USD)', "'Trend'!$B$2:$B$5", "'Trend'!$A$2:$A$5"],
      ['EBSMonthly(USD)', "'Trend'!$C$2:$C$5", "'Trend'!$A$2:$A$5"],
      ['Waste(USD)', "'Trend'!$I$2:$I$5", "'Trend'!$A$2:$A$5"],
    ]);
    expect(series[0]?.categories?.cache).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(numbers(series[0]?.values.cache)?.at(-1)).toBe(report.totals.totalMonthly);
  });

  testWithOpenpyxl('openpyxl loads every chart without a warning, with the same references', () => {
    const read = readWithOpenpyxl(file);

    expect([read.loaded, read.warnings]).toEqual([true, []]);
    const summary = read.sheets.Summary!.charts;
    expect(summary.length).toBeGreaterThanOrEqual(3);
    expect(summary.map((c) => [c.type, c.series[0]?.values?.ref])).toEqual(charts.map((c) => [expect.any(String), c.plots[0]!.series[0]!.values.ref]));
  });

  testWithOpenpyxl('highlights unpriced and waste rows (not the Waste sheet\'s backup risks), the ten largest costs, and puts data bars on EC2_Detail_Costs\' cost columns', () => {
    const sheets = readWithOpenpyxl(file).sheets;
    const rules = (sheet: string) =>
      sheets[sheet]!.conditionalFormatting.flatMap((cf) => cf.rules.map((rule, i) => [cf.range, rule, ...(cf.formulas[i] ?? [])].join(' '))).sort();
    const detailRows = report.instances.length + 1;
    const volumeRows = report.volumes.length + 1;
    const wasteRange = (column: string) => `'Waste'!$${column}$2:$${column}$${report.waste.length + 1}`;
    const isWaste = (id: string) => `COUNTIFS(${wasteRange('B')},${id},${wasteRange('A')},"<>Tagged for backup, no restore point")>0`;

    expect(report.waste.map((w) => w.id).sort()).toEqual(['i-00000000000000007', 'vol-orphan']);
    expect(rules('EC2_Detail_Costs')).toEqual(
      [
        `A2:AA${detailRows} expression ISNUMBER(SEARCH("unpriced",$S2))`,
        `A2:AA${detailRows} expression ${isWaste('$B2')}`,
        `M2:M${detailRows} top10`,
        `K2:K${detailRows} dataBar`,
        `L2:L${detailRows} dataBar`,
        `M2:M${detailRows} dataBar`,
      ].sort(),
    );
    expect(rules('EBS_Volumes')).toEqual(
      [`A2:Q${volumeRows} expression ISNUMBER(SEARCH("unpriced",$P2))`, `A2:Q${volumeRows} expression ${isWaste('$A2')}`].sort(),
    );
  });

  testWithOpenpyxl('prints: the Summary on one portrait page; wide tables one page wide in landscape with the header row on every page', () => {
    const sheets = readWithOpenpyxl(file).sheets;
    const print = (name: string) => {
      const p = sheets[name]!.print;
      return [p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.titleRows];
    };

    expect(print('Summary')).toEqual(['portrait', true, 1, 1, null]);
    expect(print('EC2_Detail_Costs')).toEqual(['landscape', true, 1, 0, '$1:$1']);
    expect(print('EBS_Summary')).toEqual(['portrait', true, 1, 0, '$1:$1']);
    expect(Object.values(sheets).every((sheet) => sheet.print.fitToPage === true)).toBe(true);
  });
});

describe('the Summary for other reports', () => {
  test('a report that read backups gets a fifth chart, instances by backup status, from its own exact-length lines', async () => {
    // Prepare: the backup figures the report's backup view computes (costs/backups.ts).
    const file = join(dir, 'with-backups.xlsx');
    const summary = { instances: 30, recoverableRecently: 21, coverage: 0.7, protected: 21, stale: 4, partial: 3, unprotected: 2, taggedWithoutPoint: 1, storageMonthly: 12.5 };
    const withBackups: CostReport = { ...report, backups: { ...report.backups, collected: true, summary } };

    // Act
    await writeWorkbook(file, { report: withBackups, trend: trendRows([], withBackups), generatedAt: '2026-11-23T01:00:00Z' });

    // Assess
    const found = checkPackage(file);
    expect(found.problems).toEqual([]);
    const coverage = found.charts.find((c) => c.title === 'Backup coverage (instances)');
    expect(coverage?.plots.map((p) => p.type)).toEqual(['doughnutChart']);
    expect(coverage?.plots[0]?.series[0]?.categories?.cache).toEqual(['Protected', 'Stale', 'Partial', 'Unprotected']);
    expect(numbers(coverage?.plots[0]?.series[0]?.values.cache)).toEqual([21, 4, 3, 2]);
    expect(found.charts).toHaveLength(5);
  });

  testWithOpenpyxl('a Summary too long for one page (hundreds of instance types) prints one page wide, its charts on the first page', async () => {
    // Prepare: 150 instance types, one instance each.
    const file = join(dir, 'many-types.xlsx');
    const { inventory, prices } = fleet();
    const first = inventory.instances[0]!;
    const instances = Array.from({ length: 150 }, (_, n) => ({ ...first, instanceId: `i-${String(n).padStart(17, '9')}`, instanceType: `x${n}.large`, volumeIds: [] }));
    const many = computeCosts({ ...inventory, instances, volumes: [] }, prices, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' });

    // Act
    await writeWorkbook(file, { report: many, trend: trendRows([], many), generatedAt: '2026-11-23T01:00:00Z' });

    // Assess
    const summary = readWithOpenpyxl(file).sheets.Summary!;
    expect([summary.print.fitToWidth, summary.print.fitToHeight, summary.print.titleRows]).toEqual([1, 0, '$1:$1']);
    expect(Math.max(...summary.charts.map((c) => c.to[1]))).toBeLessThan(70);
  });
});
