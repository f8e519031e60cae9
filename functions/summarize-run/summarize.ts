/** The execution's output: counts per outcome, overall and per region, plus what was skipped and why. */
import type { Outcome, RetryResult, RunSummary, Tally } from '../shared/power-types';
import { addToTally } from '../shared/tally';

/** Detail beyond this many skipped instances would crowd the output; the counts still cover all. */
export const MAX_LISTED_SKIPPED = 100;

export function summarizeRun(input: RetryResult): RunSummary {
  const byRegion: Tally = structuredClone(input.tally);
  for (const r of input.recovered) addToTally(byRegion, r.region, r.outcome);
  const totals: Partial<Record<Outcome, number>> = {};
  for (const counts of Object.values(byRegion)) {
    for (const [outcome, n] of Object.entries(counts) as [Outcome, number][]) totals[outcome] = (totals[outcome] ?? 0) + n;
  }
  return {
    action: input.action,
    dryRun: input.dryRun,
    tagValue: input.tagValue,
    totals,
    byRegion,
    skipped: input.skipped.slice(0, MAX_LISTED_SKIPPED),
    recovered: input.recovered,
  };
}
