/**
 * Summary: what the report covers, the monthly totals with how each is computed, the counts, native
 * charts of where the money goes (by kind, instance type, region, week, and backup coverage when the
 * report has it), and instances by state, type and region. Prints on one page with its charts.
 */
import { GP3_FREE_IOPS, GP3_FREE_THROUGHPUT_MIBPS, HOURS_PER_MONTH, sumUsd } from '../../shared/cost-math';
import type { CostReport } from '../costs';
import type { GroupCount } from '../costs/totals';
import { LONG_STOPPED_DAYS } from '../costs/waste';
import type { PrintOptions } from '../xlsx/print-setup';
import type { ChartSpec } from '../xlsx/charts';
import { defineSheet, type SheetLayout, type WorkbookInput } from './sheet';
import { trendSheet } from './trend';

/** Lines that charts read, or that hold their place: each chart points at exactly its lines' cells. */
type ChartData = 'costByKind' | 'costByType' | 'costByRegion' | 'backupCoverage' | 'chartArea';

interface SummaryLine {
  item?: string;
  value?: string | number;
  monthly?: number;
  note?: string;
  style?: 'section' | 'unpriced';
  chartData?: ChartData;
}

/** Bars in the instance type chart: the most expensive types, the rest as one "Other" bar. */
export const CHART_TYPES = 10;
/** Each chart's height in rows, and the space between two. */
const CHART_ROWS = 17;
const CHART_GAP_ROWS = 1;
/** Up to this many lines the Summary and its charts print on one page; a longer one (many instance types) prints one page wide. */
const ONE_PAGE_LINES = 110;
const USD_AXIS = '"$"#,##0';
const BAR_BLUE = '4472C4';

/** Instance types by monthly cost, the top `CHART_TYPES`, then the others together. */
function costByType(groups: readonly GroupCount[]): { key: string; monthly: number }[] {
  const byCost = [...groups].sort((a, b) => b.totalMonthly - a.totalMonthly || a.key.localeCompare(b.key));
  const top = byCost.slice(0, CHART_TYPES).map((g) => ({ key: g.key, monthly: g.totalMonthly }));
  const rest = byCost.slice(CHART_TYPES);
  return rest.length === 0 ? top : [...top, { key: `Other (${rest.length} types)`, monthly: sumUsd(rest.map((g) => g.totalMonthly)) }];
}

/** How many charts the Summary draws for this report. */
function chartCount(report: CostReport): number {
  return 4 + (report.backupCoverage ? 1 : 0);
}

function summaryLines(report: CostReport, generatedAt: string): SummaryLine[] {
  const { totals } = report;
  const lines: SummaryLine[] = [
    { item: 'Report date', value: report.reportDate },
    { item: 'Generated at', value: generatedAt },
    { item: 'Inventory collected at', value: report.collectedAt },
    { item: 'Regions covered', value: report.regions.join(', ') },
    { item: 'Price source', value: report.priceSource, note: `On-demand list prices; monthly = hourly × ${HOURS_PER_MONTH}` },
    {},
    { item: 'Monthly totals', style: 'section' },
    { item: 'EC2 compute', monthly: totals.ec2Monthly, note: `hourly × ${HOURS_PER_MONTH} for running and pending instances; stopped instances: 0`, chartData: 'costByKind' },
    { item: 'EBS volumes', monthly: totals.ebsMonthly, note: `every volume, attached or not; gp3 IOPS above ${GP3_FREE_IOPS} and throughput above ${GP3_FREE_THROUGHPUT_MIBPS} MiB/s, io1/io2 all IOPS`, chartData: 'costByKind' },
    { item: 'Public IPv4 addresses', monthly: totals.ipv4Monthly, note: `Elastic IPs (associated or idle) and instance public IPs, hourly × ${HOURS_PER_MONTH}`, chartData: 'costByKind' },
    { item: 'Snapshots (upper bound)', monthly: totals.snapshotMonthly, note: 'volume size × snapshot GB-month: real snapshots are incremental, so the bill is usually lower', chartData: 'costByKind' },
    { item: 'Total monthly', monthly: totals.totalMonthly, note: 'EC2 + EBS + public IPv4 + snapshots' },
    { item: 'Waste', monthly: totals.wasteMonthly, note: `unattached volumes, idle Elastic IPs, disks of instances stopped > ${LONG_STOPPED_DAYS} days; already inside the totals above` },
    { item: 'Schedule savings', monthly: totals.scheduleSavingsMonthly, note: 'running instances on a stop/start schedule: cost all month minus cost under the schedule' },
    {
      item: 'Unpriced items',
      value: totals.unpricedItems,
      note: totals.unpricedItems === 0 ? 'every item is priced' : `${totals.unpricedItems} items unpriced: their cost is not in the totals (see PriceStatus)`,
      style: totals.unpricedItems > 0 ? 'unpriced' : undefined,
    },
    {},
    { item: 'Counts', style: 'section' },
    { item: 'Instances', value: report.counts.instances, note: report.excludedInstances > 0 ? `${report.excludedInstances} excluded (Platform=RDS)` : undefined },
    { item: 'Volumes', value: report.counts.volumes },
    { item: 'Unattached volumes', value: report.counts.unattachedVolumes },
    { item: 'Idle Elastic IPs', value: report.counts.idleAddresses },
    { item: 'Snapshots', value: report.counts.snapshots },
    {},
    { item: 'Charts', style: 'section', note: 'native Excel charts of the tables on this sheet and of the Trend sheet' },
    // The charts float over these rows, two side by side.
    ...Array.from({ length: Math.ceil(chartCount(report) / 2) * (CHART_ROWS + CHART_GAP_ROWS) }, (): SummaryLine => ({ chartData: 'chartArea' })),
  ];
  const groups: [string, GroupCount[], ChartData | undefined][] = [
    ['Instances by state', report.byState, undefined],
    ['Instances by type', report.byInstanceType, undefined],
    ['Instances by region', report.byRegion, 'costByRegion'],
  ];
  for (const [title, counts, chartData] of groups) {
    lines.push({}, { item: title, value: 'Count', note: 'Monthly(USD): EC2 + attached EBS', style: 'section' });
    for (const group of counts) lines.push({ item: group.key, value: group.count, monthly: group.totalMonthly, chartData });
  }
  lines.push({}, { item: `Instance types by monthly cost (top ${CHART_TYPES})`, note: 'Monthly(USD): EC2 + attached EBS; the chart above draws these', style: 'section' });
  for (const type of costByType(report.byInstanceType)) lines.push({ item: type.key, monthly: type.monthly, chartData: 'costByType' });
  if (report.backupCoverage) {
    const coverage = report.backupCoverage;
    lines.push({}, { item: 'Backup coverage', value: 'Resources', note: 'instances and volumes by their newest restorable point (see the Backups sheet)', style: 'section' });
    for (const [status, count] of Object.entries(coverage)) lines.push({ item: status, value: count, chartData: 'backupCoverage' });
  }
  return lines;
}

