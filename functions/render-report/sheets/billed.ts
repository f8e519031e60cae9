/** Billed: what Cost Explorer says was billed per region and category, beside the list-price estimate for the same days and the variance. */
import { HOURS_PER_MONTH } from '../../shared/cost-math';
import type { BilledPeriodName } from '../../shared/cost-types';
import { periodDays, VARIANCE_EXPLAINED, type BilledReport, type BilledRow } from '../costs/billed';
import { defineSheet, type Column } from './sheet';

const PERIOD_HEADERS: Record<BilledPeriodName, string> = { lastWeek: 'LastWeek', monthToDate: 'MonthToDate' };

function periodColumns(name: BilledPeriodName): Column<BilledRow, string>[] {
  const prefix = PERIOD_HEADERS[name];
  return [
    { key: `${name}Unblended`, header: `${prefix}Unblended(USD)`, width: 20, format: 'usd', value: (r) => r.periods[name]?.unblended },
    { key: `${name}Amortized`, header: `${prefix}Amortized(USD)`, width: 20, format: 'usd', value: (r) => r.periods[name]?.amortized },
    { key: `${name}Estimate`, header: `${prefix}Estimate(USD)`, width: 20, format: 'usd', value: (r) => r.periods[name]?.estimate },
    { key: `${name}Variance`, header: `${prefix}Variance(USD)`, width: 20, format: 'usd', value: (r) => r.periods[name]?.variance },
  ];
}

function billedNotes(billed: BilledReport): string[] {
  if (billed.unavailable) return [`No billed figures: ${billed.unavailable.reason}${billed.unavailable.code ? ` (${billed.unavailable.code})` : ''}.`];
  const describe = billed.periods.map((p) => `${PERIOD_HEADERS[p.name]} = ${periodDays(p)} (${p.days} days, UTC)`);
  const notEstimated = billed.periods
    .filter((p) => (billed.notEstimated[p.name] ?? 0) !== 0)
    .map((p) => `${PERIOD_HEADERS[p.name]} $${(billed.notEstimated[p.name] ?? 0).toFixed(2)}`);
  return [
    `${describe.join('; ')}. Unblended and amortized cost from Cost Explorer (GetCostAndUsage, ${billed.requests} request(s) at 0.01 USD each).`,
    `Estimate = the list-price monthly estimate of this report × days × 24 / ${HOURS_PER_MONTH}; Variance = Amortized − Estimate.`,
    VARIANCE_EXPLAINED,
    ...(billed.estimated ? ['Cost Explorer marks the most recent days as estimated: they can still change.'] : []),
    ...(notEstimated.length > 0 ? [`Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: ${notEstimated.join(', ')}; not in the rows above.`] : []),
  ];
}

export const billedSheet = defineSheet({
  name: 'Billed',
  rows: ({ report }) => report.billed.rows,
  columns: [
    { key: 'region', header: 'Region', width: 15, value: (r: BilledRow) => r.region },
    { key: 'category', header: 'Category', width: 14, value: (r) => r.category },
    ...periodColumns('lastWeek'),
    ...periodColumns('monthToDate'),
    { key: 'usageTypes', header: 'UsageTypes', width: 60, value: (r) => r.usageTypes },
  ],
  totals: {
    category: { count: 'rows' },
    lastWeekUnblended: 'sum',
    lastWeekAmortized: 'sum',
    lastWeekEstimate: 'sum',
    lastWeekVariance: 'sum',
    monthToDateUnblended: 'sum',
    monthToDateAmortized: 'sum',
    monthToDateEstimate: 'sum',
    monthToDateVariance: 'sum',
  },
  notes: ({ report }) => billedNotes(report.billed),
});
