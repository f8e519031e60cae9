/**
 * listTaggedInstances and its skip rules against a fake EC2: batching arithmetic, and the
 * instances moto cannot produce (instance-store roots, persistent Spot with its request).
 */
import {
  DescribeInstancesCommand,
  DescribeSpotInstanceRequestsCommand,
  EC2Client,
  type Instance,
  type SpotInstanceRequest,
} from '@aws-sdk/client-ec2';
import { listTaggedInstances } from '../../functions/list-tagged-instances/list';
import { scheduleSkipReason as skipReason } from '../../functions/shared/schedule-eligibility';
import { toBatchResult } from '../../functions/change-instance-state/change';
import { silentLog } from '../../functions/shared/logger';
import { BATCH_SIZE, MAX_INSTANCES_PER_RUN } from '../../functions/shared/power-types';
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

describe('listTaggedInstances: batches', () => {
  test('splits each region into batches of at most 50 ids, every id exactly once, never mixing regions', async () => {
    // Prepare
    const seoul = fakeRegion(ids('a', 123).map((id) => instance(id)));
    const oregon = fakeRegion(ids('b', 30).map((id) => instance(id)));
    const regions = { 'ap-northeast-2': seoul, 'us-west-2': oregon } as Record<string, typeof seoul>;

    // Act
    const { batches, skipped } = await listTaggedInstances(
      { action: 'stop', tagValue: 'Yes' },
      { ec2For: (r) => regions[r]!.ec2, regions: Object.keys(regions), tagKey: 'AutoStopStart', pageSize: 7, log: silentLog },
    );

    // Assess
    expect(skipped).toEqual([]);
    expect(batches.map((b) => [b.region, b.instanceIds.length])).toEqual([
      ['ap-northeast-2', 50],
      ['ap-northeast-2', 50],
      ['ap-northeast-2', 23],
      ['us-west-2', 30],
    ]);
    expect(batches.every((b) => b.instanceIds.length <= BATCH_SIZE)).toBe(true);
    expect(batches.filter((b) => b.region === 'ap-northeast-2').flatMap((b) => b.instanceIds).sort()).toEqual(ids('a', 123));
    // A batch travels through the state machine: it must stay a few KB at most.
    expect(Math.max(...batches.map((b) => JSON.stringify(b).length))).toBeLessThan(4096);
    // Every page was read, with the configured page size.
    expect(seoul.describeCalls).toHaveLength(Math.ceil(123 / 7));
    expect(seoul.describeCalls.every((c) => c.MaxResults === 7)).toBe(true);
  });

  test('asks EC2 only for the state the action can change (running for stop, stopped for start)', async () => {
    const region = fakeRegion([]);
    const deps = { ec2For: () => region.ec2, regions: ['eu-west-1'], tagKey: 'AutoStopStart', pageSize: 50, log: silentLog };

    await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, deps);
    await listTaggedInstances({ action: 'start', tagValue: 'Yes' }, deps);

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

    const { batches, skipped } = await listTaggedInstances(
      { action: 'stop', tagValue: 'Yes' },
      { ec2For: () => region.ec2, regions: ['eu-west-1'], tagKey: 'AutoStopStart', pageSize: 50, log: silentLog },
    );

    expect(batches).toEqual([{ region: 'eu-west-1', instanceIds: ['i-exact'] }]);
    expect(skipped).toEqual([]);
  });
});

describe('listTaggedInstances: fleet size', () => {
  const deps = (fake: ReturnType<typeof fakeRegion>) => ({
    ec2For: () => fake.ec2,
    regions: ['ap-northeast-2'],
    tagKey: 'AutoStopStart',
    pageSize: 1000,
    log: silentLog,
  });

  test('the largest fleet one run accepts stays under the 256 KiB state limit, listed and after the Map', async () => {
    // Real ids are 19 characters: i- and 17 hex digits.
    const realIds = Array.from({ length: MAX_INSTANCES_PER_RUN }, (_, i) => `i-0${i.toString(16).padStart(16, 'f')}`);
    const fake = fakeRegion(realIds.map((id) => instance(id)));

    const listing = await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, deps(fake));
    const mapResults = listing.batches.map((b) =>
      toBatchResult(b.region, b.instanceIds.map((instanceId) => ({ instanceId, outcome: 'stopped' as const }))),
    );

    expect(listing.batches).toHaveLength(MAX_INSTANCES_PER_RUN / BATCH_SIZE);
    const limit = 256 * 1024;
    expect(JSON.stringify({ action: 'stop', dryRun: false, tagValue: 'Yes', ...listing }).length).toBeLessThan(limit * 0.95);
    expect(JSON.stringify({ action: 'stop', dryRun: false, tagValue: 'Yes', batches: mapResults, skipped: [] }).length).toBeLessThan(limit * 0.95);
  });

  test('one instance more fails with TooManyInstancesError naming the count, the limit and the remedy', async () => {
    const fake = fakeRegion(ids('d', MAX_INSTANCES_PER_RUN + 1).map((id) => instance(id)));

    const listing = listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, deps(fake));

    await expect(listing).rejects.toMatchObject({
      name: 'TooManyInstancesError',
      message: expect.stringMatching(new RegExp(`${MAX_INSTANCES_PER_RUN + 1} instances.*at most ${MAX_INSTANCES_PER_RUN}.*tag values`)),
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

    const { batches, skipped } = await listTaggedInstances(
      { action: 'stop', tagValue: 'Yes' },
      { ec2For: () => region.ec2, regions: ['eu-west-1'], tagKey: 'AutoStopStart', pageSize: 50, log: silentLog },
    );

    expect(batches.flatMap((b) => b.instanceIds).sort()).toEqual(['i-plain', 'i-spot-kept']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.instanceId, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['i-asg', 'i-spot-once', 'i-spot-unknown', 'i-store']);
    expect(reasons['i-asg']).toMatch(/Auto Scaling group web/);
    expect(reasons['i-spot-once']).toMatch(/one-time Spot/);
    // Without its request we cannot know the Spot type; stopping a one-time Spot would lose it.
    expect(reasons['i-spot-unknown']).toMatch(/Spot/);
    expect(reasons['i-store']).toMatch(/instance-store/);
    expect(skipped.every((s) => s.region === 'eu-west-1')).toBe(true);
  });

  test('an on-demand EBS-backed instance has no skip reason', () => {
    expect(skipReason(instance('i-plain'))).toBeUndefined();
    expect(skipReason(instance('i-spot', { InstanceLifecycle: 'spot' }), 'persistent')).toBeUndefined();
  });
});
