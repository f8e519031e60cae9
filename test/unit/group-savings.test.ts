/**
 * What the schedule saves on Auto Scaling groups, each figure worked out by hand from us-east-1
 * list prices and the default schedule (weekdays 08:00-20:00 Asia/Seoul: 240 of the 672 hours from
 * Monday 2026-11-23, × 730 = 260.71 hours a month): the in-service members' instance hours, their
 * volumes deleted on termination and their auto-assigned public IPv4, never what termination
 * leaves billed; a group stopped now, a mixed-instances group, one the schedule never starts; the
 * Summary line, the total and the By account block; and where the collect step reads it from.
 */
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { Instance } from '@aws-sdk/client-ec2';
import { assembleGroups } from '../../functions/collect-inventory/groups';
import { assembleRegion } from '../../functions/collect-inventory/inventory';
import { computeCosts, type CostReport } from '../../functions/render-report/costs';
import { scheduleSavingsLines } from '../../functions/render-report/sheets/summary';
import { groupScheduleState } from '../../functions/shared/auto-scaling-groups';
import { DEFAULT_POWER_SCHEDULES } from '../../functions/shared/config';
import {
  priceKeyId,
  type Inventory,
  type InventoryAddress,
  type InventoryAutoScalingGroup,
  type InventoryInstance,
  type PriceKeyFields,
  type PriceResult,
} from '../../functions/shared/cost-types';
import { ec2PriceKey, inventoryInstance, inventoryOf, inventoryVolume } from '../support/cost-inventory';

const REGION = 'us-east-1';
const ec2Key = (instanceType: string) => ec2PriceKey(REGION, instanceType);
const price = (key: PriceKeyFields | string, usd: number, unit: PriceResult['unit']): PriceResult => ({ id: typeof key === 'string' ? key : priceKeyId(key), status: 'priced', usd, unit });

const PRICES: PriceResult[] = [
  price(ec2Key('t3.medium'), 0.0416, 'Hrs'),
  price(ec2Key('m5.large'), 0.096, 'Hrs'),
  price({ kind: 'ebs-storage', region: REGION, volumeType: 'gp2' }, 0.1, 'GB-Mo'),
  price({ kind: 'ipv4', region: REGION, usage: 'InUse' }, 0.005, 'Hrs'),
];

const instance = (id: string, fields: Partial<InventoryInstance> = {}) => inventoryInstance(REGION, id, fields);

/** A member as collect-inventory records it: the schedule tag propagated from its group, left alone as an instance. */
function member(id: string, group: string, fields: Partial<InventoryInstance> = {}): InventoryInstance {
  return instance(id, { scheduleTagValue: 'Yes', scheduleSkipReason: `member of Auto Scaling group ${group}: the group would replace it`, deleteOnTerminationVolumeIds: [], ...fields });
}

const volume = (id: string, attachedTo: string, sizeGiB: number) => inventoryVolume(REGION, id, { attachedTo, sizeGiB });

const autoAssignedIp = (publicIp: string, instanceId: string): InventoryAddress => ({ region: REGION, publicIp, kind: 'instance', instanceId, associated: true });

function group(name: string, fields: Partial<InventoryAutoScalingGroup> = {}): InventoryAutoScalingGroup {
  return { region: REGION, name, scheduleTagValue: 'Yes', scheduleState: 'running', min: 1, max: 4, desired: 2, inServiceInstanceIds: [], mixedInstances: false, ...fields };
}

function report(parts: Partial<Inventory>): CostReport {
  return computeCosts(inventoryOf(REGION, parts), PRICES, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: REGION });
}

/**
 * Group `web`, two t3.medium members, each with an 8 GB gp2 root deleted on termination and an
 * auto-assigned public IPv4; the first also keeps a 100 GB data volume, the second has an Elastic IP.
 */
function webFleet(): Partial<Inventory> {
  return {
    instances: [
      member('i-web1', 'web', { volumeIds: ['vol-root1', 'vol-data1'], deleteOnTerminationVolumeIds: ['vol-root1'], publicIp: '203.0.113.1' }),
      member('i-web2', 'web', { volumeIds: ['vol-root2'], deleteOnTerminationVolumeIds: ['vol-root2'], publicIp: '203.0.113.2' }),
      instance('i-plain', { scheduleTagValue: 'Yes' }),
    ],
    volumes: [volume('vol-root1', 'i-web1', 8), volume('vol-data1', 'i-web1', 100), volume('vol-root2', 'i-web2', 8)],
    addresses: [
      autoAssignedIp('203.0.113.1', 'i-web1'),
      autoAssignedIp('203.0.113.2', 'i-web2'),
      { region: REGION, publicIp: '198.51.100.7', kind: 'elastic', allocationId: 'eipalloc-1', instanceId: 'i-web2', associated: true },
    ],
    autoScalingGroups: [group('web', { inServiceInstanceIds: ['i-web1', 'i-web2'] })],
  };
}

