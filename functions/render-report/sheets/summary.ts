/**
 * Summary: what the report covers, the monthly totals with how each is computed, what Cost Explorer
 * says was billed beside them, backup coverage (the unprotected first), the counts, native charts of
 * where the money goes (by kind, instance type, region, week) and of backup coverage when the report
 * read backups, and instances by state, type and region. Prints on one page with its charts.
 */
import { GP3_FREE_IOPS, GP3_FREE_THROUGHPUT_MIBPS, HOURS_PER_MONTH, pricedSum, sumUsd } from '../../shared/cost-math';
import type { CostReport } from '../costs';
import { RDS_SAVINGS_KINDS, type DatabaseRow } from '../costs/databases';
import { recoverableSentence, type CoverageStatus } from '../../shared/backup-coverage';
import { periodDays, VARIANCE_EXPLAINED, type BilledReport } from '../costs/billed';
import type { GroupCount } from '../costs/totals';
import { LONG_STOPPED_DAYS } from '../costs/waste';
import type { PrintOptions } from '../xlsx/print-setup';
import type { ChartSpec } from '../xlsx/charts';
import { defineSheet, type SheetLayout, type WorkbookInput } from './sheet';
import { SAVINGS_KIND_LABELS } from '../../shared/report-summary';
import { trendSheet } from './trend';

/** Lines that charts read, or that hold their place: each chart points at exactly its lines' cells. */
type ChartData = 'costByKind' | 'costByType' | 'costByRegion' | 'backupCoverage' | 'chartArea';

