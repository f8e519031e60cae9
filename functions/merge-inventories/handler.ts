import { costExplorer, s3 } from '../shared/clients';
import { costReportConfig, targetsConfig } from '../shared/config';
import type { CollectResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import { s3ReportStore } from '../shared/report-store';
import { organizationsClient } from '../shared/target-clients';
import { accountNames } from '../shared/targets';
import { mergeInventories, parseMergeRequest } from './merge';

export const handler = withLambdaContext(async (event: unknown): Promise<CollectResult> => {
  const config = costReportConfig();
  return mergeInventories(parseMergeRequest(event), {
    store: jsonStore(s3ReportStore(s3(), config.reportBucket)),
    workPrefix: config.workPrefix,
    costExplorer: config.costExplorer ? costExplorer() : undefined,
    // Discovering accounts in Organizations is what lets the hub read their names too (IAM follows).
    accountNames: targetsConfig().organizationUnitIds.length > 0 ? () => accountNames(organizationsClient(), logger) : undefined,
    now: () => new Date(),
    log: logger,
  });
});
