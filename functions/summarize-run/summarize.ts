/**
 * The execution's output: counts per outcome overall, per account and per region; the targets that
 * could not be reached, by name, with why; what was skipped and what RetryUnfinished recovered.
 * Lists stop at MAX_LISTED entries so the output stays small at any scale; the whole summary,
 * with counts per account and region, is written beside the run's other objects.
 */
import type { DecisionLog } from '../shared/logger';
import { readPowerRunResults } from '../shared/power-results';
import { runKeys, type JsonStore } from '../shared/power-store';
import {
  MAX_LISTED,
  type Counts,
  type RetriedRequest,
  type RetryRecord,
  type RunSummary,
  type SkippedInstance,
  type SummaryDetail,
  type UnreachableTarget,
} from '../shared/power-types';
import { addCounts, addToGroup } from '../shared/tally';
import type { Target } from '../shared/targets';

export interface SummarizeDeps {
  store: JsonStore;
  log: DecisionLog;
}

export async function summarizeRun(input: RetriedRequest, deps: SummarizeDeps): Promise<RunSummary> {
  const run = await readPowerRunResults(deps.store, input.results);
  const retry = await deps.store.read<RetryRecord>(input.retry.key, 'what RetryUnfinished did');
  const byTarget: SummaryDetail['byTarget'] = {};
  const add = (target: Pick<Target, 'accountId' | 'region'>, counts: Counts) => {
    if (Object.keys(counts).length > 0) addCounts(((byTarget[target.accountId] ??= {})[target.region] ??= {}), counts);
  };
  const unreachable: UnreachableTarget[] = [];
  const skipped: SkippedInstance[] = [];

  for (const result of run.results) {
    if (result.status === 'done') {
      add(result.target, result.tally);
      skipped.push(...result.skippedSample);
    } else if (result.status === 'unreachable') {
      unreachable.push({ ...result.target, error: result.error.Error, message: result.error.Cause });
    }
  }
  for (const redone of retry.redone) {
    add(redone.target, redone.tally);
    skipped.push(...redone.skipped);
  }
  for (const recovered of retry.recovered) add(recovered, { [recovered.outcome]: 1 });

  const totals: Counts = {};
  const byAccount: Record<string, Counts> = {};
  const byRegion: Record<string, Counts> = {};
  for (const [accountId, regions] of Object.entries(byTarget)) {
    for (const [region, counts] of Object.entries(regions)) {
      addCounts(totals, counts);
      addToGroup(byAccount, accountId, counts);
      addToGroup(byRegion, region, counts);
    }
  }
  const byName = (a: { accountId: string; region: string }, b: typeof a) => `${a.accountId}/${a.region}`.localeCompare(`${b.accountId}/${b.region}`);
  unreachable.sort(byName);

  const summaryKey = runKeys(run.folder).summary;
  const summary: RunSummary = {
    action: input.action,
    dryRun: input.dryRun,
    tagValue: input.tagValue,
    targets: {
      total: run.results.length + run.notFinished.length,
      done: run.results.filter((r) => r.status === 'done').length,
      unreachable: unreachable.length,
      redone: retry.redone.length,
    },
    totals,
    byAccount,
    byRegion,
    unreachable,
    skipped,
    recovered: retry.recovered,
  };
  await deps.store.write(summaryKey, { ...summary, byTarget } satisfies SummaryDetail);
  deps.log.info('power-schedule run summary', { action: summary.action, dryRun: summary.dryRun, totals, targets: summary.targets, unreachable: unreachable.length });
  return {
    ...summary,
    unreachable: unreachable.slice(0, MAX_LISTED),
    skipped: skipped.slice(0, MAX_LISTED),
    recovered: retry.recovered.slice(0, MAX_LISTED),
    detail: `s3://${deps.store.bucket}/${summaryKey}`,
  };
}
