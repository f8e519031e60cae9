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
import { AUTO_SCALING_GROUP_TAG, scheduleSkipReason, spotRequestTypes } from './schedule-eligibility';
import { overrideSkip, overrideTagKey, scheduleToday, skipFor } from './overrides';
import { hasOptInTag, optInTagFilter, tagValue, type OptInTag } from './tags';
import { changeableState, MAX_INSTANCES_PER_TARGET, type PowerAction, type Skip } from './power-types';

/** How a power-schedule step lists a target's tagged resources (TAG_KEY, DESCRIBE_PAGE_SIZE). */
export interface ListSettings {
  tagKey: string;
  pageSize: number;
  log: DecisionLog;
  /** When the run happens: `skip-until` overrides compare its date in the request's time zone; now when absent. */
  now?: Date;
}

export interface ListDeps extends ListSettings {
  ec2: EC2Client;
  /** Says where, in messages: `111122223333/us-east-1`. */
  where: string;
  /** Tagged Auto Scaling groups the run handles as groups: their members are not listed at all. */
  handledGroups?: ReadonlySet<string>;
}

export interface ListRequest {
  action: PowerAction;
  tagValue: string;
  /** The schedule's time zone; UTC when absent. */
  timezone?: string;
  hibernate?: boolean;
}

export interface TaggedInstances {
  /** To stop or start the ordinary way; sorted, so batches come out the same on every run. */
  eligible: string[];
  /** A stop that asked for hibernation: the instances configured for it (sorted). */
  hibernating: string[];
  /** Stopped normally although hibernation was asked, with why. */
  fallbacks: { instanceId: string; reason: string }[];
  skipped: ({ instanceId: string } & Skip)[];
}

export const HIBERNATION_FALLBACK_REASON = 'hibernation asked, but the instance is not configured for it (HibernationOptions.Configured is false): stopped normally';

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

  const today = scheduleToday(deps.now, request.timezone);
  const hibernateAsked = request.action === 'stop' && request.hibernate === true;
  const listed: TaggedInstances = { eligible: [], hibernating: [], fallbacks: [], skipped: [] };
  for (const instance of instances) {
    const instanceId = instance.InstanceId!;
    if (deps.handledGroups?.has(tagValue(instance.Tags, AUTO_SCALING_GROUP_TAG) ?? '')) continue;
    const skip =
      overrideSkip(deps.tagKey, tagValue(instance.Tags, overrideTagKey(deps.tagKey)), request.action, today) ??
      skipFor(scheduleSkipReason(instance, spotTypes.get(instance.SpotInstanceRequestId ?? '')));
    if (skip) {
      listed.skipped.push({ instanceId, ...skip });
      deps.log.info('skipping instance', { where: deps.where, instanceId, action: request.action, reason: skip.reason });
    } else if (hibernateAsked && instance.HibernationOptions?.Configured === true) {
      listed.hibernating.push(instanceId);
    } else {
      listed.eligible.push(instanceId);
      if (hibernateAsked) listed.fallbacks.push({ instanceId, reason: HIBERNATION_FALLBACK_REASON });
    }
  }
  listed.eligible.sort();
  listed.hibernating.sort();
  listed.fallbacks.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  deps.log.info('listed tagged instances', {
    where: deps.where,
    action: request.action,
    state,
    eligible: listed.eligible.length,
    hibernating: listed.hibernating.length,
    skipped: listed.skipped.length,
  });
  return listed;
}
