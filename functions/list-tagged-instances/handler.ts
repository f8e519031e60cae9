import { powerScheduleConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import type { TargetListing, TargetResult, TargetRun, TaskEvent } from '../shared/power-types';
import { targetWork } from '../shared/target-clients';
import { listTarget } from './list';

export const handler = withLambdaContext(async ({ input }: TaskEvent<TargetRun>): Promise<TargetListing | TargetResult> => {
  const config = powerScheduleConfig();
  return listTarget(input, {
    ...targetWork(),
    tagKey: config.tagKey,
    pageSize: config.describePageSize,
    log: logger,
    now: new Date(),
    resourceKinds: config.resourceKinds,
  });
});
