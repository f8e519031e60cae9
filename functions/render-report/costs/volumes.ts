/** EBS volumes: each volume's month (storage, IOPS and throughput above the free baselines), and the totals by volume type. */
import { chargeableIops, chargeableThroughputMiBps, sumCosts, volumeMonthly, ZERO, type Cost, type VolumeMonthlyCost } from '../../shared/cost-math';
import { priceKeyId, type InventoryVolume } from '../../shared/cost-types';
import { priceStatus, type PriceBook } from './prices';

export interface VolumeRow {
  volume: InventoryVolume;
  cost: VolumeMonthlyCost;
  priceStatus: string;
}

export interface VolumeTypeRow {
  volumeType: string;
  count: number;
  sizeGiB: number;
  monthly: Cost;
}

export function volumeRows(volumes: readonly InventoryVolume[], prices: PriceBook): VolumeRow[] {
  return volumes.map((volume) => {
    const key = { region: volume.region, volumeType: volume.volumeType };
    // IOPS and throughput prices are looked up only when the volume pays for some, so a gp2 volume
    // neither needs nor lists them.
    const cost = volumeMonthly(volume, {
      storage: prices.rate(priceKeyId({ kind: 'ebs-storage', ...key })),
      iops: chargeableIops(volume.volumeType, volume.iops) > 0 ? prices.rate(priceKeyId({ kind: 'ebs-iops', ...key })) : ZERO,
      throughput:
        chargeableThroughputMiBps(volume.volumeType, volume.throughputMiBps) > 0 ? prices.rate(priceKeyId({ kind: 'ebs-throughput', ...key })) : ZERO,
    });
    return { volume, cost, priceStatus: priceStatus([cost.total]) };
  });
}

/** One row per volume type, by name; a type with any unpriced volume is unpriced as a whole. */
export function volumeTypeRows(rows: readonly VolumeRow[]): VolumeTypeRow[] {
  const groups = new Map<string, VolumeRow[]>();
  for (const row of rows) {
    const group = groups.get(row.volume.volumeType) ?? [];
    group.push(row);
    groups.set(row.volume.volumeType, group);
  }
  return [...groups.entries()]
    .map(([volumeType, group]) => ({
      volumeType,
      count: group.length,
      sizeGiB: group.reduce((sum, r) => sum + r.volume.sizeGiB, 0),
      monthly: sumCosts(group.map((r) => r.cost.total)),
    }))
    .sort((a, b) => a.volumeType.localeCompare(b.volumeType));
}