type SummaryKey = 'item' | 'value' | 'monthly' | 'note';

/** The first and last index of the lines marked `data`: a chart's exact-length range. */
function span(lines: readonly SummaryLine[], data: ChartData): [number, number] | undefined {
  const first = lines.findIndex((l) => l.chartData === data);
  if (first < 0) return undefined;
  let last = first;
  while (lines[last + 1]?.chartData === data) last += 1;
  return [first, last];
}

function summaryCharts(at: SheetLayout<SummaryLine, SummaryKey>, input: WorkbookInput): ChartSpec[] {
  const charts: Omit<ChartSpec, 'sheet' | 'anchor'>[] = [];
  const series = (data: ChartData, values: SummaryKey, title: string, kind: ChartSpec['kind']) => {
    const range = span(at.rows, data);
    if (!range) return;
    charts.push({
      kind,
      title,
      categories: at.ref('item', ...range),
      series: [{ nameRef: at.headerRef(values), values: at.ref(values, ...range), ...(kind === 'bar' ? { color: BAR_BLUE } : {}) }],
      ...(kind === 'bar' ? { valueFormat: USD_AXIS } : {}),
    });
  };
  series('costByKind', 'monthly', 'Where the money goes (USD per month)', 'doughnut');
  series('costByType', 'monthly', 'Monthly cost by instance type (EC2 + attached EBS)', 'bar');
  series('costByRegion', 'monthly', 'Monthly cost by region (EC2 + attached EBS)', 'bar');
  const trend = trendSheet.layoutFor(input);
  charts.push({
    kind: 'line',
    title: 'Weekly trend (USD per month)',
    categories: trend.ref('reportDate'),
    series: (['totalMonthly', 'ec2Monthly', 'ebsMonthly', 'wasteMonthly'] as const).map((key) => ({
      nameRef: trend.headerRef(key),
      values: trend.ref(key),
    })),
    legend: 'bottom',
    valueFormat: USD_AXIS,
  });
  series('backupCoverage', 'value', 'Backup coverage (resources)', 'doughnut');

  // Two per row over the chart area: the left over columns A-C, the right over D.
  const [areaStart] = span(at.rows, 'chartArea') ?? [0];
  return charts.map((chart, i) => {
    const top = at.rowOf(areaStart) + Math.floor(i / 2) * (CHART_ROWS + CHART_GAP_ROWS);
    const bottom = top + CHART_ROWS - 1;
    return { ...chart, sheet: at.sheet, anchor: i % 2 === 0 ? `A${top}:C${bottom}` : `D${top}:D${bottom}` };
  });
}

export const summarySheet = defineSheet({
  name: 'Summary',
  rows: ({ report, generatedAt }) => summaryLines(report, generatedAt),
  autoFilter: false,
  columns: [
    { key: 'item', header: 'Item', width: 28, value: (l: SummaryLine) => l.item, emphasis: (l) => (l.style === 'section' ? 'section' : undefined) },
    { key: 'value', header: 'Value', width: 44, value: (l) => l.value, emphasis: (l) => (l.style === 'unpriced' ? 'unpriced' : undefined) },
    { key: 'monthly', header: 'Monthly(USD)', width: 16, format: 'usd', value: (l) => l.monthly },
    { key: 'note', header: 'Note', width: 100, value: (l) => l.note },
  ],
  print: (lines): PrintOptions => (lines.length <= ONE_PAGE_LINES ? { fit: 'page' } : { fit: 'width', headerRows: 1 }),
  charts: summaryCharts,
});
