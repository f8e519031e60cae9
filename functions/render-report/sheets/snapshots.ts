/** Snapshots: one row per EBS snapshot, at its volume's size (standard: an upper bound) or its full size (archive). */
import type { SnapshotRow } from '../costs/snapshots';
import { unpricedRows } from './highlights';
import { accountRegionColumns, defineSheet } from './sheet';

export const snapshotsSheet = defineSheet({
  name: 'Snapshots',
  rows: ({ report }) => report.snapshots,
  columns: [
    { key: 'snapshotId', header: 'SnapshotId', width: 24, value: (r: SnapshotRow) => r.snapshot.snapshotId },
    ...accountRegionColumns((r: SnapshotRow) => r.snapshot),
    { key: 'volumeId', header: 'VolumeId', width: 23, value: (r) => r.snapshot.volumeId },
    { key: 'volumeSizeGiB', header: 'VolumeSizeGB', width: 13, value: (r) => r.snapshot.volumeSizeGiB },
    { key: 'startTime', header: 'StartTime', width: 22, value: (r) => r.snapshot.startTime },
    { key: 'description', header: 'Description', width: 36, value: (r) => r.snapshot.description },
    { key: 'tier', header: 'StorageTier', width: 12, value: (r) => r.tier },
    { key: 'chargedGiB', header: 'ChargedGB', width: 11, value: (r) => r.sizeGiB },
    { key: 'monthly', header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
    { key: 'basis', header: 'Basis', width: 13, value: (r) => (r.upperBound ? 'upper bound' : 'full size') },
    { key: 'priceStatus', header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
  ],
  highlights: (at) => unpricedRows(at, 'priceStatus'),
  totals: { volumeSizeGiB: 'sum', chargedGiB: 'sum', monthly: 'sum', priceStatus: { unpricedIn: 'monthly' } },
  notes: [
    'Standard tier: priced at the full volume size × the snapshot GB-month price, an upper bound (Basis "upper bound"): standard snapshots are incremental (only changed blocks are stored), so the bill is usually lower.',
    'Archive tier: a full copy, billed on its full size (FullSnapshotSizeInBytes) at the archive GB-month price (Basis "full size"); without that size, the volume size again makes it an upper bound.',
  ],
});
