/**
 * Seeds a small, realistic fleet into an EC2 emulator for the demo and the benchmarks: tagged and
 * untagged instances, other tag values, already-stopped ones, an Auto Scaling member, Windows and
 * SQL Server boxes (by Platform tag, as moto has no PlatformDetails), volumes of every kind
 * (unattached, io1 with IOPS, gp3 above its free baseline), Elastic IPs (one idle) and a snapshot.
 * Instances tagged Backup=Daily get the restore points `backup` names (scripts/lib/seed-backups.ts).
 * Beside instances, what power-schedule also acts on (DEMO_POWER_KINDS): an RDS DB instance, an
 * Aurora cluster and Auto Scaling groups, tagged and not; the workflow tests seed theirs with the
 * same functions (test/support/fleet.ts).
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachVolumeCommand,
  CreateLaunchTemplateCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  RunInstancesCommand,
  StopInstancesCommand,
  type EC2Client,
  type Tag,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { CreateAutoScalingGroupCommand, type AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CreateDBClusterCommand, CreateDBInstanceCommand, CreateDBInstanceReadReplicaCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { DailyCharge } from '../local/cost-explorer-seed';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { seedAuroraMetrics, seedCpuCreditsCharged, seedServerlessCapacity, type SeedAuroraUsage, type SeedServerlessCapacity } from '../local/cloudwatch-seed';

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
  /** Surplus CPU credits charged each day of the last week (CloudWatch CPUSurplusCreditsCharged), for a burstable instance in unlimited mode. */
  cpuCreditsPerDay?: number;
  /** A burstable instance's credit option at launch (RunInstances CreditSpecification); unset: the family default (T3: unlimited). */
  cpuCredits?: 'standard' | 'unlimited';
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
      // Launched in standard mode: never charged surplus credits, so the report shows 0 once it is started.
      { name: 'test-already-stopped', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes' }, stopped: true, cpuCredits: 'standard' },
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
      { name: 'qa-load-generator', instanceType: 't3.small', tags: { AutoStopStart: 'Yes', AutoStopStartOverride: 'stop-only' } },
      // Runs hot all day in unlimited mode: 120 surplus credits (2 vCPU-hours) charged a day, 0.10 USD at 0.05 per vCPU-hour.
      { name: 'shared-bastion', instanceType: 't3.micro', tags: {}, cpuCreditsPerDay: 120 },
      { name: 'legacy-rhel', instanceType: 'm5.large', tags: { Platform: 'Linux' }, stopped: true },
    ],
    unattachedVolumes: [['sc1', 2000]],
    idleElasticIps: 0,
  },
];

