/**
 * The read-only AWS Backup and EC2 calls behind the backup coverage, every page of each: plans with
 * their rules and selections, recovery points of every vault, the account's AMIs, and the backup
 * jobs that failed, expired or were aborted. Used by collect-inventory and `ops backups`.
 */
import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  paginateListBackupJobs,
  paginateListBackupPlans,
  paginateListBackupSelections,
  paginateListBackupVaults,
  paginateListRecoveryPointsByBackupVault,
  type BackupClient,
  type BackupSelection,
} from '@aws-sdk/client-backup';
import { paginateDescribeImages, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import type { BackupPointRecord } from './backup-coverage';
import type { BackupJobProblem, BackupJobRecord, BackupPlanInfo, BackupSelectionRule } from './backup-types';
import { asStepError } from './errors';
import { allItems } from './pages';

/** Resource types whose recovery points restore EC2 instances and EBS volumes. */
const EC2_RESOURCE_TYPES = new Set(['EC2', 'EBS']);
export const JOB_PROBLEMS: readonly BackupJobProblem[] = ['FAILED', 'EXPIRED', 'ABORTED'];

async function call<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw asStepError(error, what);
  }
}

const iso = (date: Date | undefined): string | undefined => (date ? date.toISOString() : undefined);

function selectionRule(selection: BackupSelection): BackupSelectionRule {
  const conditions: BackupSelectionRule['conditions'] = [];
  for (const test of ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike'] as const) {
    for (const c of selection.Conditions?.[test] ?? []) conditions.push({ test, key: c.ConditionKey ?? '', value: c.ConditionValue ?? '' });
  }
  return {
    name: selection.SelectionName ?? '',
    resources: selection.Resources ?? [],
    notResources: selection.NotResources ?? [],
    listOfTags: (selection.ListOfTags ?? []).map((t) => ({ key: t.ConditionKey ?? '', value: t.ConditionValue ?? '' })),
    conditions,
  };
}

/** Every backup plan of the region with its rules (schedule, retention) and what its selections reach. */
export async function readBackupPlans(backup: BackupClient, region: string): Promise<BackupPlanInfo[]> {
  const listed = await allItems(`ListBackupPlans in ${region}`, paginateListBackupPlans({ client: backup }, {}), (page) => page.BackupPlansList ?? []);
  const plans: BackupPlanInfo[] = [];
  for (const { BackupPlanId: planId = '', BackupPlanName: name = '' } of listed) {
    const plan = await call(`GetBackupPlan ${name} in ${region}`, () => backup.send(new GetBackupPlanCommand({ BackupPlanId: planId })));
    const selectionIds = await allItems(
      `ListBackupSelections of ${name} in ${region}`,
      paginateListBackupSelections({ client: backup }, { BackupPlanId: planId }),
      (page) => (page.BackupSelectionsList ?? []).map((s) => s.SelectionId ?? ''),
    );
    const selections: BackupSelectionRule[] = [];
    for (const selectionId of selectionIds) {
      const got = await call(`GetBackupSelection ${selectionId} in ${region}`, () => backup.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: selectionId })));
      if (got.BackupSelection) selections.push(selectionRule(got.BackupSelection));
    }
    plans.push({
      region,
      planId,
      name,
      rules: (plan.BackupPlan?.Rules ?? []).map((rule) => ({
        name: rule.RuleName ?? '',
        ...(rule.ScheduleExpression ? { cron: rule.ScheduleExpression } : {}),
        timezone: rule.ScheduleExpressionTimezone || 'Etc/UTC',
        ...(rule.Lifecycle?.DeleteAfterDays !== undefined ? { retentionDays: rule.Lifecycle.DeleteAfterDays } : {}),
        ...(rule.Lifecycle?.MoveToColdStorageAfterDays !== undefined ? { coldAfterDays: rule.Lifecycle.MoveToColdStorageAfterDays } : {}),
      })),
      selections,
    });
  }
  return plans;
}

