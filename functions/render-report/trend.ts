/**
 * The Trend sheet's data: this report's totals after the previous published summaries (up to 12,
 * oldest first), each with its change against the one before.
 */
import { sumUsd } from '../shared/cost-math';
import type { ReportSummary, ReportTotals } from '../shared/cost-types';

export const TREND_REPORTS = 12;

export interface TrendRow {
  reportDate: string;
  totals: ReportTotals;
  current: boolean;
  changeUsd?: number;
  changeRatio?: number;
  /** Share of instances recoverable from a recent point; absent for reports written before backups were read. */
  backupCoverage?: number;
}

export function trendRows(previous: readonly ReportSummary[], current: { reportDate: string; totals: ReportTotals; backupCoverage?: number }): TrendRow[] {
  const ordered = [...previous]
    .sort((a, b) => a.reportDate.localeCompare(b.reportDate))
    .map((s) => ({ reportDate: s.reportDate, totals: s.totals, backupCoverage: s.backups?.coverage }));
  const rows: TrendRow[] = [];
  for (const [index, report] of [...ordered, current].entries()) {
    const before = rows[index - 1];
    const changeUsd = before ? sumUsd([report.totals.totalMonthly, -before.totals.totalMonthly]) : undefined;
    rows.push({
      reportDate: report.reportDate,
      totals: report.totals,
      current: index === ordered.length,
      changeUsd,
      changeRatio: before && changeUsd !== undefined && before.totals.totalMonthly !== 0 ? changeUsd / before.totals.totalMonthly : undefined,
      backupCoverage: report.backupCoverage,
    });
  }
  return rows;
}
