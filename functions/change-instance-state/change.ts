/** The Map iteration's result: one batch's outcomes grouped into the compact payload Verify reads. */
import type { BatchResult, InstanceOutcome } from '../shared/power-types';

export function toBatchResult(region: string, outcomes: readonly InstanceOutcome[]): BatchResult {
  const result: BatchResult = { region, idsByOutcome: {}, problems: [] };
  for (const o of outcomes) {
    if (o.outcome === 'failed' || o.outcome === 'skipped') result.problems.push(o);
    else (result.idsByOutcome[o.outcome] ??= []).push(o.instanceId);
  }
  return result;
}
