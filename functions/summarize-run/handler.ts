import { logger } from '../shared/logger';
import type { RetryResult, RunSummary } from '../shared/power-types';
import { summarizeRun } from './summarize';

export const handler = async (event: RetryResult): Promise<RunSummary> => {
  const summary = summarizeRun(event);
  logger.info('power-schedule run summary', { action: summary.action, dryRun: summary.dryRun, totals: summary.totals });
  return summary;
};
