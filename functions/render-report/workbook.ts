/**
 * Writes the cost workbook with exceljs's streaming writer (rows go to disk as they are added, so
 * 50,000 instances fit a 512 MB Lambda). Every table sheet has a frozen header, an auto-filter,
 * USD number formats and a TOTAL row; an unpriced amount is a blank, highlighted cell whose row
 * says why in PriceStatus — never $0.
 */
import ExcelJS from 'exceljs';
import { HOURS_PER_MONTH, isPriced, sumUsd, type Cost } from '../shared/cost-math';
import { GP3_FREE_IOPS, GP3_FREE_THROUGHPUT_MIBPS } from '../shared/cost-math';
import { LONG_STOPPED_DAYS, type CostReport } from './costs';
import type { TrendRow } from './trend';

export const SHEETS = [
  'Summary',
  'EC2_Detail_Costs',
  'EBS_Volumes',
  'EBS_Summary',
  'Snapshots',
  'Public_IPv4',
  'Waste',
  'Prices',
  'Trend',
] as const;

/** The columns people already know, in their order; new columns only ever follow them. */
export const EC2_SEED_COLUMNS = [
  'Name',
  'InstanceId',
  'InstanceType',
  'State',
  'AZ',
  'Platform',
  'vCPU',
  'Memory',
  'VolumeSize(GB)',
  'AttachedVolumes',
  'EC2Monthly(USD)',
  'EBSMonthly(USD)',
  'TotalMonthly(USD)',
] as const;

export const USD_FORMAT = '"$"#,##0.00';
/** Unit prices such as $0.0104 per hour keep their digits. */
export const RATE_FORMAT = '"$"#,##0.00######';
const PERCENT_FORMAT = '0.0%';
const HOURS_FORMAT = '0.0';
export const UNPRICED_FILL_ARGB = 'FFFFC7CE';

type Cell = string | number | boolean | Cost | null | undefined;
type Format = 'usd' | 'rate' | 'percent' | 'hours';

interface Column<R> {
  header: string;
  width: number;
  format?: Format;
  value(row: R): Cell;
}

const NUM_FORMATS: Record<Format, string> = { usd: USD_FORMAT, rate: RATE_FORMAT, percent: PERCENT_FORMAT, hours: HOURS_FORMAT };
const unpricedFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: UNPRICED_FILL_ARGB } };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const thinTop: Partial<ExcelJS.Borders> = { top: { style: 'thin' } };

// Shared, never mutated style objects: the writer dedupes them, and 50,000 rows do not create 300,000 styles.
const STYLE = {
  header: Object.freeze({ font: { bold: true }, fill: headerFill, alignment: { vertical: 'middle' } }) as Partial<ExcelJS.Style>,
  unpriced: Object.freeze({ fill: unpricedFill }) as Partial<ExcelJS.Style>,
  section: Object.freeze({ font: { bold: true } }) as Partial<ExcelJS.Style>,
  plain: Object.freeze({}) as Partial<ExcelJS.Style>,
  ...Object.fromEntries(
    (Object.keys(NUM_FORMATS) as Format[]).flatMap((format) => [
      [format, Object.freeze({ numFmt: NUM_FORMATS[format] })],
      [`${format}Total`, Object.freeze({ numFmt: NUM_FORMATS[format], font: { bold: true }, border: thinTop })],
    ]),
  ),
  total: Object.freeze({ font: { bold: true }, border: thinTop }) as Partial<ExcelJS.Style>,
} as Record<string, Partial<ExcelJS.Style>>;

function isCost(value: Cell): value is Cost {
  return typeof value === 'object' && value !== null && 'status' in value;
}

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Writes one cell: an unpriced Cost becomes a blank highlighted cell; numbers get their column's format. */
function setCell(cell: ExcelJS.Cell, value: Cell, format: Format | undefined, total: boolean): void {
  if (isCost(value)) {
    if (value.status === 'unpriced') {
      cell.style = STYLE.unpriced as ExcelJS.Style;
      return;
    }
    value = value.usd;
  }
  if (value === undefined || value === null) {
    cell.style = (total ? STYLE.total : STYLE.plain) as ExcelJS.Style;
    return;
  }
  cell.value = value;
  const key = typeof value === 'number' && format ? `${format}${total ? 'Total' : ''}` : total ? 'total' : 'plain';
  // Always a shared style object: the writer caches style ids by object, so no per-cell style work.
  cell.style = STYLE[key] as ExcelJS.Style;
}

