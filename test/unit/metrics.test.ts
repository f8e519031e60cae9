/** The report's metrics when the report read backups: coverage (the Trend's BackupCoverage) as a percentage, beside the totals. */
import { backupCoveragePercent, emitReportMetrics } from '../../functions/shared/metrics';
import type { BackupSummary } from '../../functions/shared/backup-types';
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

const BACKUPS: BackupSummary = { instances: 4, recoverableRecently: 3, coverage: 0.75, protected: 3, stale: 1, partial: 0, unprotected: 0, taggedWithoutPoint: 0, storageMonthly: 1.2 };

test('backup coverage is the share of instances recoverable from a recent point, in percent to one decimal; a report of no instances has none', () => {
  expect(backupCoveragePercent({ coverage: 11 / 14 })).toBe(78.6);
  expect(backupCoveragePercent({})).toBeUndefined();
});

test('a report that read backups adds BackupCoveragePercent to its EMF line; one without leaves it out', () => {
  const [withCoverage] = emfDataPoints(printed(() => emitReportMetrics(TOTALS, BACKUPS)));
  const [without] = emfDataPoints(printed(() => emitReportMetrics(TOTALS)));

  expect(withCoverage?.metrics.BackupCoveragePercent).toEqual({ value: 75, unit: 'Percent' });
  expect(withCoverage?.metrics.MonthlyEstimateUSD).toEqual({ value: 15, unit: 'None' });
  expect(Object.keys(without?.metrics ?? {})).toEqual(['MonthlyEstimateUSD', 'WasteMonthlyUSD', 'ScheduleSavingsMonthlyUSD', 'UnpricedItems']);
});
