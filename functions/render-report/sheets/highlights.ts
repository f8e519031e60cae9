/**
 * The workbook's highlights, for the sheet modules' `highlights`: what a reader's eye should find
 * first. Unpriced rows (red: their cost is not in the totals), rows that are waste (amber: listed
 * on the Waste sheet), backups at risk (unprotected bold red, partial red, stale orange), the ten
 * largest costs (bold blue) and data bars on cost columns. Each is a conditional format over the
 * data rows (xlsx/conditional-formats.ts), so sorting and filtering keep them right. Put row
 * highlights before data bars: LibreOffice draws only the first rule that matches a cell.
 */
import type ExcelJS from 'exceljs';
import type { CoverageStatus } from '../../shared/backup-coverage';
import { BACKUP_RISK_KIND } from '../costs/waste';
import { columnContains, columnEquals, dataBars, HIGHLIGHT, highlightRows, topValues, type Highlight } from '../xlsx/conditional-formats';
import type { SheetLayout, WorkbookInput } from './sheet';
import { wasteSheet } from './waste';

type Formats = ExcelJS.ConditionalFormattingOptions[];

/** Rows whose price status (the `statusKey` column) says unpriced. */
export function unpricedRows<R, K extends string>(at: SheetLayout<R, K>, statusKey: K): Formats {
  return [highlightRows(at.dataRange, columnContains(at.column(statusKey), at.firstRow, 'unpriced'), HIGHLIGHT.unpriced)];
}

/**
 * Rows whose id (the `idKey` column) is listed on the Waste sheet as waste: what deleting or
 * releasing would save. The Waste sheet's backup risks (an instance no restore point can bring
 * back) are not waste, so they do not count.
 */
export function wasteRows<R, K extends string>(at: SheetLayout<R, K>, idKey: K, input: WorkbookInput): Formats {
  const waste = wasteSheet.layoutFor(input);
  if (!waste.rows.some((r) => r.kind !== BACKUP_RISK_KIND)) return [];
  const id = `$${at.column(idKey)}${at.firstRow}`;
  return [highlightRows(at.dataRange, `COUNTIFS(${waste.ref('id')},${id},${waste.ref('kind')},"<>${BACKUP_RISK_KIND}")>0`, HIGHLIGHT.waste)];
}

const STATUS_HIGHLIGHTS: readonly [CoverageStatus, Highlight][] = [
  ['unprotected', HIGHLIGHT.risk],
  ['partial', HIGHLIGHT.unpriced],
  ['stale', HIGHLIGHT.stale],
];

/** Rows whose backup status (the `statusKey` column) needs someone: unprotected, partial, stale; protected rows stay plain. */
export function backupStatusRows<R, K extends string>(at: SheetLayout<R, K>, statusKey: K): Formats {
  return STATUS_HIGHLIGHTS.map(([status, highlight]) => highlightRows(at.dataRange, columnEquals(at.column(statusKey), at.firstRow, status), highlight));
}

/** The ten largest values of a cost column. */
export function topCosts<R, K extends string>(at: SheetLayout<R, K>, costKey: K): Formats {
  return [topValues(at.cells(costKey), HIGHLIGHT.topCost, 10)];
}

/** Data bars on cost columns, each column its own scale. */
export function costBars<R, K extends string>(at: SheetLayout<R, K>, costKeys: readonly K[]): Formats {
  return costKeys.map((key) => dataBars(at.cells(key)));
}
