import { ec2Client } from '../shared/clients';
import { powerScheduleConfig } from '../shared/config';
import { realClock } from '../shared/instance-states';
import { logger, withLambdaContext } from '../shared/logger';
import type { TaskEvent, VerifyResult } from '../shared/power-types';
import { verifyInstanceStates, type VerifyInput } from './verify';

export const handler = withLambdaContext(async ({ input }: TaskEvent<VerifyInput>): Promise<VerifyResult> => {
  const config = powerScheduleConfig();
  return verifyInstanceStates(input, {
    ec2For: ec2Client,
    timeoutSeconds: config.verifyTimeoutSeconds,
    pollSeconds: config.verifyPollSeconds,
    clock: realClock,
    log: logger,
  });
});
