/**
 * Backup coverage: per instance of the report, the plans reaching it by tag, each volume's newest
 * restorable point and its age, the status (protected / stale / partial / unprotected), and what
 * its restore points cost to keep; the jobs that failed, expired or were aborted; the storage of
 * every restore point at the snapshot rates (warm = standard, cold = archive), an upper bound where
 * a point's size is its volume's full size.
 */
import {
  instanceCoverage,
  planIntervalHours,
  staleAfterHours,
  type CoverageStatus,
  type InstanceCoverage,
} from '../../shared/backup-coverage';
import type { BackupJobRecord, BackupPlanInfo, BackupSummary, InventoryBackups, VolumeBackups } from '../../shared/backup-types';
import { charge, pricedSum, sumCosts, ZERO, type Cost } from '../../shared/cost-math';
import { priceKeyId } from '../../shared/cost-types';
import type { InstanceRow } from './instances';
import type { PriceBook } from './prices';
import { BACKUP_RISK_KIND, type WasteRow } from './waste';

export interface BackupRow {
  instance: InstanceRow['instance'];
  planNames: string[];
  /** A plan reaches the instance or one of its volumes through their tags. */
  taggedForBackup: boolean;
  intervalHours?: number;
  retention: string;
  coverage: InstanceCoverage;
  storageMonthly: Cost;
  storageUpperBound: boolean;
}

export interface BackupReport {
  /** False for an inventory collected before backups were read: the sheet says so instead of calling everything unprotected. */
  collected: boolean;
  rows: BackupRow[];
  jobs: BackupJobRecord[];
  jobDays: number;
  /** What could not be read, per region. */
  notes: string[];
  storageMonthly: Cost;
  summary?: BackupSummary;
}

const STATUS_ORDER: Record<CoverageStatus, number> = { unprotected: 0, partial: 1, stale: 2, protected: 3 };

function storageCost(volume: VolumeBackups | undefined, prices: PriceBook): Cost {
  return sumCosts(
    (volume?.storage ?? []).map((s) => charge(s.gib, prices.rate(priceKeyId({ kind: s.tier === 'cold' ? 'snapshot-archive' : 'snapshot', region: s.region })))),
  );
}

function retentionOf(plans: readonly BackupPlanInfo[], coverage: InstanceCoverage): string {
  const days = plans.flatMap((p) => p.rules.flatMap((r) => (r.retentionDays !== undefined ? [r.retentionDays] : [])));
  if (days.length > 0) return `${Math.max(...days)} days (plan)`;
  const deleteAt = coverage.volumes.flatMap((v) => (v.newest?.deleteAt ? [v.newest.deleteAt] : [])).sort()[0];
  if (deleteAt) return `until ${deleteAt.slice(0, 10)}`;
  return coverage.volumes.some((v) => v.newest) ? 'not set by AWS Backup' : '';
}

export function backupReport(backups: InventoryBackups | undefined, instances: readonly InstanceRow[], prices: PriceBook, collectedAt: string): BackupReport {
  if (!backups) return { collected: false, rows: [], jobs: [], jobDays: 0, notes: [], storageMonthly: ZERO };
  const now = new Date(collectedAt);
  const planById = new Map(backups.plans.map((p) => [p.planId, p]));
  const intervals = new Map(backups.plans.map((p) => [p.planId, planIntervalHours(p, now)]));
  const plansOf = new Map(backups.selected.map((s) => [s.resourceId, s.planIds]));
  const volumeById = new Map(backups.volumes.map((v) => [v.volumeId, v]));

  const rows = instances.map((row): BackupRow => {
    const planIds = [...new Set([row.instance.instanceId, ...row.volumeIds].flatMap((id) => plansOf.get(id) ?? []))];
    const plans = planIds.flatMap((id) => (planById.has(id) ? [planById.get(id)!] : []));
    const planIntervals = planIds.map((id) => intervals.get(id));
    const coverage = instanceCoverage(
      row.volumeIds.map((volumeId) => ({ volumeId, newest: volumeById.get(volumeId)?.newest })),
      staleAfterHours(planIntervals),
      now,
    );
    const known = planIntervals.filter((h): h is number => h !== undefined);
    return {
      instance: row.instance,
      planNames: plans.map((p) => p.name),
      taggedForBackup: plans.length > 0,
      ...(known.length > 0 ? { intervalHours: Math.min(...known) } : {}),
      retention: retentionOf(plans, coverage),
      coverage,
      storageMonthly: sumCosts(row.volumeIds.map((id) => storageCost(volumeById.get(id), prices))),
      storageUpperBound: row.volumeIds.some((id) => volumeById.get(id)?.storage.some((s) => s.upperBound)),
    };
  });
  // Worst first; within a status, what a plan should have backed up before what nobody asked to.
  rows.sort(
    (a, b) =>
      STATUS_ORDER[a.coverage.status] - STATUS_ORDER[b.coverage.status] ||
      Number(b.taggedForBackup) - Number(a.taggedForBackup) ||
      a.instance.name.localeCompare(b.instance.name) ||
      a.instance.instanceId.localeCompare(b.instance.instanceId),
  );

  // Every point is stored and billed, also those of volumes no instance of the report has any more.
  const storageMonthly = pricedSum(backups.volumes.map((v) => storageCost(v, prices)));
  const count = (status: CoverageStatus) => rows.filter((r) => r.coverage.status === status).length;
  const recoverableRecently = rows.filter((r) => r.coverage.recoverableRecently).length;
  const summary: BackupSummary = {
    instances: rows.length,
    recoverableRecently,
    ...(rows.length > 0 ? { coverage: recoverableRecently / rows.length } : {}),
    protected: count('protected'),
    stale: count('stale'),
    partial: count('partial'),
    unprotected: count('unprotected'),
    taggedWithoutPoint: rows.filter((r) => r.taggedForBackup && r.coverage.status === 'unprotected').length,
    storageMonthly,
  };
  return {
    collected: true,
    rows,
    jobs: backups.jobs,
    jobDays: backups.jobDays,
    notes: backups.notes.map((n) => `${n.region}: could not read ${n.what} (${n.message}); ${n.consequence}`),
    storageMonthly: { status: 'priced', usd: storageMonthly },
    summary,
  };
}

/** The cross-check that opens the Waste sheet: instances a plan should back up that no point can restore. */
export function backupRiskRows(report: BackupReport): WasteRow[] {
  return report.rows
    .filter((r) => r.taggedForBackup && r.coverage.status === 'unprotected')
    .map((r) => ({
      accountId: r.instance.accountId,
      kind: BACKUP_RISK_KIND,
      id: r.instance.instanceId,
      region: r.instance.region,
      detail: `${r.instance.name ? `${r.instance.name}: ` : ''}backup plan ${r.planNames.join(', ')} reaches it by tag, but none of its ${r.coverage.volumes.length} volume(s) has an AWS Backup point, AMI or EBS snapshot`,
    }));
}
