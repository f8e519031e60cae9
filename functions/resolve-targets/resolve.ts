/**
 * ResolveTargets: the run's (account, region) targets, written to the run's folder in S3 as the
 * JSON array the Distributed Map reads with its ItemReader. Only where it put them travels on, with
 * the prefix the Map's ResultWriter writes the children's results under. Both workflows start so:
 * power-schedule over TARGET_REGIONS, the cost report over the regions its request names (or
 * TARGET_REGIONS), in its own run folder.
 */
import type { TargetsConfig } from '../shared/config';
import type { CostReportRequest } from '../shared/cost-request';
import type { ReportRun } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { runFolder, runKeys } from '../shared/power-store';
import type { TargetList } from '../shared/power-types';
import { reportRunKeys } from '../shared/report-keys';
import type { ReportStore } from '../shared/report-store';
import { resolveTargets, writeTargetList, type ResolveDeps } from '../shared/targets';

export interface ResolveRunDeps extends ResolveDeps {
  config: TargetsConfig;
  store: ReportStore;
  log: DecisionLog;
}

async function resolveInto(keys: { targetList: string; resultPrefix: string }, deps: ResolveRunDeps): Promise<TargetList> {
  const targets = await resolveTargets(deps.config, deps);
  await writeTargetList(deps.store, keys.targetList, targets);
  const accounts = new Set(targets.map((t) => t.accountId)).size;
  if (targets.length === 0) deps.log.warn('no targets: the organizational units hold no ACTIVE account', { organizationUnitIds: deps.config.organizationUnitIds });
  deps.log.info('resolved targets', { targets: targets.length, accounts, regions: deps.config.targetRegions });
  return { bucket: deps.store.bucket, key: keys.targetList, count: targets.length, resultPrefix: keys.resultPrefix };
}

export function resolveRunTargets(run: { executionName: string; workPrefix: string }, deps: ResolveRunDeps): Promise<TargetList> {
  return resolveInto(runKeys(runFolder(run.workPrefix, run.executionName)), deps);
}

/** The cost report's targets: every account × the request's regions, in the report run's folder. */
export async function resolveReportTargets(
  run: { executionName: string; workPrefix: string; request: CostReportRequest },
  deps: ResolveRunDeps,
): Promise<ReportRun> {
  const keys = reportRunKeys(run.workPrefix, run.executionName);
  const targets = await resolveInto(
    { targetList: keys.targetList, resultPrefix: keys.inventoryResults },
    { ...deps, config: { ...deps.config, targetRegions: run.request.regions } },
  );
  return { executionName: run.executionName, reportDate: run.request.reportDate, regions: run.request.regions, targets };
}