export interface RecoveryPointsRead {
  points: BackupPointRecord[];
  /** Vaults whose points could not be listed, with why (AWS answers AccessDeniedException for a vault that does not exist, too). */
  failedVaults: { vault: string; error: Error }[];
}

/**
 * The EC2 and EBS recovery points of every vault of the region; a vault that cannot be read is
 * reported, not fatal. Listed by vault rather than per protected resource (ListProtectedResources,
 * then ListRecoveryPointsByResource for each): a page of up to 1,000 points per call instead of a
 * call per instance and volume, and only this listing carries each point's lifecycle (when it moves
 * to cold storage, when it is deleted), which the storage tier and the retention need.
 */
export async function readRecoveryPoints(backup: BackupClient, region: string): Promise<RecoveryPointsRead> {
  const vaults = await allItems(`ListBackupVaults in ${region}`, paginateListBackupVaults({ client: backup }, {}), (page) =>
    (page.BackupVaultList ?? []).map((v) => v.BackupVaultName ?? ''),
  );
  const points: BackupPointRecord[] = [];
  const failedVaults: RecoveryPointsRead['failedVaults'] = [];
  for (const vault of vaults) {
    try {
      const listed = await allItems(
        `ListRecoveryPointsByBackupVault ${vault} in ${region}`,
        paginateListRecoveryPointsByBackupVault({ client: backup }, { BackupVaultName: vault }),
        (page) => page.RecoveryPoints ?? [],
      );
      for (const p of listed) {
        if (!p.RecoveryPointArn || !p.ResourceArn || !p.CreationDate || !EC2_RESOURCE_TYPES.has(p.ResourceType ?? '')) continue;
        points.push({
          recoveryPointArn: p.RecoveryPointArn,
          resourceArn: p.ResourceArn,
          resourceType: p.ResourceType ?? '',
          vault,
          status: p.Status ?? 'UNKNOWN',
          createdAt: p.CreationDate.toISOString(),
          ...(p.BackupSizeInBytes !== undefined ? { backupSizeBytes: p.BackupSizeInBytes } : {}),
          ...(p.CalculatedLifecycle?.MoveToColdStorageAt ? { moveToColdAt: p.CalculatedLifecycle.MoveToColdStorageAt.toISOString() } : {}),
          ...(p.CalculatedLifecycle?.DeleteAt ? { deleteAt: p.CalculatedLifecycle.DeleteAt.toISOString() } : {}),
        });
      }
    } catch (error) {
      failedVaults.push({ vault, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { points, failedVaults };
}

/** The AMIs this account owns in the region (from AWS Backup, DLM, or made by hand). */
export function readOwnedImages(ec2: EC2Client, region: string): Promise<Image[]> {
  return allItems(`DescribeImages in ${region}`, paginateDescribeImages({ client: ec2 }, { Owners: ['self'] }), (page) => page.Images ?? []);
}

/** Backup jobs created since `since` that failed, expired or were aborted, newest first. */
export async function readProblemJobs(backup: BackupClient, region: string, since: Date): Promise<BackupJobRecord[]> {
  const jobs: BackupJobRecord[] = [];
  for (const state of JOB_PROBLEMS) {
    const listed = await allItems(
      `ListBackupJobs ${state} in ${region}`,
      paginateListBackupJobs({ client: backup }, { ByState: state, ByCreatedAfter: since }),
      (page) => page.BackupJobs ?? [],
    );
    for (const job of listed) {
      jobs.push({
        region,
        jobId: job.BackupJobId ?? '',
        state,
        resourceArn: job.ResourceArn ?? '',
        resourceType: job.ResourceType ?? '',
        ...(job.ResourceName ? { resourceName: job.ResourceName } : {}),
        vault: job.BackupVaultName ?? '',
        createdAt: iso(job.CreationDate) ?? '',
        ...(job.CompletionDate ? { completedAt: job.CompletionDate.toISOString() } : {}),
        ...(job.StatusMessage ? { reason: job.StatusMessage } : {}),
      });
    }
  }
  return jobs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
