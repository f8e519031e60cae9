/**
 * Summary: what the report covers, the monthly totals with how each is computed, what Cost Explorer
 * says was billed beside them, backup coverage (the unprotected first), the counts, and instances by
 * state, type and region.
 */
import { GP3_FREE_IOPS, GP3_FREE_THROUGHPUT_MIBPS, HOURS_PER_MONTH, pricedSum, sumUsd } from '../../shared/cost-math';
import type { CostReport } from '../costs';
import { recoverableSentence } from '../../shared/backup-coverage';
import { periodDays, VARIANCE_EXPLAINED, type BilledReport } from '../costs/billed';
import type { GroupCount } from '../costs/totals';
import { LONG_STOPPED_DAYS } from '../costs/waste';
import { defineSheet } from './sheet';

export interface SummaryLine {
  item?: string;
  value?: string | number;
  monthly?: number;
  note?: string;
  style?: 'section' | 'unpriced';
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
  const lines: SummaryLine[] = [
    { item: 'Report date', value: report.reportDate },
    { item: 'Generated at', value: generatedAt },
    { item: 'Inventory collected at', value: report.collectedAt },
    { item: 'Regions covered', value: report.regions.join(', ') },
    { item: 'Price source', value: report.priceSource, note: `On-demand list prices; monthly = hourly × ${HOURS_PER_MONTH}` },
    {},
    { item: 'Monthly totals', style: 'section' },
    { item: 'EC2 compute', monthly: totals.ec2Monthly, note: `hourly × ${HOURS_PER_MONTH} for running and pending instances (Spot at its 7-day average Spot price); stopped instances: 0` },
    { item: 'EBS volumes', monthly: totals.ebsMonthly, note: `every volume, attached or not; gp3 IOPS above ${GP3_FREE_IOPS} and throughput above ${GP3_FREE_THROUGHPUT_MIBPS} MiB/s, io1/io2 all IOPS` },
    { item: 'Public IPv4 addresses', monthly: totals.ipv4Monthly, note: `Elastic IPs (associated or idle) and instance public IPs, hourly × ${HOURS_PER_MONTH}` },
    totals.snapshotUpperBound
      ? { item: 'Snapshots (upper bound)', monthly: totals.snapshotMonthly, note: 'standard snapshots at volume size × snapshot GB-month: they are incremental, so the bill is usually lower; archived ones at full size × the archive rate' }
      : { item: 'Snapshots', monthly: totals.snapshotMonthly, note: report.snapshots.length > 0 ? 'archived snapshots at their full size × the archive GB-month rate' : 'no snapshots' },
    ...(dedicated
      ? [{ item: 'Dedicated Hosts and fees', monthly: totals.dedicatedMonthly, note: `Dedicated Hosts per host-hour and the Dedicated Instance region fee, × ${HOURS_PER_MONTH}; see Dedicated` }]
      : []),
    { item: 'Total monthly', monthly: totals.totalMonthly, note: `EC2 + EBS + public IPv4 + snapshots${dedicated ? ' + Dedicated' : ''}` },
    { item: 'Waste', monthly: totals.wasteMonthly, note: `unattached volumes, idle Elastic IPs, disks of instances stopped > ${LONG_STOPPED_DAYS} days${dedicated ? ', empty Dedicated Hosts' : ''}; already inside the totals above` },
    { item: 'Schedule savings', monthly: totals.scheduleSavingsMonthly, note: 'running instances on a stop/start schedule: cost all month minus cost under the schedule' },
    {
      item: 'Unpriced items',
      value: totals.unpricedItems,
      note: totals.unpricedItems === 0 ? 'every item is priced' : `${totals.unpricedItems} items unpriced: their cost is not in the totals (see PriceStatus)`,
      style: totals.unpricedItems > 0 ? 'unpriced' : undefined,
    },
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
  ];
  const groups: [string, GroupCount[]][] = [
    ['Instances by state', report.byState],
    ['Instances by type', report.byInstanceType],
    ['Instances by region', report.byRegion],
  ];
  for (const [title, counts] of groups) {
    lines.push({}, { item: title, value: 'Count', note: 'Monthly(USD): EC2 + attached EBS', style: 'section' });
    for (const group of counts) lines.push({ item: group.key, value: group.count, monthly: group.totalMonthly });
  }
  return lines;
}

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
      note: `protected ${summary.protected}, stale ${summary.stale}, partial ${summary.partial}, unprotected ${summary.unprotected}; see Backups`,
      style: summary.recoverableRecently < summary.instances ? 'unpriced' : undefined,
    },
    ...listed('unprotected'),
    ...listed('partial'),
    ...listed('stale'),
    { item: 'Backup storage (upper bound)', monthly: summary.storageMonthly, note: 'every restore point at the EBS snapshot rates, warm and cold; full volume sizes, so the bill is lower. Already inside Snapshots above' },
    { item: 'Backup jobs failed', value: backups.jobs.length, note: `failed, expired or aborted in the last ${backups.jobDays} days; see Backup_Jobs`, style: backups.jobs.length > 0 ? 'unpriced' : undefined },
    ...backups.notes.map((note) => ({ item: 'Backup reads', value: 'incomplete', note, style: 'unpriced' as const })),
  ];
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
});