describe('a running group on a schedule', () => {
  it('saves its in-service members\' instance hours, the roots deleted with them and their public IPv4, by hand: 44.76', () => {
    // Act
    const [web] = report(webFleet()).groups;

    // Assess, per member: t3.medium 0.0416 × 730 = 30.37, under the schedule 0.0416 × 260.71 = 10.85;
    // 8 GB gp2 root 0.80, under the schedule 0.80 × 260.71 / 730 = 0.29; public IPv4 0.005 × 730 = 3.65, under it 1.30.
    // All month 2 × (30.37 + 0.80 + 3.65) = 69.64; under the schedule 2 × (10.85 + 0.29 + 1.30) = 24.88; saves 44.76.
    expect(web?.allMonthMonthly).toEqual({ status: 'priced', usd: 69.64 });
    expect(web?.scheduledMonthly).toEqual({ status: 'priced', usd: 24.88 });
    expect(web?.savings).toEqual({ status: 'priced', usd: 44.76 });
    expect(web?.hoursPerMonth).toBeCloseTo(260.71, 2);
    expect([web?.members, web?.volumes, web?.publicIps]).toEqual([2, 2, 2]);
    expect(web?.note).toBe('2 in-service member(s): instance hours, 2 EBS volume(s) deleted on termination, 2 public IPv4 address(es)');
  });

  it('leaves out what termination does not stop billing: the data volume kept on termination and the Elastic IP', () => {
    // Prepare: the same members, their roots kept too, their public IPv4 Elastic IPs
    const fleet = webFleet();
    fleet.instances = fleet.instances!.map((i) => (i.deleteOnTerminationVolumeIds ? { ...i, deleteOnTerminationVolumeIds: [], publicIp: undefined } : i));
    fleet.addresses = fleet.addresses!.filter((a) => a.kind === 'elastic');

    // Act
    const [web] = report(fleet).groups;

    // Assess: instance hours alone, 2 × (30.37 − 10.85) = 39.04
    expect(web?.savings).toEqual({ status: 'priced', usd: 39.04 });
    expect([web?.volumes, web?.publicIps]).toEqual([0, 0]);
  });

  it('counts each member once: its instance row saves nothing, the group line and the EC2 line add up to the total and the account\'s savings', () => {
    // Prepare: as MergeInventories stamps a target's items with its account
    const fleet = webFleet();
    const stamped = <T extends object>(items: T[] | undefined) => (items ?? []).map((item) => ({ accountId: '111122223333', ...item }));
    const costs = report({ instances: stamped(fleet.instances), volumes: stamped(fleet.volumes), addresses: stamped(fleet.addresses), autoScalingGroups: stamped(fleet.autoScalingGroups) });

    // Act
    const lines = scheduleSavingsLines(costs);

    // Assess: i-plain alone saves as an instance, 30.37 − 10.85 = 19.52; the group 44.76; together 64.28.
    expect(costs.instances.filter((r) => r.schedule?.savings).map((r) => r.instance.instanceId)).toEqual(['i-plain']);
    expect(costs.totals.scheduleSavingsByKind).toEqual({ ec2: 19.52, rds: 0, aurora: 0, asg: 44.76 });
    expect(costs.totals.scheduleSavingsMonthly).toBe(64.28);
    expect(costs.accounts.map((a) => [a.accountId, a.totals.scheduleSavingsMonthly])).toEqual([['111122223333', 64.28]]);
    expect(lines.map((l) => [l.item, l.monthly])).toEqual([
      ['Schedule savings — EC2 instances', 19.52],
      ['Schedule savings — Auto Scaling groups', 44.76],
      ['Schedule savings (total)', 64.28],
    ]);
    expect(lines[1]?.note).toBe(
      "running groups on a schedule: their in-service members' instance hours, EBS volumes deleted on termination and public IPv4 (released on termination), cost all month minus cost under the schedule; see Auto_Scaling",
    );
  });

  it('a member whose hours the group saves says on its own row where its saving is counted, and its own ScheduleSavings stays empty', () => {
    // Prepare: web's second member stopped now (no hours to save), and a member of a group the schedule leaves alone
    const fleet = webFleet();
    fleet.instances = [
      ...fleet.instances!.map((i) => (i.instanceId === 'i-web2' ? { ...i, state: 'stopped' } : i)),
      member('i-idle1', 'idle'),
    ];
    fleet.autoScalingGroups = [...fleet.autoScalingGroups!, group('idle', { scheduleState: 'left alone', scheduleSkipReason: 'its sizes are 0 and it has no AutoStopStartSavedSizes tag (not stopped by this schedule): set its sizes by hand', inServiceInstanceIds: ['i-idle1'] })];

    // Act
    const costs = report(fleet);

    // Assess
    const row = (id: string) => costs.instances.find((r) => r.instance.instanceId === id)!;
    expect(row('i-web1').schedule).toEqual({ tagValue: 'Yes', note: 'the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): its saving is counted with its group web on Auto_Scaling' });
    expect(row('i-web1').priceStatus).toBe('priced; the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): its saving is counted with its group web on Auto_Scaling');
    expect(row('i-web2').schedule?.note).toBe('the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): no savings');
    expect(row('i-idle1').schedule?.note).toBe('the schedule leaves it alone (member of Auto Scaling group idle: the group would replace it): no savings');
    // Nothing counted twice: the group's saving counts i-web1's instance hours, no member's row saves anything.
    expect(costs.groups[0]?.countedInstanceIds).toEqual(['i-web1']);
    expect(costs.instances.filter((r) => r.schedule?.savings).map((r) => r.instance.instanceId)).toEqual(['i-plain']);
    expect(costs.totals.scheduleSavingsByKind?.ec2).toBe(19.52);
  });

  it('with mixed instance types is estimated from the members running now, and says so: 19.52 + 45.05 = 64.57', () => {
    // Prepare
    const inv = {
      instances: [member('i-a1', 'workers', { instanceType: 'm5.large', priceKeyId: ec2Key('m5.large') }), member('i-a2', 'workers')],
      autoScalingGroups: [group('workers', { inServiceInstanceIds: ['i-a1', 'i-a2'], mixedInstances: true })],
    };

    // Act
    const costs = report(inv);

    // Assess: m5.large 0.096 × 730 = 70.08 − 0.096 × 260.71 = 25.03 → 45.05; t3.medium 19.52
    expect(costs.groups[0]?.savings).toEqual({ status: 'priced', usd: 64.57 });
    expect(costs.groups[0]?.note).toContain('mixed instances policy: estimated from the members running now (m5.large, t3.medium)');
    expect(scheduleSavingsLines(costs)[1]?.note).toContain('a mixed-instances group is estimated from the members running now');
  });

  it('prices the members it can and says the figure is partial when one member\'s price is unknown', () => {
    // Prepare: the second member's type has no price
    const inv = {
      instances: [member('i-b1', 'batch'), member('i-b2', 'batch', { instanceType: 'z9.huge', priceKeyId: ec2Key('z9.huge') })],
      autoScalingGroups: [group('batch', { inServiceInstanceIds: ['i-b1', 'i-b2'] })],
    };

    // Act
    const [batch] = report(inv).groups;

    // Assess: the t3.medium alone, 19.52
    expect(batch?.savings).toEqual({ status: 'priced', usd: 19.52 });
    expect(batch?.note).toMatch(/partial: the figures are the priced parts only \(unpriced: .*z9\.huge/);
  });
});

describe('a group with nothing to save now', () => {
  it('stopped by the schedule at report time has nothing running to price, and the Summary names it', () => {
    // Act
    const costs = report({ autoScalingGroups: [group('web', { scheduleState: 'stopped', min: 0, max: 0, desired: 0, savedSizes: 'min=1 max=4 desired=2' })] });

    // Assess
    const [web] = costs.groups;
    expect(web?.savings).toBeUndefined();
    expect(web?.note).toBe('stopped now by the schedule (recorded min=1 max=4 desired=2): nothing running to price');
    expect(costs.totals.scheduleSavingsByKind?.asg).toBe(0);
    const line = scheduleSavingsLines(costs).find((l) => l.item === 'Schedule savings — Auto Scaling groups');
    expect(line?.monthly).toBe(0);
    expect(line?.note).toContain('stopped now, nothing running to price: web');
  });

  it('at 0 without a record the schedule never starts it: no savings, and why', () => {
    const [idle] = report({ autoScalingGroups: [group('idle', { scheduleState: 'left alone', scheduleSkipReason: 'its sizes are 0 and it has no AutoStopStartSavedSizes tag (not stopped by this schedule): set its sizes by hand', min: 0, max: 0, desired: 0 })] }).groups;

    expect(idle?.savings).toBeUndefined();
    expect(idle?.note).toBe('the schedule leaves it alone (its sizes are 0 and it has no AutoStopStartSavedSizes tag (not stopped by this schedule): set its sizes by hand): no savings');
  });

  it('a group whose tag value names no schedule is not on one: no row, and no Auto Scaling groups line', () => {
    const costs = report({ ...webFleet(), autoScalingGroups: [group('web', { scheduleTagValue: 'No', inServiceInstanceIds: ['i-web1', 'i-web2'] })] });

    expect(costs.groups).toEqual([]);
    expect(scheduleSavingsLines(costs).map((l) => l.item)).toEqual(['Schedule savings — EC2 instances']);
    // Its members' rows keep saying they save nothing: no group saving counts them.
    expect(costs.instances.find((r) => r.instance.instanceId === 'i-web1')?.schedule?.note).toBe('the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): no savings');
  });
});

describe('what collect-inventory reads for the estimate', () => {
  const asg = (fields: Partial<AutoScalingGroup>): AutoScalingGroup => ({
    AutoScalingGroupName: 'web',
    MinSize: 1,
    MaxSize: 4,
    DesiredCapacity: 2,
    Tags: [{ Key: 'AutoStopStart', Value: 'Yes' }],
    ...fields,
  } as AutoScalingGroup);

  it('where the schedule has a group, by the rule it acts on: running, stopped with its record, or at 0 without one', () => {
    expect(groupScheduleState(asg({}), 'AutoStopStart')).toEqual({ state: 'running' });
    const stopped = asg({ MinSize: 0, MaxSize: 0, DesiredCapacity: 0, Tags: [{ Key: 'AutoStopStart', Value: 'Yes' }, { Key: 'AutoStopStartSavedSizes', Value: 'min=1 max=4 desired=2' }] });
    expect(groupScheduleState(stopped, 'AutoStopStart')).toEqual({ state: 'stopped', saved: { min: 1, max: 4, desired: 2 } });
    expect(groupScheduleState(asg({ MinSize: 0, MaxSize: 0, DesiredCapacity: 0 }), 'AutoStopStart')).toEqual({
      state: 'left alone',
      reason: 'its sizes are 0 and it has no AutoStopStartSavedSizes tag (not stopped by this schedule): set its sizes by hand',
    });
  });

  it('a group\'s in-service members only, its mixed instances policy, and its schedule tag value', () => {
    const described = asg({
      Instances: [
        { InstanceId: 'i-2', LifecycleState: 'InService', AvailabilityZone: `${REGION}a`, HealthStatus: 'Healthy', ProtectedFromScaleIn: false },
        { InstanceId: 'i-1', LifecycleState: 'InService', AvailabilityZone: `${REGION}a`, HealthStatus: 'Healthy', ProtectedFromScaleIn: false },
        { InstanceId: 'i-3', LifecycleState: 'Terminating', AvailabilityZone: `${REGION}a`, HealthStatus: 'Healthy', ProtectedFromScaleIn: false },
      ],
      MixedInstancesPolicy: { LaunchTemplate: { Overrides: [{ InstanceType: 't3.medium' }, { InstanceType: 'm5.large' }] } },
    });

    expect(assembleGroups(REGION, [described, asg({ AutoScalingGroupName: 'other', Tags: [{ Key: 'Team', Value: 'data' }] })], 'AutoStopStart')).toEqual([
      { region: REGION, name: 'web', scheduleTagValue: 'Yes', scheduleState: 'running', min: 1, max: 4, desired: 2, inServiceInstanceIds: ['i-1', 'i-2'], mixedInstances: true },
    ]);
  });

  it('a member\'s volumes with DeleteOnTermination (BlockDeviceMappings[].Ebs), recorded for group members only', () => {
    const mappings: Instance['BlockDeviceMappings'] = [
      { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-root', DeleteOnTermination: true, Status: 'attached' } },
      { DeviceName: '/dev/sdf', Ebs: { VolumeId: 'vol-data', DeleteOnTermination: false, Status: 'attached' } },
    ];
    const described = (id: string, tags: Instance['Tags']): Instance => ({
      InstanceId: id,
      InstanceType: 't3.medium',
      State: { Name: 'running' },
      Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'default' },
      BlockDeviceMappings: mappings,
      Tags: tags,
    });

    const { instances } = assembleRegion(
      REGION,
      { instances: [described('i-member', [{ Key: 'aws:autoscaling:groupName', Value: 'web' }]), described('i-alone', [])], volumes: [], addresses: [], snapshots: [] },
      { scheduleTagKey: 'AutoStopStart' },
    );

    expect(instances.map((i) => [i.instanceId, i.deleteOnTerminationVolumeIds])).toEqual([
      ['i-alone', undefined],
      ['i-member', ['vol-root']],
    ]);
  });
});
