import { s3 } from '../shared/clients';
import { logger, withLambdaContext } from '../shared/logger';
import { emitPowerRunMetrics } from '../shared/metrics';
import { jsonStore } from '../shared/power-store';
import type { RetriedRequest, RunSummary, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { summarizeRun } from './summarize';

export const handler = withLambdaContext(async ({ input }: TaskEvent<RetriedRequest>): Promise<RunSummary> => {
  const summary = await summarizeRun(input, { store: jsonStore(s3ReportStore(s3(), input.results.ResultWriterDetails.Bucket)), log: logger });
  emitPowerRunMetrics(summary);
  return summary;
});
