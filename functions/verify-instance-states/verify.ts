/**
 * Verify, the end of a target's child execution: reads every batch's outcomes from S3, confirms
 * that what was changed reached the target state (a start can "succeed" and leave the instance
 * stopped, e.g. a missing KMS grant), and writes everything that did not (failed calls, batches
 * that exhausted their retries, instances that did not arrive) to the target's unfinished object
 * for RetryUnfinished. Returns the target's result: counts, not ids.
 */
import { mapConcurrently } from '../shared/batch';
import { waitForState, type Clock } from '../shared/instance-states';
import type { DecisionLog } from '../shared/logger';
import { runFolder, targetKeys, type BatchObject, type JsonStore, type OutcomeObject } from '../shared/power-store';
import {
  targetState,
  type ChangedBatch,
  type Counts,
  type FailedBatch,
  type Outcome,
  type TargetResult,
  type UnfinishedInstance,
  type VerifyInput,
} from '../shared/power-types';
import { addCount } from '../shared/tally';
import type { TargetAccess } from '../shared/target-access';
import { targetLabel } from '../shared/targets';

export interface VerifyDeps {
  clientsFor: TargetAccess['clientsFor'];
  store: JsonStore;
  workPrefix: string;
  timeoutSeconds: number;
  pollSeconds: number;
  clock: Clock;
  log: DecisionLog;
}

const READS_AT_ONCE = 8;

function isFailedBatch(entry: ChangedBatch | FailedBatch): entry is FailedBatch {
  return 'error' in entry;
}

export async function verifyTarget(input: VerifyInput, deps: VerifyDeps): Promise<TargetResult> {
  const { target } = input;
  const where = targetLabel(target);
  const keys = targetKeys(runFolder(deps.workPrefix, input.executionName), target);
  const tally: Counts = {};
  const unfinished: UnfinishedInstance[] = [];
  const changed: string[] = [];
  const unfinishedOf = (instanceId: string, reason: string, errorCode?: string): UnfinishedInstance => ({
    accountId: target.accountId,
    region: target.region,
    instanceId,
    reason,
    ...(errorCode ? { errorCode } : {}),
  });

  type ReadBatch = { failed: FailedBatch; ids: string[] } | { outcomes: OutcomeObject };
  const batches = await mapConcurrently(input.changed, READS_AT_ONCE, async (entry): Promise<ReadBatch> =>
    isFailedBatch(entry)
      ? { failed: entry, ids: (await deps.store.read<BatchObject>(keys.batch(entry.batch), `batch ${entry.batch} of ${where}`)).instanceIds }
      : { outcomes: await deps.store.read<OutcomeObject>(keys.outcome(entry.batch), `outcomes of batch ${entry.batch} of ${where}`) },
  );
  for (const batch of batches) {
    if ('failed' in batch) {
      const { error } = batch.failed;
      for (const instanceId of batch.ids) unfinished.push(unfinishedOf(instanceId, `batch failed after its retries: ${error}`, error));
      continue;
    }
    for (const o of batch.outcomes) {
      if (o.outcome === 'stopped' || o.outcome === 'started') changed.push(o.instanceId);
      else if (o.outcome === 'failed') unfinished.push(unfinishedOf(o.instanceId, o.reason ?? 'failed', o.errorCode));
      else addCount(tally, o.outcome);
    }
  }
  addCount(tally, 'skipped', input.skipped);

  if (changed.length > 0) {
    const goal = targetState(input.action);
    const outcome: Outcome = input.action === 'stop' ? 'stopped' : 'started';
    const { ec2 } = await deps.clientsFor(target, input);
    const observed = await waitForState(ec2, changed, goal, { timeoutSeconds: deps.timeoutSeconds, pollSeconds: deps.pollSeconds, clock: deps.clock });
    for (const instanceId of changed) {
      const seen = observed.get(instanceId);
      if (seen?.state === goal) {
        addCount(tally, outcome);
        continue;
      }
      const reason = seen ? `still ${seen.state} after ${deps.timeoutSeconds}s${seen.stateReason ? ` (${seen.stateReason})` : ''}` : 'no longer found';
      unfinished.push(unfinishedOf(instanceId, reason));
      deps.log.warn('instance did not reach target state', { where, instanceId, target: goal, reason });
    }
  }
  if (unfinished.length > 0) await deps.store.write(keys.unfinished, unfinished);
  return { target, status: 'done', tally, unfinished: unfinished.length, skipped: input.skipped, skippedSample: input.skippedSample };
}
