/** EBS_Summary: the monthly EBS cost by volume type (its first two columns are the ones people already know). */
import type { VolumeTypeRow } from '../costs/volumes';
import { defineSheet } from './sheet';

export const ebsSummarySheet = defineSheet({
  name: 'EBS_Summary',
  rows: ({ report }) => report.volumeTypes,
  columns: [
    { key: 'volumeType', header: 'VolumeType', width: 12, value: (r: VolumeTypeRow) => r.volumeType },
    { key: 'monthly', header: 'TotalMonthlyUSD', width: 16, format: 'usd', value: (r) => r.monthly },
    { key: 'count', header: 'Count', width: 8, value: (r) => r.count },
    { key: 'sizeGiB', header: 'SizeGB', width: 10, value: (r) => r.sizeGiB },
  ],
  totals: { monthly: 'sum', count: 'sum', sizeGiB: 'sum' },
  notes: ['A volume type with any unpriced volume shows a blank highlighted total; see EBS_Volumes for which.'],
});
