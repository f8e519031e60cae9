import { s3 } from '../shared/clients';
import { powerScheduleConfig, workStoreConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import type { TargetListing, TargetResult, TargetRun, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { targetAccess } from '../shared/target-clients';
import { listTarget } from './list';

export const handler = withLambdaContext(async ({ input }: TaskEvent<TargetRun>): Promise<TargetListing | TargetResult> => {
  const config = powerScheduleConfig();
  const work = workStoreConfig();
  return listTarget(input, {
    clientsFor: targetAccess().clientsFor,
    store: jsonStore(s3ReportStore(s3(), work.reportBucket)),
    workPrefix: work.workPrefix,
    tagKey: config.tagKey,
    pageSize: config.describePageSize,
    log: logger,
    now: new Date(),
    resourceKinds: config.resourceKinds,
  });
});