type Writer = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A table sheet: header row frozen, auto-filter over header and data, a TOTAL row below the data
 * (outside the filter so sorting never moves it), then optional notes.
 */
function writeTable<R>(
  workbook: Writer,
  name: string,
  columns: readonly Column<R>[],
  rows: Iterable<R>,
  options: { totals?: Cell[]; notes?: string[] } = {},
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.style = STYLE.header as ExcelJS.Style;
  });
  header.commit();

  let last = 1;
  for (const item of rows) {
    const row = sheet.addRow([]);
    columns.forEach((column, index) => setCell(row.getCell(index + 1), column.value(item), column.format, false));
    row.commit();
    last = row.number;
  }
  sheet.autoFilter = `A1:${columnLetter(columns.length)}${last}`;

  if (options.totals) {
    const row = sheet.addRow([]);
    columns.forEach((column, index) => setCell(row.getCell(index + 1), options.totals?.[index], column.format, true));
    row.commit();
  }
  if (options.notes?.length) {
    sheet.addRow([]).commit();
    for (const note of options.notes) sheet.addRow([note]).commit();
  }
  sheet.commit();
}

function usdSum(costs: readonly (Cost | undefined)[]): number {
  return sumUsd(costs.filter((c): c is Cost => c !== undefined).filter(isPriced).map((c) => c.usd));
}

function unpricedCount(costs: readonly (Cost | undefined)[]): number {
  return costs.filter((c) => c?.status === 'unpriced').length;
}

function unpricedLabel(count: number): string {
  return count === 0 ? 'all priced' : `${count} unpriced (not in the totals)`;
}

interface SummaryLine {
  item?: string;
  value?: string | number;
  monthly?: number;
  note?: string;
  style?: 'section' | 'unpriced';
}

function summaryLines(report: CostReport, generatedAt: string): SummaryLine[] {
  const { totals } = report;
  const lines: SummaryLine[] = [
    { item: 'Report date', value: report.reportDate },
    { item: 'Generated at', value: generatedAt },
    { item: 'Inventory collected at', value: report.collectedAt },
    { item: 'Regions covered', value: report.regions.join(', ') },
    { item: 'Price source', value: report.priceSource, note: 'On-demand list prices; monthly = hourly × 730' },
    {},
    { item: 'Monthly totals', style: 'section' },
    { item: 'EC2 compute', monthly: totals.ec2Monthly, note: `hourly × ${HOURS_PER_MONTH} for running and pending instances; stopped instances: 0` },
    { item: 'EBS volumes', monthly: totals.ebsMonthly, note: `every volume, attached or not; gp3 IOPS above ${GP3_FREE_IOPS} and throughput above ${GP3_FREE_THROUGHPUT_MIBPS} MiB/s, io1/io2 all IOPS` },
    { item: 'Public IPv4 addresses', monthly: totals.ipv4Monthly, note: 'Elastic IPs (associated or idle) and instance public IPs, hourly × 730' },
    { item: 'Snapshots (upper bound)', monthly: totals.snapshotMonthly, note: 'volume size × snapshot GB-month: real snapshots are incremental, so the bill is usually lower' },
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
  ];
  const groups: [string, CostReport['byState']][] = [
    ['Instances by state', report.byState],
    ['Instances by type', report.byInstanceType],
    ['Instances by region', report.byRegion],
  ];
  for (const [title, counts] of groups) {
    lines.push({}, { item: title, value: 'Count', monthly: undefined, note: 'Monthly(USD): EC2 + attached EBS', style: 'section' });
    for (const group of counts) lines.push({ item: group.key, value: group.count, monthly: group.totalMonthly });
  }
  return lines;
}

