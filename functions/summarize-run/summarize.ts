/**
 * The execution's output: counts per outcome overall, per account and per region; the targets that
 * could not be reached, by name, with why; what was skipped and what RetryUnfinished recovered.
 * Lists stop at MAX_LISTED entries so the output stays small at any scale; the whole summary,
 * with counts per account and region, is written beside the run's other objects.
 */
import type { DecisionLog } from '../shared/logger';
import { readPowerRunResults, runOutcomes } from '../shared/power-results';
import { runKeys, type JsonStore } from '../shared/power-store';
import { MAX_LISTED, type RetriedRequest, type RetryRecord, type RunSummary, type SummaryDetail } from '../shared/power-types';
import { rollUp } from '../shared/tally';

export interface SummarizeDeps {
  store: JsonStore;
  log: DecisionLog;
}

export async function summarizeRun(input: RetriedRequest, deps: SummarizeDeps): Promise<RunSummary> {
  const run = await readPowerRunResults(deps.store, input.results);
  const retry = await deps.store.read<RetryRecord>(input.retry.key, 'what RetryUnfinished did');
  const { byTarget, byKind, unreachable, skipped, notes } = runOutcomes(run, retry);
  const { totals, byAccount, byRegion } = rollUp(byTarget);

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
    byKind,
    byAccount,
    byRegion,
    unreachable,
    skipped,
    ...(notes.length > 0 ? { notes } : {}),
    recovered: retry.recovered,
  };
  await deps.store.write(summaryKey, { ...summary, byTarget } satisfies SummaryDetail);
  deps.log.info('power-schedule run summary', { action: summary.action, dryRun: summary.dryRun, totals, targets: summary.targets, unreachable: unreachable.length });
  return {
    ...summary,
    unreachable: unreachable.slice(0, MAX_LISTED),
    skipped: skipped.slice(0, MAX_LISTED),
    ...(notes.length > 0 ? { notes: notes.slice(0, MAX_LISTED) } : {}),
    recovered: retry.recovered.slice(0, MAX_LISTED),
    detail: `s3://${deps.store.bucket}/${summaryKey}`,
  };
}
