/**
 * What collect-inventory records so the report can bill each instance the way AWS does: Spot
 * (with the Spot price history and the request type), Dedicated Hosts, multi-attach volumes, the
 * schedule rule power-schedule applies, and what Cost Explorer says was billed. Fake EC2 and Cost
 * Explorer clients answer in the SDK's shapes; the HTTP side is in test/integration.
 */
import {
  DescribeAddressesCommand,
  DescribeHostsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeSpotInstanceRequestsCommand,
  DescribeSpotPriceHistoryCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Host,
  type Instance,
  type SpotPrice,
  type Volume,
} from '@aws-sdk/client-ec2';
import { CostExplorerClient, GetCostAndUsageCommand, type GetCostAndUsageCommandInput, type GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { billedCosts, billedPeriods } from '../../functions/shared/billed';
import { collectTarget } from '../../functions/collect-inventory/collect';
import { uniquePriceKeys } from '../../functions/shared/report-inventory';
import type { Inventory } from '../../functions/shared/cost-types';
import { assembleHosts } from '../../functions/collect-inventory/hosts';
import { assembleRegion } from '../../functions/collect-inventory/inventory';
import { scheduledSpotRequestTypes, spotPrices } from '../../functions/collect-inventory/spot';
import { ThrottlingError } from '../../functions/shared/errors';
import { silentLog } from '../../functions/shared/logger';
import { listTaggedInstances } from '../../functions/shared/tagged-instances';
import { backupWithNothing, clientAnswering } from '../support/sdk-client';

const REGION = 'us-east-1';
const OPT_IN = [{ Key: 'AutoStopStart', Value: 'Yes' }];

function instance(id: string, fields: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    InstanceType: 't3.medium',
    State: { Name: 'running' },
    RootDeviceType: 'ebs',
    Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'default' },
    Tags: OPT_IN,
    ...fields,
  };
}

function resources(instances: Instance[], volumes: Volume[] = []) {
  return { instances, volumes, addresses: [], snapshots: [] };
}

describe('purchase options as EC2 reports them', () => {
  it('marks a Spot instance as Spot, with the Spot price of its AZ, type and product description, never its on-demand price alone', () => {
    // Prepare
    const spot = instance('i-spot', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-1', PlatformDetails: 'Linux/UNIX', UsageOperation: 'RunInstances' });

    // Act
    const [record] = assembleRegion(REGION, resources([spot]), { scheduleTagKey: 'AutoStopStart' }).instances;

    // Assess
    expect(record).toMatchObject({ purchaseOption: 'Spot', spotPriceId: 'spot|us-east-1a|t3.medium|Linux/UNIX', platform: 'Linux' });
  });

  it('marks an instance on a Dedicated Host with its host, and a Dedicated Instance as such', () => {
    const onHost = instance('i-host', { InstanceType: 'm5.large', Placement: { AvailabilityZone: `${REGION}b`, Tenancy: 'host', HostId: 'h-0123456789abcdef0' } });
    const dedicated = instance('i-ded', { Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'dedicated' } });

    const records = assembleRegion(REGION, resources([onHost, dedicated]), { scheduleTagKey: 'AutoStopStart' }).instances;

    expect(records.map((r) => [r.instanceId, r.purchaseOption, r.tenancy, r.hostId])).toEqual([
      ['i-ded', 'Dedicated Instance', 'Dedicated', undefined],
      ['i-host', 'Dedicated Host', 'Host', 'h-0123456789abcdef0'],
    ]);
  });

  it('charges a multi-attach volume to the instance attached first (by attach time), and lists the others', () => {
    // Prepare: EC2 lists the later attachment first.
    const shared: Volume = {
      VolumeId: 'vol-shared',
      VolumeType: 'io2',
      Size: 100,
      Iops: 10_000,
      State: 'in-use',
      AvailabilityZone: `${REGION}a`,
      MultiAttachEnabled: true,
      Attachments: [
        { InstanceId: 'i-second', AttachTime: new Date('2026-11-02T00:00:00Z'), State: 'attached' },
        { InstanceId: 'i-first', AttachTime: new Date('2026-11-01T00:00:00Z'), State: 'attached' },
        { InstanceId: 'i-third', AttachTime: new Date('2026-11-03T00:00:00Z'), State: 'attached' },
      ],
    };

    // Act
    const [volume] = assembleRegion(REGION, resources([], [shared]), { scheduleTagKey: 'AutoStopStart' }).volumes;

    // Assess
    expect(volume).toMatchObject({ attachedTo: 'i-first', alsoAttachedTo: ['i-second', 'i-third'] });
  });
});

