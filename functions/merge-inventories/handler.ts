import { costExplorer, s3 } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { CollectResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import { s3ReportStore } from '../shared/report-store';
import { mergeInventories, parseMergeRequest } from './merge';

export const handler = withLambdaContext(async (event: unknown): Promise<CollectResult> => {
  const config = costReportConfig();
  return mergeInventories(parseMergeRequest(event), {
    store: jsonStore(s3ReportStore(s3(), config.reportBucket)),
    workPrefix: config.workPrefix,
    costExplorer: config.costExplorer ? costExplorer() : undefined,
    now: () => new Date(),
    log: logger,
  });
});
