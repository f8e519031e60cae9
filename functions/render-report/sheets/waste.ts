/** Waste: what is paid for and used by nothing, and what removing it would save; first, highlighted, instances tagged for backup that no restore point can bring back. */
import { BACKUP_RISK_KIND, type WasteRow } from '../costs/waste';
import { columnEquals, HIGHLIGHT, highlightRows } from '../xlsx/conditional-formats';
import { accountRegionColumns, defineSheet } from './sheet';

export const wasteSheet = defineSheet({
  name: 'Waste',
  rows: ({ report }) => report.waste,
  columns: [
    { key: 'kind', header: 'Kind', width: 22, value: (r: WasteRow) => r.kind },
    { key: 'id', header: 'Id', width: 27, value: (r) => r.id },
    ...accountRegionColumns((r: WasteRow) => r),
    { key: 'detail', header: 'Detail', width: 60, value: (r) => r.detail },
    { key: 'monthly', header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
  ],
  totals: { id: { count: 'items' }, monthly: 'sum' },
  // Its own rule rather than one of ./highlights.ts, which reads this sheet's layout.
  highlights: (at) => [highlightRows(at.dataRange, columnEquals(at.column('kind'), at.firstRow, BACKUP_RISK_KIND), HIGHLIGHT.risk)],
  notes: [
    'These costs are already inside the report totals; they are what could be saved by deleting or releasing them.',
    `${BACKUP_RISK_KIND}: a backup plan selects the instance by tag, yet no AWS Backup point, AMI or EBS snapshot exists for any of its volumes (see Backups and Backup_Jobs).`,
  ],
});
