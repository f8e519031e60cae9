/**
 * Counting outcomes: Verify counts a target's instances; Summarize (and Notify, for a run that
 * failed) add them up per account, per region and overall, with what RetryUnfinished recovered.
 */
import type { Counts, CountsByKind, Outcome, ResourceKind } from './power-types';
import type { Target } from './targets';

export function addCount(counts: Counts, outcome: Outcome, count = 1): void {
  if (count === 0) return;
  counts[outcome] = (counts[outcome] ?? 0) + count;
}

export function addCounts(into: Counts, from: Counts): void {
  for (const [outcome, count] of Object.entries(from) as [Outcome, number][]) addCount(into, outcome, count);
}

/** Counts an outcome of a resource kind (absent: `ec2`). */
export function addKindCount(byKind: CountsByKind, kind: ResourceKind | undefined, outcome: Outcome, count = 1): void {
  if (count === 0) return;
  addCount((byKind[kind ?? 'ec2'] ??= {}), outcome, count);
}

export function addKindCounts(into: CountsByKind, from: CountsByKind): void {
  for (const [kind, counts] of Object.entries(from) as [ResourceKind, Counts][]) addCounts((into[kind] ??= {}), counts);
}

/** Adds `from` to the counts kept under `key` (an account id, a region). */
export function addToGroup(groups: Record<string, Counts>, key: string, from: Counts): void {
  addCounts((groups[key] ??= {}), from);
}

/** Counts per target: account id → region → counts. */
export type CountsByTarget = Record<string, Record<string, Counts>>;

/** Adds `from` to a target's counts; a target with nothing to count gets no entry. */
export function addToTarget(byTarget: CountsByTarget, target: Pick<Target, 'accountId' | 'region'>, from: Counts): void {
  if (Object.keys(from).length > 0) addCounts(((byTarget[target.accountId] ??= {})[target.region] ??= {}), from);
}

/** The counts of every target added up overall, per account and per region. */
export function rollUp(byTarget: CountsByTarget): { totals: Counts; byAccount: Record<string, Counts>; byRegion: Record<string, Counts> } {
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
  return { totals, byAccount, byRegion };
}