/** A second account's few instances (the demo's member account): the same rules apply there. */
export const DEMO_MEMBER_FLEET: SeedRegion[] = [
  {
    region: 'ap-northeast-2',
    instances: [
      { name: 'team-b-dev-1', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes', Environment: 'dev' } },
      { name: 'team-b-dev-2', instanceType: 't3.medium', tags: { AutoStopStart: 'Yes', Environment: 'dev' } },
      { name: 'team-b-prod', instanceType: 'm5.large', tags: { Environment: 'prod' } },
    ],
  },
];

/** What power-schedule acts on beside instances: RDS DB instances, Aurora clusters, Auto Scaling groups. */
export interface SeedPowerKinds {
  region: string;
  databases: SeedDatabase[];
  /** With the volume metrics CloudWatch would publish for them (scripts/local/cloudwatch-seed.ts), so the report prices their storage and I/O. */
  auroraClusters: (SeedAuroraCluster & { usage?: SeedAuroraUsage; serverlessAcu?: SeedServerlessCapacity })[];
  autoScalingGroups: SeedGroup[];
}

export interface SeedDatabase {
  id: string;
  tags?: Record<string, string>;
  engine?: string;
  multiAz?: boolean;
  /** A member of this cluster (Aurora, or a Multi-AZ DB cluster's instance: seedMultiAzDbCluster). */
  cluster?: string;
  /** A read replica of this DB instance. */
  replicaOf?: string;
  /** db.t3.micro unless told; an Aurora member db.t3.medium, the smallest provisioned class Aurora accepts. */
  instanceClass?: string;
  /** RDS's default (gp2) unless told; not for cluster members, whose storage is the cluster's. */
  storageType?: string;
  /** 20 GiB unless told (not for cluster members). */
  allocatedGiB?: number;
  /**
   * Provisioned IOPS and gp3 StorageThroughput (MiBps), as CreateDBInstance takes them. moto 5.2.1
   * reports them back as given (checked: io1/io2 Iops; gp3 Iops and StorageThroughput), and reports
   * neither for a gp3 DB created without them, where AWS reports the baseline (3,000 IOPS and 125
   * MiBps below 400 GiB). The cost report reads a missing figure as that baseline, so the gap changes
   * no figure and the harness leaves it.
   */
  iops?: number;
  storageThroughputMiBps?: number;
}

export interface SeedGroup {
  name: string;
  /** Propagated to the group's instances at launch, as AWS does. */
  tags?: Record<string, string>;
  min?: number;
  max?: number;
  desired: number;
  /** Instance types of a mixed instances policy over the launch template (its instances are launched from the template). */
  mixedInstanceTypes?: string[];
}

/** The demo's databases and groups, in the deployment account's first region: two under the schedule, one group not. */
export const DEMO_POWER_KINDS: SeedPowerKinds = {
  region: 'ap-northeast-2',
  databases: [{ id: 'dev-orders-db', tags: { AutoStopStart: 'Yes', Environment: 'dev' } }],
  auroraClusters: [{ id: 'dev-reports', tags: { AutoStopStart: 'Yes', Environment: 'dev' }, usage: { volumeGiB: 2, readsPerDay: 150_000, writesPerDay: 50_000 } }],
  autoScalingGroups: [
    { name: 'dev-web', tags: { AutoStopStart: 'Yes', Environment: 'dev' }, min: 1, max: 4, desired: 2 },
    { name: 'prod-queue-workers', tags: { Environment: 'prod' }, min: 1, max: 2, desired: 1 },
  ],
};

const plainTags = (tags: Record<string, string> = {}) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** An RDS DB instance (PostgreSQL unless told), standalone, in a cluster, or a read replica of another; its ARN. */
export async function seedDatabase(rds: RDSClient, spec: SeedDatabase): Promise<string> {
  if (spec.replicaOf) {
    const out = await rds.send(new CreateDBInstanceReadReplicaCommand({ DBInstanceIdentifier: spec.id, SourceDBInstanceIdentifier: spec.replicaOf, DBInstanceClass: 'db.t3.micro', Tags: plainTags(spec.tags) }));
    return out.DBInstance!.DBInstanceArn!;
  }
  const out = await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: spec.id,
      DBInstanceClass: spec.instanceClass ?? (spec.cluster ? 'db.t3.medium' : 'db.t3.micro'),
      Engine: spec.engine ?? (spec.cluster ? 'aurora-postgresql' : 'postgres'),
      ...(spec.cluster
        ? { DBClusterIdentifier: spec.cluster }
        : {
            AllocatedStorage: spec.allocatedGiB ?? 20,
            MasterUsername: 'admin_user',
            MasterUserPassword: 'example-password-1',
            ...(spec.storageType ? { StorageType: spec.storageType } : {}),
            ...(spec.iops !== undefined ? { Iops: spec.iops } : {}),
            ...(spec.storageThroughputMiBps !== undefined ? { StorageThroughput: spec.storageThroughputMiBps } : {}),
          }),
      MultiAZ: spec.multiAz ?? false,
      Tags: plainTags(spec.tags),
    }),
  );
  return out.DBInstance!.DBInstanceArn!;
}

export interface SeedAuroraCluster {
  id: string;
  tags?: Record<string, string>;
  /** The instance's class (db.t3.medium by default); `db.serverless` makes it Aurora Serverless v2. */
  instanceClass?: string;
  /** `aurora` (Standard) or `aurora-iopt1` (I/O-Optimized); left out, as clusters created before I/O-Optimized report none. */
  storageType?: 'aurora' | 'aurora-iopt1';
}

