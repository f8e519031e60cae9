/**
 * Test harness only: seeds EC2 instances in moto the way the power-schedule tests need them, one
 * instance per RunInstances call (moto pages DescribeInstances by reservation, so that is what
 * makes pagination real), and reads their states back.
 *
 * Not reproducible in moto, so covered by unit tests instead: instance-store root devices (moto
 * always reports `ebs`) and persistent Spot (moto's instances carry no SpotInstanceRequestId).
 */
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { seedAuroraCluster, seedAutoScalingGroup, seedDatabase, seedMultiAzDbCluster, type SeedAuroraCluster, type SeedDatabase, type SeedGroup, type SeedMultiAzDbCluster } from '../../scripts/lib/seed-fleet';
import {
  EC2Client,
  paginateDescribeInstances,
  RunInstancesCommand,
  StopInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';

export interface InstanceSpec {
  /** Instance tags; the opt-in tag is just one of them. */
  tags?: Record<string, string>;
  /** Launch, then stop it so it is `stopped` when the test starts. */
  stopped?: boolean;
  /** Adds the `aws:autoscaling:groupName` tag an Auto Scaling group puts on its members. */
  autoScalingGroup?: string;
  /** A one-time Spot instance (RunInstances with spot market options). */
  oneTimeSpot?: boolean;
  instanceType?: string;
  securityGroupIds?: string[];
  /** Launched with HibernationOptions.Configured=true (moto keeps and reports it). */
  hibernationConfigured?: boolean;
  /** Launched with CreditSpecification.CpuCredits (a burstable instance's credit option; unset: the family default). */
  cpuCredits?: 'standard' | 'unlimited';
}

export const OPT_IN = { AutoStopStart: 'Yes' } as const;

/** A client for one region of the account behind `endpoint` (normally the aws-proxy's url), or of the account `credentials` belong to. */
export function ec2At(endpoint: string, region: string, credentials?: AwsCredentialIdentity): EC2Client {
  return new EC2Client({ region, endpoint, maxAttempts: 1, ...(credentials ? { credentials } : {}) });
}

/**
 * Credentials in another moto account: moto's AssumeRole does not check that the role exists, and
 * the credentials it returns act in the role's account (the aws-proxy leaves them to moto).
 */
export async function assumedRole(endpoint: string, accountId: string, roleName = 'ops-automation-seeder'): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });
  const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: 'test-seeding' }));
  sts.destroy();
  return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
}

/** EC2 in one region of another account, reached through an assumed role. */
export async function memberEc2(endpoint: string, accountId: string, region: string): Promise<EC2Client> {
  return ec2At(endpoint, region, await assumedRole(endpoint, accountId));
}

function toTags(spec: InstanceSpec): Tag[] {
  const tags = Object.entries(spec.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  if (spec.autoScalingGroup) tags.push({ Key: 'aws:autoscaling:groupName', Value: spec.autoScalingGroup });
  return tags;
}

export async function launchInstance(ec2: EC2Client, spec: InstanceSpec = {}): Promise<string> {
  const tags = toTags(spec);
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12345678',
      InstanceType: (spec.instanceType ?? 't3.micro') as never,
      MinCount: 1,
      MaxCount: 1,
      SecurityGroupIds: spec.securityGroupIds,
      TagSpecifications: tags.length > 0 ? [{ ResourceType: 'instance', Tags: tags }] : undefined,
      HibernationOptions: spec.hibernationConfigured ? { Configured: true } : undefined,
      CreditSpecification: spec.cpuCredits ? { CpuCredits: spec.cpuCredits } : undefined,
      InstanceMarketOptions: spec.oneTimeSpot
        ? { MarketType: 'spot', SpotOptions: { SpotInstanceType: 'one-time' } }
        : undefined,
    }),
  );
  const instanceId = out.Instances?.[0]?.InstanceId;
  if (!instanceId) throw new Error('RunInstances returned no instance');
  if (spec.stopped) await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
  return instanceId;
}

