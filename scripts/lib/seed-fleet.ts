/**
 * Seeds a small, realistic fleet into an EC2 emulator for the demo and the benchmarks: tagged and
 * untagged instances, other tag values, already-stopped ones, an Auto Scaling member, Windows and
 * SQL Server boxes (by Platform tag, as moto has no PlatformDetails), volumes of every kind
 * (unattached, io1 with IOPS, gp3 above its free baseline), Elastic IPs (one idle) and a snapshot.
 * Instances tagged Backup=Daily get the restore points `backup` names (scripts/lib/seed-backups.ts).
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type Tag,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import type { DailyCharge } from '../local/cost-explorer-seed';

export interface SeedInstance {
  name: string;
  instanceType: string;
  tags?: Record<string, string>;
  stopped?: boolean;
  /** Extra data volumes: [type, GiB, iops?, throughput?] */
  volumes?: [string, number, number?, number?][];
  elasticIp?: boolean;
  /** Restore points to seed: an AWS Backup EC2 point (fresh or 4 days old), or a plain snapshot of the root volume only. */
  backup?: 'aws-backup' | 'aws-backup-4-days-old' | 'root-snapshot-only' | 'manual-ami';
}

export interface SeedRegion {
  region: string;
  instances: SeedInstance[];
  unattachedVolumes?: [string, number][];
  idleElasticIps?: number;
  snapshotsOfRetiredVolume?: number;
}

export const DEMO_FLEET: SeedRegion[] = [
  {
    region: 'ap-northeast-2',
    instances: [
      { name: 'dev-api-1', instanceType: 'm5.large', tags: { AutoStopStart: 'Yes', Environment: 'dev', Backup: 'Daily' }, volumes: [['gp3', 100, 6000, 250]], elasticIp: true, backup: 'root-snapshot-only' },
      { name: 'dev-api-2', instanceType: 'm5.large', tags: { AutoStopStart: 'Yes', Environment: 'dev' } },
      { name: 'dev-worker', instanceType: 'c5.xlarge', tags: { AutoStopStart: 'Yes', Environment: 'dev' }, volumes: [['io1', 200, 4000]] },
      { name: 'test-win-sql', instanceType: 't3.large', tags: { AutoStopStart: 'Yes', Platform: 'Windows+SQLStd', Backup: 'Daily' } },
      { name: 'test-already-stopped', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes' }, stopped: true },
      { name: 'prod-db', instanceType: 'r5.large', tags: { Environment: 'prod', Backup: 'Daily' }, volumes: [['io1', 500, 10000]], backup: 'aws-backup' },
      { name: 'prod-web-win', instanceType: 'm5.xlarge', tags: { Platform: 'Windows', Environment: 'prod', Backup: 'Daily' }, backup: 'aws-backup-4-days-old' },
      { name: 'lowercase-yes', instanceType: 't3.micro', tags: { AutoStopStart: 'yes' } },
      { name: 'opted-out', instanceType: 't3.small', tags: { AutoStopStart: 'No' } },
      { name: 'asg-member', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes', 'aws:autoscaling:groupName': 'web-asg' } },
      { name: 'rds-proxy-host', instanceType: 'm5.large', tags: { Platform: 'RDS' } },
    ],
    unattachedVolumes: [['gp2', 500], ['st1', 1000]],
    idleElasticIps: 1,
    snapshotsOfRetiredVolume: 2,
  },
  {
    region: 'us-east-1',
    instances: [
      { name: 'qa-runner', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes' } },
      { name: 'qa-selenium', instanceType: 'm6i.large', tags: { AutoStopStart: 'Yes' }, volumes: [['gp2', 50]], backup: 'manual-ami' },
      { name: 'shared-bastion', instanceType: 't3.micro', tags: {} },
      { name: 'legacy-rhel', instanceType: 'm5.large', tags: { Platform: 'Linux' }, stopped: true },
    ],
    unattachedVolumes: [['sc1', 2000]],
    idleElasticIps: 0,
  },
];

function toTags(name: string, tags: Record<string, string> = {}): Tag[] {
  return [{ Key: 'Name', Value: name }, ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))];
}

export async function seedRegion(ec2: EC2Client, seed: SeedRegion): Promise<string[]> {
  const az = `${seed.region}a`;
  const ids: string[] = [];
  for (const spec of seed.instances) {
    // One RunInstances call per instance: moto's DescribeInstances pages count reservations.
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: spec.instanceType as _InstanceType,
        Placement: { AvailabilityZone: az },
        TagSpecifications: [{ ResourceType: 'instance', Tags: toTags(spec.name, spec.tags) }],
      }),
    );
    const instanceId = run.Instances![0]!.InstanceId!;
    ids.push(instanceId);
    for (const [index, [type, size, iops, throughput]] of (spec.volumes ?? []).entries()) {
      const volume = await ec2.send(
        new CreateVolumeCommand({
          AvailabilityZone: az,
          Size: size,
          VolumeType: type as never,
          Iops: iops,
          Throughput: throughput,
          TagSpecifications: [{ ResourceType: 'volume', Tags: toTags(`${spec.name}-data${index + 1}`) }],
        }),
      );
      await ec2.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId!, InstanceId: instanceId, Device: `/dev/sd${String.fromCharCode(102 + index)}` }));
    }
    if (spec.elasticIp) {
      const eip = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
      await ec2.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId!, InstanceId: instanceId }));
    }
    if (spec.stopped) await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  }
  for (const [index, [type, size]] of (seed.unattachedVolumes ?? []).entries()) {
    await ec2.send(
      new CreateVolumeCommand({
        AvailabilityZone: az,
        Size: size,
        VolumeType: type as never,
        TagSpecifications: [{ ResourceType: 'volume', Tags: toTags(`orphaned-${type}-${index + 1}`) }],
      }),
    );
  }
  for (let i = 0; i < (seed.idleElasticIps ?? 0); i += 1) await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  if (seed.snapshotsOfRetiredVolume) {
    const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 80, VolumeType: 'gp3' }));
    for (let i = 0; i < seed.snapshotsOfRetiredVolume; i += 1) {
      await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId!, Description: `nightly backup ${i + 1}` }));
    }
  }
  return ids;
}

