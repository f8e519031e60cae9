/**
 * Finds the instances an action can change in one account-region: opt-in tag (exact), the state
 * the action changes, every page. Instances that must not be stopped or started by a schedule are
 * returned as skipped, each with its reason, so the operator sees why they were left alone. Used by
 * ListTaggedInstances for each target, and by RetryUnfinished for a target it does again whole.
 */
import { paginateDescribeInstances, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { asStepError, TooManyInstancesError } from './errors';
import type { DecisionLog } from './logger';
import { allItems, instancesOf } from './pages';
import { scheduleSkipReason, spotRequestTypes } from './schedule-eligibility';
import { hasOptInTag, optInTagFilter, type OptInTag } from './tags';
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

function describeTagged(ec2: EC2Client, where: string, tag: OptInTag, state: string, pageSize: number): Promise<Instance[]> {
  return allItems(
    `DescribeInstances in ${where}`,
    paginateDescribeInstances({ client: ec2, pageSize }, { Filters: [optInTagFilter(tag), { Name: 'instance-state-name', Values: [state] }] }),
    instancesOf,
  );
}

export async function listTaggedInstances(request: ListRequest, deps: ListDeps): Promise<TaggedInstances> {
  const tag: OptInTag = { key: deps.tagKey, value: request.tagValue };
  const state = changeableState(request.action);
  let instances: Instance[];
  let spotTypes: Map<string, string>;
  try {
    instances = (await describeTagged(deps.ec2, deps.where, tag, state, deps.pageSize)).filter((i) => hasOptInTag(i.Tags, tag));
    spotTypes = await spotRequestTypes(deps.ec2, instances);
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
    const reason = scheduleSkipReason(instance, spotTypes.get(instance.SpotInstanceRequestId ?? ''));
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