/**
 * An Aurora PostgreSQL cluster with one instance in it (`<id>-1`, untagged: the cluster's tag is what
 * counts); its ARN. AWS refuses a `db.serverless` instance in a cluster without a Serverless v2
 * capacity range, so one is set for such a cluster (0.5-8 ACUs), as AWS requires. moto 5.2.1 refuses
 * StorageType aurora-iopt1 by itself; scripts/local/moto_rds.py fills that gap (harness only).
 */
export async function seedAuroraCluster(rds: RDSClient, spec: SeedAuroraCluster): Promise<string> {
  const serverless = spec.instanceClass === 'db.serverless';
  const out = await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: spec.id,
      Engine: 'aurora-postgresql',
      MasterUsername: 'admin_user',
      MasterUserPassword: 'example-password-1',
      ...(spec.storageType ? { StorageType: spec.storageType } : {}),
      ...(serverless ? { ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 8 } } : {}),
      Tags: plainTags(spec.tags),
    }),
  );
  await seedDatabase(rds, { id: `${spec.id}-1`, cluster: spec.id, ...(spec.instanceClass ? { instanceClass: spec.instanceClass } : {}) });
  return out.DBCluster!.DBClusterArn!;
}

export interface SeedMultiAzDbCluster {
  id: string;
  engine: 'mysql' | 'postgres';
  instanceClass: string;
  storageType: 'gp3' | 'io1' | 'io2';
  allocatedGiB: number;
  iops?: number;
  tags?: Record<string, string>;
  /** Tags of the first instance (`<id>-instance-1`), which a user may tag apart from its cluster. */
  firstInstanceTags?: Record<string, string>;
}

/**
 * A Multi-AZ DB cluster (RDS for MySQL or PostgreSQL: a writer and two readable standbys); its ARN.
 * AWS creates the three DB instances itself (`<id>-instance-1` to `-3`, listed by DescribeDBInstances
 * with the cluster's DBClusterIdentifier) and refuses CreateDBInstance into such a cluster. moto
 * 5.2.1 creates none, so the harness adds them with CreateDBInstance, which moto accepts (a gap filled
 * here only). moto still reports their StorageType as `aurora` and the cluster's MultiAZ as false
 * (AWS: the cluster's storage type, and true); the cost report reads neither for these.
 */
export async function seedMultiAzDbCluster(rds: RDSClient, spec: SeedMultiAzDbCluster): Promise<string> {
  const out = await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: spec.id,
      Engine: spec.engine,
      DBClusterInstanceClass: spec.instanceClass,
      StorageType: spec.storageType,
      AllocatedStorage: spec.allocatedGiB,
      ...(spec.iops !== undefined ? { Iops: spec.iops } : {}),
      MasterUsername: 'admin_user',
      MasterUserPassword: 'example-password-1',
      Tags: plainTags(spec.tags),
    }),
  );
  for (const n of [1, 2, 3]) {
    const tags = n === 1 ? spec.firstInstanceTags : undefined;
    await seedDatabase(rds, { id: `${spec.id}-instance-${n}`, cluster: spec.id, engine: spec.engine, instanceClass: spec.instanceClass, ...(tags ? { tags } : {}) });
  }
  return out.DBCluster!.DBClusterArn!;
}

/** An Auto Scaling group of `desired` t3.micro instances from a fresh launch template (or a mixed instances policy over it), in the region's first zone. */
export async function seedAutoScalingGroup(clients: { ec2: EC2Client; autoScaling: AutoScalingClient }, region: string, spec: SeedGroup): Promise<void> {
  const template = await clients.ec2.send(
    new CreateLaunchTemplateCommand({ LaunchTemplateName: `${spec.name}-template`, LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' } }),
  );
  await clients.autoScaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: spec.name,
      ...(spec.mixedInstanceTypes
        ? {
            MixedInstancesPolicy: {
              LaunchTemplate: {
                LaunchTemplateSpecification: { LaunchTemplateId: template.LaunchTemplate!.LaunchTemplateId! },
                Overrides: spec.mixedInstanceTypes.map((InstanceType) => ({ InstanceType })),
              },
            },
          }
        : { LaunchTemplate: { LaunchTemplateId: template.LaunchTemplate!.LaunchTemplateId! } }),
      MinSize: spec.min ?? spec.desired,
      MaxSize: spec.max ?? spec.desired,
      DesiredCapacity: spec.desired,
      AvailabilityZones: [`${region}a`],
      Tags: Object.entries(spec.tags ?? {}).map(([Key, Value]) => ({ Key, Value, PropagateAtLaunch: true })),
    }),
  );
}