/**
 * What the demo fleet plausibly bills a day, as Cost Explorer groups it (region, usage type,
 * unblended, amortized USD): the scheduled instances 12 hours on weekdays' list prices, the rest 24;
 * prod-db's r5.large covered by a Reserved Instance, so its amortized cost is lower; EBS, snapshots,
 * public IPv4, and data transfer, which the estimate does not price.
 */
export const DEMO_DAILY_CHARGES: readonly DailyCharge[] = [
  ['ap-northeast-2', 'APN2-BoxUsage:m5.large', '2.8320000000', '2.8320000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:c5.xlarge', '2.4960000000', '2.4960000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:t3.large', '7.3392000000', '7.3392000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:r5.large', '3.6480000000', '2.2982400000'],
  ['ap-northeast-2', 'APN2-BoxUsage:m5.xlarge', '10.0800000000', '10.0800000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:t3.micro', '0.3120000000', '0.3120000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:t3.small', '0.6240000000', '0.6240000000'],
  ['ap-northeast-2', 'APN2-BoxUsage:t3.medium', '1.8720000000', '1.8720000000'],
  ['ap-northeast-2', 'APN2-EBS:VolumeUsage.gp2', '2.2052631579', '2.2052631579'],
  ['ap-northeast-2', 'APN2-EBS:VolumeUsage.gp3', '0.3000000000', '0.3000000000'],
  ['ap-northeast-2', 'APN2-EBS:VolumeUsage.piops', '3.2812500000', '3.2812500000'],
  ['ap-northeast-2', 'APN2-EBS:VolumeP-IOPS.piops', '34.1250000000', '34.1250000000'],
  ['ap-northeast-2', 'APN2-EBS:VolumeUsage.st1', '1.6875000000', '1.6875000000'],
  ['ap-northeast-2', 'APN2-EBS:SnapshotUsage', '0.1315789474', '0.1315789474'],
  ['ap-northeast-2', 'APN2-PublicIPv4:InUseAddress', '1.3200000000', '1.3200000000'],
  ['ap-northeast-2', 'APN2-PublicIPv4:IdleAddress', '0.1200000000', '0.1200000000'],
  ['ap-northeast-2', 'APN2-DataTransfer-Out-Bytes', '0.4320000000', '0.4320000000'],
  ['us-east-1', 'BoxUsage:t3.medium', '0.4992000000', '0.4992000000'],
  ['us-east-1', 'BoxUsage:m6i.large', '1.1520000000', '1.1520000000'],
  ['us-east-1', 'BoxUsage:t3.micro', '0.2496000000', '0.2496000000'],
  ['us-east-1', 'EBS:VolumeUsage.gp2', '0.3473684211', '0.3473684211'],
  ['us-east-1', 'EBS:VolumeUsage.sc1', '0.9868421053', '0.9868421053'],
  ['us-east-1', 'PublicIPv4:InUseAddress', '0.4800000000', '0.4800000000'],
];
