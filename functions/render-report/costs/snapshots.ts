/** EBS snapshots, each priced at its full volume size: an upper bound, as real snapshots are incremental. */
import { charge, type Cost } from '../../shared/cost-math';
import { priceKeyId, type InventorySnapshot } from '../../shared/cost-types';
import { priceStatus, type PriceBook } from './prices';

export interface SnapshotRow {
  snapshot: InventorySnapshot;
  monthly: Cost;
  priceStatus: string;
}

export function snapshotRows(snapshots: readonly InventorySnapshot[], prices: PriceBook): SnapshotRow[] {
  return snapshots.map((snapshot) => {
    const monthly = charge(snapshot.volumeSizeGiB, prices.rate(priceKeyId({ kind: 'snapshot', region: snapshot.region })));
    return { snapshot, monthly, priceStatus: priceStatus([monthly]) };
  });
}
