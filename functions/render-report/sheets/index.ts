/**
 * The workbook's sheets, in the order they appear: the one list to change.
 *
 * To add a sheet:
 *   1. Write `sheets/<sheet-name>.ts` exporting `defineSheet({ name, rows, columns, totals?, notes? })`
 *      (any sheet here is a model, e.g. waste.ts):
 *      - `rows(input)` picks its rows from the computed report (`input.report`, see ../costs/) or the
 *        trend; a sheet computes no costs itself. Data the report lacks goes into ../costs/ (or a
 *        new field of WorkbookInput in sheet.ts, filled by render.ts).
 *      - each column: a `key`, the `header` people read, a `width`, a `format` for numbers
 *        ('usd', 'rate', 'percent', 'hours') and `value(row)`. Return a Cost for money, so an
 *        unpriced amount shows blank and highlighted, never $0.
 *      - `totals`, by column key, adds a TOTAL row: 'sum', `{ count: 'noun' }` or
 *        `{ unpricedIn: 'key' }`. The test in test/unit/workbook.test.ts checks that every TOTAL
 *        equals the cells above it.
 *      - optional: `highlights: (at, input) => [...]` from ./highlights.ts by column key, e.g.
 *        `unpricedRows(at, 'priceStatus')` or `backupStatusRows(at, 'status')` (a sheet with a rule
 *        of its own writes it with xlsx/conditional-formats.ts: `highlightRows(at.dataRange,
 *        columnEquals(at.column('kind'), at.firstRow, 'stale'), HIGHLIGHT.stale)`); they follow the
 *        rows when a reader sorts or filters. `print` when the default (one page wide, landscape
 *        if wide, header row repeated) does not fit; `charts` for native charts (the Summary draws
 *        them, e.g. backup coverage from the report's `backups.summary`).
 *   2. Add it to SHEETS below, where it should appear.
 * The header style, freeze, filter, number formats, unpriced highlighting and the TOTAL row come
 * from the writer in sheet.ts. To add a column to a sheet: one entry in its `columns` (on
 * EC2_Detail_Costs and EBS_Summary, after the columns people already know), plus a `totals` entry
 * when it adds up.
 */
import { autoScalingSheet } from './auto-scaling';
import { backupJobsSheet } from './backup-jobs';
import { backupsSheet } from './backups';
import { billedSheet } from './billed';
import { dedicatedSheet } from './dedicated';
import { ebsSummarySheet } from './ebs-summary';
import { ebsVolumesSheet } from './ebs-volumes';
import { ec2DetailCostsSheet } from './ec2-detail-costs';
import { pricesSheet } from './prices';
import { publicIpv4Sheet } from './public-ipv4';
import { rdsSheet } from './rds';
import type { WorkbookSheet } from './sheet';
import { snapshotsSheet } from './snapshots';
import { summarySheet } from './summary';
import { trendSheet } from './trend';
import { trendByAccountSheet } from './trend-by-account';
import { wasteSheet } from './waste';

export const SHEETS: readonly WorkbookSheet[] = [
  summarySheet,
  ec2DetailCostsSheet,
  ebsVolumesSheet,
  ebsSummarySheet,
  snapshotsSheet,
  publicIpv4Sheet,
  dedicatedSheet,
  rdsSheet,
  autoScalingSheet,
  billedSheet,
  backupsSheet,
  backupJobsSheet,
  // After Backups: its first rows (tagged for backup, no restore point) point there.
  wasteSheet,
  pricesSheet,
  trendSheet,
  trendByAccountSheet,
];
