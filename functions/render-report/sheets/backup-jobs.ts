/** Backup_Jobs: the backup jobs of the last days that failed, expired or were aborted, newest first, with AWS's reason. */
import type { BackupJobRecord } from '../../shared/backup-types';
import { accountRegionColumns, defineSheet } from './sheet';

export const backupJobsSheet = defineSheet({
  name: 'Backup_Jobs',
  rows: ({ report }) => report.backups.jobs,
  columns: [
    { key: 'state', header: 'State', width: 9, value: (j: BackupJobRecord) => j.state },
    { key: 'created', header: 'Created(UTC)', width: 20, value: (j) => j.createdAt.slice(0, 19).replace('T', ' ') },
    ...accountRegionColumns((j: BackupJobRecord) => j),
    { key: 'resource', header: 'Resource', width: 24, value: (j) => j.resourceName ?? j.resourceArn.slice(j.resourceArn.lastIndexOf('/') + 1) },
    { key: 'resourceType', header: 'ResourceType', width: 13, value: (j) => j.resourceType },
    { key: 'vault', header: 'Vault', width: 22, value: (j) => j.vault },
    { key: 'jobId', header: 'BackupJobId', width: 38, value: (j) => j.jobId },
    { key: 'reason', header: 'Reason', width: 80, value: (j) => j.reason ?? '' },
  ],
  notes: ({ report }) =>
    report.backups.collected
      ? [`Backup jobs created in the last ${report.backups.jobDays} days that FAILED, EXPIRED or were ABORTED (every vault, every region of the report); AWS keeps jobs 30 days.`]
      : ['Backup jobs were not collected with this inventory.'],
});
