import { s3 } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { TargetCollectResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { reportTargetAccess } from '../shared/target-clients';
import { collectTarget } from './collect';
import { validateTargetCollectRun } from './run';
import { s3InventoryStore } from './store';

export const handler = withLambdaContext(async (event: unknown): Promise<TargetCollectResult> => {
  const config = costReportConfig();
  return collectTarget(validateTargetCollectRun(event), {
    clientsFor: reportTargetAccess().clientsFor,
    store: s3InventoryStore(s3(), config.reportBucket),
    workPrefix: config.workPrefix,
    scheduleTagKey: config.tagKey,
    pageSize: config.describePageSize,
    now: () => new Date(),
    log: logger,
  });
});