export async function seedPowerKinds(clients: { ec2: EC2Client; autoScaling: AutoScalingClient; rds: RDSClient; cloudWatch?: CloudWatchClient }, seed: SeedPowerKinds): Promise<void> {
  for (const db of seed.databases) await seedDatabase(clients.rds, db);
  for (const cluster of seed.auroraClusters) {
    await seedAuroraCluster(clients.rds, cluster);
    if (cluster.usage && clients.cloudWatch) await seedAuroraMetrics(clients.cloudWatch, cluster.id, cluster.usage);
    if (cluster.serverlessAcu && clients.cloudWatch) await seedServerlessCapacity(clients.cloudWatch, `${cluster.id}-1`, cluster.serverlessAcu);
  }
  for (const group of seed.autoScalingGroups) await seedAutoScalingGroup(clients, seed.region, group);
}

function toTags(name: string, tags: Record<string, string> = {}): Tag[] {
  return [{ Key: 'Name', Value: name }, ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))];
}

export async function seedRegion(ec2: EC2Client, seed: SeedRegion, cloudWatch?: CloudWatchClient): Promise<string[]> {
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
        CreditSpecification: spec.cpuCredits ? { CpuCredits: spec.cpuCredits } : undefined,
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
    // T3 launch in unlimited mode, whose CPUSurplusCreditsCharged EC2 publishes (0 when nothing is charged); standard mode has none.
    if (cloudWatch && !spec.stopped && spec.cpuCredits !== 'standard' && spec.instanceType.startsWith('t3.')) await seedCpuCreditsCharged(cloudWatch, instanceId, spec.cpuCreditsPerDay ?? 0);
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
 * public IPv4, and data transfer, which the estimate does not price. The scheduled databases
 * (DEMO_POWER_KINDS) bill under Amazon Relational Database Service: dev-orders-db's db.t3.micro
 * PostgreSQL and dev-reports' Aurora db.t3.medium instance 12 hours at Seoul's list prices, the DB's
 * 20 GB gp2 all day, and the Aurora cluster's storage and I/O (2 GB used, 200,000 requests a day: the
 * metrics DEMO_POWER_KINDS publishes for it, from which the estimate prices them).
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
  ['ap-northeast-2', 'APN2-InstanceUsage:db.t3.micro', '0.2808000000', '0.2808000000'],
  ['ap-northeast-2', 'APN2-InstanceUsage:db.t3.medium', '1.2792000000', '1.2792000000'],
  ['ap-northeast-2', 'APN2-RDS:GP2-Storage', '0.0861369863', '0.0861369863'],
  ['ap-northeast-2', 'APN2-Aurora:StorageUsage', '0.0065753425', '0.0065753425'],
  ['ap-northeast-2', 'APN2-Aurora:StorageIOUsage', '0.0400000000', '0.0400000000'],
  ['us-east-1', 'BoxUsage:t3.medium', '0.4992000000', '0.4992000000'],
  ['us-east-1', 'BoxUsage:m6i.large', '1.1520000000', '1.1520000000'],
  ['us-east-1', 'BoxUsage:t3.micro', '0.2496000000', '0.2496000000'],
  // shared-bastion's surplus CPU credits: 120 a day = 2 vCPU-hours × 0.05.
  ['us-east-1', 'CPUCredits:t3', '0.1000000000', '0.1000000000'],
  ['us-east-1', 'EBS:VolumeUsage.gp2', '0.3473684211', '0.3473684211'],
  ['us-east-1', 'EBS:VolumeUsage.sc1', '0.9868421053', '0.9868421053'],
  ['us-east-1', 'PublicIPv4:InUseAddress', '0.4800000000', '0.4800000000'],
];
