import { powerScheduleConfig } from '../shared/config';
import { realClock } from '../shared/instance-states';
import { logger, withLambdaContext } from '../shared/logger';
import type { TargetResult, TaskEvent, VerifyInput } from '../shared/power-types';
import { targetWork } from '../shared/target-clients';
import { verifyTarget } from './verify';

export const handler = withLambdaContext(async ({ input }: TaskEvent<VerifyInput>): Promise<TargetResult> => {
  const config = powerScheduleConfig();
  return verifyTarget(input, {
    ...targetWork(),
    timeoutSeconds: config.verifyTimeoutSeconds,
    pollSeconds: config.verifyPollSeconds,
    clock: realClock,
    log: logger,
  });
});
