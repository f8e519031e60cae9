/** Counting outcomes per region: Verify starts the tally, Summarize adds what RetryUnfinished recovered. */
import type { Outcome, Tally } from './power-types';

export function addToTally(tally: Tally, region: string, outcome: Outcome, count = 1): void {
  const counts = (tally[region] ??= {});
  counts[outcome] = (counts[outcome] ?? 0) + count;
}
