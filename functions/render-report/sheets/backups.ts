/** Backups: one row per instance — the plan covering it by tag, each volume's newest restorable point, its age, retention and status; the worst first. */
import { NO_PLAN_STALE_HOURS, RECENT_POINT_HOURS, STALE_INTERVALS } from '../../shared/backup-coverage';
import type { BackupRow } from '../costs/backups';
import { backupStatusRows } from './highlights';
import { accountRegionColumns, defineSheet } from './sheet';

function newestPoints(row: BackupRow): string {
  if (row.coverage.volumes.length === 0) return 'no EBS volumes';
  return row.coverage.volumes
    .map(({ volumeId, newest, ageHours }) =>
      newest ? `${volumeId}: ${newest.source} ${newest.id}, ${newest.createdAt.slice(0, 16).replace('T', ' ')}Z (${Math.round(ageHours ?? 0)} h)` : `${volumeId}: no restore point`,
    )
    .join('; ');
}

/** The age the status looks at: the oldest of the volumes' newest points. */
function worstAge(row: BackupRow): number | undefined {
  const ages = row.coverage.volumes.flatMap((v) => (v.ageHours !== undefined ? [v.ageHours] : []));
  return ages.length > 0 ? Math.max(...ages) : undefined;
}

export const backupsSheet = defineSheet({
  name: 'Backups',
  rows: ({ report }) => report.backups.rows,
  columns: [
    { key: 'name', header: 'Name', width: 24, value: (r: BackupRow) => r.instance.name },
    { key: 'instanceId', header: 'InstanceId', width: 21, value: (r) => r.instance.instanceId },
    ...accountRegionColumns((r: BackupRow) => r.instance),
    { key: 'status', header: 'Status', width: 12, value: (r) => r.coverage.status },
    { key: 'plan', header: 'BackupPlan', width: 22, value: (r) => (r.planNames.length > 0 ? r.planNames.join(', ') : 'none') },
    { key: 'interval', header: 'PlanInterval(h)', width: 15, format: 'hours', value: (r) => r.intervalHours },
    { key: 'volumes', header: 'Volumes', width: 9, value: (r) => r.coverage.volumes.length },
    { key: 'withPoint', header: 'VolumesWithPoint', width: 17, value: (r) => r.coverage.volumes.filter((v) => v.newest).length },
    { key: 'newest', header: 'NewestRestorablePointPerVolume', width: 90, value: newestPoints },
    { key: 'age', header: 'Age(h)', width: 9, format: 'hours', value: worstAge },
    { key: 'staleAfter', header: 'StaleAfter(h)', width: 13, format: 'hours', value: (r) => r.coverage.staleAfterHours },
    { key: 'retention', header: 'Retention', width: 20, value: (r) => r.retention },
    { key: 'recent', header: `Recoverable<${RECENT_POINT_HOURS}h`, width: 16, value: (r) => (r.coverage.recoverableRecently ? 'yes' : 'no') },
    { key: 'storage', header: 'BackupStorage(USD, upper bound)', width: 30, format: 'usd', value: (r) => r.storageMonthly },
  ],
  totals: { instanceId: { count: 'instances' }, volumes: 'sum', withPoint: 'sum', storage: 'sum' },
  highlights: (at) => backupStatusRows(at, 'status'),
  notes: ({ report }) => {
    const { backups } = report;
    if (!backups.collected) return ['Backup coverage was not collected with this inventory (it predates the backup reads): no status is shown.'];
    return [
      `A restore point is an AWS Backup recovery point, an AMI or a plain EBS snapshot (DLM, manual, other tools) in a restorable state; an AMI counts for the volumes its block device mappings' snapshots were taken from. Each stored snapshot is counted once.`,
      `Status: protected = every volume has a point younger than StaleAfter; stale = some volume's newest point is older (${STALE_INTERVALS} × the plan's interval, or ${NO_PLAN_STALE_HOURS} h without a plan); partial = some volumes have no point; unprotected = none has.`,
      `BackupStorage: the GB-months of every point of the instance's volumes at the EBS snapshot rates (warm = standard, cold = archive; AWS Backup bills EBS and EC2 backups as EBS snapshots). An upper bound: incremental snapshots are counted at their volume's full size. All points of the account: ${backups.storageMonthly.status === 'priced' ? `$${backups.storageMonthly.usd.toFixed(2)}` : 'unpriced'} a month (these snapshots are also in the Snapshots sheet).`,
      ...backups.notes,
    ];
  },
});