describe('the schedule rule, one for power-schedule and the report', () => {
  it('the report records the same skip reasons as power-schedule lists: ASG members, one-time Spot, instance-store roots; persistent Spot is scheduled', async () => {
    // Prepare: the same instances for both, as EC2 describes them
    const fleet = [
      instance('i-plain'),
      instance('i-asg', { Tags: [...OPT_IN, { Key: 'aws:autoscaling:groupName', Value: 'web' }] }),
      instance('i-spot-once', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-once' }),
      instance('i-spot-kept', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-kept' }),
      instance('i-store', { RootDeviceType: 'instance-store' }),
    ];
    const requests = [
      { SpotInstanceRequestId: 'sir-once', Type: 'one-time' as const },
      { SpotInstanceRequestId: 'sir-kept', Type: 'persistent' as const },
    ];
    const ec2 = clientAnswering(EC2Client, async (command: unknown) => {
      if (command instanceof DescribeInstancesCommand) return { Reservations: [{ Instances: fleet }] };
      if (command instanceof DescribeSpotInstanceRequestsCommand) {
        return { SpotInstanceRequests: requests.filter((r) => command.input.SpotInstanceRequestIds?.includes(r.SpotInstanceRequestId)) };
      }
      throw new Error('unexpected command');
    });

    // Act
    const listed = await listTaggedInstances({ action: 'stop', tagValue: 'Yes' }, { ec2, where: `111122223333/${REGION}`, tagKey: 'AutoStopStart', pageSize: 50, log: silentLog });
    const { types } = await scheduledSpotRequestTypes(ec2, REGION, fleet, () => true);
    const recorded = assembleRegion(REGION, resources(fleet), { scheduleTagKey: 'AutoStopStart', spotRequestTypes: types }).instances;

    // Assess
    const fromPowerSchedule = Object.fromEntries(listed.skipped.map((s) => [s.instanceId, s.reason]));
    const fromReport = Object.fromEntries(recorded.filter((r) => r.scheduleSkipReason).map((r) => [r.instanceId, r.scheduleSkipReason]));
    expect(fromReport).toEqual(fromPowerSchedule);
    expect(Object.keys(fromReport).sort()).toEqual(['i-asg', 'i-spot-once', 'i-store']);
  });

  it('asks for the Spot request types of scheduled Spot instances only, and reads a request EC2 no longer knows as one-time', async () => {
    // Prepare: EC2 answers InvalidSpotInstanceRequestID.NotFound for a request deleted after it closed.
    const asked: string[][] = [];
    const ec2 = clientAnswering(EC2Client, async (command: unknown) => {
      if (command instanceof DescribeSpotInstanceRequestsCommand) {
        asked.push(command.input.SpotInstanceRequestIds ?? []);
        throw Object.assign(new Error("The spot instance request ID 'sir-gone' does not exist"), { name: 'InvalidSpotInstanceRequestID.NotFound' });
      }
      throw new Error('unexpected command');
    });
    const unscheduled = instance('i-other', { Tags: [], InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-other' });
    const scheduled = instance('i-spot', { InstanceLifecycle: 'spot', SpotInstanceRequestId: 'sir-gone' });

    // Act
    const result = await scheduledSpotRequestTypes(ec2, REGION, [unscheduled, scheduled, instance('i-plain')], (i) => (i.Tags ?? []).length > 0);
    const [record] = assembleRegion(REGION, resources([scheduled]), { scheduleTagKey: 'AutoStopStart', spotRequestTypes: result.types }).instances;

    // Assess
    expect(asked).toEqual([['sir-gone']]);
    expect(result.warning).toContain('InvalidSpotInstanceRequestID.NotFound');
    expect(record?.scheduleSkipReason).toMatch(/one-time Spot/);
  });
});

describe('the Spot price of the last 7 days', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  const at = (iso: string) => new Date(iso);

  function ec2WithHistory(history: SpotPrice[]): { ec2: EC2Client; inputs: DescribeSpotPriceHistoryCommand['input'][] } {
    const inputs: DescribeSpotPriceHistoryCommand['input'][] = [];
    const ec2 = clientAnswering(EC2Client, async (command: unknown) => {
      if (!(command instanceof DescribeSpotPriceHistoryCommand)) throw new Error('unexpected command');
      inputs.push({ ...command.input });
      // Two pages, to show every page is read.
      return command.input.NextToken ? { SpotPriceHistory: history.slice(1) } : { SpotPriceHistory: history.slice(0, 1), NextToken: 'page-2' };
    });
    return { ec2, inputs };
  }

  it('averages each price by the hours it held in the AZ, for the type and product description, one query per distinct key', async () => {
    // Prepare: 0.0150 from before the window until 2026-11-19 12:00, then 0.0170: 3.5 days each
    const { ec2, inputs } = ec2WithHistory([
      { AvailabilityZone: `${REGION}a`, InstanceType: 't3.medium', ProductDescription: 'Linux/UNIX', SpotPrice: '0.015000', Timestamp: at('2026-11-12T08:00:00Z') },
      { AvailabilityZone: `${REGION}a`, InstanceType: 't3.medium', ProductDescription: 'Linux/UNIX', SpotPrice: '0.017000', Timestamp: at('2026-11-19T12:00:00Z') },
    ]);
    const records = assembleRegion(
      REGION,
      resources([instance('i-1', { InstanceLifecycle: 'spot' }), instance('i-2', { InstanceLifecycle: 'spot' }), instance('i-od')]),
      { scheduleTagKey: 'AutoStopStart' },
    ).instances;

    // Act
    const prices = await spotPrices(ec2, records, now);

    // Assess: (0.015 × 84 h + 0.017 × 84 h) / 168 h = 0.016 USD/h
    expect(prices).toEqual([
      expect.objectContaining({ id: 'spot|us-east-1a|t3.medium|Linux/UNIX', status: 'priced', usd: 0.016, unit: 'Hrs', effectiveDate: now.toISOString() }),
    ]);
    expect(inputs[0]).toMatchObject({
      AvailabilityZone: `${REGION}a`,
      InstanceTypes: ['t3.medium'],
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: at('2026-11-16T00:00:00Z'),
      EndTime: now,
    });
    expect(inputs).toHaveLength(2);
  });

  it('leaves a Spot instance unpriced, never at on-demand, when Spot has no price for its licensing or no history', async () => {
    const { ec2 } = ec2WithHistory([]);
    const records = assembleRegion(
      REGION,
      resources([
        instance('i-sql', { InstanceLifecycle: 'spot', PlatformDetails: 'Linux with SQL Server Standard', UsageOperation: 'RunInstances:0004' }),
        instance('i-quiet', { InstanceLifecycle: 'spot', InstanceType: 'c5.large' }),
      ]),
      { scheduleTagKey: 'AutoStopStart' },
    ).instances;

    const prices = await spotPrices(ec2, records, now);

    expect(prices.map((p) => [p.id, p.status, p.reason])).toEqual([
      ['spot|us-east-1a|c5.large|Linux/UNIX', 'unpriced', 'no Spot price history for Linux/UNIX c5.large in us-east-1a in the last 7 days'],
      ['spot|us-east-1a|t3.medium|Linux+SQLStd', 'unpriced', expect.stringContaining('Linux+SQLStd has no Spot product description')],
    ]);
  });

  it('lets the state machine retry a throttled DescribeSpotPriceHistory', async () => {
    const ec2 = clientAnswering(EC2Client, async () => Promise.reject(Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' })));
    const records = assembleRegion(REGION, resources([instance('i-1', { InstanceLifecycle: 'spot' })]), { scheduleTagKey: 'AutoStopStart' }).instances;

    await expect(spotPrices(ec2, records, now)).rejects.toThrow(ThrottlingError);
  });
});

describe('Dedicated Hosts', () => {
  it('reads every page of DescribeHosts (at least 5 per page, EC2\'s minimum) into the inventory and asks for each family\'s host price', async () => {
    // Prepare: an EC2 with no instances and two pages of hosts
    const pages: Host[][] = [
      [{ HostId: 'h-1', State: 'available', AvailabilityZone: `${REGION}a`, HostProperties: { InstanceFamily: 'm5' } }],
      [{ HostId: 'h-2', State: 'available', AvailabilityZone: `${REGION}b`, HostProperties: { InstanceFamily: 'r5' } }],
    ];
    const hostRequests: DescribeHostsCommand['input'][] = [];
    const ec2 = clientAnswering(EC2Client, async (command: unknown) => {
      if (command instanceof DescribeInstancesCommand) return { Reservations: [] };
      if (command instanceof DescribeVolumesCommand) return { Volumes: [] };
      if (command instanceof DescribeAddressesCommand) return { Addresses: [] };
      if (command instanceof DescribeSnapshotsCommand) return { Snapshots: [] };
      if (command instanceof DescribeImagesCommand) return { Images: [] };
      if (command instanceof DescribeHostsCommand) {
        hostRequests.push({ ...command.input });
        return command.input.NextToken ? { Hosts: pages[1] } : { Hosts: pages[0], NextToken: 'next' };
      }
      throw new Error('unexpected command');
    });
    let stored = {} as Inventory;

    // Act
    await collectTarget(
      { target: { accountId: '111122223333', region: REGION }, reportDate: '2026-11-23', executionName: 'hosts-pages' },
      {
        clientsFor: async () => ({ ec2, backup: backupWithNothing() }),
        store: { putJson: async (_key, document) => void (stored = document as typeof stored) },
        workPrefix: 'work/',
        scheduleTagKey: 'AutoStopStart',
        pageSize: 2,
        now: () => new Date('2026-11-23T00:00:00Z'),
        log: silentLog,
      },
    );

    // Assess
    expect(hostRequests.map((r) => [r.MaxResults, r.NextToken])).toEqual([[5, undefined], [5, 'next']]);
    expect(stored.hosts).toEqual([expect.objectContaining({ hostId: 'h-1' }), expect.objectContaining({ hostId: 'h-2' })]);
    expect(uniquePriceKeys(stored).map((k) => k.id)).toEqual(['dedicated-host|us-east-1|m5', 'dedicated-host|us-east-1|r5']);
  });

  it('keeps allocated hosts with the instances on them (as listed, and as they name it), its family from its type when it has none', () => {
    const hosts: Host[] = [
      { HostId: 'h-1', State: 'available', AvailabilityZone: `${REGION}a`, HostProperties: { InstanceFamily: 'm5' }, Instances: [{ InstanceId: 'i-listed' }] },
      { HostId: 'h-2', State: 'available', AvailabilityZone: `${REGION}b`, HostProperties: { InstanceType: 'c5.xlarge' } },
      { HostId: 'h-3', State: 'released', AvailabilityZone: `${REGION}a`, HostProperties: { InstanceFamily: 'r5' } },
    ];
    const instances = assembleRegion(
      REGION,
      resources([instance('i-naming', { Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'host', HostId: 'h-1' } })]),
      { scheduleTagKey: 'AutoStopStart' },
    ).instances;

    expect(assembleHosts(REGION, hosts, instances)).toEqual([
      { region: REGION, hostId: 'h-1', instanceFamily: 'm5', state: 'available', az: `${REGION}a`, instanceIds: ['i-listed', 'i-naming'] },
      { region: REGION, hostId: 'h-2', instanceFamily: 'c5', state: 'available', az: `${REGION}b`, instanceIds: [] },
    ]);
  });
});

describe('what Cost Explorer says was billed', () => {
  it.each([
    ['a Monday', '2026-11-23', [['lastWeek', '2026-11-16', '2026-11-23', 7], ['monthToDate', '2026-11-01', '2026-11-23', 22]]],
    ['a Sunday', '2026-11-29', [['lastWeek', '2026-11-16', '2026-11-23', 7], ['monthToDate', '2026-11-01', '2026-11-29', 28]]],
    ['the 1st (no month to date yet)', '2026-12-01', [['lastWeek', '2026-11-23', '2026-11-30', 7]]],
  ])('compares the last Monday-to-Sunday week and the month to date, as of %s', (_what, reportDate, expected) => {
    expect(billedPeriods(reportDate).map((p) => [p.name, p.start, p.end, p.days])).toEqual(expected);
  });

  function ceAnswering(pages: GetCostAndUsageCommandOutput[] | Error): { ce: CostExplorerClient; inputs: GetCostAndUsageCommandInput[] } {
    const inputs: GetCostAndUsageCommandInput[] = [];
    const ce = clientAnswering(CostExplorerClient, async (command: unknown) => {
      if (!(command instanceof GetCostAndUsageCommand)) throw new Error('unexpected command');
      inputs.push(command.input);
      if (pages instanceof Error) throw pages;
      return pages[inputs.length - 1];
    });
    return { ce, inputs };
  }

  const day = (start: string, groups: [string, string, string, string][], estimated = false) => ({
    TimePeriod: { Start: start, End: new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) },
    Total: {},
    Groups: groups.map(([region, usageType, unblended, amortized]) => ({
      Keys: [region, usageType],
      Metrics: { UnblendedCost: { Amount: unblended, Unit: 'USD' }, AmortizedCost: { Amount: amortized, Unit: 'USD' } },
    })),
    Estimated: estimated,
  });

  it('asks once for both periods, daily, by region and usage type, for the estimate\'s services and regions, and sums the days into each period', async () => {
    // Prepare: two pages; 2026-11-20 is in both periods, 2026-11-05 in the month only
    const { ce, inputs } = ceAnswering([
      { ResultsByTime: [day('2026-11-05', [['us-east-1', 'BoxUsage:m5.large', '2.3040000000', '1.9000000000']])], NextPageToken: 'p2', $metadata: {} },
      {
        ResultsByTime: [day('2026-11-20', [['us-east-1', 'BoxUsage:m5.large', '2.3040000000', '1.9000000000'], ['us-east-1', 'EBS:VolumeUsage.gp3', '0.5333333333', '0.5333333333']], true)],
        $metadata: {},
      },
    ]);

    // Act
    const billed = await billedCosts(ce, { regions: ['us-east-1', 'ap-northeast-2'], reportDate: '2026-11-23' });

    // Assess
    expect(inputs[0]).toEqual({
      TimePeriod: { Start: '2026-11-01', End: '2026-11-23' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'AmortizedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }, { Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      Filter: {
        And: [
          { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other', 'Amazon Virtual Private Cloud', 'Amazon Relational Database Service'] } },
          { Dimensions: { Key: 'REGION', Values: ['us-east-1', 'ap-northeast-2'] } },
        ],
      },
      NextPageToken: undefined,
    });
    expect(inputs[1]?.NextPageToken).toBe('p2');
    expect(billed).toEqual({
      status: 'collected',
      periods: billedPeriods('2026-11-23'),
      lines: [
        { period: 'lastWeek', region: 'us-east-1', usageType: 'BoxUsage:m5.large', unblended: 2.3, amortized: 1.9 },
        { period: 'lastWeek', region: 'us-east-1', usageType: 'EBS:VolumeUsage.gp3', unblended: 0.53, amortized: 0.53 },
        // 2.304 + 2.304 = 4.608
        { period: 'monthToDate', region: 'us-east-1', usageType: 'BoxUsage:m5.large', unblended: 4.61, amortized: 3.8 },
        { period: 'monthToDate', region: 'us-east-1', usageType: 'EBS:VolumeUsage.gp3', unblended: 0.53, amortized: 0.53 },
      ],
      requests: 2,
      estimated: true,
    });
  });

  it.each([
    ['Cost Explorer not enabled', 'AccessDeniedException', 'User not enabled for cost explorer access', /not enabled for this account: enable it once in the Billing console/],
    ['a role without ce:GetCostAndUsage', 'AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/x is not authorized to perform: ce:GetCostAndUsage', /may not call ce:GetCostAndUsage/],
    ['no data yet', 'DataUnavailableException', 'Data is not available. Please try to adjust the time period.', /no data for these dates yet/],
  ])('%s is a note for the workbook, not a failed report', async (_what, code, message, reason) => {
    const { ce } = ceAnswering(Object.assign(new Error(message), { name: code }));

    const billed = await billedCosts(ce, { regions: [REGION], reportDate: '2026-11-23' });

    expect(billed).toEqual({ status: 'unavailable', code, reason: expect.stringMatching(reason) });
  });

  it('Cost Explorer\'s LimitExceededException is throttling the state machine retries', async () => {
    const { ce } = ceAnswering(Object.assign(new Error('You made too many calls in a short period of time.'), { name: 'LimitExceededException' }));

    await expect(billedCosts(ce, { regions: [REGION], reportDate: '2026-11-23' })).rejects.toThrow(ThrottlingError);
  });
});
