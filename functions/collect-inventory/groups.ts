/**
 * The Auto Scaling groups of one target that carry the opt-in tag key, as the cost report estimates
 * them: where the schedule has each now (power-schedule's own rule, shared/auto-scaling-groups.ts)
 * and which members are in service. Their instances are read with the others (DescribeInstances).
 *
 * A read Auto Scaling refuses leaves the groups out with a note the workbook shows
 * (./optional-read.ts): the other figures do not depend on it.
 */
import type { AutoScalingClient, AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { groupScheduleState, groupTag, listGroupsWithTagKey, savedSizesTagKey, sizesOf } from '../shared/auto-scaling-groups';
import type { InventoryAutoScalingGroup } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { readOrNote } from './optional-read';

export function assembleGroups(region: string, groups: readonly AutoScalingGroup[], scheduleTagKey: string): InventoryAutoScalingGroup[] {
  return groups.flatMap((group): InventoryAutoScalingGroup[] => {
    const scheduleTagValue = groupTag(group, scheduleTagKey);
    if (scheduleTagValue === undefined) return [];
    const schedule = groupScheduleState(group, scheduleTagKey);
    const sizes = sizesOf(group);
    return [
      {
        region,
        name: group.AutoScalingGroupName ?? '',
        scheduleTagValue,
        scheduleState: schedule.state,
        ...(schedule.state === 'left alone' ? { scheduleSkipReason: schedule.reason } : {}),
        ...sizes,
        ...(schedule.state === 'stopped' ? { savedSizes: groupTag(group, savedSizesTagKey(scheduleTagKey)) } : {}),
        inServiceInstanceIds: (group.Instances ?? []).flatMap((i) => (i.LifecycleState === 'InService' && i.InstanceId ? [i.InstanceId] : [])).sort(),
        mixedInstances: group.MixedInstancesPolicy !== undefined,
      },
    ];
  });
}

export async function collectGroups(
  autoScaling: AutoScalingClient | undefined,
  region: string,
  deps: { scheduleTagKey: string; where: string; log: DecisionLog },
): Promise<{ groups: InventoryAutoScalingGroup[]; readError?: string }> {
  // Callers that read EC2 alone (bench fleets) pass no Auto Scaling client: no groups, nothing to note.
  if (!autoScaling) return { groups: [] };
  const read = await readOrNote(async () => assembleGroups(region, await listGroupsWithTagKey(autoScaling, deps.scheduleTagKey, deps.where), deps.scheduleTagKey), {
    call: 'DescribeAutoScalingGroups',
    what: 'Auto Scaling groups',
    where: deps.where,
    log: deps.log,
  });
  if (read.readError !== undefined) return { groups: [], readError: read.readError };
  const groups = read.value;
  deps.log.info('collected Auto Scaling groups', { where: deps.where, tagged: groups.length, stopped: groups.filter((g) => g.scheduleState === 'stopped').length });
  return { groups };
}
