import { tmpdir } from 'node:os';
import { s3 } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { RenderResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { emitReportMetrics } from '../shared/metrics';
import { parseRenderRequest, renderReport } from './render';
import { s3ReportStore } from '../shared/report-store';

export const handler = withLambdaContext(async (event: unknown): Promise<RenderResult> => {
  const config = costReportConfig();
  return renderReport(parseRenderRequest(event), {
    store: s3ReportStore(s3(), config.reportBucket),
    reportPrefix: config.reportPrefix,
    workPrefix: config.workPrefix,
    pricingRegion: config.pricingRegion,
    schedules: config.powerSchedules,
    now: () => new Date(),
    tmpDir: tmpdir(),
    log: logger,
    recordMetrics: (summary) => emitReportMetrics(summary.totals, summary.backups),
  });
});
