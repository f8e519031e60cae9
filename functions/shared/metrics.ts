/**
 * The workflows' CloudWatch metrics, as Embedded Metric Format lines written by Powertools Metrics:
 * CloudWatch Logs turns each such line of a function's log into data points, so there is no
 * PutMetricData call and no permission beyond writing the function's own logs. Locally the same
 * lines go to stdout.
 *
 * Dimensions are the workflow (the state machine's name: `<NAME_PREFIX>-<workflow>`, NAME_PREFIX
 * as Terraform sets it, so two deployments in one account stay apart) and, for per-region counts,
 * the region: never an instance id (or an account id), which would make one billed custom metric
 * per instance (or per account). Powertools' own `service` dimension is dropped for the same reason.
 * The metric names are the dashboard's (terraform/dashboard.tf): change them together.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { BackupSummary } from './backup-types';
import type { ReportTotals } from './cost-types';
import type { Counts, Outcome, RunSummary } from './power-types';

export const METRICS_NAMESPACE = 'OpsAutomation';

/**
 * What a power-schedule run counts, per region and in total: resources of every kind (an RDS DB
 * instance, an Aurora cluster or an Auto Scaling group counts one, like an instance). The names
 * predate those kinds and stay, so dashboards and alarms built on them keep working; a kind
 * dimension would multiply the billed metrics, and the counts by kind are in the run's summary.
 */
export const POWER_RUN_METRICS: Readonly<Record<'stopped' | 'started' | 'failed' | 'skipped', string>> = {
  stopped: 'InstancesStopped',
  started: 'InstancesStarted',
  failed: 'InstancesFailed',
  skipped: 'InstancesSkipped',
};

/** What a cost report measures (USD per month, as the workbook's totals). */
export const REPORT_METRICS = {
  totalMonthly: 'MonthlyEstimateUSD',
  wasteMonthly: 'WasteMonthlyUSD',
  scheduleSavingsMonthly: 'ScheduleSavingsMonthlyUSD',
  unpricedItems: 'UnpricedItems',
  backupCoverage: 'BackupCoveragePercent',
} as const;

type WorkflowName = 'power-schedule' | 'cost-report';

/** A fresh instance per emission: it reads POWERTOOLS_METRICS_* when called, and shares no buffer. */
function metricsFor(workflow: WorkflowName): Metrics {
  const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE });
  metrics.clearDefaultDimensions();
  const prefix = process.env.NAME_PREFIX?.trim();
  metrics.setDefaultDimensions({ workflow: prefix ? `${prefix}-${workflow}` : workflow });
  return metrics;
}

function addRunCounts(metrics: Metrics, counts: Counts): void {
  for (const [outcome, name] of Object.entries(POWER_RUN_METRICS) as [Outcome, string][]) {
    metrics.addMetric(name, MetricUnit.Count, counts[outcome] ?? 0);
  }
}

/**
 * One EMF line per region (workflow, region: every target account's instances there added up) and
 * one for the run (workflow); zeros included, so a graph shows 0, not a gap. No account dimension:
 * it would multiply the billed metrics by the accounts (500 accounts x 4 regions x 4 counts = 8,000
 * custom metrics), and the counts per account are in the run's summary.
 */
export function emitPowerRunMetrics(summary: Pick<RunSummary, 'totals' | 'byRegion'>): void {
  const metrics = metricsFor('power-schedule');
  for (const [region, counts] of Object.entries(summary.byRegion ?? {})) {
    metrics.addDimension('region', region);
    addRunCounts(metrics, counts);
    metrics.publishStoredMetrics();
  }
  addRunCounts(metrics, summary.totals);
  metrics.publishStoredMetrics();
}

/** The share of instances recoverable from a recent point (the Trend's BackupCoverage), in percent to one decimal; undefined without instances. */
export function backupCoveragePercent(backups: Pick<BackupSummary, 'coverage'>): number | undefined {
  return backups.coverage === undefined ? undefined : Math.round(backups.coverage * 1000) / 10;
}

/** One EMF line for the report (workflow): the totals people watch, and backup coverage when the report has it. */
export function emitReportMetrics(totals: ReportTotals, backups?: BackupSummary): void {
  const metrics = metricsFor('cost-report');
  metrics.addMetric(REPORT_METRICS.totalMonthly, MetricUnit.NoUnit, totals.totalMonthly);
  metrics.addMetric(REPORT_METRICS.wasteMonthly, MetricUnit.NoUnit, totals.wasteMonthly);
  metrics.addMetric(REPORT_METRICS.scheduleSavingsMonthly, MetricUnit.NoUnit, totals.scheduleSavingsMonthly);
  metrics.addMetric(REPORT_METRICS.unpricedItems, MetricUnit.Count, totals.unpricedItems);
  const coverage = backups && backupCoveragePercent(backups);
  if (coverage !== undefined) metrics.addMetric(REPORT_METRICS.backupCoverage, MetricUnit.Percent, coverage);
  metrics.publishStoredMetrics();
}
