/**
 * The Trend sheet's data: this report's totals after the previous published summaries (up to 12,
 * oldest first), each with its change against the one before.
 */
import { sumUsd } from '../shared/cost-math';
import type { AccountSummary, ReportSummary, ReportTotals } from '../shared/cost-types';

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

/** One account in one report, with its change against the account's previous report. */
export interface AccountTrendRow extends AccountSummary {
  reportDate: string;
  current: boolean;
  changeUsd?: number;
}

/**
 * The per-account trend: every account of this report, with its figures in each previous summary
 * that had it (oldest first), accounts in this report's order (largest first). Accounts no longer
 * in the report are left out: their history is in the earlier workbooks.
 */
export function accountTrendRows(previous: readonly ReportSummary[], current: { reportDate: string; accounts: readonly AccountSummary[] }): AccountTrendRow[] {
  const ordered = [...previous].sort((a, b) => a.reportDate.localeCompare(b.reportDate));
  return current.accounts.flatMap((account) => {
    const history = ordered.flatMap((s) => {
      const found = s.accounts?.find((a) => a.accountId === account.accountId);
      return found ? [{ ...found, reportDate: s.reportDate, current: false }] : [];
    });
    const rows: AccountTrendRow[] = [];
    for (const entry of [...history, { ...account, reportDate: current.reportDate, current: true }]) {
      const before = rows[rows.length - 1];
      rows.push({ ...entry, changeUsd: before ? sumUsd([entry.totalMonthly, -before.totalMonthly]) : undefined });
    }
    return rows;
  });
}
