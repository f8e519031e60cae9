/** Trend_By_Account: each account's monthly estimate in this report and the previous ones that had it, with the change. */
import type { AccountTrendRow } from '../trend';
import { accountIdColumn, defineSheet } from './sheet';

export const trendByAccountSheet = defineSheet({
  name: 'Trend_By_Account',
  rows: ({ accountTrend }) => accountTrend ?? [],
  columns: [
    accountIdColumn((r: AccountTrendRow) => r.accountId),
    { key: 'reportDate', header: 'ReportDate', width: 12, value: (r) => r.reportDate },
    { key: 'instances', header: 'Instances', width: 10, value: (r) => r.instances },
    { key: 'totalMonthly', header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totalMonthly },
    { key: 'wasteMonthly', header: 'Waste(USD)', width: 12, format: 'usd', value: (r) => r.wasteMonthly },
    { key: 'scheduleSavingsMonthly', header: 'ScheduleSavings(USD)', width: 20, format: 'usd', value: (r) => r.scheduleSavingsMonthly },
    { key: 'changeUsd', header: 'ChangeVsPrevious(USD)', width: 21, format: 'usd', value: (r) => r.changeUsd },
    { key: 'note', header: 'Note', width: 14, value: (r) => (r.current ? 'this report' : undefined) },
  ],
  notes: [
    'One block per account of this report, largest first, its earlier reports above its current one; filter by AccountId. Reports written before the report covered accounts have no per-account figures.',
  ],
});
