import { ec2Client } from '../shared/clients';
import { powerScheduleConfig } from '../shared/config';
import { logger } from '../shared/logger';
import type { ListingResult, PowerRequest } from '../shared/power-types';
import { listTaggedInstances } from './list';

export const handler = async (event: PowerRequest): Promise<ListingResult> => {
  const config = powerScheduleConfig();
  const listing = await listTaggedInstances(event, {
    ec2For: ec2Client,
    regions: config.targetRegions,
    tagKey: config.tagKey,
    pageSize: config.describePageSize,
    log: logger,
  });
  return { ...event, ...listing };
};
