import { s3 } from '../shared/clients';
import { powerScheduleConfig, workStoreConfig } from '../shared/config';
import { realClock } from '../shared/instance-states';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import type { TargetResult, TaskEvent, VerifyInput } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { targetAccess } from '../shared/target-clients';
import { verifyTarget } from './verify';

export const handler = withLambdaContext(async ({ input }: TaskEvent<VerifyInput>): Promise<TargetResult> => {
  const config = powerScheduleConfig();
  const work = workStoreConfig();
  return verifyTarget(input, {
    clientsFor: targetAccess().clientsFor,
    store: jsonStore(s3ReportStore(s3(), work.reportBucket)),
    workPrefix: work.workPrefix,
    timeoutSeconds: config.verifyTimeoutSeconds,
    pollSeconds: config.verifyPollSeconds,
    clock: realClock,
    log: logger,
  });
});
