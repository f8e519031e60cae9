/** Waste: what is paid for and used by nothing, and what removing it would save. */
import type { WasteRow } from '../costs/waste';
import { defineSheet } from './sheet';

export const wasteSheet = defineSheet({
  name: 'Waste',
  rows: ({ report }) => report.waste,
  columns: [
    { key: 'kind', header: 'Kind', width: 22, value: (r: WasteRow) => r.kind },
    { key: 'id', header: 'Id', width: 27, value: (r) => r.id },
    { key: 'region', header: 'Region', width: 15, value: (r) => r.region },
    { key: 'detail', header: 'Detail', width: 60, value: (r) => r.detail },
    { key: 'monthly', header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
  ],
  totals: { id: { count: 'items' }, monthly: 'sum' },
  notes: ['These costs are already inside the report totals; they are what could be saved by deleting or releasing them.'],
});
