/**
 * Joins the inventory to its prices and computes every figure the workbook shows: per instance,
 * volume, public IPv4 address and snapshot; the waste; the schedule estimate; and the totals.
 * Pure: the arithmetic itself lives in shared/cost-math and shared/schedule-hours.
 */
import type { PowerScheduleEntry } from '../shared/config';
import {
  chargeableIops,
  chargeableThroughputMiBps,
  computeIsBilled,
  charge,
  isPriced,
  monthlyFromHourly,
  priced,
  sumCosts,
  sumUsd,
  unpriced,
  volumeMonthly,
  ZERO,
  type Cost,
  type VolumeMonthlyCost,
} from '../shared/cost-math';
import {
  priceKeyId,
  type Inventory,
  type InventoryAddress,
  type InventoryInstance,
  type InventorySnapshot,
  type InventoryVolume,
  type PriceResult,
  type ReportSummary,
  type ReportTotals,
} from '../shared/cost-types';
import { scheduledHoursPerMonth, UnsupportedScheduleError, type ScheduleEstimate } from '../shared/schedule-hours';

/** Instances stopped longer than this keep paying for disks nobody uses: listed as waste. */
export const LONG_STOPPED_DAYS = 7;

export const PRICED = 'priced';

export interface ScheduleColumns {
  tagValue: string;
  /** Hours per month the schedule keeps the instance running; absent when it cannot be simulated. */
  hoursPerMonth?: number;
  /** Absent when the instance is not billed for compute now (nothing for the schedule to save). */
  scheduledMonthly?: Cost;
  savings?: Cost;
  note?: string;
}

export interface InstanceRow {
  instance: InventoryInstance;
  hourly: Cost;
  vcpu?: number;
  memory?: string;
  volumeIds: string[];
  volumeSizeGiB: number;
  ec2Monthly: Cost;
  ebsMonthly: Cost;
  totalMonthly: Cost;
  schedule?: ScheduleColumns;
  stoppedDays?: number;
  priceStatus: string;
}

export interface VolumeRow {
  volume: InventoryVolume;
  cost: VolumeMonthlyCost;
  priceStatus: string;
}

export interface AddressRow {
  address: InventoryAddress;
  usage: 'InUse' | 'Idle';
  hourly: Cost;
  monthly: Cost;
  priceStatus: string;
}

export interface SnapshotRow {
  snapshot: InventorySnapshot;
  monthly: Cost;
  priceStatus: string;
}

export type WasteKind = 'Unattached volume' | 'Idle Elastic IP' | 'Long-stopped instance';

export interface WasteRow {
  kind: WasteKind;
  id: string;
  region: string;
  detail: string;
  monthly: Cost;
}

export interface PriceRow {
  id: string;
  result?: PriceResult;
  usedBy: number;
}

export interface VolumeTypeRow {
  volumeType: string;
  count: number;
  sizeGiB: number;
  monthly: Cost;
}

export interface GroupCount {
  key: string;
  count: number;
  ec2Monthly: number;
  totalMonthly: number;
}

export interface CostReport {
  reportDate: string;
  collectedAt: string;
  regions: string[];
  priceSource: string;
  instances: InstanceRow[];
  volumes: VolumeRow[];
  addresses: AddressRow[];
  snapshots: SnapshotRow[];
  waste: WasteRow[];
  prices: PriceRow[];
  volumeTypes: VolumeTypeRow[];
  byState: GroupCount[];
  byInstanceType: GroupCount[];
  byRegion: GroupCount[];
  totals: ReportTotals;
  counts: ReportSummary['counts'];
  excludedInstances: number;
}

export interface CostOptions {
  schedules: readonly PowerScheduleEntry[];
  pricingRegion: string;
}

function statusOf(costs: readonly (Cost | undefined)[]): string {
  const combined = sumCosts(costs.filter((c): c is Cost => c !== undefined));
  return combined.status === 'priced' ? PRICED : `unpriced: ${combined.reason}`;
}

