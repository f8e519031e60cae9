/**
 * listTaggedInstances, its skip rules and ListTaggedInstances' per-target listing against a fake
 * EC2 and an in-memory S3: batching arithmetic, the instances moto cannot produce (instance-store
 * roots, persistent Spot with its request), and what a target that cannot be reached returns.
 */
import {
  DescribeInstancesCommand,
  DescribeSpotInstanceRequestsCommand,
  EC2Client,
  type Instance,
  type SpotInstanceRequest,
} from '@aws-sdk/client-ec2';
import { listTarget } from '../../functions/list-tagged-instances/list';
import { silentLog } from '../../functions/shared/logger';
import { runFolder, targetKeys, type BatchObject } from '../../functions/shared/power-store';
import { BATCH_SIZE, MAX_INSTANCES_PER_TARGET, type TargetListing, type TargetRun } from '../../functions/shared/power-types';
import { scheduleSkipReason as skipReason } from '../../functions/shared/schedule-eligibility';
import { listTaggedInstances } from '../../functions/shared/tagged-instances';
import { memoryStore } from '../support/memory-store';
import { clientAnswering } from '../support/sdk-client';

const OPT_IN = [{ Key: 'AutoStopStart', Value: 'Yes' }];

function instance(id: string, extra: Partial<Instance> = {}): Instance {
  return { InstanceId: id, State: { Name: 'running' }, Tags: OPT_IN, RootDeviceType: 'ebs', ...extra };
}

/** One region's fake EC2: DescribeInstances pages of `pageSize` reservations, spot requests by id. */
function fakeRegion(instances: Instance[], spotRequests: SpotInstanceRequest[] = []) {
  const describeCalls: DescribeInstancesCommand['input'][] = [];
  return {
    describeCalls,
    ec2: clientAnswering(EC2Client, async (command: DescribeInstancesCommand | DescribeSpotInstanceRequestsCommand) => {
      if (command instanceof DescribeSpotInstanceRequestsCommand) {
        const wanted = command.input.SpotInstanceRequestIds ?? [];
        return { SpotInstanceRequests: spotRequests.filter((r) => wanted.includes(r.SpotInstanceRequestId!)) };
      }
      describeCalls.push({ ...command.input });
      const size = command.input.MaxResults ?? 1000;
      const start = Number(command.input.NextToken ?? 0);
      const page = instances.slice(start, start + size);
      const next = start + size < instances.length ? String(start + size) : undefined;
      return { Reservations: page.map((i) => ({ Instances: [i] })), NextToken: next };
    }),
  };
}

function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `i-${prefix}${String(i).padStart(8, '0')}`);
}

const EXECUTION = 'stop-weekday-20261125T2130Z';
const SEOUL = { accountId: '111122223333', region: 'ap-northeast-2' };
const run: TargetRun = { executionName: EXECUTION, action: 'stop', dryRun: false, tagValue: 'Yes', target: SEOUL };
const listDeps = (ec2: EC2Client, pageSize = 50) => ({ ec2, where: 'eu-west-1', tagKey: 'AutoStopStart', pageSize, log: silentLog });

describe('ListTaggedInstances for one target: batches in S3', () => {
  function targetDeps(fake: ReturnType<typeof fakeRegion>, pageSize = 7) {
    const store = memoryStore();
    return { store, deps: { clientsFor: async () => ({ ec2: fake.ec2 }), store, workPrefix: 'work/', tagKey: 'AutoStopStart', pageSize, log: silentLog } };
  }

  test('writes the ids in batches of at most 50, every id exactly once, and passes on only batch numbers and counts', async () => {
    // Prepare
    const seoul = fakeRegion(ids('a', 123).map((id) => instance(id)));
    const { store, deps } = targetDeps(seoul);

    // Act
    const listing = (await listTarget(run, deps)) as TargetListing;

    // Assess
    expect(listing).toMatchObject({ ...run, status: 'listed', batches: [0, 1, 2], eligible: 123, skipped: 0, skippedSample: [] });
    const keys = targetKeys(runFolder('work/', EXECUTION), SEOUL);
    const batches = await Promise.all(listing.batches.map((b) => store.read<BatchObject>(keys.batch(b), 'batch')));
    expect(batches.map((b) => b.instanceIds.length)).toEqual([50, 50, 23]);
    expect(batches.every((b) => b.instanceIds.length <= BATCH_SIZE)).toBe(true);
    expect(batches.flatMap((b) => b.instanceIds).sort()).toEqual(ids('a', 123));
    // Every page was read, with the configured page size.
    expect(seoul.describeCalls).toHaveLength(Math.ceil(123 / 7));
    expect(seoul.describeCalls.every((c) => c.MaxResults === 7)).toBe(true);
  });

  test('at 10,000 instances in one account-region the state that travels stays a few KiB: ids live in S3', async () => {
    // Real ids are 19 characters: i- and 17 hex digits.
    const realIds = Array.from({ length: 10_000 }, (_, i) => `i-0${i.toString(16).padStart(16, 'f')}`);
    const { store, deps } = targetDeps(fakeRegion(realIds.map((id) => instance(id))), 1000);

    const listing = (await listTarget(run, deps)) as TargetListing;

    expect(listing.batches).toHaveLength(10_000 / BATCH_SIZE);
    expect(JSON.stringify(listing).length).toBeLessThan(4 * 1024);
    expect([...store.objects.keys()].filter((k) => k.endsWith('.json'))).toHaveLength(10_000 / BATCH_SIZE);
  });

  test('a target whose role cannot be assumed, or whose region is not enabled, comes back unreachable with the error; throttling is left to the state machine\'s Retry', async () => {
    const fake = fakeRegion([instance('i-1')]);
    const { deps } = targetDeps(fake);
    const error = (name: string, message: string) => Object.assign(new Error(message), { name });

    const refused = await listTarget(run, { ...deps, clientsFor: async () => Promise.reject(error('AccessDenied', 'not authorized to perform: sts:AssumeRole')) });
    const disabled = await listTarget(run, {
      ...deps,
      clientsFor: async () => ({ ec2: clientAnswering(EC2Client, async () => Promise.reject(error('AuthFailure', 'AWS was not able to validate the provided access credentials'))) }),
    });
    const throttled = listTarget(run, {
      ...deps,
      clientsFor: async () => ({ ec2: clientAnswering(EC2Client, async () => Promise.reject(error('RequestLimitExceeded', 'Request limit exceeded.'))) }),
    });

    expect(refused).toEqual({ target: SEOUL, status: 'unreachable', error: { Error: 'AccessDenied', Cause: 'not authorized to perform: sts:AssumeRole' } });
    expect(disabled).toMatchObject({ target: SEOUL, status: 'unreachable', error: { Error: 'AuthFailure' } });
    await expect(throttled).rejects.toMatchObject({ name: 'ThrottlingError' });
  });
});