/** `count` instances of one spec, each its own reservation, `parallel` calls at a time. */
export async function launchInstances(
  ec2: EC2Client,
  count: number,
  spec: InstanceSpec = {},
  parallel = 16,
): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < count; done += parallel) {
    const wave = Math.min(parallel, count - done);
    ids.push(...(await Promise.all(Array.from({ length: wave }, () => launchInstance(ec2, spec)))));
  }
  return ids;
}

/** State name of every instance in the region, by id. */
export async function instanceStates(ec2: EC2Client): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for await (const page of paginateDescribeInstances({ client: ec2 }, {})) {
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        states[instance.InstanceId!] = instance.State?.Name ?? 'unknown';
      }
    }
  }
  return states;
}

/** The states of just these ids, in the same order. */
export async function statesOf(ec2: EC2Client, ids: readonly string[]): Promise<string[]> {
  const all = await instanceStates(ec2);
  return ids.map((id) => all[id] ?? 'missing');
}

/** An Auto Scaling group of `desired` instances from a fresh launch template, its tags propagated to its instances as AWS does. */
export async function createAutoScalingGroup(endpoint: string, region: string, spec: SeedGroup): Promise<void> {
  const autoScaling = new AutoScalingClient({ region, endpoint, maxAttempts: 1 });
  try {
    await seedAutoScalingGroup({ ec2: ec2At(endpoint, region), autoScaling }, region, spec);
  } finally {
    autoScaling.destroy();
  }
}

/** A group's sizes and tags as Auto Scaling reports them now. */
export async function groupOf(endpoint: string, region: string, name: string): Promise<{ min: number; max: number; desired: number; instances: number; tags: Record<string, string> }> {
  const autoScaling = new AutoScalingClient({ region, endpoint, maxAttempts: 1 });
  const out = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }));
  autoScaling.destroy();
  const group = out.AutoScalingGroups?.[0];
  if (!group) throw new Error(`no Auto Scaling group ${name}`);
  return {
    min: group.MinSize ?? -1,
    max: group.MaxSize ?? -1,
    desired: group.DesiredCapacity ?? -1,
    instances: group.Instances?.length ?? 0,
    tags: Object.fromEntries((group.Tags ?? []).map((t) => [t.Key!, t.Value!])),
  };
}

function rdsAt(endpoint: string, region: string): RDSClient {
  return new RDSClient({ region, endpoint, maxAttempts: 1 });
}

/** An RDS DB instance (PostgreSQL unless told), standalone, in a cluster, or a read replica of another. */
export async function createDatabase(endpoint: string, region: string, spec: SeedDatabase): Promise<string> {
  const rds = rdsAt(endpoint, region);
  try {
    return await seedDatabase(rds, spec);
  } finally {
    rds.destroy();
  }
}

/** An Aurora PostgreSQL cluster with one instance in it (Standard or I/O-Optimized; provisioned or Serverless v2). */
export async function createAuroraCluster(endpoint: string, region: string, spec: SeedAuroraCluster): Promise<string> {
  const rds = rdsAt(endpoint, region);
  try {
    return await seedAuroraCluster(rds, spec);
  } finally {
    rds.destroy();
  }
}

/** A Multi-AZ DB cluster with its writer and two readable standbys (scripts/lib/seed-fleet.ts says what the harness fills in for moto). */
export async function createMultiAzDbCluster(endpoint: string, region: string, spec: SeedMultiAzDbCluster): Promise<string> {
  const rds = rdsAt(endpoint, region);
  try {
    return await seedMultiAzDbCluster(rds, spec);
  } finally {
    rds.destroy();
  }
}

/** A DB instance's or cluster's status and tags as RDS reports them now. */
export async function databaseOf(endpoint: string, region: string, kind: 'instance' | 'cluster', id: string): Promise<{ status: string; tags: Record<string, string> }> {
  const rds = rdsAt(endpoint, region);
  try {
    if (kind === 'cluster') {
      const c = (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters![0]!;
      return { status: c.Status!, tags: Object.fromEntries((c.TagList ?? []).map((t) => [t.Key!, t.Value!])) };
    }
    const i = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances![0]!;
    return { status: i.DBInstanceStatus!, tags: Object.fromEntries((i.TagList ?? []).map((t) => [t.Key!, t.Value!])) };
  } finally {
    rds.destroy();
  }
}