function priceSource(pricingRegion: string, prices: readonly PriceResult[]): string {
  const dates = [...new Set(prices.map((p) => p.effectiveDate?.slice(0, 10)).filter((d): d is string => Boolean(d)))].sort();
  const effective =
    dates.length === 0 ? 'effective dates not reported' : dates.length === 1 ? `effective ${dates[0]}` : `effective ${dates[0]} to ${dates[dates.length - 1]}`;
  return `AWS Price List API, ${pricingRegion}, ${effective}`;
}

function groupCounts(rows: readonly InstanceRow[], keyOf: (row: InstanceRow) => string): GroupCount[] {
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
      ec2Monthly: sumUsd(list.map((r) => r.ec2Monthly).filter(isPriced).map((c) => c.usd)),
      totalMonthly: sumUsd(list.map((r) => r.totalMonthly).filter(isPriced).map((c) => c.usd)),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function pricedSum(costs: readonly (Cost | undefined)[]): number {
  return sumUsd(costs.filter((c): c is Cost => c !== undefined).filter(isPriced).map((c) => c.usd));
}

export function computeCosts(inventory: Inventory, prices: readonly PriceResult[], options: CostOptions): CostReport {
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const usedBy = new Map<string, number>();

  /** The USD rate behind a price key, or why there is none. Counts how often each price is used. */
  const rate = (id: string): Cost => {
    usedBy.set(id, (usedBy.get(id) ?? 0) + 1);
    const result = priceById.get(id);
    if (!result) return unpriced(`no price was looked up for ${id}`);
    if (result.status !== 'priced') return unpriced(`${id}: ${result.reason ?? 'no price'}`);
    if (typeof result.usd !== 'number' || !Number.isFinite(result.usd)) return unpriced(`${id}: the price has no USD amount`);
    return priced(result.usd);
  };

  const volumeRows: VolumeRow[] = inventory.volumes.map((volume) => {
    const key = { region: volume.region, volumeType: volume.volumeType };
    // IOPS and throughput prices are looked up only when the volume pays for some, so a gp2 volume
    // neither needs nor lists them.
    const cost = volumeMonthly(volume, {
      storage: rate(priceKeyId({ kind: 'ebs-storage', ...key })),
      iops: chargeableIops(volume.volumeType, volume.iops) > 0 ? rate(priceKeyId({ kind: 'ebs-iops', ...key })) : ZERO,
      throughput:
        chargeableThroughputMiBps(volume.volumeType, volume.throughputMiBps) > 0 ? rate(priceKeyId({ kind: 'ebs-throughput', ...key })) : ZERO,
    });
    return { volume, cost, priceStatus: statusOf([cost.total]) };
  });
  const volumeById = new Map(volumeRows.map((row) => [row.volume.volumeId, row]));
  const volumeIdsByInstance = new Map<string, string[]>();
  for (const { volume } of volumeRows) {
    if (volume.attachedTo) volumeIdsByInstance.set(volume.attachedTo, [...(volumeIdsByInstance.get(volume.attachedTo) ?? []), volume.volumeId]);
  }

  const collectedAt = Date.parse(inventory.collectedAt);
  const scheduleByTag = new Map(options.schedules.map((s) => [s.tagValue, s]));
  const estimates = new Map<string, ScheduleEstimate | string>();
  const estimateFor = (schedule: PowerScheduleEntry): ScheduleEstimate | string => {
    let estimate = estimates.get(schedule.tagValue);
    if (estimate === undefined) {
      try {
        estimate = scheduledHoursPerMonth(schedule, inventory.reportDate);
      } catch (error) {
        if (!(error instanceof UnsupportedScheduleError)) throw error;
        estimate = `schedule estimate unavailable: ${error.message}`;
      }
      estimates.set(schedule.tagValue, estimate);
    }
    return estimate;
  };

  const instanceRows: InstanceRow[] = inventory.instances.map((instance) => {
    const hourly = rate(instance.priceKeyId);
    const price = priceById.get(instance.priceKeyId);
    const volumeIds = [...new Set([...instance.volumeIds, ...(volumeIdsByInstance.get(instance.instanceId) ?? [])])].sort();
    const volumes = volumeIds.map((id) => volumeById.get(id));
    const billed = computeIsBilled(instance.state);
    const ec2Monthly = billed ? monthlyFromHourly(hourly) : ZERO;
    const ebsMonthly = sumCosts(volumes.map((v) => v?.cost.total ?? ZERO));
    const totalMonthly = sumCosts([ec2Monthly, ebsMonthly]);

    let schedule: ScheduleColumns | undefined;
    const scheduleEntry = instance.scheduleTagValue === undefined ? undefined : scheduleByTag.get(instance.scheduleTagValue);
    if (scheduleEntry) {
      const estimate = estimateFor(scheduleEntry);
      if (typeof estimate === 'string') {
        schedule = { tagValue: scheduleEntry.tagValue, note: estimate };
      } else if (!billed) {
        schedule = { tagValue: scheduleEntry.tagValue, hoursPerMonth: estimate.hoursPerMonth, note: `${instance.state} now: no compute billed to save` };
      } else {
        const scheduledMonthly = charge(estimate.hoursPerMonth, hourly);
        const savings =
          isPriced(ec2Monthly) && isPriced(scheduledMonthly) ? priced(sumUsd([ec2Monthly.usd, -scheduledMonthly.usd])) : sumCosts([ec2Monthly, scheduledMonthly]);
        schedule = { tagValue: scheduleEntry.tagValue, hoursPerMonth: estimate.hoursPerMonth, scheduledMonthly, savings };
      }
    }

    const stoppedDays =
      instance.state === 'stopped' && instance.stoppedSince && Number.isFinite(collectedAt)
        ? (collectedAt - Date.parse(instance.stoppedSince)) / 86_400_000
        : undefined;

    const notes = [statusOf([ec2Monthly, ebsMonthly])];
    if (!billed && hourly.status === 'unpriced') notes.push(`${instance.state}: compute not billed (hourly price unknown: ${hourly.reason})`);
    if (schedule?.note) notes.push(schedule.note);

    return {
      instance,
      hourly,
      vcpu: instance.vcpu ?? price?.vcpu,
      memory: price?.memory,
      volumeIds,
      volumeSizeGiB: volumes.reduce((sum, v) => sum + (v?.volume.sizeGiB ?? 0), 0),
      ec2Monthly,
      ebsMonthly,
      totalMonthly,
      schedule,
      stoppedDays: stoppedDays !== undefined && Number.isFinite(stoppedDays) ? stoppedDays : undefined,
      priceStatus: notes.join('; '),
    };
  });

  // Auto-assigned public IPv4 belongs in `addresses`; an instance's publicIp missing there is added so it is still charged.
  const listedIps = new Set(inventory.addresses.map((a) => `${a.region}|${a.publicIp}`));
  const addresses: InventoryAddress[] = [
    ...inventory.addresses,
    ...inventory.instances
      .filter((i) => i.publicIp && !listedIps.has(`${i.region}|${i.publicIp}`))
      .map((i) => ({ region: i.region, publicIp: i.publicIp as string, kind: 'instance' as const, instanceId: i.instanceId, associated: true })),
  ];
  const addressRows: AddressRow[] = addresses.map((address) => {
    const usage = address.associated ? ('InUse' as const) : ('Idle' as const);
    const hourly = rate(priceKeyId({ kind: 'ipv4', region: address.region, usage }));
    const monthly = monthlyFromHourly(hourly);
    return { address, usage, hourly, monthly, priceStatus: statusOf([monthly]) };
  });

  const snapshotRows: SnapshotRow[] = inventory.snapshots.map((snapshot) => {
    const monthly = charge(snapshot.volumeSizeGiB, rate(priceKeyId({ kind: 'snapshot', region: snapshot.region })));
    return { snapshot, monthly, priceStatus: statusOf([monthly]) };
  });

  const waste: WasteRow[] = [
    ...volumeRows
      .filter((row) => !row.volume.attachedTo)
      .map((row) => ({
        kind: 'Unattached volume' as const,
        id: row.volume.volumeId,
        region: row.volume.region,
        detail: `${row.volume.volumeType} ${row.volume.sizeGiB} GiB, ${row.volume.state}${row.volume.name ? `, ${row.volume.name}` : ''}`,
        monthly: row.cost.total,
      })),
    ...addressRows
      .filter((row) => row.address.kind === 'elastic' && !row.address.associated)
      .map((row) => ({
        kind: 'Idle Elastic IP' as const,
        id: row.address.allocationId ?? row.address.publicIp,
        region: row.address.region,
        detail: `${row.address.publicIp} not associated`,
        monthly: row.monthly,
      })),
    ...instanceRows
      .filter((row) => row.stoppedDays !== undefined && row.stoppedDays > LONG_STOPPED_DAYS)
      .map((row) => ({
        kind: 'Long-stopped instance' as const,
        id: row.instance.instanceId,
        region: row.instance.region,
        detail: `stopped ${Math.floor(row.stoppedDays ?? 0)} days${row.instance.name ? `, ${row.instance.name}` : ''}; ${row.volumeIds.length} volume(s), ${row.volumeSizeGiB} GiB still billed`,
        monthly: row.ebsMonthly,
      })),
  ];

  const typeGroups = new Map<string, VolumeRow[]>();
  for (const row of volumeRows) {
    const group = typeGroups.get(row.volume.volumeType) ?? [];
    group.push(row);
    typeGroups.set(row.volume.volumeType, group);
  }
  const volumeTypes: VolumeTypeRow[] = [...typeGroups.entries()]
    .map(([volumeType, rows]) => ({
      volumeType,
      count: rows.length,
      sizeGiB: rows.reduce((sum, r) => sum + r.volume.sizeGiB, 0),
      monthly: sumCosts(rows.map((r) => r.cost.total)),
    }))
    .sort((a, b) => a.volumeType.localeCompare(b.volumeType));

  const unpricedItems =
    instanceRows.filter((r) => r.ec2Monthly.status === 'unpriced').length +
    volumeRows.filter((r) => r.cost.total.status === 'unpriced').length +
    addressRows.filter((r) => r.monthly.status === 'unpriced').length +
    snapshotRows.filter((r) => r.monthly.status === 'unpriced').length;

  const ec2Monthly = pricedSum(instanceRows.map((r) => r.ec2Monthly));
  const ebsMonthly = pricedSum(volumeRows.map((r) => r.cost.total));
  const ipv4Monthly = pricedSum(addressRows.map((r) => r.monthly));
  const snapshotMonthly = pricedSum(snapshotRows.map((r) => r.monthly));
  const totals: ReportTotals = {
    ec2Monthly,
    ebsMonthly,
    ipv4Monthly,
    snapshotMonthly,
    totalMonthly: sumUsd([ec2Monthly, ebsMonthly, ipv4Monthly, snapshotMonthly]),
    wasteMonthly: pricedSum(waste.map((w) => w.monthly)),
    scheduleSavingsMonthly: pricedSum(instanceRows.map((r) => r.schedule?.savings)),
    unpricedItems,
  };

  const priceIds = new Set([...prices.map((p) => p.id), ...usedBy.keys()]);
  const priceRows: PriceRow[] = [...priceIds].sort().map((id) => ({ id, result: priceById.get(id), usedBy: usedBy.get(id) ?? 0 }));

  return {
    reportDate: inventory.reportDate,
    collectedAt: inventory.collectedAt,
    regions: inventory.regions,
    priceSource: priceSource(options.pricingRegion, prices),
    instances: instanceRows,
    volumes: volumeRows,
    addresses: addressRows,
    snapshots: snapshotRows,
    waste,
    prices: priceRows,
    volumeTypes,
    byState: groupCounts(instanceRows, (r) => r.instance.state),
    byInstanceType: groupCounts(instanceRows, (r) => r.instance.instanceType),
    byRegion: groupCounts(instanceRows, (r) => r.instance.region),
    totals,
    counts: {
      instances: instanceRows.length,
      running: instanceRows.filter((r) => r.instance.state === 'running').length,
      stopped: instanceRows.filter((r) => r.instance.state === 'stopped').length,
      volumes: volumeRows.length,
      unattachedVolumes: volumeRows.filter((r) => !r.volume.attachedTo).length,
      idleAddresses: addressRows.filter((r) => !r.address.associated).length,
      snapshots: snapshotRows.length,
    },
    excludedInstances: inventory.excluded.length,
  };
}
