/**
 * Stops or starts a batch of instances: the one EC2 call ChangeInstanceState (per Map batch) and
 * RetryUnfinished (per leftover) both make. A call that fails is bisected until the failing ids
 * stand alone, so one bad instance costs only its own outcome; throttling and AWS-side failures
 * are thrown as named errors for the state machine's Retry.
 */
import {
  StartInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import { bisectRetry } from './batch';
import { asStepError, awsErrorCode, isAccountAccessError, isCapacityShortage, isThrottling, isTransient } from './errors';
import type { DecisionLog } from './logger';
import type { InstanceOutcome, PowerAction } from './power-types';

export interface ChangeRequest {
  action: PowerAction;
  dryRun: boolean;
  instanceIds: readonly string[];
  /** Stop with Hibernate=true (the ids must be configured for hibernation; EC2 refuses the others). */
  hibernate?: boolean;
  /** Kept with each changed instance's outcome: why it was changed this way. */
  reason?: string;
}

export interface ChangeDeps {
  ec2: Pick<EC2Client, 'send'>;
  log: DecisionLog;
}

function outcomeOf(request: ChangeRequest, change: InstanceStateChange): InstanceOutcome {
  const previous = change.PreviousState?.Name;
  const instanceId = change.InstanceId!;
  if (request.action === 'stop') {
    const already = previous === 'stopped' || previous === 'stopping';
    if (already) return { instanceId, outcome: 'alreadyStopped' };
    return { instanceId, outcome: request.hibernate ? 'hibernated' : 'stopped', ...(request.reason ? { reason: request.reason } : {}) };
  }
  const already = previous === 'running' || previous === 'pending';
  return { instanceId, outcome: already ? 'alreadyRunning' : 'started' };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function changeInstanceState(request: ChangeRequest, deps: ChangeDeps): Promise<InstanceOutcome[]> {
  const { action, dryRun } = request;
  const verb = action === 'start' ? 'StartInstances' : request.hibernate ? 'StopInstances with Hibernate' : 'StopInstances';

  const call = async (ids: readonly string[]): Promise<InstanceOutcome[]> => {
    const input = { InstanceIds: [...ids], DryRun: dryRun };
    const changes =
      action === 'stop'
        ? (await deps.ec2.send(new StopInstancesCommand(request.hibernate ? { ...input, Hibernate: true } : input))).StoppingInstances
        : (await deps.ec2.send(new StartInstancesCommand(input))).StartingInstances;
    const byId = new Map((changes ?? []).map((c) => [c.InstanceId, c]));
    return ids.map((instanceId) => {
      const change = byId.get(instanceId);
      return change
        ? outcomeOf(request, change)
        : { instanceId, outcome: 'failed', errorCode: 'NoStateChange', reason: `${verb} did not report this instance` };
    });
  };

  const outcomes = await bisectRetry<string, InstanceOutcome>(request.instanceIds, call, {
    settle: (error, ids) => {
      if (dryRun && awsErrorCode(error) === 'DryRunOperation') {
        return ids.map((instanceId) => ({ instanceId, outcome: 'dryRunPassed' as const, reason: `${verb} would have succeeded` }));
      }
      if ((isThrottling(error) || isTransient(error)) && !isCapacityShortage(error)) throw asStepError(error, verb);
      return undefined;
    },
    // Access to the account or region, not any one id: splitting the batch would only repeat it.
    splittable: (error) => !isAccountAccessError(error),
    failed: (instanceId, error) => ({ instanceId, outcome: 'failed', errorCode: awsErrorCode(error), reason: describeError(error) }),
  });
  for (const o of outcomes) {
    const entry = { instanceId: o.instanceId, action, dryRun, outcome: o.outcome, reason: o.reason, errorCode: o.errorCode };
    if (o.outcome === 'failed') deps.log.warn('instance not changed', entry);
    else deps.log.info('instance outcome', entry);
  }
  return outcomes;
}
