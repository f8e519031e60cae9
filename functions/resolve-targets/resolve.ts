/**
 * ResolveTargets: the run's (account, region) targets, written to the run's folder in S3 as the
 * JSON array the Distributed Map reads with its ItemReader. Only where it put them travels on, with
 * the prefix the Map's ResultWriter writes the children's results under.
 */
import type { TargetsConfig } from '../shared/config';
import type { DecisionLog } from '../shared/logger';
import { runFolder, runKeys } from '../shared/power-store';
import type { TargetList } from '../shared/power-types';
import type { ReportStore } from '../shared/report-store';
import { resolveTargets, writeTargetList, type ResolveDeps } from '../shared/targets';

export interface ResolveRunDeps extends ResolveDeps {
  config: TargetsConfig;
  store: ReportStore;
  log: DecisionLog;
}

export async function resolveRunTargets(run: { executionName: string; workPrefix: string }, deps: ResolveRunDeps): Promise<TargetList> {
  const keys = runKeys(runFolder(run.workPrefix, run.executionName));
  const targets = await resolveTargets(deps.config, deps);
  await writeTargetList(deps.store, keys.targetList, targets);
  const accounts = new Set(targets.map((t) => t.accountId)).size;
  if (targets.length === 0) deps.log.warn('no targets: the organizational units hold no ACTIVE account', { organizationUnitIds: deps.config.organizationUnitIds });
  deps.log.info('resolved targets', { targets: targets.length, accounts, regions: deps.config.targetRegions });
  return { bucket: deps.store.bucket, key: keys.targetList, count: targets.length, resultPrefix: keys.resultPrefix };
}