export interface SummaryLine {
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
/** Up to this many lines the Summary and its charts print on one page (room for the RDS and per-kind savings lines); a longer one (many instance types) prints one page wide. */
const ONE_PAGE_LINES = 160;
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
  return 4 + (report.backups.summary ? 1 : 0);
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const signedUsd = (amount: number) => `${amount >= 0 ? '+' : '−'}${usd.format(Math.abs(amount))}`;

/** Billed beside estimated, one line per period (the Billed sheet has them by region and category). */
export function billedLines(billed: BilledReport): SummaryLine[] {
  const title = 'Billed (Cost Explorer)';
  if (billed.unavailable) {
    return [{ item: title, value: billed.status === 'off' ? 'off' : 'not available', note: billed.unavailable.reason, style: billed.status === 'off' ? undefined : 'unpriced' }];
  }
  const lines: SummaryLine[] = [{ item: title, value: 'amortized (unblended)', note: 'what AWS billed, beside the list-price estimate for the same days; by region and category in Billed', style: 'section' }];
  for (const period of billed.periods) {
    const figures = billed.rows.flatMap((r) => (r.periods[period.name] ? [r.periods[period.name]!] : []));
    const amortized = sumUsd(figures.map((f) => f.amortized));
    const unblended = sumUsd(figures.map((f) => f.unblended));
    const estimate = pricedSum(figures.map((f) => f.estimate));
    const short = figures.some((f) => f.estimate.status === 'unpriced') ? ' (unpriced items left out)' : '';
    const variance = sumUsd([amortized, -estimate]);
    const ratio = estimate !== 0 ? ` (${variance >= 0 ? '+' : '−'}${Math.abs((variance / estimate) * 100).toFixed(1)}%)` : '';
    lines.push({
      item: period.name === 'lastWeek' ? 'Billed last week' : 'Billed month to date',
      value: `${usd.format(amortized)} (${usd.format(unblended)})`,
      note: `${periodDays(period)}: list-price estimate ${usd.format(estimate)}${short}, variance ${signedUsd(variance)}${ratio}`,
    });
  }
  lines.push({ item: 'Variance explained', note: VARIANCE_EXPLAINED });
  return lines;
}

function summaryLines(report: CostReport, generatedAt: string): SummaryLine[] {
  const { totals } = report;
  const dedicated = report.dedicated.length > 0;
  const databases = report.databases.length > 0;
  // Running burstable instances: the line shows what was estimated and how many were not.
  const burstable = report.instances.filter((r) => r.cpuCreditsMonthly !== undefined);
  const creditsUnestimated = burstable.filter((r) => r.cpuCreditsMonthly?.status === 'unpriced').length;
  const standardMode = burstable.filter((r) => r.instance.cpuCredits?.creditOption === 'standard').length;
  const lines: SummaryLine[] = [
    { item: 'Report date', value: report.reportDate },
    { item: 'Generated at', value: generatedAt },
    { item: 'Inventory collected at', value: report.collectedAt },
    { item: 'Regions covered', value: report.regions.join(', ') },
    ...accountsCoveredLines(report),
    { item: 'Price source', value: report.priceSource, note: `On-demand list prices; monthly = hourly × ${HOURS_PER_MONTH}` },
    {},
    { item: 'Monthly totals', style: 'section' },
    { item: 'EC2 compute', monthly: totals.ec2Monthly, note: `hourly × ${HOURS_PER_MONTH} for running and pending instances (Spot at its 7-day average Spot price); stopped instances: 0`, chartData: 'costByKind' },
    ...(burstable.length > 0
      ? [
          {
            item: 'EC2 CPU credits (T instances)',
            monthly: totals.cpuCreditsMonthly ?? 0,
            note:
              `surplus credits CloudWatch says ${burstable.length} running t2/t3/t3a/t4g instance(s) were charged in the last 7 days (CPUSurplusCreditsCharged), as vCPU-hours × ${HOURS_PER_MONTH} / 168 × the CPUCredits rate; not a schedule saving` +
              (standardMode > 0 ? `; ${standardMode} in standard mode: 0 (no surplus credits are charged)` : '') +
              (creditsUnestimated > 0 ? `; ${creditsUnestimated} not estimated (no datapoints or the read refused: see their Note), not in the total` : ''),
            style: creditsUnestimated > 0 ? ('unpriced' as const) : undefined,
            chartData: 'costByKind' as const,
          },
        ]
      : []),
    { item: 'EBS volumes', monthly: totals.ebsMonthly, note: `every volume, attached or not; gp3 IOPS above ${GP3_FREE_IOPS} and throughput above ${GP3_FREE_THROUGHPUT_MIBPS} MiB/s, io1/io2 all IOPS`, chartData: 'costByKind' },
    { item: 'Public IPv4 addresses', monthly: totals.ipv4Monthly, note: `Elastic IPs (associated or idle) and instance public IPs, hourly × ${HOURS_PER_MONTH}`, chartData: 'costByKind' },
    totals.snapshotUpperBound
      ? { item: 'Snapshots (upper bound)', monthly: totals.snapshotMonthly, note: 'standard snapshots at volume size × snapshot GB-month: they are incremental, so the bill is usually lower; archived ones at full size × the archive rate', chartData: 'costByKind' }
      : { item: 'Snapshots', monthly: totals.snapshotMonthly, note: report.snapshots.length > 0 ? 'archived snapshots at their full size × the archive GB-month rate' : 'no snapshots', chartData: 'costByKind' },
    ...(dedicated
      ? [{ item: 'Dedicated Hosts and fees', monthly: totals.dedicatedMonthly, note: `Dedicated Hosts per host-hour and the Dedicated Instance region fee, × ${HOURS_PER_MONTH}; see Dedicated`, chartData: 'costByKind' as const }]
      : []),
    ...(databases
      ? [{ item: 'RDS and Aurora', monthly: totals.rdsMonthly, note: `DB instance hours × ${HOURS_PER_MONTH} unless stopped, plus allocated storage and Provisioned IOPS (billed stopped or not) and Aurora storage and I/O; see RDS`, chartData: 'costByKind' as const }]
      : []),
    { item: 'Total monthly', monthly: totals.totalMonthly, note: `EC2${burstable.length > 0 ? ' + CPU credits' : ''} + EBS + public IPv4 + snapshots${dedicated ? ' + Dedicated' : ''}${databases ? ' + RDS and Aurora' : ''}` },
    { item: 'Waste', monthly: totals.wasteMonthly, note: `unattached volumes, idle Elastic IPs, disks of instances stopped > ${LONG_STOPPED_DAYS} days${dedicated ? ', empty Dedicated Hosts' : ''}; already inside the totals above` },
    ...scheduleSavingsLines(report),
    {
      item: 'Unpriced items',
      value: totals.unpricedItems,
      note: totals.unpricedItems === 0 ? 'every item is priced' : `${totals.unpricedItems} items unpriced: their cost is not in the totals (see PriceStatus)`,
      style: totals.unpricedItems > 0 ? 'unpriced' : undefined,
    },
    ...accountLines(report),
    {},
    ...billedLines(report.billed),
    ...backupLines(report),
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
  return lines;
}

/** What the Auto Scaling groups line counts, and what it cannot price (a group stopped now). */
function groupsNote(groups: CostReport['groups']): string {
  const stopped = groups.filter((g) => g.group.scheduleState === 'stopped').map((g) => g.group.name);
  const mixed = groups.some((g) => g.group.mixedInstances);
  return [
    "running groups on a schedule: their in-service members' instance hours, EBS volumes deleted on termination and public IPv4 (released on termination), cost all month minus cost under the schedule",
    ...(mixed ? ['a mixed-instances group is estimated from the members running now'] : []),
    ...(stopped.length > 0 ? [`stopped now, nothing running to price: ${stopped.join(', ')}`] : []),
    'see Auto_Scaling',
  ].join('; ');
}

/**
 * The schedule's savings labelled per kind: EC2 instances always; RDS DB instances, Aurora
 * clusters and Auto Scaling groups when the report has scheduled ones; then their total when there
 * is more than one kind.
 */
export function scheduleSavingsLines({ totals, databases, databaseNotes, groups, groupNotes }: CostReport): SummaryLine[] {
  const byKind = totals.scheduleSavingsByKind ?? { ec2: totals.scheduleSavingsMonthly, rds: 0, aurora: 0 };
  const scheduled = (...kinds: readonly DatabaseRow['kind'][]) => databases.some((r) => kinds.includes(r.kind) && r.database.scheduleTagValue !== undefined);
  const ec2Note = 'running instances on a stop/start schedule: cost all month minus cost under the schedule (Auto Scaling group members are counted with their group, not as instances); see EC2_Detail_Costs';
  const kinds: SummaryLine[] = [
    ...(scheduled(...RDS_SAVINGS_KINDS)
      ? [{ item: `Schedule savings — ${SAVINGS_KIND_LABELS.rds}`, monthly: byKind.rds, note: 'available DB instances on a schedule: instance hours saved × the hourly rate; their storage and Provisioned IOPS are still billed while stopped; see RDS' }]
      : []),
    ...(scheduled('Aurora instance')
      ? [{ item: `Schedule savings — ${SAVINGS_KIND_LABELS.aurora}`, monthly: byKind.aurora, note: "available clusters on a schedule: their instances' hours saved; cluster storage is still billed while stopped; see RDS" }]
      : []),
    ...(groups.length > 0 ? [{ item: `Schedule savings — ${SAVINGS_KIND_LABELS.asg}`, monthly: byKind.asg ?? 0, note: groupsNote(groups) }] : []),
  ];
  const notRead = [
    ...databaseNotes.map((note): SummaryLine => ({ item: 'Database reads', value: 'incomplete', note: `${note}: these databases are not in the report`, style: 'unpriced' })),
    ...groupNotes.map((note): SummaryLine => ({ item: 'Auto Scaling group reads', value: 'incomplete', note: `${note}: these groups' savings are not in the report`, style: 'unpriced' })),
  ];
  if (kinds.length === 0) return [{ item: `Schedule savings — ${SAVINGS_KIND_LABELS.ec2}`, monthly: byKind.ec2, note: ec2Note }, ...notRead];
  return [
    { item: `Schedule savings — ${SAVINGS_KIND_LABELS.ec2}`, monthly: byKind.ec2, note: ec2Note },
    ...kinds,
    { item: 'Schedule savings (total)', monthly: totals.scheduleSavingsMonthly, note: 'the lines above together' },
    ...notRead,
  ];
}

/** Accounts listed one per line on the Summary, the largest first; the detail sheets have every row with its AccountId. */
export const SUMMARY_ACCOUNTS = 50;

const accountLabel = (a: { accountId: string; name?: string }) => (a.name ? `${a.accountId} (${a.name})` : a.accountId);

/** How many accounts and targets the report covers, and which targets it could not read: never silently missing. */
function accountsCoveredLines(report: CostReport): SummaryLine[] {
  if (report.accounts.every((a) => a.accountId === '') && report.uncollected.length === 0) return [];
  const collected = report.accounts.filter((a) => a.accountId !== '');
  const targets = collected.reduce((n, a) => n + a.regions.length, 0);
  const lines: SummaryLine[] = [
    {
      item: 'Accounts covered',
      value: collected.length,
      note: `${targets} account-region target(s) collected${report.uncollected.length > 0 ? `; ${report.uncollected.length} not collected, listed below` : ''}`,
      style: report.uncollected.length > 0 ? 'unpriced' : undefined,
    },
  ];
  for (const target of report.uncollected) {
    lines.push({
      item: `  not collected`,
      value: `${target.accountId} ${target.region}`,
      note: `${target.status === 'unreachable' ? 'unreachable' : 'collection failed'}: ${target.error ?? ''}${target.message ? ` (${target.message})` : ''}; its resources are not in this report`,
      style: 'unpriced',
    });
  }
  return lines;
}

/** One line per account: its monthly estimate, with instances, waste and schedule savings beside it. */
function accountLines(report: CostReport): SummaryLine[] {
  const accounts = report.accounts.filter((a) => a.accountId !== '');
  if (accounts.length === 0) return [];
  const lines: SummaryLine[] = [
    {},
    { item: 'By account', value: 'Instances', note: 'Monthly(USD): the account\'s total monthly estimate; then its waste and schedule savings (inside it)', style: 'section' },
  ];
  for (const account of accounts.slice(0, SUMMARY_ACCOUNTS)) {
    const { totals } = account;
    lines.push({
      item: accountLabel(account),
      value: account.instances,
      monthly: totals.totalMonthly,
      note: `waste ${usd.format(totals.wasteMonthly)}, schedule savings ${usd.format(totals.scheduleSavingsMonthly)}${totals.unpricedItems > 0 ? `, ${totals.unpricedItems} unpriced` : ''}; ${account.regions.join(', ')}`,
    });
  }
  if (accounts.length > SUMMARY_ACCOUNTS) {
    const rest = accounts.slice(SUMMARY_ACCOUNTS);
    lines.push({ item: `… ${rest.length} more accounts`, value: rest.reduce((n, a) => n + a.instances, 0), monthly: sumUsd(rest.map((a) => a.totals.totalMonthly)), note: 'filter the detail sheets by AccountId' });
  }
  return lines;
}

/** The backup coverage chart's categories (instances by status), in the order the Backups sheet explains them. */
const COVERAGE_STATUSES: readonly [CoverageStatus, label: string, note: string][] = [
  ['protected', 'Protected', 'every volume has a point younger than its StaleAfter'],
  ['stale', 'Stale', "some volume's newest point is older than its StaleAfter"],
  ['partial', 'Partial', 'some volumes have no restore point'],
  ['unprotected', 'Unprotected', 'no volume has a restore point'],
];

/** Instances listed by name per status on the Summary; the Backups sheet has them all. */
const SUMMARY_LISTED = 20;

/** How many instances could be restored and from when, the unprotected ones listed first. */
function backupLines({ backups }: CostReport): SummaryLine[] {
  const { summary } = backups;
  if (!summary) return [];
  const listed = (status: 'unprotected' | 'partial' | 'stale'): SummaryLine[] => {
    const rows = backups.rows.filter((r) => r.coverage.status === status);
    const lines: SummaryLine[] = rows.slice(0, SUMMARY_LISTED).map((r) => ({
      item: `  ${status}`,
      value: `${r.instance.name || r.instance.instanceId} (${r.instance.instanceId}, ${r.instance.region})`,
      note: r.taggedForBackup ? `tagged for backup: ${r.planNames.join(', ')}` : 'no backup plan reaches it',
      style: status === 'stale' ? undefined : ('unpriced' as const),
    }));
    if (rows.length > SUMMARY_LISTED) lines.push({ item: `  ${status}`, value: `… and ${rows.length - SUMMARY_LISTED} more: see Backups` });
    return lines;
  };
  return [
    {},
    { item: 'Backups', style: 'section' },
    {
      item: 'Recoverable',
      value: recoverableSentence(summary),
      note: 'instances by status below (the backup coverage chart draws them); see Backups',
      style: summary.recoverableRecently < summary.instances ? 'unpriced' : undefined,
    },
    ...COVERAGE_STATUSES.map(
      ([status, item, note]): SummaryLine => ({
        item,
        value: summary[status],
        note,
        chartData: 'backupCoverage',
        style: summary[status] > 0 && (status === 'unprotected' || status === 'partial') ? 'unpriced' : undefined,
      }),
    ),
    ...listed('unprotected'),
    ...listed('partial'),
    ...listed('stale'),
    { item: 'Backup storage (upper bound)', monthly: summary.storageMonthly, note: 'every restore point at the EBS snapshot rates, warm and cold; full volume sizes, so the bill is lower. Already inside Snapshots above' },
    { item: 'Backup jobs failed', value: backups.jobs.length, note: `failed, expired or aborted in the last ${backups.jobDays} days; see Backup_Jobs`, style: backups.jobs.length > 0 ? 'unpriced' : undefined },
    ...backups.notes.map((note) => ({ item: 'Backup reads', value: 'incomplete', note, style: 'unpriced' as const })),
  ];
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
  series('backupCoverage', 'value', 'Backup coverage (instances)', 'doughnut');

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
    { key: 'note', header: 'Note', width: 100, wrap: true, value: (l) => l.note },
  ],
  print: (lines): PrintOptions => (lines.length <= ONE_PAGE_LINES ? { fit: 'page' } : { fit: 'width', headerRows: 1 }),
  charts: summaryCharts,
});
