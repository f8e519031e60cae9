/**
 * After the Map: confirms that every instance the Map changed reached the target state, and
 * gathers everything that did not (failed calls, batches that exhausted their retries, starts
 * that "succeeded" but fell back to stopped) into one `unfinished` list for RetryUnfinished.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { DecisionLog } from '../shared/logger';
import { waitForState, type Clock } from '../shared/instance-states';
import { addToTally } from '../shared/tally';
import {
  targetState,
  type BatchResult,
  type FailedBatch,
  type Outcome,
  type PowerRequest,
  type SkippedInstance,
  type Tally,
  type UnfinishedInstance,
  type VerifyResult,
} from '../shared/power-types';

export interface VerifyInput extends PowerRequest {
  batches: (BatchResult | FailedBatch)[];
  skipped: SkippedInstance[];
}

export interface VerifyDeps {
  ec2For(region: string): EC2Client;
  timeoutSeconds: number;
  pollSeconds: number;
  clock: Clock;
  log: DecisionLog;
}

function isFailedBatch(batch: BatchResult | FailedBatch): batch is FailedBatch {
  return 'batchError' in batch;
}

export async function verifyInstanceStates(input: VerifyInput, deps: VerifyDeps): Promise<VerifyResult> {
  const { batches, skipped, ...request } = input;
  const tally: Tally = {};
  const unfinished: UnfinishedInstance[] = [];
  const changedByRegion = new Map<string, string[]>();

  for (const batch of batches) {
    if (isFailedBatch(batch)) {
      for (const instanceId of batch.instanceIds) {
        unfinished.push({
          region: batch.region,
          instanceId,
          errorCode: batch.batchError.Error,
          reason: `batch failed after retries: ${batch.batchError.Cause ?? batch.batchError.Error}`,
        });
      }
      continue;
    }
    for (const [outcome, ids] of Object.entries(batch.idsByOutcome) as [Outcome, string[]][]) {
      if (outcome === 'stopped' || outcome === 'started') {
        changedByRegion.set(batch.region, [...(changedByRegion.get(batch.region) ?? []), ...ids]);
      } else {
        addToTally(tally, batch.region, outcome, ids.length);
      }
    }
    for (const problem of batch.problems) {
      if (problem.outcome === 'failed') {
        unfinished.push({
          region: batch.region,
          instanceId: problem.instanceId,
          errorCode: problem.errorCode,
          reason: problem.reason ?? 'failed',
        });
      } else {
        addToTally(tally, batch.region, problem.outcome);
      }
    }
  }
  for (const s of skipped) addToTally(tally, s.region, 'skipped');

  const target = targetState(request.action);
  const outcome: Outcome = request.action === 'stop' ? 'stopped' : 'started';
  for (const [region, ids] of changedByRegion) {
    const observed = request.dryRun
      ? undefined
      : await waitForState(deps.ec2For(region), ids, target, {
          timeoutSeconds: deps.timeoutSeconds,
          pollSeconds: deps.pollSeconds,
          clock: deps.clock,
        });
    for (const instanceId of ids) {
      const seen = observed?.get(instanceId);
      if (!observed || seen?.state === target) {
        addToTally(tally, region, outcome);
        continue;
      }
      const reason = seen
        ? `still ${seen.state} after ${deps.timeoutSeconds}s${seen.stateReason ? ` (${seen.stateReason})` : ''}`
        : 'no longer found';
      unfinished.push({ region, instanceId, reason });
      deps.log.warn('instance did not reach target state', { region, instanceId, target, reason });
    }
  }
  return { ...request, unfinished, tally, skipped };
}
