/**
 * Finds the instances an action can change: opt-in tag (exact), the state the action changes,
 * every target region, every page. Instances that must not be stopped or started by a schedule
 * are returned as skipped, each with its reason, so the operator sees why they were left alone.
 */
import { paginateDescribeInstances, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { chunk } from '../shared/batch';
import { asStepError, TooManyInstancesError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { allItems, instancesOf } from '../shared/pages';
import { scheduleSkipReason, spotRequestTypes } from '../shared/schedule-eligibility';
import { hasOptInTag, optInTagFilter, type OptInTag } from '../shared/tags';
import {
  BATCH_SIZE,
  changeableState,
  MAX_INSTANCES_PER_RUN,
  type InstanceBatch,
  type PowerAction,
  type SkippedInstance,
} from '../shared/power-types';

export interface ListDeps {
  ec2For(region: string): EC2Client;
  regions: readonly string[];
  tagKey: string;
  pageSize: number;
  log: DecisionLog;
}

export interface ListRequest {
  action: PowerAction;
  tagValue: string;
}

function describeTagged(ec2: EC2Client, region: string, tag: OptInTag, state: string, pageSize: number): Promise<Instance[]> {
  return allItems(
    `DescribeInstances in ${region}`,
    paginateDescribeInstances({ client: ec2, pageSize }, { Filters: [optInTagFilter(tag), { Name: 'instance-state-name', Values: [state] }] }),
    instancesOf,
  );
}

export async function listTaggedInstances(
  request: ListRequest,
  deps: ListDeps,
): Promise<{ batches: InstanceBatch[]; skipped: SkippedInstance[] }> {
  const tag: OptInTag = { key: deps.tagKey, value: request.tagValue };
  const state = changeableState(request.action);
  const batches: InstanceBatch[] = [];
  const skipped: SkippedInstance[] = [];

  for (const region of deps.regions) {
    const ec2 = deps.ec2For(region);
    let instances: Instance[];
    let spotTypes: Map<string, string>;
    try {
      instances = (await describeTagged(ec2, region, tag, state, deps.pageSize)).filter((i) => hasOptInTag(i.Tags, tag));
      spotTypes = await spotRequestTypes(ec2, instances);
    } catch (error) {
      throw asStepError(error, `DescribeInstances in ${region}`);
    }

    const eligible: string[] = [];
    for (const instance of instances) {
      const instanceId = instance.InstanceId!;
      const reason = scheduleSkipReason(instance, spotTypes.get(instance.SpotInstanceRequestId ?? ''));
      if (reason) {
        skipped.push({ region, instanceId, reason });
        deps.log.info('skipping instance', { region, instanceId, action: request.action, reason });
      } else {
        eligible.push(instanceId);
      }
    }
    eligible.sort();
    for (const instanceIds of chunk(eligible, BATCH_SIZE)) batches.push({ region, instanceIds });
    deps.log.info('listed tagged instances', {
      region,
      action: request.action,
      state,
      eligible: eligible.length,
      skipped: skipped.filter((s) => s.region === region).length,
    });
  }
  const listed = batches.reduce((n, b) => n + b.instanceIds.length, 0) + skipped.length;
  if (listed > MAX_INSTANCES_PER_RUN) {
    throw new TooManyInstancesError(
      `${listed} instances carry ${tag.key}=${tag.value} in ${state} state; one run handles at most ${MAX_INSTANCES_PER_RUN} ` +
        '(Step Functions limits state data to 256 KiB). Nothing was changed. Split them across schedules with different tag values.',
    );
  }
  return { batches, skipped };
}
