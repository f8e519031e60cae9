import { s3 } from '../shared/clients';
import { powerScheduleConfig } from '../shared/config';
import { realClock } from '../shared/instance-states';
import { logger, withLambdaContext } from '../shared/logger';
import { jsonStore } from '../shared/power-store';
import type { MappedRequest, RetriedRequest, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { targetAccess } from '../shared/target-clients';
import { retryUnfinished } from './retry';

export const handler = withLambdaContext(async ({ executionName, input }: TaskEvent<MappedRequest>): Promise<RetriedRequest> => {
  const config = powerScheduleConfig();
  return retryUnfinished(input, { executionName }, {
    clientsFor: targetAccess().clientsFor,
    // The results are where the Map wrote them; the run's other objects are beside them.
    store: jsonStore(s3ReportStore(s3(), input.results.ResultWriterDetails.Bucket)),
    tagKey: config.tagKey,
    pageSize: config.describePageSize,
    timeoutSeconds: config.verifyTimeoutSeconds,
    pollSeconds: config.verifyPollSeconds,
    clock: realClock,
    log: logger,
    now: new Date(),
    resourceKinds: config.resourceKinds,
  });
});
