/**
 * Gives a local fleet backups the way AWS would have them, for the demo and the tests: a vault, a
 * plan and a tag selection shaped like terraform/backup.tf's, and recovery points whose AMIs and
 * snapshots exist in EC2 as AWS Backup leaves them (CreateImage / CreateSnapshot against moto, then
 * the recovery point seeded through scripts/local/backup-seed.ts with the age wanted). Local only.
 */
import {
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import { CreateImageCommand, CreateSnapshotCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { seedBackupJobs, seedRecoveryPoints, type BackupJobSeed, type BackupSeedTarget } from '../local/backup-seed';
import type { SeedRegion } from './seed-fleet';

export interface BackupWorld {
  region: string;
  accountId: string;
  ec2: EC2Client;
  backup: BackupClient;
  /** moto's endpoint for the seeding calls. */
  seed: BackupSeedTarget;
}

export interface TagPlan {
  vault: string;
  name: string;
  tagKey: string;
  tagValue: string;
  cron: string;
  timezone: string;
  retentionDays: number;
}

const HOUR_MS = 3_600_000;

/** Vault, plan and selection as the Terraform module creates them: instances and volumes AND the tag, by condition. */
export async function createTagPlan(world: BackupWorld, plan: TagPlan): Promise<string> {
  await world.backup.send(new CreateBackupVaultCommand({ BackupVaultName: plan.vault }));
  const created = await world.backup.send(
    new CreateBackupPlanCommand({
      BackupPlan: {
        BackupPlanName: plan.name,
        Rules: [
          {
            RuleName: plan.name,
            TargetBackupVaultName: plan.vault,
            ScheduleExpression: plan.cron,
            ScheduleExpressionTimezone: plan.timezone,
            Lifecycle: { DeleteAfterDays: plan.retentionDays },
          },
        ],
      },
    }),
  );
  await world.backup.send(
    new CreateBackupSelectionCommand({
      BackupPlanId: created.BackupPlanId,
      BackupSelection: {
        SelectionName: plan.name,
        IamRoleArn: `arn:aws:iam::${world.accountId}:role/ops-backup`,
        Resources: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:*:*:volume/*'],
        Conditions: { StringEquals: [{ ConditionKey: `aws:ResourceTag/${plan.tagKey}`, ConditionValue: plan.tagValue }] },
      },
    }),
  );
  return created.BackupPlanId ?? '';
}

interface PointOptions {
  vault: string;
  hoursAgo: number;
  planId?: string;
  retentionDays?: number;
}

/** The recovery point AWS Backup records for an AMI (EC2) or a snapshot (EBS) it made, `hoursAgo` old. */
async function recordPoint(world: BackupWorld, point: { type: 'EC2' | 'EBS'; pointId: string; resourceId: string; sizeGiB?: number }, options: PointOptions): Promise<void> {
  const { hoursAgo, planId, retentionDays } = options;
  await seedRecoveryPoints(world.seed, [
    {
      RecoveryPointArn: `arn:aws:ec2:${world.region}::${point.type === 'EC2' ? 'image' : 'snapshot'}/${point.pointId}`,
      BackupVaultName: options.vault,
      ResourceArn: `arn:aws:ec2:${world.region}:${world.accountId}:${point.type === 'EC2' ? 'instance' : 'volume'}/${point.resourceId}`,
      ResourceType: point.type,
      Status: 'COMPLETED',
      CreationDate: new Date(Date.now() - hoursAgo * HOUR_MS),
      ...(point.sizeGiB !== undefined ? { BackupSizeInBytes: point.sizeGiB * 1024 ** 3 } : {}),
      ...(planId ? { CreatedBy: { BackupPlanId: planId } } : {}),
      ...(retentionDays ? { Lifecycle: { DeleteAfterDays: retentionDays } } : {}),
    },
  ]);
}

/** An EC2 recovery point: the AMI (a snapshot of each volume) and the point AWS Backup records for it. */
export async function backupInstance(world: BackupWorld, instanceId: string, options: PointOptions): Promise<string> {
  const image = await world.ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: `AwsBackup_${instanceId}_${Date.now()}` }));
  await recordPoint(world, { type: 'EC2', pointId: image.ImageId ?? '', resourceId: instanceId }, options);
  return image.ImageId ?? '';
}

/** An EBS recovery point: the snapshot and the point AWS Backup records for it. */
export async function backupVolume(world: BackupWorld, volumeId: string, sizeGiB: number, options: PointOptions): Promise<string> {
  const snapshot = await world.ec2.send(new CreateSnapshotCommand({ VolumeId: volumeId, Description: 'This snapshot is created by the AWS Backup service.' }));
  await recordPoint(world, { type: 'EBS', pointId: snapshot.SnapshotId ?? '', resourceId: volumeId, sizeGiB }, options);
  return snapshot.SnapshotId ?? '';
}

/** A backup job that did not produce a point, with AWS's reason. */
export async function failedJob(world: BackupWorld, job: { id: string; state: 'FAILED' | 'EXPIRED' | 'ABORTED'; instanceId: string; vault: string; hoursAgo: number; reason: string }): Promise<void> {
  const seed: BackupJobSeed = {
    BackupJobId: job.id,
    BackupVaultName: job.vault,
    ResourceArn: `arn:aws:ec2:${world.region}:${world.accountId}:instance/${job.instanceId}`,
    ResourceType: 'EC2',
    State: job.state,
    StatusMessage: job.reason,
    CreationDate: new Date(Date.now() - job.hoursAgo * HOUR_MS),
  };
  await seedBackupJobs(world.seed, [seed]);
}

/** The demo's daily plan, as the module's default: Backup=Daily at 03:00 Asia/Seoul, kept 35 days. */
export const DEMO_PLAN: TagPlan = { vault: 'ops-backups', name: 'ops-daily', tagKey: 'Backup', tagValue: 'Daily', cron: 'cron(0 3 * * ? *)', timezone: 'Asia/Seoul', retentionDays: 35 };

/**
 * The restore points a seeded region's instances ask for (SeedInstance.backup), under DEMO_PLAN
 * when any instance there carries its tag; a tagged instance without points gets a failed job.
 */
export async function seedFleetBackups(world: BackupWorld, seed: SeedRegion, instanceIds: readonly string[]): Promise<void> {
  const tagged = seed.instances.some((spec) => spec.tags?.[DEMO_PLAN.tagKey] === DEMO_PLAN.tagValue);
  const planId = tagged ? await createTagPlan(world, DEMO_PLAN) : undefined;
  const options = (hoursAgo: number) => ({ vault: DEMO_PLAN.vault, hoursAgo, planId, retentionDays: DEMO_PLAN.retentionDays });
  for (const [index, spec] of seed.instances.entries()) {
    const instanceId = instanceIds[index] ?? '';
    switch (spec.backup) {
      case 'aws-backup':
        await backupInstance(world, instanceId, options(3));
        break;
      case 'aws-backup-4-days-old':
        await backupInstance(world, instanceId, options(96));
        break;
      case 'manual-ami':
        await world.ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: `${spec.name}-before-upgrade` }));
        break;
      case 'root-snapshot-only': {
        const described = await world.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
        const root = described.Reservations?.[0]?.Instances?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId;
        if (root) await world.ec2.send(new CreateSnapshotCommand({ VolumeId: root, Description: `${spec.name} root, by hand` }));
        break;
      }
      default:
        if (planId && spec.tags?.[DEMO_PLAN.tagKey] === DEMO_PLAN.tagValue) {
          await failedJob(world, { id: `demo-job-${index}`, state: 'FAILED', instanceId, vault: DEMO_PLAN.vault, hoursAgo: 20, reason: 'Insufficient privileges to perform this action.' });
        }
    }
  }
}
