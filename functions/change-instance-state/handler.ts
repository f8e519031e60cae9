import { powerScheduleConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import type { ChangedBatch, TaskEvent } from '../shared/power-types';
import { targetWork } from '../shared/target-clients';
import { changeBatch, type BatchRun } from './change';

export const handler = withLambdaContext(async ({ input }: TaskEvent<BatchRun>): Promise<ChangedBatch> => {
  return changeBatch(input, {
    ...targetWork(),
    tagKey: powerScheduleConfig().tagKey,
    log: logger,
  });
});
