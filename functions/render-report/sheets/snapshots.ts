/** Snapshots: one row per EBS snapshot, priced at its full volume size (an upper bound). */
import type { SnapshotRow } from '../costs/snapshots';
import { unpricedRows } from './highlights';
import { defineSheet } from './sheet';

export const snapshotsSheet = defineSheet({
  name: 'Snapshots',
  rows: ({ report }) => report.snapshots,
  columns: [
    { key: 'snapshotId', header: 'SnapshotId', width: 24, value: (r: SnapshotRow) => r.snapshot.snapshotId },
    { key: 'region', header: 'Region', width: 15, value: (r) => r.snapshot.region },
    { key: 'volumeId', header: 'VolumeId', width: 23, value: (r) => r.snapshot.volumeId },
    { key: 'volumeSizeGiB', header: 'VolumeSizeGB', width: 13, value: (r) => r.snapshot.volumeSizeGiB },
    { key: 'startTime', header: 'StartTime', width: 22, value: (r) => r.snapshot.startTime },
    { key: 'description', header: 'Description', width: 36, value: (r) => r.snapshot.description },
    { key: 'monthly', header: 'MonthlyUpperBound(USD)', width: 22, format: 'usd', value: (r) => r.monthly },
    { key: 'priceStatus', header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
  ],
  highlights: (at) => unpricedRows(at, 'priceStatus'),
  totals: { volumeSizeGiB: 'sum', monthly: 'sum', priceStatus: { unpricedIn: 'monthly' } },
  notes: [
    'Upper bound: each snapshot is priced at its full volume size × the snapshot GB-month price. Real snapshots are incremental (only changed blocks are stored), so the bill is usually lower.',
  ],
});
