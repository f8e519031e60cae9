import { ec2Client } from '../shared/clients';
import { powerScheduleConfig } from '../shared/config';
import { realClock } from '../shared/instance-states';
import { logger, withLambdaContext } from '../shared/logger';
import type { RetryResult, TaskEvent, VerifyResult } from '../shared/power-types';
import { retryUnfinished } from './retry';

export const handler = withLambdaContext(async ({ input }: TaskEvent<VerifyResult>): Promise<RetryResult> => {
  const config = powerScheduleConfig();
  return retryUnfinished(input, {
    ec2For: ec2Client,
    tagKey: config.tagKey,
    timeoutSeconds: config.verifyTimeoutSeconds,
    pollSeconds: config.verifyPollSeconds,
    clock: realClock,
    log: logger,
  });
});
