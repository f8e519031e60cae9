import {
  DescribeAddressesCommand,
  DescribeHostsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Address,
  type Host,
  type Instance,
  type Snapshot,
  type Volume,
} from '@aws-sdk/client-ec2';
import { collectTarget } from '../../functions/collect-inventory/collect';
import type { RegionResources } from '../../functions/collect-inventory/describe';
import { assembleRegion, stoppedSinceFrom, type RegionInventory } from '../../functions/collect-inventory/inventory';
import { uniquePriceKeys } from '../../functions/shared/report-inventory';
import { validateCostReportRequest } from '../../functions/shared/cost-request';
import { validateExecutionName } from '../../functions/shared/execution-name';
import { s3InventoryStore, type InventoryStore } from '../../functions/collect-inventory/store';
import type { Inventory, InventoryVolume } from '../../functions/shared/cost-types';
import { ReportStorageError, ThrottlingError } from '../../functions/shared/errors';
import type { DecisionLog } from '../../functions/shared/logger';
import { backupWithNothing, clientAnswering } from '../support/sdk-client';

const REGION = 'ap-northeast-2';
const OPTIONS = { scheduleTagKey: 'AutoStopStart' };

function instance(id: string, fields: Partial<Instance> = {}): Instance {
  return {
    InstanceId: id,
    InstanceType: 'm5.large',
    State: { Name: 'running' },
    Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'default' },
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: `vol-${id}` } }],
    ...fields,
  };
}

function volume(id: string, fields: Partial<Volume> = {}): Volume {
  return { VolumeId: id, VolumeType: 'gp3', Size: 8, Iops: 3000, Throughput: 125, State: 'available', AvailabilityZone: `${REGION}a`, ...fields };
}

function resources(parts: Partial<RegionResources>): RegionResources {
  return { instances: [], volumes: [], addresses: [], snapshots: [], ...parts };
}

function emptyInventory(parts: Partial<RegionInventory>): RegionInventory {
  return { instances: [], volumes: [], addresses: [], snapshots: [], excluded: [], ...parts };
}

function volumeRecord(volumeType: string, fields: Partial<InventoryVolume> = {}): InventoryVolume {
  return { region: REGION, volumeId: `vol-${volumeType}`, name: '', volumeType, sizeGiB: 8, state: 'available', az: `${REGION}a`, ...fields };
}

