/**
 * The report per account: each account's totals (the same rules as the report's, over its own
 * rows), and the targets that were not collected, by name. An inventory collected before targets
 * existed has no account on its items: it is one account, shown without an id.
 */
import type { ReportTotals, TargetCollection } from '../../shared/cost-types';
import { reportCounts, reportTotals, type CostRows } from './totals';

export interface AccountRow {
  accountId: string;
  /** From AWS Organizations when the hub could read it. */
  name?: string;
  /** Regions collected in this account. */
  regions: string[];
  instances: number;
  totals: ReportTotals;
}

/** Every account that was collected (by id), and the ones not reached, each with its totals; largest total first. */
export function accountRows(rows: CostRows, targets: readonly TargetCollection[] | undefined, names: Readonly<Record<string, string>> = {}): AccountRow[] {
  const accountOf = (item: { accountId?: string }) => item.accountId ?? '';
  const collected = new Map<string, Set<string>>();
  for (const target of targets ?? []) {
    if (target.status !== 'collected') continue;
    collected.set(target.accountId, (collected.get(target.accountId) ?? new Set()).add(target.region));
  }
  for (const row of rows.instances) if (!collected.has(accountOf(row.instance))) collected.set(accountOf(row.instance), new Set([row.instance.region]));
  for (const row of rows.databases ?? []) if (!collected.has(accountOf(row.database))) collected.set(accountOf(row.database), new Set([row.database.region]));
  return [...collected.entries()]
    .map(([accountId, regions]) => {
      const mine: CostRows = {
        instances: rows.instances.filter((r) => accountOf(r.instance) === accountId),
        volumes: rows.volumes.filter((r) => accountOf(r.volume) === accountId),
        addresses: rows.addresses.filter((r) => accountOf(r.address) === accountId),
        snapshots: rows.snapshots.filter((r) => accountOf(r.snapshot) === accountId),
        dedicated: rows.dedicated.filter((r) => accountOf(r) === accountId),
        waste: rows.waste.filter((r) => accountOf(r) === accountId),
        databases: (rows.databases ?? []).filter((r) => accountOf(r.database) === accountId),
        groups: (rows.groups ?? []).filter((r) => accountOf(r.group) === accountId),
      };
      return { accountId, name: names[accountId], regions: [...regions].sort(), instances: reportCounts(mine).instances, totals: reportTotals(mine) };
    })
    .sort((a, b) => b.totals.totalMonthly - a.totals.totalMonthly || a.accountId.localeCompare(b.accountId));
}

/** The targets the report could not read, in account and region order. */
export function uncollectedTargets(targets: readonly TargetCollection[] | undefined): TargetCollection[] {
  return (targets ?? []).filter((t) => t.status !== 'collected');
}
