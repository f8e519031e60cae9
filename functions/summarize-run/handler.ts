import { logger, withLambdaContext } from '../shared/logger';
import { emitPowerRunMetrics } from '../shared/metrics';
import type { RetryResult, RunSummary, TaskEvent } from '../shared/power-types';
import { summarizeRun } from './summarize';

export const handler = withLambdaContext(async ({ input }: TaskEvent<RetryResult>): Promise<RunSummary> => {
  const summary = summarizeRun(input);
  logger.info('power-schedule run summary', { action: summary.action, dryRun: summary.dryRun, totals: summary.totals });
  emitPowerRunMetrics(summary);
  return summary;
});
