import { backupClient, costExplorer, ec2Client, s3 } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { CollectResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { collectInventory } from './collect';
import { validateExecutionName } from '../shared/execution-name';
import { validateCostReportRequest } from './request';
import { s3InventoryStore } from './store';

export interface CollectInventoryEvent {
  request?: unknown;
  executionName?: unknown;
}

export const handler = withLambdaContext(async (event: CollectInventoryEvent): Promise<CollectResult> => {
  const config = costReportConfig();
  const executionName = validateExecutionName(event?.executionName);
  const request = validateCostReportRequest(event?.request, {
    regions: config.targetRegions,
    timeZone: config.reportTimezone,
    now: new Date(),
  });
  return collectInventory(
    { ...request, executionName },
    {
      ec2For: ec2Client,
      backupFor: backupClient,
      store: s3InventoryStore(s3(), config.reportBucket),
      workPrefix: config.workPrefix,
      scheduleTagKey: config.tagKey,
      pageSize: config.describePageSize,
      costExplorer: config.costExplorer ? costExplorer() : undefined,
      now: () => new Date(),
      log: logger,
    },
  );
});
