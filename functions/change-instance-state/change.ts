/**
 * Stops or starts one batch of instances. A call that fails is split in half until the failing
 * ids stand alone, so one bad instance costs only its own outcome; throttling and AWS-side
 * failures are thrown as named errors for the state machine's Retry.
 */
import {
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import { asStepError, awsErrorCode, isThrottling, isTransient } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import type { BatchResult, InstanceOutcome, PowerAction } from '../shared/power-types';

export interface ChangeRequest {
  action: PowerAction;
  dryRun: boolean;
  instanceIds: readonly string[];
}

export interface ChangeDeps {
  ec2: Pick<EC2Client, 'send'>;
  log: DecisionLog;
}

// Errors that say nothing about a particular id: splitting the batch would only repeat them.
const WHOLE_CALL_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'OptInRequired',
  'Blocked',
]);

function outcomeOf(action: PowerAction, change: InstanceStateChange): InstanceOutcome {
  const previous = change.PreviousState?.Name;
  const instanceId = change.InstanceId!;
  if (action === 'stop') {
    const already = previous === 'stopped' || previous === 'stopping';
    return { instanceId, outcome: already ? 'alreadyStopped' : 'stopped' };
  }
  const already = previous === 'running' || previous === 'pending';
  return { instanceId, outcome: already ? 'alreadyRunning' : 'started' };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function changeInstanceState(request: ChangeRequest, deps: ChangeDeps): Promise<InstanceOutcome[]> {
  const { action, dryRun } = request;
  const verb = action === 'stop' ? 'StopInstances' : 'StartInstances';

  const attempt = async (ids: readonly string[]): Promise<InstanceOutcome[]> => {
    const input = { InstanceIds: [...ids], DryRun: dryRun };
    try {
      const out =
        action === 'stop'
          ? await deps.ec2.send(new StopInstancesCommand(input))
          : await deps.ec2.send(new StartInstancesCommand(input));
      const changes = action === 'stop'
        ? (out as { StoppingInstances?: InstanceStateChange[] }).StoppingInstances
        : (out as { StartingInstances?: InstanceStateChange[] }).StartingInstances;
      const byId = new Map((changes ?? []).map((c) => [c.InstanceId, c]));
      return ids.map((instanceId) => {
        const change = byId.get(instanceId);
        return change
          ? outcomeOf(action, change)
          : { instanceId, outcome: 'failed', errorCode: 'NoStateChange', reason: `${verb} did not report this instance` };
      });
    } catch (error) {
      const code = awsErrorCode(error);
      if (dryRun && code === 'DryRunOperation') {
        return ids.map((instanceId) => ({
          instanceId,
          outcome: 'dryRunPassed' as const,
          reason: `${verb} would have succeeded`,
        }));
      }
      if (isThrottling(error) || isTransient(error)) throw asStepError(error, verb);
      if (ids.length > 1 && !WHOLE_CALL_CODES.has(code)) {
        const half = Math.ceil(ids.length / 2);
        // Sequential halves: a burst of parallel calls would invite the throttling we avoid.
        const left = await attempt(ids.slice(0, half));
        const right = await attempt(ids.slice(half));
        return [...left, ...right];
      }
      return ids.map((instanceId) => ({
        instanceId,
        outcome: 'failed' as const,
        errorCode: code,
        reason: describeError(error),
      }));
    }
  };

  const outcomes = request.instanceIds.length === 0 ? [] : await attempt(request.instanceIds);
  for (const o of outcomes) {
    const entry = { instanceId: o.instanceId, action, dryRun, outcome: o.outcome, reason: o.reason, errorCode: o.errorCode };
    if (o.outcome === 'failed') deps.log.warn('instance not changed', entry);
    else deps.log.info('instance outcome', entry);
  }
  return outcomes;
}

/** Groups outcomes into the compact payload the Map iteration returns. */
export function toBatchResult(region: string, outcomes: readonly InstanceOutcome[]): BatchResult {
  const result: BatchResult = { region, idsByOutcome: {}, problems: [] };
  for (const o of outcomes) {
    if (o.outcome === 'failed' || o.outcome === 'skipped') result.problems.push(o);
    else (result.idsByOutcome[o.outcome] ??= []).push(o.instanceId);
  }
  return result;
}
