import { s3 } from '../shared/clients';
import { costReportConfig, targetsConfig, workStoreConfig } from '../shared/config';
import { validateCostReportRequest } from '../shared/cost-request';
import type { ReportRun } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import type { PowerRequest, ResolvedRequest, TaskEvent } from '../shared/power-types';
import { s3ReportStore } from '../shared/report-store';
import { organizationsClient, targetAccess } from '../shared/target-clients';
import { resolveReportTargets, resolveRunTargets, type ResolveRunDeps } from './resolve';

/** The cost-report ASL names its workflow (a constant of its Payload); power-schedule's predates it. */
type ResolveEvent = (TaskEvent<PowerRequest> & { workflow?: 'power-schedule' }) | (TaskEvent<unknown> & { workflow: 'cost-report' });

export const handler = withLambdaContext(async (event: ResolveEvent): Promise<ResolvedRequest | ReportRun> => {
  const work = workStoreConfig();
  const deps = (): ResolveRunDeps => ({
    config: targetsConfig(),
    store: s3ReportStore(s3(), work.reportBucket),
    deploymentAccountId: async () => (await targetAccess().deploymentIdentity()).accountId,
    organizations: organizationsClient(),
    log: logger,
  });
  if (event.workflow === 'cost-report') {
    const config = costReportConfig();
    // Checked before any AWS call: bad input changes nothing.
    const request = validateCostReportRequest(event.input, { regions: config.targetRegions, timeZone: config.reportTimezone, now: new Date() });
    return resolveReportTargets({ executionName: event.executionName, workPrefix: work.workPrefix, request }, deps());
  }
  const { executionName, input } = event;
  const targets = await resolveRunTargets({ executionName, workPrefix: work.workPrefix }, deps());
  return { ...input, targets };
});
