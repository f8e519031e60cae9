/** The report's metrics when the report has a backup view: coverage as a percentage, beside the totals. */
import { backupCoveragePercent, emitReportMetrics } from '../../functions/shared/metrics';
import type { ReportTotals } from '../../functions/shared/cost-types';
import { emfDataPoints } from '../support/emf';

const TOTALS: ReportTotals = { ec2Monthly: 10, ebsMonthly: 5, ipv4Monthly: 0, snapshotMonthly: 0, totalMonthly: 15, wasteMonthly: 2.5, scheduleSavingsMonthly: 4, unpricedItems: 0 };

function printed(emit: () => void): string {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  try {
    emit();
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = disabled;
    write.mockRestore();
  }
  return lines.join('');
}

test('backup coverage is the share of protected resources, to one decimal; a view of no resources has none', () => {
  expect(backupCoveragePercent({ protected: 11, partial: 1, stale: 1, unprotected: 1 })).toBe(78.6);
  expect(backupCoveragePercent({ protected: 0, partial: 0, stale: 0, unprotected: 0 })).toBeUndefined();
});

test('a report with a backup view adds BackupCoveragePercent to its EMF line; one without leaves it out', () => {
  const [withCoverage] = emfDataPoints(printed(() => emitReportMetrics(TOTALS, { protected: 3, partial: 0, stale: 1, unprotected: 0 })));
  const [without] = emfDataPoints(printed(() => emitReportMetrics(TOTALS)));

  expect(withCoverage?.metrics.BackupCoveragePercent).toEqual({ value: 75, unit: 'Percent' });
  expect(withCoverage?.metrics.MonthlyEstimateUSD).toEqual({ value: 15, unit: 'None' });
  expect(Object.keys(without?.metrics ?? {})).toEqual(['MonthlyEstimateUSD', 'WasteMonthlyUSD', 'ScheduleSavingsMonthlyUSD', 'UnpricedItems']);
});
