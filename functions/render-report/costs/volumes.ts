/**
 * EBS volumes: each volume's month (storage, IOPS per io2 tier, throughput above the free
 * baselines), what it leaves out (a magnetic volume's per-I/O charge), and the totals by volume type.
 */
import { sumCosts, volumeMonthly, ZERO, type Cost, type VolumeMonthlyCost } from '../../shared/cost-math';
import { priceKeyId, type InventoryVolume, type PriceKeyFields } from '../../shared/cost-types';
import { volumePriceKeys } from '../../shared/price-keys';
import { priceStatus, type PriceBook } from './prices';

export interface VolumeRow {
  volume: InventoryVolume;
  cost: VolumeMonthlyCost;
  priceStatus: string;
  /** What a reader needs beside the figures: io2 tiers, the magnetic per-I/O charge left out, multi-attach. */
  notes: string[];
}

export interface VolumeTypeRow {
  volumeType: string;
  count: number;
  sizeGiB: number;
  monthly: Cost;
}

const count = new Intl.NumberFormat('en-US');

export function volumeRows(volumes: readonly InventoryVolume[], prices: PriceBook): VolumeRow[] {
  return volumes.map((volume) => {
    // The rates a volume pays for, and only those (shared/price-keys.ts): a gp2 volume neither needs nor lists an IOPS price.
    const keys = volumePriceKeys(volume);
    const rate = (key: PriceKeyFields | undefined): Cost | undefined => (key ? prices.rate(priceKeyId(key)) : undefined);
    const cost = volumeMonthly(volume, {
      storage: rate(keys.storage) ?? ZERO,
      iops: rate(keys.iops) ?? ZERO,
      iopsTier2: rate(keys.iopsTier2),
      iopsTier3: rate(keys.iopsTier3),
      throughput: rate(keys.throughput) ?? ZERO,
      ioRequests: rate(keys.ioRequests),
    });
    const notes = [...cost.notes];
    if (cost.iopsTiers && cost.iopsTiers.length > 1) {
      notes.push(`io2 IOPS by tier: ${cost.iopsTiers.map((t) => `${count.format(t.quantity)} at tier ${t.tier}`).join(' + ')}`);
    }
    if (volume.alsoAttachedTo?.length) {
      notes.push(`multi-attach: charged once, to ${volume.attachedTo}; also attached to ${volume.alsoAttachedTo.join(', ')}`);
    }
    return { volume, cost, priceStatus: priceStatus([cost.total]), notes };
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
