import { powerScheduleConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { validatePowerRequest } from './validate';

export const handler = async (event: unknown) => {
  const request = validatePowerRequest(event, { tagValue: powerScheduleConfig().tagValue, now: new Date() });
  logger.info('validated power-schedule input', { request });
  return request;
};
