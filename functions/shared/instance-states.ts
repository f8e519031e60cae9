/**
 * Reads instance states and waits, bounded, until instances reach a target state. Shared by
 * Verify (after the Map) and RetryUnfinished, which must agree on what "arrived" means.
 */
import { paginateDescribeInstances, type EC2Client, type Tag } from '@aws-sdk/client-ec2';
import { chunk } from './batch';
import { allItems, instancesOf } from './pages';

export interface ObservedInstance {
  state: string;
  tags: Tag[];
  stateReason?: string;
  instanceType?: string;
  availabilityZone?: string;
  hibernationConfigured: boolean;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Missing ids are simply absent from the map: a filter, unlike InstanceIds, does not fail on them. */
export async function describeInstanceStates(ec2: EC2Client, instanceIds: readonly string[]): Promise<Map<string, ObservedInstance>> {
  const observed = new Map<string, ObservedInstance>();
  for (const ids of chunk(instanceIds, 200)) {
    const instances = await allItems(
      'DescribeInstances',
      paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-id', Values: ids }] }),
      instancesOf,
    );
    for (const instance of instances) {
      observed.set(instance.InstanceId!, {
        state: instance.State?.Name ?? 'unknown',
        tags: instance.Tags ?? [],
        stateReason: instance.StateReason?.Message,
        instanceType: instance.InstanceType,
        availabilityZone: instance.Placement?.AvailabilityZone,
        hibernationConfigured: instance.HibernationOptions?.Configured === true,
      });
    }
  }
  return observed;
}

/** How long to wait for instances to reach a state, and how often to look (VERIFY_TIMEOUT_SECONDS, VERIFY_POLL_SECONDS). */
export interface StateWait {
  timeoutSeconds: number;
  pollSeconds: number;
  clock: Clock;
}

/**
 * Polls until every id is in `target` or `timeoutSeconds` pass; returns the last observation of
 * each id so the caller can say where the stragglers stopped.
 */
export async function waitForState(
  ec2: EC2Client,
  instanceIds: readonly string[],
  target: string,
  options: StateWait,
): Promise<Map<string, ObservedInstance>> {
  const deadline = options.clock.now() + options.timeoutSeconds * 1000;
  let pending = [...instanceIds];
  const last = new Map<string, ObservedInstance>();
  for (;;) {
    const observed = await describeInstanceStates(ec2, pending);
    for (const id of pending) {
      const seen = observed.get(id);
      if (seen) last.set(id, seen);
      else last.delete(id);
    }
    pending = pending.filter((id) => last.get(id)?.state !== target);
    if (pending.length === 0 || options.clock.now() >= deadline) return last;
    await options.clock.sleep(options.pollSeconds * 1000);
  }
}
