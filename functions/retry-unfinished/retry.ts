/**
 * Re-attempts only the unfinished instances. Idempotent, because Redrive and the ASL's patient
 * Retry run it again with the same input: an instance already in the target state is counted as
 * done without another call, and one that lost its opt-in tag meanwhile is left alone.
 * Whatever still cannot be changed makes the step fail with InstancesNotChangedError.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { changeInstanceState } from '../shared/change-instances';
import { InstancesNotChangedError } from '../shared/errors';
import { describeInstanceStates, waitForState, type Clock } from '../shared/instance-states';
import type { DecisionLog } from '../shared/logger';
import { hasOptInTag } from '../shared/tags';
import {
  changeableState,
  targetState,
  type RecoveredInstance,
  type RetryResult,
  type UnfinishedInstance,
  type VerifyResult,
} from '../shared/power-types';

export interface RetryDeps {
  ec2For(region: string): EC2Client;
  tagKey: string;
  timeoutSeconds: number;
  pollSeconds: number;
  clock: Clock;
  log: DecisionLog;
}

export async function retryUnfinished(input: VerifyResult, deps: RetryDeps): Promise<RetryResult> {
  const recovered: RecoveredInstance[] = [];
  const stillUnfinished: UnfinishedInstance[] = [];
  const target = targetState(input.action);
  const changeable = changeableState(input.action);
  const tag = { key: deps.tagKey, value: input.tagValue };

  const byRegion = new Map<string, UnfinishedInstance[]>();
  for (const u of input.unfinished) byRegion.set(u.region, [...(byRegion.get(u.region) ?? []), u]);

  for (const [region, unfinished] of byRegion) {
    const ec2 = deps.ec2For(region);
    const observed = await describeInstanceStates(ec2, unfinished.map((u) => u.instanceId));
    const toChange: string[] = [];
    const toAwait: string[] = [];
    for (const u of unfinished) {
      const seen = observed.get(u.instanceId);
      if (!seen || seen.state === 'terminated' || seen.state === 'shutting-down') {
        recovered.push({ region, instanceId: u.instanceId, outcome: 'skipped', reason: 'instance no longer exists' });
      } else if (!hasOptInTag(seen.tags, tag)) {
        recovered.push({ region, instanceId: u.instanceId, outcome: 'skipped', reason: `opt-in tag ${tag.key}=${tag.value} removed` });
      } else if (!input.dryRun && seen.state === target) {
        recovered.push({ region, instanceId: u.instanceId, outcome: input.action === 'stop' ? 'stopped' : 'started' });
      } else if (seen.state === changeable || input.dryRun) {
        toChange.push(u.instanceId);
      } else {
        toAwait.push(u.instanceId);
      }
    }

    const outcomes = await changeInstanceState({ action: input.action, dryRun: input.dryRun, instanceIds: toChange }, { ec2, log: deps.log });
    const failedNow = new Map(outcomes.filter((o) => o.outcome === 'failed').map((o) => [o.instanceId, o]));
    for (const o of outcomes) {
      if (o.outcome !== 'failed' && (input.dryRun || o.outcome.startsWith('already'))) {
        recovered.push({ region, instanceId: o.instanceId, outcome: o.outcome, reason: o.reason });
      } else if (o.outcome !== 'failed') {
        toAwait.push(o.instanceId);
      }
    }

    const arrived = toAwait.length === 0
      ? new Map()
      : await waitForState(ec2, toAwait, target, {
          timeoutSeconds: deps.timeoutSeconds,
          pollSeconds: deps.pollSeconds,
          clock: deps.clock,
        });
    for (const instanceId of toAwait) {
      const seen = arrived.get(instanceId);
      if (seen?.state === target) {
        recovered.push({ region, instanceId, outcome: input.action === 'stop' ? 'stopped' : 'started' });
      } else {
        stillUnfinished.push({ region, instanceId, reason: `still ${seen?.state ?? 'missing'} after retry${seen?.stateReason ? ` (${seen.stateReason})` : ''}` });
      }
    }
    for (const failed of failedNow.values()) {
      stillUnfinished.push({ region, instanceId: failed.instanceId, errorCode: failed.errorCode, reason: failed.reason ?? 'failed' });
    }
  }

  for (const r of recovered) deps.log.info('unfinished instance recovered', { ...r, action: input.action });
  if (stillUnfinished.length > 0) {
    deps.log.warn('instances still not changed', { action: input.action, instances: stillUnfinished });
    throw new InstancesNotChangedError(stillUnfinished);
  }
  return { ...input, recovered };
}
