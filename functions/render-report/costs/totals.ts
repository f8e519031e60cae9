/**
 * The report's totals (what the JSON summary, the Summary sheet and the Trend carry), its counts,
 * and the instance groups of the Summary sheet. Totals leave unpriced items out and count them.
 */
import { pricedSum, sumUsd } from '../../shared/cost-math';
import type { ReportSummary, ReportTotals, TopInstance } from '../../shared/cost-types';
import type { AddressRow } from './addresses';
import { RDS_SAVINGS_KINDS, type DatabaseRow } from './databases';
import type { DedicatedRow } from './dedicated';
import type { GroupRow } from './groups';
import type { InstanceRow } from './instances';
import type { SnapshotRow } from './snapshots';
import type { VolumeRow } from './volumes';
import type { WasteRow } from './waste';

export interface CostRows {
  instances: readonly InstanceRow[];
  volumes: readonly VolumeRow[];
  addresses: readonly AddressRow[];
  snapshots: readonly SnapshotRow[];
  dedicated: readonly DedicatedRow[];
  waste: readonly WasteRow[];
  /** Absent for callers from before databases: none. */
  databases?: readonly DatabaseRow[];
  /** Auto Scaling groups on a schedule; absent for callers from before groups: none. */
  groups?: readonly GroupRow[];
}

export interface GroupCount {
  key: string;
  count: number;
  ec2Monthly: number;
  totalMonthly: number;
}

export function reportTotals({ instances, volumes, addresses, snapshots, dedicated, waste, databases = [], groups = [] }: CostRows): ReportTotals {
  const unpricedItems =
    databases.filter((r) => r.totalMonthly.status === 'unpriced').length +
    instances.filter((r) => r.ec2Monthly?.status === 'unpriced').length +
    volumes.filter((r) => r.cost.total.status === 'unpriced').length +
    addresses.filter((r) => r.monthly.status === 'unpriced').length +
    snapshots.filter((r) => r.monthly.status === 'unpriced').length +
    dedicated.filter((r) => r.monthly.status === 'unpriced').length;

  const ec2Monthly = pricedSum(instances.map((r) => r.ec2Monthly));
  const ebsMonthly = pricedSum(volumes.map((r) => r.cost.total));
  const ipv4Monthly = pricedSum(addresses.map((r) => r.monthly));
  const snapshotMonthly = pricedSum(snapshots.map((r) => r.monthly));
  const dedicatedMonthly = pricedSum(dedicated.map((r) => r.monthly));
  const rdsMonthly = pricedSum(databases.map((r) => r.totalMonthly));
  const cpuCreditsMonthly = pricedSum(instances.map((r) => r.cpuCreditsMonthly));
  const scheduleSavingsByKind = {
    ec2: pricedSum(instances.map((r) => r.schedule?.savings)),
    rds: pricedSum(databases.filter((r) => RDS_SAVINGS_KINDS.includes(r.kind)).map((r) => r.schedule?.savings)),
    aurora: pricedSum(databases.filter((r) => r.kind === 'Aurora instance').map((r) => r.schedule?.savings)),
    // Their members save nothing as instances (the schedule leaves them to the group): not counted twice.
    asg: pricedSum(groups.map((r) => r.savings)),
  };
  return {
    ec2Monthly,
    ebsMonthly,
    ipv4Monthly,
    snapshotMonthly,
    totalMonthly: sumUsd([ec2Monthly, ebsMonthly, ipv4Monthly, snapshotMonthly, dedicatedMonthly, rdsMonthly, cpuCreditsMonthly]),
    wasteMonthly: pricedSum(waste.map((w) => w.monthly)),
    scheduleSavingsMonthly: sumUsd(Object.values(scheduleSavingsByKind)),
    unpricedItems,
    dedicatedMonthly,
    rdsMonthly,
    cpuCreditsMonthly,
    scheduleSavingsByKind,
    snapshotUpperBound: snapshots.some((r) => r.upperBound),
  };
}

export function reportCounts({ instances, volumes, addresses, snapshots }: CostRows): ReportSummary['counts'] {
  return {
    instances: instances.length,
    running: instances.filter((r) => r.instance.state === 'running').length,
    stopped: instances.filter((r) => r.instance.state === 'stopped').length,
    volumes: volumes.length,
    unattachedVolumes: volumes.filter((r) => !r.volume.attachedTo).length,
    idleAddresses: addresses.filter((r) => !r.address.associated).length,
    snapshots: snapshots.length,
  };
}

/** Instances grouped by `keyOf`, the largest groups first. */
export function groupCounts(rows: readonly InstanceRow[], keyOf: (row: InstanceRow) => string): GroupCount[] {
  const groups = new Map<string, InstanceRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({
      key,
      count: list.length,
      ec2Monthly: pricedSum(list.map((r) => r.ec2Monthly)),
      totalMonthly: pricedSum(list.map((r) => r.totalMonthly)),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The `count` priced instances with the largest monthly cost (EC2 + attached EBS), largest first. */
export function topInstances(rows: readonly InstanceRow[], count: number): TopInstance[] {
  return rows
    .flatMap((r) => (r.totalMonthly.status === 'priced' ? [{ row: r, usd: r.totalMonthly.usd }] : []))
    .sort((a, b) => b.usd - a.usd || a.row.instance.instanceId.localeCompare(b.row.instance.instanceId))
    .slice(0, count)
    .map(({ row: { instance }, usd }) => ({
      name: instance.name,
      instanceId: instance.instanceId,
      instanceType: instance.instanceType,
      region: instance.region,
      totalMonthly: usd,
    }));
}
