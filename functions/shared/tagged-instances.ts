/**
 * Finds the instances an action can change in one account-region: opt-in tag (exact), the state
 * the action changes, every page. Instances that must not be stopped or started by a schedule are
 * returned as skipped, each with its reason, so the operator sees why they were left alone. Used by
 * ListTaggedInstances for each target, and by RetryUnfinished for a target it does again whole.
 */
import {
  DescribeSpotInstanceRequestsCommand,
  paginateDescribeInstances,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import { chunk } from './batch';
import { asStepError, TooManyInstancesError } from './errors';
import type { DecisionLog } from './logger';
import { allItems, instancesOf } from './pages';
import { hasOptInTag, optInTagFilter, tagValue, type OptInTag } from './tags';
import { changeableState, MAX_INSTANCES_PER_TARGET, type PowerAction } from './power-types';

export interface ListDeps {
  ec2: EC2Client;
  /** Says where, in messages: `111122223333/us-east-1`. */
  where: string;
  tagKey: string;
  pageSize: number;
  log: DecisionLog;
}

export interface ListRequest {
  action: PowerAction;
  tagValue: string;
}

export interface TaggedInstances {
  /** Sorted, so batches come out the same on every run. */
  eligible: string[];
  skipped: { instanceId: string; reason: string }[];
}

const ASG_TAG = 'aws:autoscaling:groupName';

/** Why an instance must not be changed by a schedule, or undefined when it may be. */
export function skipReason(instance: Instance, spotRequestType?: string): string | undefined {
  const asg = tagValue(instance.Tags, ASG_TAG);
  if (asg !== undefined) return `member of Auto Scaling group ${asg}: the group would replace it`;
  if (instance.InstanceLifecycle === 'spot' && spotRequestType !== 'persistent') {
    return 'one-time Spot instance: it cannot be stopped, only terminated';
  }
  if (instance.RootDeviceType === 'instance-store') {
    return 'instance-store root device: it cannot be stopped';
  }
  return undefined;
}

function describeTagged(ec2: EC2Client, where: string, tag: OptInTag, state: string, pageSize: number): Promise<Instance[]> {
  return allItems(
    `DescribeInstances in ${where}`,
    paginateDescribeInstances({ client: ec2, pageSize }, { Filters: [optInTagFilter(tag), { Name: 'instance-state-name', Values: [state] }] }),
    instancesOf,
  );
}

async function spotRequestTypes(
  ec2: Pick<EC2Client, 'send'>,
  instances: readonly Instance[],
): Promise<Map<string, string>> {
  const requestIds = instances.flatMap((i) => (i.SpotInstanceRequestId ? [i.SpotInstanceRequestId] : []));
  const types = new Map<string, string>();
  for (const ids of chunk(requestIds, 100)) {
    const out = await ec2.send(new DescribeSpotInstanceRequestsCommand({ SpotInstanceRequestIds: ids }));
    for (const request of out.SpotInstanceRequests ?? []) {
      if (request.SpotInstanceRequestId && request.Type) types.set(request.SpotInstanceRequestId, request.Type);
    }
  }
  return types;
}

export async function listTaggedInstances(request: ListRequest, deps: ListDeps): Promise<TaggedInstances> {
  const tag: OptInTag = { key: deps.tagKey, value: request.tagValue };
  const state = changeableState(request.action);
  let instances: Instance[];
  let spotTypes: Map<string, string>;
  try {
    instances = (await describeTagged(deps.ec2, deps.where, tag, state, deps.pageSize)).filter((i) => hasOptInTag(i.Tags, tag));
    spotTypes = await spotRequestTypes(
      deps.ec2,
      instances.filter((i) => i.InstanceLifecycle === 'spot'),
    );
  } catch (error) {
    throw asStepError(error, `DescribeInstances in ${deps.where}`);
  }
  if (instances.length > MAX_INSTANCES_PER_TARGET) {
    throw new TooManyInstancesError(
      `${instances.length} instances carry ${tag.key}=${tag.value} in ${state} state in ${deps.where}; one run handles at most ${MAX_INSTANCES_PER_TARGET} ` +
        "per account and region (one child execution's history holds 25,000 events). Nothing was changed there. Split them across schedules with different tag values.",
    );
  }

  const eligible: string[] = [];
  const skipped: TaggedInstances['skipped'] = [];
  for (const instance of instances) {
    const instanceId = instance.InstanceId!;
    const reason = skipReason(instance, spotTypes.get(instance.SpotInstanceRequestId ?? ''));
    if (reason) {
      skipped.push({ instanceId, reason });
      deps.log.info('skipping instance', { where: deps.where, instanceId, action: request.action, reason });
    } else {
      eligible.push(instanceId);
    }
  }
  eligible.sort();
  deps.log.info('listed tagged instances', { where: deps.where, action: request.action, state, eligible: eligible.length, skipped: skipped.length });
  return { eligible, skipped };
}