describe('listTaggedInstances', () => {
  test('asks EC2 only for the state the action can change (running for stop, stopped for start)', async () => {
    const region = fakeRegion([]);

    await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, listDeps(region.ec2));
    await listTaggedInstances({ action: 'start', tagValue: 'Yes' }, listDeps(region.ec2));

    const stateFilters = region.describeCalls.map((c) => c.Filters?.find((f) => f.Name === 'instance-state-name')?.Values);
    expect(stateFilters).toEqual([['running'], ['stopped']]);
  });

  test('an instance whose tag only matches as a wildcard or differs in case is never listed', async () => {
    // EC2 filters treat * and ? as wildcards; the fake returns what a loose server-side match might.
    const region = fakeRegion([
      instance('i-exact'),
      instance('i-lower', { Tags: [{ Key: 'AutoStopStart', Value: 'yes' }] }),
      instance('i-space', { Tags: [{ Key: 'AutoStopStart', Value: 'Yes ' }] }),
      instance('i-otherkey', { Tags: [{ Key: 'autostopstart', Value: 'Yes' }] }),
    ]);

    const { eligible, skipped } = await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, listDeps(region.ec2));

    expect(eligible).toEqual(['i-exact']);
    expect(skipped).toEqual([]);
  });

  test(`more than ${MAX_INSTANCES_PER_TARGET} in one account-region fails with TooManyInstancesError naming the count, the limit and the remedy`, async () => {
    const fake = fakeRegion(ids('d', MAX_INSTANCES_PER_TARGET + 1).map((id) => instance(id)));

    const listing = listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, listDeps(fake.ec2, 1000));

    await expect(listing).rejects.toMatchObject({
      name: 'TooManyInstancesError',
      message: expect.stringMatching(new RegExp(`${MAX_INSTANCES_PER_TARGET + 1} instances.*in eu-west-1.*at most ${MAX_INSTANCES_PER_TARGET}.*tag values`)),
    });
  });
});

describe('skip rules', () => {
  test('Auto Scaling group members, one-time Spot and instance-store roots are skipped with a reason; persistent Spot is not', async () => {
    const region = fakeRegion(
      [
        instance('i-plain'),
        instance('i-asg', { Tags: [...OPT_IN, { Key: 'aws:autoscaling:groupName', Value: 'web' }] }),
        instance('i-spot-once', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-once' }),
        instance('i-spot-kept', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-kept' }),
        instance('i-spot-unknown', { InstanceLifecycle: 'spot' }),
        instance('i-store', { RootDeviceType: 'instance-store' }),
      ],
      [
        { SpotInstanceRequestId: 'sir-once', Type: 'one-time' },
        { SpotInstanceRequestId: 'sir-kept', Type: 'persistent' },
      ],
    );

    const { eligible, skipped } = await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, listDeps(region.ec2));

    expect(eligible).toEqual(['i-plain', 'i-spot-kept']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.instanceId, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['i-asg', 'i-spot-once', 'i-spot-unknown', 'i-store']);
    expect(reasons['i-asg']).toMatch(/Auto Scaling group web/);
    expect(reasons['i-spot-once']).toMatch(/one-time Spot/);
    // Without its request we cannot know the Spot type; stopping a one-time Spot would lose it.
    expect(reasons['i-spot-unknown']).toMatch(/Spot/);
    expect(reasons['i-store']).toMatch(/instance-store/);
  });

  test('an on-demand EBS-backed instance has no skip reason', () => {
    expect(skipReason(instance('i-plain'))).toBeUndefined();
    expect(skipReason(instance('i-spot', { InstanceLifecycle: 'spot' }), 'persistent')).toBeUndefined();
  });
});
