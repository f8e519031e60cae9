/**
 * Verify, the end of a target's child execution: reads every batch's outcomes from S3, confirms
 * that what was changed reached the target state (a start can "succeed" and leave the instance
 * stopped, e.g. a missing KMS grant), and writes everything that did not (failed calls, batches
 * that exhausted their retries, instances that did not arrive) to the target's unfinished object
 * for RetryUnfinished. Returns the target's result: counts, not ids.
 */
import { mapConcurrently } from '../shared/batch';
import { waitForState, type StateWait } from '../shared/instance-states';
import type { DecisionLog } from '../shared/logger';
import { runFolder, targetKeys, type BatchObject, type OutcomeObject, type TargetWork } from '../shared/power-store';
import {
  targetState,
  type ChangedBatch,
  type Counts,
  type CountsByKind,
  type ResourceKind,
  type SkippedInstance,
  SKIPPED_SAMPLE_SIZE,
  type FailedBatch,
  type Outcome,
  type TargetResult,
  type UnfinishedInstance,
  type VerifyInput,
} from '../shared/power-types';
import { addCount, addKindCount } from '../shared/tally';
import { targetLabel } from '../shared/targets';

export interface VerifyDeps extends TargetWork, StateWait {
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
  const byKind: CountsByKind = {};
  const count = (kind: ResourceKind | undefined, outcome: Outcome, n = 1) => {
    addCount(tally, outcome, n);
    addKindCount(byKind, kind, outcome, n);
  };
  const unfinished: UnfinishedInstance[] = [];
  const changeSkipped: SkippedInstance[] = [];
  /** What each changed instance will count as once it arrives (stopped, hibernated or started). */
  const changed = new Map<string, Outcome>();
  const unfinishedOf = (instanceId: string, reason: string, errorCode?: string, kind?: ResourceKind): UnfinishedInstance => ({
    accountId: target.accountId,
    region: target.region,
    instanceId,
    ...(kind && kind !== 'ec2' ? { kind } : {}),
    reason,
    ...(errorCode ? { errorCode } : {}),
  });

  type ReadBatch = { failed: FailedBatch; batch: BatchObject } | { outcomes: OutcomeObject };
  const batches = await mapConcurrently(input.changed, READS_AT_ONCE, async (entry): Promise<ReadBatch> =>
    isFailedBatch(entry)
      ? { failed: entry, batch: await deps.store.read<BatchObject>(keys.batch(entry.batch), `batch ${entry.batch} of ${where}`) }
      : { outcomes: await deps.store.read<OutcomeObject>(keys.outcome(entry.batch), `outcomes of batch ${entry.batch} of ${where}`) },
  );
  for (const batch of batches) {
    if ('failed' in batch) {
      const { error } = batch.failed;
      for (const instanceId of batch.batch.instanceIds) unfinished.push(unfinishedOf(instanceId, `batch failed after its retries: ${error}`, error, batch.batch.kind));
      continue;
    }
    for (const o of batch.outcomes) {
      if (o.outcome === 'failed') unfinished.push(unfinishedOf(o.instanceId, o.reason ?? 'failed', o.errorCode, o.kind));
      // A group's new sizes are its state once UpdateAutoScalingGroup returns; its instances come and go as the group decides.
      // A DB takes minutes to stop or start: accepted is final (functions/shared/databases.ts), the next run sees where it got.
      else if (o.kind === 'asg' || o.kind === 'rds') {
        count(o.kind, o.outcome);
        // What RDS or Auto Scaling refused at the call is named with the listing's skips, so the summary says why.
        if (o.outcome === 'skipped' && o.reason) changeSkipped.push({ accountId: target.accountId, region: target.region, instanceId: o.instanceId, kind: o.kind, reason: o.reason });
      }
      else if (o.outcome === 'stopped' || o.outcome === 'started' || o.outcome === 'hibernated') changed.set(o.instanceId, o.outcome);
      else count(o.kind, o.outcome);
    }
  }
  addCount(tally, 'skipped', input.skipped);
  if (input.skippedByKind) {
    for (const [kind, n] of Object.entries(input.skippedByKind) as [ResourceKind, number][]) addKindCount(byKind, kind, 'skipped', n);
  } else {
    addKindCount(byKind, 'ec2', 'skipped', input.skipped);
  }

  if (changed.size > 0) {
    const goal = targetState(input.action);
    const { ec2 } = await deps.clientsFor(target, input);
    const observed = await waitForState(ec2, [...changed.keys()], goal, deps);
    for (const [instanceId, outcome] of changed) {
      const seen = observed.get(instanceId);
      if (seen?.state === goal) {
        count('ec2', outcome);
        continue;
      }
      const reason = seen ? `still ${seen.state} after ${deps.timeoutSeconds}s${seen.stateReason ? ` (${seen.stateReason})` : ''}` : 'no longer found';
      unfinished.push(unfinishedOf(instanceId, reason));
      deps.log.warn('instance did not reach target state', { where, instanceId, target: goal, reason });
    }
  }
  if (unfinished.length > 0) await deps.store.write(keys.unfinished, unfinished);
  return {
    target,
    status: 'done',
    tally,
    byKind,
    unfinished: unfinished.length,
    skipped: input.skipped,
    skippedSample: [...input.skippedSample, ...changeSkipped].slice(0, Math.max(SKIPPED_SAMPLE_SIZE, input.skippedSample.length)),
    ...(input.notesSample ? { notesSample: input.notesSample } : {}),
  };
}
