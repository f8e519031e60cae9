import { s3 } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { PublishResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { s3ReportStore } from '../shared/report-store';
import { parsePublishRequest, publishReport } from './publish';

export const handler = withLambdaContext(async (event: unknown): Promise<PublishResult> => {
  const config = costReportConfig();
  return publishReport(parsePublishRequest(event), {
    store: s3ReportStore(s3(), config.reportBucket),
    reportPrefix: config.reportPrefix,
    log: logger,
  });
});
