/** Trend: this report's totals after up to 12 previous ones, each with its change against the one before. */
import type { TrendRow } from '../trend';
import { defineSheet } from './sheet';

export const trendSheet = defineSheet({
  name: 'Trend',
  rows: ({ trend }) => trend,
  columns: [
    { key: 'reportDate', header: 'ReportDate', width: 12, value: (r: TrendRow) => r.reportDate },
    { key: 'ec2Monthly', header: 'EC2Monthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ec2Monthly },
    { key: 'ebsMonthly', header: 'EBSMonthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ebsMonthly },
    { key: 'ipv4Monthly', header: 'IPv4Monthly(USD)', width: 16, format: 'usd', value: (r) => r.totals.ipv4Monthly },
    { key: 'snapshotMonthly', header: 'SnapshotMonthly(USD)', width: 20, format: 'usd', value: (r) => r.totals.snapshotMonthly },
    // Summaries written before the flag priced every snapshot at its volume size: an upper bound too.
    { key: 'snapshotBasis', header: 'SnapshotBasis', width: 14, value: (r) => (r.totals.snapshotMonthly > 0 ? (r.totals.snapshotUpperBound === false ? 'full size' : 'upper bound') : undefined) },
    { key: 'dedicatedMonthly', header: 'DedicatedMonthly(USD)', width: 21, format: 'usd', value: (r) => r.totals.dedicatedMonthly },
    { key: 'totalMonthly', header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totals.totalMonthly },
    { key: 'wasteMonthly', header: 'Waste(USD)', width: 12, format: 'usd', value: (r) => r.totals.wasteMonthly },
    { key: 'scheduleSavingsMonthly', header: 'ScheduleSavings(USD)', width: 20, format: 'usd', value: (r) => r.totals.scheduleSavingsMonthly },
    { key: 'unpricedItems', header: 'UnpricedItems', width: 14, value: (r) => r.totals.unpricedItems },
    { key: 'changeUsd', header: 'ChangeVsPrevious(USD)', width: 21, format: 'usd', value: (r) => r.changeUsd },
    { key: 'changeRatio', header: 'ChangeVsPrevious(%)', width: 19, format: 'percent', value: (r) => r.changeRatio },
    { key: 'backupCoverage', header: 'BackupCoverage(%)', width: 18, format: 'percent', value: (r) => r.backupCoverage },
    { key: 'note', header: 'Note', width: 14, value: (r) => (r.current ? 'this report' : undefined) },
  ],
  notes: ({ trend }) => (trend.length <= 1 ? ['No previous report summaries were found under the report prefix.'] : []),
});
