/**
 * EBS snapshots, each counted once: a standard snapshot at its volume's size (an upper bound, as
 * standard snapshots are incremental), an archived one on its full size at the archive rate.
 */
import { snapshotMonthly, type Cost } from '../../shared/cost-math';
import { priceKeyId, type InventorySnapshot } from '../../shared/cost-types';
import { snapshotPriceKey } from '../../shared/price-keys';
import { priceStatus, type PriceBook } from './prices';

export interface SnapshotRow {
  snapshot: InventorySnapshot;
  tier: 'standard' | 'archive';
  /** The GB-months charged: the volume's size, or an archived snapshot's full size. */
  sizeGiB: number;
  /** True when the real charge can only be lower (a standard snapshot priced at its volume's size). */
  upperBound: boolean;
  monthly: Cost;
  priceStatus: string;
}

export function snapshotRows(snapshots: readonly InventorySnapshot[], prices: PriceBook): SnapshotRow[] {
  // A snapshot listed twice (the same region collected twice, overlapping pages) is still one snapshot.
  const unique = new Map(snapshots.map((s) => [`${s.region}|${s.snapshotId}`, s]));
  return [...unique.values()].map((snapshot) => {
    // snapshotPriceKey picks the rate of the snapshot's own tier; snapshotMonthly applies it as that tier's.
    const rate = prices.rate(priceKeyId(snapshotPriceKey(snapshot)));
    const cost = snapshotMonthly(snapshot, { standard: rate, archive: rate });
    return { snapshot, tier: cost.tier, sizeGiB: cost.sizeGiB, upperBound: cost.upperBound, monthly: cost.monthly, priceStatus: priceStatus([cost.monthly]) };
  });
}
