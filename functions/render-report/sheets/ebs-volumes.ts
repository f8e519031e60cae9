/** EBS_Volumes: one row per volume, attached or not, with its storage, IOPS (per io2 tier) and throughput charges, and what they leave out. */
import type { VolumeRow } from '../costs/volumes';
import { unpricedRows, wasteRows } from './highlights';
import { accountRegionColumns, defineSheet } from './sheet';

export const ebsVolumesSheet = defineSheet({
  name: 'EBS_Volumes',
  rows: ({ report }) => report.volumes,
  columns: [
    { key: 'volumeId', header: 'VolumeId', width: 23, value: (r: VolumeRow) => r.volume.volumeId },
    { key: 'name', header: 'Name', width: 24, value: (r) => r.volume.name },
    ...accountRegionColumns((r: VolumeRow) => r.volume),
    { key: 'az', header: 'AZ', width: 16, value: (r) => r.volume.az },
    { key: 'volumeType', header: 'VolumeType', width: 11, value: (r) => r.volume.volumeType },
    { key: 'sizeGiB', header: 'SizeGB', width: 9, value: (r) => r.volume.sizeGiB },
    { key: 'iops', header: 'IOPS', width: 8, value: (r) => r.volume.iops },
    { key: 'throughput', header: 'ThroughputMiBps', width: 16, value: (r) => r.volume.throughputMiBps },
    { key: 'state', header: 'State', width: 10, value: (r) => r.volume.state },
    { key: 'attachedTo', header: 'AttachedTo', width: 21, value: (r) => r.volume.attachedTo ?? '' },
    { key: 'storageMonthly', header: 'StorageMonthly', width: 15, format: 'usd', value: (r) => r.cost.storage },
    { key: 'iopsMonthly', header: 'IopsMonthly', width: 12, format: 'usd', value: (r) => r.cost.iops },
    { key: 'throughputMonthly', header: 'ThroughputMonthly', width: 18, format: 'usd', value: (r) => r.cost.throughput },
    { key: 'totalMonthly', header: 'TotalMonthly', width: 14, format: 'usd', value: (r) => r.cost.total },
    { key: 'priceStatus', header: 'PriceStatus', width: 40, value: (r) => r.priceStatus },
    { key: 'note', header: 'Note', width: 70, value: (r) => r.notes.join('; ') || undefined },
  ],
  highlights: (at, input) => [...unpricedRows(at, 'priceStatus'), ...wasteRows(at, 'volumeId', input)],
  totals: {
    name: { count: 'volumes' },
    sizeGiB: 'sum',
    storageMonthly: 'sum',
    iopsMonthly: 'sum',
    throughputMonthly: 'sum',
    totalMonthly: 'sum',
    priceStatus: { unpricedIn: 'totalMonthly' },
  },
});
