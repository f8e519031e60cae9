import { s3 } from '../shared/clients';
import { powerScheduleConfig, workStoreConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import type { ChangedBatch, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { targetAccess } from '../shared/target-clients';
import { changeBatch, type BatchRun } from './change';

export const handler = withLambdaContext(async ({ input }: TaskEvent<BatchRun>): Promise<ChangedBatch> => {
  const work = workStoreConfig();
  return changeBatch(input, {
    clientsFor: targetAccess().clientsFor,
    store: jsonStore(s3ReportStore(s3(), work.reportBucket)),
    workPrefix: work.workPrefix,
    tagKey: powerScheduleConfig().tagKey,
    log: logger,
  });
});
