import { ec2Client } from '../shared/clients';
import { powerScheduleConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import type { ListingResult, PowerRequest, TaskEvent } from '../shared/power-types';
import { listTaggedInstances } from './list';

export const handler = withLambdaContext(async ({ input }: TaskEvent<PowerRequest>): Promise<ListingResult> => {
  const config = powerScheduleConfig();
  const listing = await listTaggedInstances(input, {
    ec2For: ec2Client,
    regions: config.targetRegions,
    tagKey: config.tagKey,
    pageSize: config.describePageSize,
    log: logger,
  });
  return { ...input, ...listing };
});