describe('validateCostReportRequest', () => {
  const defaults = { regions: ['ap-northeast-2', 'us-east-1'], timeZone: 'Asia/Seoul', now: new Date('2026-11-22T16:30:00Z') };

  it('uses the configured regions and today in the report time zone when the input is empty', () => {
    // 16:30 UTC on the 22nd is already the 23rd in Seoul
    expect(validateCostReportRequest({}, defaults)).toEqual({ regions: ['ap-northeast-2', 'us-east-1'], reportDate: '2026-11-23' });
  });

  it('lets the input replace the configured regions and the report date', () => {
    expect(validateCostReportRequest({ regions: ['eu-west-1', 'eu-west-1'], reportDate: '2026-02-28' }, defaults)).toEqual({
      regions: ['eu-west-1'],
      reportDate: '2026-02-28',
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['a misspelt field', { region: ['us-east-1'] }, /^region: is not a known field; allowed fields: regions, reportDate$/],
    ['a region name instead of a code', { regions: ['Seoul'] }, /^regions: must be region codes like ap-northeast-2.*"Seoul"/],
    ['an empty region list', { regions: [] }, /^regions: must be a non-empty list/],
    ['a day that does not exist', { reportDate: '2026-02-30' }, /^reportDate: must be a calendar date written YYYY-MM-DD, got "2026-02-30"$/],
    ['a date in another format', { reportDate: '23/11/2026' }, /^reportDate: /],
    ['a list as input', [], /^input: must be a JSON object/],
  ])('refuses %s, naming the field and what is allowed', (_what, input, message) => {
    expect(() => validateCostReportRequest(input, defaults)).toThrow(expect.objectContaining({ name: 'InvalidInputError', message: expect.stringMatching(message) }));
  });

  it('refuses an execution name that would escape the work folder', () => {
    expect(() => validateExecutionName('../other')).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(validateExecutionName('weekly-2026-11-23_a1')).toBe('weekly-2026-11-23_a1');
  });
});

describe('assembleRegion', () => {
  it('describes a running instance the way the report shows it', () => {
    // Prepare
    const described = instance('i-1', {
      Tags: [
        { Key: 'Name', Value: 'web-1' },
        { Key: 'AutoStopStart', Value: 'Yes' },
      ],
      PlatformDetails: 'Windows',
      CpuOptions: { CoreCount: 2, ThreadsPerCore: 2 },
      Placement: { AvailabilityZone: `${REGION}c`, Tenancy: 'dedicated' },
      LaunchTime: new Date('2026-01-02T03:04:05Z'),
      PublicIpAddress: '198.51.100.7',
    });

    // Act
    const { instances, addresses } = assembleRegion(REGION, resources({ instances: [described] }), OPTIONS);

    // Assess
    expect(instances).toEqual([
      {
        region: REGION,
        instanceId: 'i-1',
        name: 'web-1',
        instanceType: 'm5.large',
        state: 'running',
        az: `${REGION}c`,
        platform: 'Windows',
        platformSource: 'PlatformDetails',
        tenancy: 'Dedicated',
        launchTime: '2026-01-02T03:04:05.000Z',
        vcpu: 4,
        publicIp: '198.51.100.7',
        scheduleTagValue: 'Yes',
        volumeIds: ['vol-i-1'],
        priceKeyId: 'ec2|ap-northeast-2|m5.large|Windows|NA|No License required|Dedicated',
        purchaseOption: 'Dedicated Instance',
      },
    ]);
    expect(addresses).toEqual([{ region: REGION, publicIp: '198.51.100.7', kind: 'instance', instanceId: 'i-1', associated: true }]);
  });

  it('records when a stopped instance was stopped', () => {
    const stopped = instance('i-2', { State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-10-01 10:00:00 GMT)' });

    const [record] = assembleRegion(REGION, resources({ instances: [stopped] }), OPTIONS).instances;

    expect(record?.stoppedSince).toBe('2026-10-01T10:00:00.000Z');
  });

  it.each([
    ['User initiated (2026-10-01 10:00:00 GMT)', '2026-10-01T10:00:00.000Z'],
    ['User initiated (2026-11-25 21:57:35 UTC)', '2026-11-25T21:57:35.000Z'],
    ['Server.ScheduledStop: Stopped due to scheduled retirement', undefined],
    ['', undefined],
  ])('reads the stop time out of "%s"', (reason, expected) => {
    expect(stoppedSinceFrom(reason)).toBe(expected);
  });

  it('lists an Elastic IP once, as elastic, not again as the instance public IP', () => {
    const withEip = instance('i-3', { PublicIpAddress: '203.0.113.10' });
    const eips: Address[] = [
      { PublicIp: '203.0.113.10', AllocationId: 'eipalloc-1', AssociationId: 'eipassoc-1', InstanceId: 'i-3', NetworkInterfaceId: 'eni-1' },
      // moto's shape for an unassociated address: empty strings, not absent fields
      { PublicIp: '203.0.113.11', AllocationId: 'eipalloc-2', InstanceId: '', NetworkInterfaceId: '' },
    ];

    const { instances, addresses } = assembleRegion(REGION, resources({ instances: [withEip], addresses: eips }), OPTIONS);

    expect(instances[0]?.publicIp).toBeUndefined();
    expect(addresses).toEqual([
      { region: REGION, publicIp: '203.0.113.10', kind: 'elastic', allocationId: 'eipalloc-1', instanceId: 'i-3', associated: true },
      { region: REGION, publicIp: '203.0.113.11', kind: 'elastic', allocationId: 'eipalloc-2', associated: false },
    ]);
  });

  it('keeps unattached volumes and records attachments', () => {
    const volumes = [
      volume('vol-b', { State: 'in-use', Attachments: [{ InstanceId: 'i-1', State: 'attached' }], Tags: [{ Key: 'Name', Value: 'data' }] }),
      volume('vol-a', { VolumeType: 'io2', Iops: 5000, Throughput: undefined, Size: 100, CreateTime: new Date('2026-03-01T00:00:00Z') }),
    ];

    const result = assembleRegion(REGION, resources({ instances: [instance('i-1')], volumes }), OPTIONS);

    expect(result.volumes).toEqual([
      { region: REGION, volumeId: 'vol-a', name: '', volumeType: 'io2', sizeGiB: 100, iops: 5000, state: 'available', az: `${REGION}a`, createTime: '2026-03-01T00:00:00.000Z' },
      { region: REGION, volumeId: 'vol-b', name: 'data', volumeType: 'gp3', sizeGiB: 8, iops: 3000, throughputMiBps: 125, state: 'in-use', az: `${REGION}a`, attachedTo: 'i-1' },
    ]);
  });

  it('leaves an RDS-tagged instance, its volumes and its public IP out, and says why', () => {
    const rds = instance('i-rds', { Tags: [{ Key: 'Platform', Value: 'RDS' }], PublicIpAddress: '198.51.100.9' });
    const volumes = [volume('vol-rds', { State: 'in-use', Attachments: [{ InstanceId: 'i-rds' }] }), volume('vol-free')];

    const result = assembleRegion(REGION, resources({ instances: [rds, instance('i-ok')], volumes }), OPTIONS);

    expect(result.instances.map((i) => i.instanceId)).toEqual(['i-ok']);
    expect(result.volumes.map((v) => v.volumeId)).toEqual(['vol-free']);
    expect(result.addresses).toEqual([]);
    expect(result.excluded).toEqual([
      { region: REGION, instanceId: 'i-rds', reason: expect.stringMatching(/Platform tag is RDS.*1 attached volume/) },
    ]);
  });

  it('reports an ignored Platform tag value as a warning for that instance', () => {
    const odd = instance('i-odd', { Tags: [{ Key: 'Platform', Value: 'windows' }] });

    const result = assembleRegion(REGION, resources({ instances: [odd] }), OPTIONS);

    expect(result.instances[0]?.platform).toBe('Linux');
    expect(result.warnings).toEqual([{ instanceId: 'i-odd', warning: expect.stringContaining('"windows"') }]);
  });

  it('keeps the snapshots the account owns', () => {
    const snapshots: Snapshot[] = [{ SnapshotId: 'snap-1', VolumeId: 'vol-1', VolumeSize: 20, StartTime: new Date('2026-05-05T05:05:05Z'), Description: '' }];

    expect(assembleRegion(REGION, resources({ snapshots }), OPTIONS).snapshots).toEqual([
      { region: REGION, snapshotId: 'snap-1', volumeId: 'vol-1', volumeSizeGiB: 20, startTime: '2026-05-05T05:05:05.000Z' },
    ]);
  });

  it('records an archived snapshot’s tier and full size, which its price depends on', () => {
    const snapshots: Snapshot[] = [
      { SnapshotId: 'snap-a', VolumeSize: 500, StorageTier: 'archive', FullSnapshotSizeInBytes: 214748364800 },
      { SnapshotId: 'snap-s', VolumeSize: 500, StorageTier: 'standard' },
    ];

    expect(assembleRegion(REGION, resources({ snapshots }), OPTIONS).snapshots).toEqual([
      { region: REGION, snapshotId: 'snap-a', volumeSizeGiB: 500, storageTier: 'archive', fullSnapshotSizeBytes: 214748364800 },
      { region: REGION, snapshotId: 'snap-s', volumeSizeGiB: 500 },
    ]);
  });

  it('keeps an instance whose licensing has no Price List mapping as Unknown, with what EC2 said, never as Linux', () => {
    const odd = instance('i-odd', { PlatformDetails: 'Windows with SQL Server Express', UsageOperation: 'RunInstances:0999' });

    const [record] = assembleRegion(REGION, resources({ instances: [odd] }), OPTIONS).instances;

    expect(record).toMatchObject({
      platform: 'Unknown',
      platformSource: 'PlatformDetails',
      platformDetails: 'Windows with SQL Server Express',
      usageOperation: 'RunInstances:0999',
      priceKeyId: 'ec2-unmapped|ap-northeast-2|Windows with SQL Server Express|RunInstances:0999',
    });
  });
});

describe('uniquePriceKeys', () => {
  it('asks for one compute price per region, type, platform and tenancy, however many instances share it', () => {
    // Prepare: three Linux m5.large (one stopped) and one Windows m5.large in Seoul, one Linux m5.large in Virginia
    const described = assembleRegion(
      REGION,
      resources({
        instances: [
          instance('i-1'),
          instance('i-2'),
          instance('i-3', { State: { Name: 'stopped' } }),
          instance('i-4', { UsageOperation: 'RunInstances:0002' }),
        ],
      }),
      OPTIONS,
    );
    const virginia = assembleRegion('us-east-1', resources({ instances: [instance('i-5')] }), OPTIONS);

    // Act
    const keys = uniquePriceKeys(emptyInventory({ instances: [...described.instances, ...virginia.instances] }));

    // Assess
    expect(keys.map((k) => k.id)).toEqual([
      'ec2|ap-northeast-2|m5.large|Linux|NA|No License required|Shared',
      'ec2|ap-northeast-2|m5.large|Windows|NA|No License required|Shared',
      'ec2|us-east-1|m5.large|Linux|NA|No License required|Shared',
    ]);
    expect(keys[1]).toEqual({
      id: 'ec2|ap-northeast-2|m5.large|Windows|NA|No License required|Shared',
      kind: 'ec2',
      region: REGION,
      instanceType: 'm5.large',
      operatingSystem: 'Windows',
      preInstalledSw: 'NA',
      licenseModel: 'No License required',
      tenancy: 'Shared',
    });
    expect(new Set(described.instances.map((i) => i.priceKeyId))).toEqual(new Set(keys.slice(0, 2).map((k) => k.id)));
  });

  it('prices gp3 IOPS and throughput only above what gp3 includes, and io1/io2 IOPS always', () => {
    const atBaseline = emptyInventory({ volumes: [volumeRecord('gp3', { iops: 3000, throughputMiBps: 125 }), volumeRecord('gp2', { iops: 100 })] });
    const aboveBaseline = emptyInventory({
      volumes: [volumeRecord('gp3', { iops: 3001, throughputMiBps: 126 }), volumeRecord('io1', { iops: 100 }), volumeRecord('io2', { iops: 100 })],
    });

    expect(uniquePriceKeys(atBaseline).map((k) => k.id)).toEqual(['ebs-storage|ap-northeast-2|gp2', 'ebs-storage|ap-northeast-2|gp3']);
    expect(uniquePriceKeys(aboveBaseline).map((k) => k.id)).toEqual([
      'ebs-iops|ap-northeast-2|gp3',
      'ebs-iops|ap-northeast-2|io1',
      'ebs-iops|ap-northeast-2|io2',
      'ebs-storage|ap-northeast-2|gp3',
      'ebs-storage|ap-northeast-2|io1',
      'ebs-storage|ap-northeast-2|io2',
      'ebs-throughput|ap-northeast-2|gp3',
    ]);
  });

  it('asks for io2’s tier 2 and tier 3 IOPS prices only for volumes that reach them, and the magnetic I/O rate for magnetic volumes', () => {
    const inventory = emptyInventory({
      volumes: [volumeRecord('io2', { iops: 32_000 }), volumeRecord('io2', { volumeId: 'vol-big', iops: 80_000 }), volumeRecord('standard')],
    });
    const tier2Only = emptyInventory({ volumes: [volumeRecord('io2', { iops: 40_000 })] });

    expect(uniquePriceKeys(inventory).map((k) => k.id)).toEqual([
      'ebs-io-requests|ap-northeast-2',
      'ebs-iops|ap-northeast-2|io2',
      'ebs-iops|ap-northeast-2|io2|tier2',
      'ebs-iops|ap-northeast-2|io2|tier3',
      'ebs-storage|ap-northeast-2|io2',
      'ebs-storage|ap-northeast-2|standard',
    ]);
    expect(uniquePriceKeys(tier2Only).map((k) => k.id)).toContain('ebs-iops|ap-northeast-2|io2|tier2');
    expect(uniquePriceKeys(tier2Only).map((k) => k.id)).not.toContain('ebs-iops|ap-northeast-2|io2|tier3');
  });

  it('asks for the archive rate for archived snapshots and the standard rate for the others', () => {
    const inventory = emptyInventory({
      snapshots: [
        { region: REGION, snapshotId: 'snap-a', volumeSizeGiB: 8, storageTier: 'archive' },
        { region: 'us-east-1', snapshotId: 'snap-s', volumeSizeGiB: 8 },
      ],
    });

    expect(uniquePriceKeys(inventory).map((k) => k.id)).toEqual(['snapshot-archive|ap-northeast-2', 'snapshot|us-east-1']);
  });

  it('asks for the host price per family and region for Dedicated Hosts, and the region fee for Dedicated Instances', () => {
    // Prepare: an m5.large on a host, a c5.xlarge Dedicated Instance, and an r5 host with nothing on it yet
    const { instances } = assembleRegion(
      REGION,
      resources({
        instances: [
          instance('i-host', { Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'host', HostId: 'h-0123456789abcdef0' } }),
          instance('i-ded', { InstanceType: 'c5.xlarge', Placement: { AvailabilityZone: `${REGION}a`, Tenancy: 'dedicated' } }),
        ],
      }),
      OPTIONS,
    );
    const hosts = [{ region: REGION, hostId: 'h-0fedcba9876543210', instanceFamily: 'r5', state: 'available', az: `${REGION}a`, instanceIds: [] }];

    // Act
    const keys = uniquePriceKeys({ ...emptyInventory({ instances }), hosts }).map((k) => k.id);

    // Assess
    expect(keys).toEqual([
      'dedicated-fee|ap-northeast-2',
      'dedicated-host|ap-northeast-2|m5',
      'dedicated-host|ap-northeast-2|r5',
      'ec2|ap-northeast-2|c5.xlarge|Linux|NA|No License required|Dedicated',
      'ec2|ap-northeast-2|m5.large|Linux|NA|No License required|Host',
    ]);
  });

  it('asks for the snapshot price and the in-use and idle IPv4 prices only where they occur', () => {
    const inventory = emptyInventory({
      snapshots: [
        { region: REGION, snapshotId: 'snap-1', volumeSizeGiB: 8 },
        { region: REGION, snapshotId: 'snap-2', volumeSizeGiB: 8 },
      ],
      addresses: [
        { region: REGION, publicIp: '198.51.100.1', kind: 'instance', associated: true },
        { region: 'us-east-1', publicIp: '198.51.100.2', kind: 'elastic', associated: false },
      ],
    });

    expect(uniquePriceKeys(inventory).map((k) => k.id)).toEqual([
      'ipv4|ap-northeast-2|InUse',
      'ipv4|us-east-1|Idle',
      'snapshot|ap-northeast-2',
    ]);
  });
});

/** A fake EC2 that serves pre-cut pages, keyed by the NextToken the caller sends back. */
function pagedEc2(pages: {
  instances?: Instance[][];
  volumes?: Volume[][];
  addresses?: Address[];
  snapshots?: Snapshot[][];
  hosts?: Host[][];
}): { port: EC2Client; calls: string[] } {
  const calls: string[] = [];
  const page = <T>(all: T[][] | undefined, token: string | undefined): { items: T[]; NextToken?: string } => {
    const index = token ? Number(token) : 0;
    const next = index + 1 < (all?.length ?? 0) ? String(index + 1) : undefined;
    return { items: all?.[index] ?? [], NextToken: next };
  };
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof DescribeInstancesCommand) {
      calls.push(`DescribeInstances:${command.input.NextToken ?? ''}`);
      const { items, NextToken } = page(pages.instances, command.input.NextToken);
      return { Reservations: items.map((i) => ({ Instances: [i] })), NextToken };
    }
    if (command instanceof DescribeVolumesCommand) {
      calls.push(`DescribeVolumes:${command.input.NextToken ?? ''}`);
      const { items, NextToken } = page(pages.volumes, command.input.NextToken);
      return { Volumes: items, NextToken };
    }
    if (command instanceof DescribeAddressesCommand) {
      calls.push('DescribeAddresses');
      return { Addresses: pages.addresses ?? [] };
    }
    if (command instanceof DescribeImagesCommand) {
      calls.push('DescribeImages');
      expect(command.input.Owners).toEqual(['self']);
      return { Images: [] };
    }
    if (command instanceof DescribeSnapshotsCommand) {
      calls.push(`DescribeSnapshots:${command.input.NextToken ?? ''}`);
      expect(command.input.OwnerIds).toEqual(['self']);
      const { items, NextToken } = page(pages.snapshots, command.input.NextToken);
      return { Snapshots: items, NextToken };
    }
    if (command instanceof DescribeHostsCommand) {
      calls.push(`DescribeHosts:${command.input.NextToken ?? ''}`);
      const { items, NextToken } = page(pages.hosts, command.input.NextToken);
      return { Hosts: items, NextToken };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  return { port: clientAnswering(EC2Client, send), calls };
}

/** An account without AWS Backup: no plans, no vaults, no jobs. */
const noBackups = backupWithNothing();

function recordingLog(): DecisionLog & { lines: { message: string; extra: Record<string, unknown> }[] } {
  const lines: { message: string; extra: Record<string, unknown> }[] = [];
  const record = (message: string, ...extra: Record<string, unknown>[]): void => {
    lines.push({ message, extra: Object.assign({}, ...extra) as Record<string, unknown> });
  };
  return { lines, info: record, warn: record };
}

describe('collectTarget', () => {
  const TARGET = { accountId: '444455556666', region: REGION };

  it('reads every page of the target region, stores its inventory in the run folder under its account and region and returns only its key and counts', async () => {
    // Prepare
    const seoul = pagedEc2({
      instances: [[instance('i-a')], [instance('i-b', { InstanceType: 't3.micro' })], [instance('i-c')]],
      volumes: [[volume('vol-1')], [volume('vol-2', { VolumeType: 'gp2' })]],
      addresses: [{ PublicIp: '203.0.113.20', AllocationId: 'eipalloc-9', InstanceId: '' }],
      snapshots: [[{ SnapshotId: 'snap-1', VolumeSize: 8 }], [{ SnapshotId: 'snap-2', VolumeSize: 8 }]],
    });
    const stored: { key: string; document: unknown }[] = [];
    const store: InventoryStore = { putJson: async (key, document) => void stored.push({ key, document }) };
    const log = recordingLog();
    const reached: unknown[] = [];

    // Act
    const result = await collectTarget(
      { target: TARGET, reportDate: '2026-11-23', executionName: 'exec-1' },
      {
        clientsFor: async (target) => (reached.push(target), { ec2: seoul.port, backup: noBackups }),
        store,
        workPrefix: 'work/',
        scheduleTagKey: 'AutoStopStart',
        pageSize: 1,
        now: () => new Date('2026-11-23T00:00:00Z'),
        log,
      },
    );

    // Assess
    expect(reached).toEqual([TARGET]);
    expect(seoul.calls).toEqual([
      'DescribeInstances:',
      'DescribeInstances:1',
      'DescribeInstances:2',
      'DescribeVolumes:',
      'DescribeVolumes:1',
      'DescribeAddresses',
      'DescribeSnapshots:',
      'DescribeSnapshots:1',
      'DescribeHosts:',
      'DescribeImages',
    ]);
    expect(result).toEqual({
      target: TARGET,
      status: 'collected',
      inventoryKey: `work/exec-1/targets/444455556666/${REGION}/inventory.json`,
      counts: { instances: 3, volumes: 2, addresses: 1, snapshots: 2, excluded: 0 },
    });
    expect(stored).toHaveLength(1);
    const inventory = stored[0]!.document as Inventory;
    expect(stored[0]!.key).toBe(`work/exec-1/targets/444455556666/${REGION}/inventory.json`);
    expect(inventory.instances.map((i) => i.instanceId)).toEqual(['i-a', 'i-b', 'i-c']);
    expect(inventory).toMatchObject({ collectedAt: '2026-11-23T00:00:00.000Z', reportDate: '2026-11-23', regions: [REGION] });
    expect(uniquePriceKeys(inventory).map((k) => k.id)).toEqual([
      'ebs-storage|ap-northeast-2|gp2',
      'ebs-storage|ap-northeast-2|gp3',
      'ec2|ap-northeast-2|m5.large|Linux|NA|No License required|Shared',
      'ec2|ap-northeast-2|t3.micro|Linux|NA|No License required|Shared',
      'ipv4|ap-northeast-2|Idle',
      'snapshot|ap-northeast-2',
    ]);
    expect(log.lines.filter((l) => l.message === 'collected region inventory').map((l) => l.extra)).toEqual([
      { where: `444455556666/${REGION}`, instances: 3, volumes: 2, unattachedVolumes: 2, addresses: 1, idleAddresses: 1, snapshots: 2, hosts: 0, spotInstances: 0, excluded: 0 },
    ]);
  });

  it('a target whose role refuses AssumeRole is an unreachable result naming the error, and nothing is stored', async () => {
    const stored: unknown[] = [];
    const refused = Object.assign(new Error('User: arn:aws:sts::111122223333:assumed-role/x is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });

    const result = await collectTarget(
      { target: TARGET, reportDate: '2026-11-23', executionName: 'exec-3' },
      { clientsFor: async () => Promise.reject(refused), store: { putJson: async (key) => void stored.push(key) }, workPrefix: 'work/', scheduleTagKey: 'AutoStopStart', pageSize: 5, now: () => new Date(), log: recordingLog() },
    );

    expect(result).toEqual({ target: TARGET, status: 'unreachable', error: { Error: 'AccessDenied', Cause: expect.stringContaining('not authorized to perform: sts:AssumeRole') } });
    expect(stored).toEqual([]);
  });

  it('raises ThrottlingError, naming the call and region, when EC2 keeps throttling', async () => {
    const throttled = clientAnswering(EC2Client, async () => Promise.reject(Object.assign(new Error('Request limit exceeded.'), { name: 'RequestLimitExceeded' })));
    const store: InventoryStore = { putJson: async () => undefined };

    const run = collectTarget(
      { target: TARGET, reportDate: '2026-11-23', executionName: 'exec-2' },
      { clientsFor: async () => ({ ec2: throttled, backup: noBackups }), store, workPrefix: 'work/', scheduleTagKey: 'AutoStopStart', pageSize: 5, now: () => new Date(), log: recordingLog() },
    );

    await expect(run).rejects.toThrow(ThrottlingError);
    await expect(run).rejects.toThrow(`DescribeInstances in ${REGION} throttled (RequestLimitExceeded)`);
  });
});

describe('s3InventoryStore (S3 faults moto cannot produce)', () => {
  it('turns S3 throttling into the retryable ThrottlingError', async () => {
    const slowDown = { send: async () => Promise.reject(Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' })) };

    const write = s3InventoryStore(slowDown as never, 'reports').putJson('work/x/inventory.json', {});

    await expect(write).rejects.toThrow(ThrottlingError);
  });

  it('names the bucket when it does not exist', async () => {
    const missing = { send: async () => Promise.reject(Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' })) };

    const write = s3InventoryStore(missing as never, 'no-such-reports').putJson('work/x/inventory.json', {});

    await expect(write).rejects.toThrow(ReportStorageError);
    await expect(write).rejects.toThrow('report bucket "no-such-reports" does not exist');
  });
});
