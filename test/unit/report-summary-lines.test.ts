/** The summary's money lines as the notification and `ops report` print them: RDS and Aurora appear only when a report priced some. */
import type { ReportSummary } from '../../functions/shared/cost-types';
import { summaryTotalsLines } from '../../functions/shared/report-summary';

function summaryWith(totals: Partial<ReportSummary['totals']>): ReportSummary {
  return {
    reportDate: '2026-11-23',
    generatedAt: '2026-11-23T00:01:12.000Z',
    regions: ['us-east-1'],
    priceSource: 'AWS Price List API, us-east-1',
    totals: { ec2Monthly: 0, ebsMonthly: 0, ipv4Monthly: 0, snapshotMonthly: 0, totalMonthly: 89.28, wasteMonthly: 0, scheduleSavingsMonthly: 46.46, unpricedItems: 0, snapshotUpperBound: false, ...totals },
    counts: { instances: 0, running: 0, stopped: 0, volumes: 0, unattachedVolumes: 0, idleAddresses: 0, snapshots: 0 },
  };
}

test('a report with databases prints their monthly cost beside the others, inside the total; one without prints no such line', () => {
  const withDatabases = summaryTotalsLines(summaryWith({ rdsMonthly: 89.28 }));
  const without = summaryTotalsLines(summaryWith({ rdsMonthly: 0 }));

  expect(withDatabases.slice(5, 9)).toEqual(['  RDS and Aurora monthly $89.28', '  Total monthly          $89.28', '  Waste (idle resources)  $0.00', '  Schedule savings       $46.46']);
  expect(without.some((line) => line.includes('RDS'))).toBe(false);
});