function writeSummary(workbook: Writer, report: CostReport, generatedAt: string): void {
  const sheet = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = [{ width: 28 }, { width: 44 }, { width: 16 }, { width: 100 }];
  const header = sheet.addRow(['Item', 'Value', 'Monthly(USD)', 'Note']);
  header.eachCell((cell) => {
    cell.style = STYLE.header as ExcelJS.Style;
  });
  header.commit();
  for (const line of summaryLines(report, generatedAt)) {
    const row = sheet.addRow([]);
    setCell(row.getCell(1), line.item, undefined, false);
    setCell(row.getCell(2), line.value, undefined, false);
    setCell(row.getCell(3), line.monthly, 'usd', false);
    setCell(row.getCell(4), line.note, undefined, false);
    if (line.style === 'section') row.getCell(1).style = STYLE.section as ExcelJS.Style;
    if (line.style === 'unpriced') row.getCell(2).style = STYLE.unpriced as ExcelJS.Style;
    row.commit();
  }
  sheet.commit();
}

export interface WorkbookInput {
  report: CostReport;
  trend: readonly TrendRow[];
  generatedAt: string;
}

/** Writes the workbook to `filename` (a temp file) and resolves once it is complete on disk. */
export async function writeWorkbook(filename: string, { report, trend, generatedAt }: WorkbookInput): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ops-automation cost-report';
  workbook.created = new Date(generatedAt);

  writeSummary(workbook, report, generatedAt);

  const instances = report.instances;
  writeTable(
    workbook,
    'EC2_Detail_Costs',
    [
      { header: 'Name', width: 28, value: (r) => r.instance.name },
      { header: 'InstanceId', width: 21, value: (r) => r.instance.instanceId },
      { header: 'InstanceType', width: 14, value: (r) => r.instance.instanceType },
      { header: 'State', width: 10, value: (r) => r.instance.state },
      { header: 'AZ', width: 16, value: (r) => r.instance.az },
      { header: 'Platform', width: 15, value: (r) => r.instance.platform },
      { header: 'vCPU', width: 6, value: (r) => r.vcpu },
      { header: 'Memory', width: 10, value: (r) => r.memory },
      { header: 'VolumeSize(GB)', width: 15, value: (r) => r.volumeSizeGiB },
      { header: 'AttachedVolumes', width: 16, value: (r) => r.volumeIds.length },
      { header: 'EC2Monthly(USD)', width: 16, format: 'usd', value: (r) => r.ec2Monthly },
      { header: 'EBSMonthly(USD)', width: 16, format: 'usd', value: (r) => r.ebsMonthly },
      { header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totalMonthly },
      { header: 'Region', width: 15, value: (r) => r.instance.region },
      { header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
      { header: 'ScheduledMonthly(USD)', width: 21, format: 'usd', value: (r) => r.schedule?.scheduledMonthly },
      { header: 'ScheduleSavings(USD)', width: 20, format: 'usd', value: (r) => r.schedule?.savings },
      { header: 'PriceStatus', width: 40, value: (r) => r.priceStatus },
      { header: 'ScheduledHours', width: 15, format: 'hours', value: (r) => r.schedule?.hoursPerMonth },
      { header: 'VolumeIds', width: 30, value: (r) => r.volumeIds.join(', ') },
    ],
    instances,
    {
      totals: [
        'TOTAL',
        `${instances.length} instances`,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        instances.reduce((sum, r) => sum + r.volumeSizeGiB, 0),
        instances.reduce((sum, r) => sum + r.volumeIds.length, 0),
        usdSum(instances.map((r) => r.ec2Monthly)),
        usdSum(instances.map((r) => r.ebsMonthly)),
        usdSum(instances.map((r) => r.totalMonthly)),
        undefined,
        undefined,
        usdSum(instances.map((r) => r.schedule?.scheduledMonthly)),
        usdSum(instances.map((r) => r.schedule?.savings)),
        unpricedLabel(unpricedCount(instances.map((r) => r.totalMonthly))),
      ],
      notes: [
        `EC2Monthly = HourlyUSD × ${HOURS_PER_MONTH} for running and pending instances (the cost if left running all month); stopped instances: 0, their volumes still charged.`,
        'ScheduledMonthly = HourlyUSD × ScheduledHours (hours per 730-hour month the stop/start schedule keeps the instance running); ScheduleSavings = EC2Monthly − ScheduledMonthly.',
      ],
    },
  );

  const volumes = report.volumes;
  writeTable(
    workbook,
    'EBS_Volumes',
    [
      { header: 'VolumeId', width: 23, value: (r) => r.volume.volumeId },
      { header: 'Name', width: 24, value: (r) => r.volume.name },
      { header: 'Region', width: 15, value: (r) => r.volume.region },
      { header: 'AZ', width: 16, value: (r) => r.volume.az },
      { header: 'VolumeType', width: 11, value: (r) => r.volume.volumeType },
      { header: 'SizeGB', width: 9, value: (r) => r.volume.sizeGiB },
      { header: 'IOPS', width: 8, value: (r) => r.volume.iops },
      { header: 'ThroughputMiBps', width: 16, value: (r) => r.volume.throughputMiBps },
      { header: 'State', width: 10, value: (r) => r.volume.state },
      { header: 'AttachedTo', width: 21, value: (r) => r.volume.attachedTo ?? '' },
      { header: 'StorageMonthly', width: 15, format: 'usd', value: (r) => r.cost.storage },
      { header: 'IopsMonthly', width: 12, format: 'usd', value: (r) => r.cost.iops },
      { header: 'ThroughputMonthly', width: 18, format: 'usd', value: (r) => r.cost.throughput },
      { header: 'TotalMonthly', width: 14, format: 'usd', value: (r) => r.cost.total },
      { header: 'PriceStatus', width: 40, value: (r) => r.priceStatus },
    ],
    volumes,
    {
      totals: [
        'TOTAL',
        `${volumes.length} volumes`,
        undefined,
        undefined,
        undefined,
        volumes.reduce((sum, r) => sum + r.volume.sizeGiB, 0),
        undefined,
        undefined,
        undefined,
        undefined,
        usdSum(volumes.map((r) => r.cost.storage)),
        usdSum(volumes.map((r) => r.cost.iops)),
        usdSum(volumes.map((r) => r.cost.throughput)),
        usdSum(volumes.map((r) => r.cost.total)),
        unpricedLabel(unpricedCount(volumes.map((r) => r.cost.total))),
      ],
    },
  );

  writeTable(
    workbook,
    'EBS_Summary',
    [
      { header: 'VolumeType', width: 12, value: (r) => r.volumeType },
      { header: 'TotalMonthlyUSD', width: 16, format: 'usd', value: (r) => r.monthly },
      { header: 'Count', width: 8, value: (r) => r.count },
      { header: 'SizeGB', width: 10, value: (r) => r.sizeGiB },
    ],
    report.volumeTypes,
    {
      totals: [
        'TOTAL',
        usdSum(report.volumeTypes.map((r) => r.monthly)),
        report.volumeTypes.reduce((sum, r) => sum + r.count, 0),
        report.volumeTypes.reduce((sum, r) => sum + r.sizeGiB, 0),
      ],
      notes: ['A volume type with any unpriced volume shows a blank highlighted total; see EBS_Volumes for which.'],
    },
  );

  writeTable(
    workbook,
    'Snapshots',
    [
      { header: 'SnapshotId', width: 24, value: (r) => r.snapshot.snapshotId },
      { header: 'Region', width: 15, value: (r) => r.snapshot.region },
      { header: 'VolumeId', width: 23, value: (r) => r.snapshot.volumeId },
      { header: 'VolumeSizeGB', width: 13, value: (r) => r.snapshot.volumeSizeGiB },
      { header: 'StartTime', width: 22, value: (r) => r.snapshot.startTime },
      { header: 'Description', width: 36, value: (r) => r.snapshot.description },
      { header: 'MonthlyUpperBound(USD)', width: 22, format: 'usd', value: (r) => r.monthly },
      { header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
    ],
    report.snapshots,
    {
      totals: [
        'TOTAL',
        undefined,
        undefined,
        report.snapshots.reduce((sum, r) => sum + r.snapshot.volumeSizeGiB, 0),
        undefined,
        undefined,
        usdSum(report.snapshots.map((r) => r.monthly)),
        unpricedLabel(unpricedCount(report.snapshots.map((r) => r.monthly))),
      ],
      notes: [
        'Upper bound: each snapshot is priced at its full volume size × the snapshot GB-month price. Real snapshots are incremental (only changed blocks are stored), so the bill is usually lower.',
      ],
    },
  );

  writeTable(
    workbook,
    'Public_IPv4',
    [
      { header: 'PublicIp', width: 16, value: (r) => r.address.publicIp },
      { header: 'Region', width: 15, value: (r) => r.address.region },
      { header: 'Kind', width: 10, value: (r) => (r.address.kind === 'elastic' ? 'Elastic IP' : 'instance') },
      { header: 'AllocationId', width: 27, value: (r) => r.address.allocationId },
      { header: 'InstanceId', width: 21, value: (r) => r.address.instanceId || undefined },
      { header: 'Usage', width: 8, value: (r) => r.usage },
      { header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
      { header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
      { header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
    ],
    report.addresses,
    {
      totals: [
        'TOTAL',
        `${report.addresses.length} addresses`,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        usdSum(report.addresses.map((r) => r.monthly)),
        unpricedLabel(unpricedCount(report.addresses.map((r) => r.monthly))),
      ],
    },
  );

  writeTable(
    workbook,
    'Waste',
    [
      { header: 'Kind', width: 22, value: (r) => r.kind },
      { header: 'Id', width: 27, value: (r) => r.id },
      { header: 'Region', width: 15, value: (r) => r.region },
      { header: 'Detail', width: 60, value: (r) => r.detail },
      { header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
    ],
    report.waste,
    {
      totals: ['TOTAL', `${report.waste.length} items`, undefined, undefined, usdSum(report.waste.map((r) => r.monthly))],
      notes: ['These costs are already inside the report totals; they are what could be saved by deleting or releasing them.'],
    },
  );

  writeTable(
    workbook,
    'Prices',
    [
      { header: 'PriceKey', width: 70, value: (r) => r.id },
      { header: 'Status', width: 10, value: (r) => r.result?.status ?? 'missing' },
      { header: 'SKU', width: 18, value: (r) => r.result?.sku },
      { header: 'Description', width: 60, value: (r) => r.result?.description },
      { header: 'Unit', width: 10, value: (r) => r.result?.unit },
      {
        header: 'USD',
        width: 12,
        format: 'rate',
        value: (r) =>
          r.result?.status === 'priced' && typeof r.result.usd === 'number'
            ? r.result.usd
            : { status: 'unpriced', reason: r.result?.reason ?? 'not looked up' },
      },
      { header: 'EffectiveDate', width: 22, value: (r) => r.result?.effectiveDate },
      { header: 'UsedBy', width: 8, value: (r) => r.usedBy },
      { header: 'Reason', width: 50, value: (r) => (r.result ? r.result.reason : 'no price was looked up for this key') },
    ],
    report.prices,
    { notes: [report.priceSource] },
  );

  writeTable(
    workbook,
    'Trend',
    [
      { header: 'ReportDate', width: 12, value: (r) => r.reportDate },
      { header: 'EC2Monthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ec2Monthly },
      { header: 'EBSMonthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ebsMonthly },
      { header: 'IPv4Monthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ipv4Monthly },
      { header: 'SnapshotMonthly(USD)', width: 20, format: 'usd', value: (r) => r.totals.snapshotMonthly },
      { header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totals.totalMonthly },
      { header: 'Waste(USD)', width: 12, format: 'usd', value: (r) => r.totals.wasteMonthly },
      { header: 'ScheduleSavings(USD)', width: 20, format: 'usd', value: (r) => r.totals.scheduleSavingsMonthly },
      { header: 'UnpricedItems', width: 14, value: (r) => r.totals.unpricedItems },
      { header: 'ChangeVsPrevious(USD)', width: 21, format: 'usd', value: (r) => r.changeUsd },
      { header: 'ChangeVsPrevious(%)', width: 19, format: 'percent', value: (r) => r.changeRatio },
      { header: 'Note', width: 14, value: (r) => (r.current ? 'this report' : undefined) },
    ],
    trend,
    { notes: trend.length <= 1 ? ['No previous report summaries were found under the report prefix.'] : [] },
  );

  await workbook.commit();
}
