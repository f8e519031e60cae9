/**
 * Which instances a stop/start schedule may change: the one rule power-schedule applies when it
 * lists instances, and the cost report when it estimates what the schedule saves (an instance the
 * schedule leaves alone saves nothing).
 */
import { DescribeSpotInstanceRequestsCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { chunk } from './batch';
import { tagValue } from './tags';

/** The tag an Auto Scaling group puts on its instances. */
export const AUTO_SCALING_GROUP_TAG = 'aws:autoscaling:groupName';
// DescribeSpotInstanceRequests takes up to this many request ids per call in practice; more are split.
const SPOT_REQUESTS_PER_CALL = 100;

type EligibilityFields = Pick<Instance, 'Tags' | 'InstanceLifecycle' | 'RootDeviceType'>;

/** Why an instance must not be changed by a schedule, or undefined when it may be. `spotRequestType` is its Spot request's Type. */
export function scheduleSkipReason(instance: EligibilityFields, spotRequestType?: string): string | undefined {
  const asg = tagValue(instance.Tags, AUTO_SCALING_GROUP_TAG);
  if (asg !== undefined) return `member of Auto Scaling group ${asg}: the group would replace it`;
  if (instance.InstanceLifecycle === 'spot' && spotRequestType !== 'persistent') {
    return 'one-time Spot instance: it cannot be stopped, only terminated';
  }
  if (instance.RootDeviceType === 'instance-store') {
    return 'instance-store root device: it cannot be stopped';
  }
  return undefined;
}

/** The Type (`one-time` or `persistent`) of each Spot request behind these instances, by request id. */
export async function spotRequestTypes(ec2: Pick<EC2Client, 'send'>, instances: readonly Instance[]): Promise<Map<string, string>> {
  const requestIds = instances.flatMap((i) => (i.InstanceLifecycle === 'spot' && i.SpotInstanceRequestId ? [i.SpotInstanceRequestId] : []));
  const types = new Map<string, string>();
  for (const ids of chunk(requestIds, SPOT_REQUESTS_PER_CALL)) {
    const out = await ec2.send(new DescribeSpotInstanceRequestsCommand({ SpotInstanceRequestIds: ids }));
    for (const request of out.SpotInstanceRequests ?? []) {
      if (request.SpotInstanceRequestId && request.Type) types.set(request.SpotInstanceRequestId, request.Type);
    }
  }
  return types;
}
