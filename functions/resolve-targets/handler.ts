import { s3 } from '../shared/clients';
import { targetsConfig, workStoreConfig } from '../shared/config';
import { logger, withLambdaContext } from '../shared/logger';
import type { PowerRequest, ResolvedRequest, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { organizationsClient, targetAccess } from '../shared/target-clients';
import { resolveRunTargets } from './resolve';

export const handler = withLambdaContext(async ({ executionName, input }: TaskEvent<PowerRequest>): Promise<ResolvedRequest> => {
  const work = workStoreConfig();
  const targets = await resolveRunTargets(
    { executionName, workPrefix: work.workPrefix },
    {
      config: targetsConfig(),
      store: s3ReportStore(s3(), work.reportBucket),
      deploymentAccountId: async () => (await targetAccess().deploymentIdentity()).accountId,
      organizations: organizationsClient(),
      log: logger,
    },
  );
  return { ...input, targets };
});
