/**
 * Counting outcomes: Verify counts a target's instances, Summarize adds them up per account, per
 * region and overall, with what RetryUnfinished recovered.
 */
import type { Counts, Outcome } from './power-types';

export function addCount(counts: Counts, outcome: Outcome, count = 1): void {
  if (count === 0) return;
  counts[outcome] = (counts[outcome] ?? 0) + count;
}

export function addCounts(into: Counts, from: Counts): void {
  for (const [outcome, count] of Object.entries(from) as [Outcome, number][]) addCount(into, outcome, count);
}

/** Adds `from` to the counts kept under `key` (an account id, a region). */
export function addToGroup(groups: Record<string, Counts>, key: string, from: Counts): void {
  addCounts((groups[key] ??= {}), from);
}
