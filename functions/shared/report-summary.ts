/**
 * The JSON summary published beside each workbook: reading earlier ones (the Trend sheet, the
 * "report ready" message's change against last week) and saying its totals in plain text (that
 * message and `ops report`), so both read the same.
 */
import { recoverableSentence } from './backup-coverage';
import type { BackupSummary } from './backup-types';
import type { ReportSummary, ReportTotals } from './cost-types';
import type { DecisionLog } from './logger';
import { previousSummaryKeys } from './report-keys';
import type { ReportStore } from './report-store';

/** A summary, or undefined when the JSON is not a summary this code can read. */
export function parseSummary(text: string): ReportSummary | undefined {
  try {
    const value = JSON.parse(text) as Partial<ReportSummary>;
    const totals = value.totals as Partial<ReportTotals> | undefined;
    if (typeof value.reportDate !== 'string' || !totals || typeof totals.totalMonthly !== 'number') return undefined;
    return value as ReportSummary;
  } catch {
    return undefined;
  }
}

/** The latest `count` published summaries dated before `reportDate`, oldest first; unreadable ones are left out with a warning. */
export async function readPreviousSummaries(
  store: ReportStore,
  reportPrefix: string,
  reportDate: string,
  count: number,
  log: DecisionLog,
): Promise<ReportSummary[]> {
  const keys = previousSummaryKeys(reportPrefix, await store.listKeys(reportPrefix), reportDate, count);
  const summaries: ReportSummary[] = [];
  for (const key of keys) {
    const summary = parseSummary(await store.readText(key, 'previous report summary'));
    if (summary) summaries.push(summary);
    else log.warn('previous report summary is unreadable; left out', { key });
  }
  return summaries;
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** $1,234.56 */
export function formatUsd(value: number): string {
  return USD.format(value);
}

/** +$12.34 / -$5.00: a change, always signed. */
export function formatUsdChange(value: number): string {
  return `${value < 0 ? '-' : '+'}${USD.format(Math.abs(value))}`;
}

/** The money lines of a summary; older summaries lack the newer fields, and their lines follow what the numbers were. */
function moneyLines(t: ReportTotals): [label: string, amount: number, note?: string][] {
  return [
    ['EC2 monthly', t.ec2Monthly],
    ...(t.cpuCreditsMonthly ? ([['EC2 CPU credits monthly', t.cpuCreditsMonthly]] as [string, number][]) : []),
    ['EBS monthly', t.ebsMonthly],
    ['Public IPv4 monthly', t.ipv4Monthly],
    // The upper-bound label follows the number (summaries without the flag priced every snapshot at its volume size).
    [t.snapshotUpperBound === false ? 'Snapshots monthly' : 'Snapshots, upper bound', t.snapshotMonthly],
    ...(t.dedicatedMonthly ? ([['Dedicated monthly', t.dedicatedMonthly]] as [string, number][]) : []),
    ...(t.rdsMonthly ? ([['RDS and Aurora monthly', t.rdsMonthly]] as [string, number][]) : []),
    ['Total monthly', t.totalMonthly],
    ['Waste (idle resources)', t.wasteMonthly],
    ['Schedule savings', t.scheduleSavingsMonthly, savingsByKindNote(t)],
  ];
}

/** How the schedule savings of each kind are named, wherever they are shown (workbook, messages, demo). */
export const SAVINGS_KIND_LABELS = { ec2: 'EC2 instances', rds: 'RDS DB instances', aurora: 'Aurora clusters', asg: 'Auto Scaling groups' } as const satisfies Record<keyof NonNullable<ReportTotals['scheduleSavingsByKind']>, string>;

/** "(EC2 instances $633.16, RDS DB instances $10.98, Aurora clusters $50.03, Auto Scaling groups $12.00)" once another kind than EC2 saves anything; else nothing. Summaries from before groups have no `asg` and name none. */
function savingsByKindNote(t: ReportTotals): string | undefined {
  const byKind = t.scheduleSavingsByKind;
  if (!byKind || (!byKind.rds && !byKind.aurora && !byKind.asg)) return undefined;
  const kinds = (Object.keys(SAVINGS_KIND_LABELS) as (keyof typeof SAVINGS_KIND_LABELS)[]).filter((kind) => byKind[kind] !== undefined);
  return `(${kinds.map((kind) => `${SAVINGS_KIND_LABELS[kind]} ${formatUsd(byKind[kind] ?? 0)}`).join(', ')})`;
}

/** "Backups: 9 of 12 instances recoverable from a point < 26 h old (stale 1, partial 0, unprotected 2)" */
export function backupsLine(backups: BackupSummary): string {
  return `Backups: ${recoverableSentence(backups)} (stale ${backups.stale}, partial ${backups.partial}, unprotected ${backups.unprotected})`;
}

/** The summary's heading, totals (aligned, two-space indent), counts and backups, as people read them in a terminal or an e-mail. */
export function summaryTotalsLines(summary: ReportSummary): string[] {
  const t = summary.totals;
  const c = summary.counts;
  const money = moneyLines(t);
  const amounts = money.map(([, amount]) => formatUsd(amount));
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  return [
    `Summary for ${summary.reportDate} (${summary.regions.join(', ')}; generated ${summary.generatedAt}; prices: ${summary.priceSource})`,
    ...money.map(([label, , note], i) => `  ${label.padEnd(22)} ${(amounts[i] ?? '').padStart(amountWidth)}${note ? `  ${note}` : ''}`),
    `  ${'Unpriced items'.padEnd(22)} ${String(t.unpricedItems).padStart(amountWidth)}${t.unpricedItems > 0 ? '  (their cost is not in the totals; see the workbook)' : ''}`,
    `  Instances ${c.instances} (${c.running} running, ${c.stopped} stopped), volumes ${c.volumes} (${c.unattachedVolumes} unattached), idle IPs ${c.idleAddresses}, snapshots ${c.snapshots}`,
    ...(summary.backups ? [`  ${backupsLine(summary.backups)}`] : []),
  ];
}
