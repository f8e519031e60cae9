/**
 * The JSON summary published beside each workbook: reading earlier ones (the Trend sheet, the
 * "report ready" message's change against last week) and saying its totals in plain text (that
 * message and `ops report`), so both read the same.
 */
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

const MONEY_LINES: readonly [label: string, field: keyof ReportTotals][] = [
  ['EC2 monthly', 'ec2Monthly'],
  ['EBS monthly', 'ebsMonthly'],
  ['Public IPv4 monthly', 'ipv4Monthly'],
  ['Snapshots monthly', 'snapshotMonthly'],
  ['Total monthly', 'totalMonthly'],
  ['Waste (idle resources)', 'wasteMonthly'],
  ['Schedule savings', 'scheduleSavingsMonthly'],
];

/** The summary's heading, totals (aligned, two-space indent) and counts, as people read them in a terminal or an e-mail. */
export function summaryTotalsLines(summary: ReportSummary): string[] {
  const t = summary.totals;
  const c = summary.counts;
  const amounts = MONEY_LINES.map(([, field]) => formatUsd(t[field]));
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  return [
    `Summary for ${summary.reportDate} (${summary.regions.join(', ')}; generated ${summary.generatedAt}; prices: ${summary.priceSource})`,
    ...MONEY_LINES.map(([label], i) => `  ${label.padEnd(22)} ${(amounts[i] ?? '').padStart(amountWidth)}`),
    `  ${'Unpriced items'.padEnd(22)} ${String(t.unpricedItems).padStart(amountWidth)}${t.unpricedItems > 0 ? '  (their cost is not in the totals; see the workbook)' : ''}`,
    `  Instances ${c.instances} (${c.running} running, ${c.stopped} stopped), volumes ${c.volumes} (${c.unattachedVolumes} unattached), idle IPs ${c.idleAddresses}, snapshots ${c.snapshots}`,
  ];
}
