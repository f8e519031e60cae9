import { powerScheduleConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import type { PowerRequest, TaskEvent } from '../shared/power-types';
import { validatePowerRequest } from './validate';

export const handler = withLambdaContext(async (event: TaskEvent<unknown>): Promise<PowerRequest> => {
  const request = validatePowerRequest(event.input, { tagValue: powerScheduleConfig().tagValue, now: new Date() });
  logger.info('validated power-schedule input', { request });
  return request;
});
