/**
 * The workbook's highlights, for the sheet modules' `highlights`: what a reader's eye should find
 * first. Unpriced rows (red: their cost is not in the totals), rows that are waste (amber: listed
 * on the Waste sheet), the ten largest costs (bold blue) and data bars on cost columns. Each is a
 * conditional format over the data rows (xlsx/conditional-formats.ts), so sorting and filtering
 * keep them right. Put row highlights before data bars: LibreOffice draws only the first rule
 * that matches a cell.
 */
import type ExcelJS from 'exceljs';
import { columnContains, dataBars, HIGHLIGHT, highlightRows, topValues } from '../xlsx/conditional-formats';
import type { SheetLayout, WorkbookInput } from './sheet';
import { wasteSheet } from './waste';

type Formats = ExcelJS.ConditionalFormattingOptions[];

/** Rows whose price status (the `statusKey` column) says unpriced. */
export function unpricedRows<R, K extends string>(at: SheetLayout<R, K>, statusKey: K): Formats {
  return [highlightRows(at.dataRange, columnContains(at.column(statusKey), at.firstRow, 'unpriced'), HIGHLIGHT.unpriced)];
}

/** Rows whose id (the `idKey` column) is listed on the Waste sheet: what deleting or releasing would save. */
export function wasteRows<R, K extends string>(at: SheetLayout<R, K>, idKey: K, input: WorkbookInput): Formats {
  const waste = wasteSheet.layoutFor(input);
  if (waste.rows.length === 0) return [];
  const id = `$${at.column(idKey)}${at.firstRow}`;
  return [highlightRows(at.dataRange, `ISNUMBER(MATCH(${id},${waste.ref('id')},0))`, HIGHLIGHT.waste)];
}

/** The ten largest values of a cost column. */
export function topCosts<R, K extends string>(at: SheetLayout<R, K>, costKey: K): Formats {
  return [topValues(at.cells(costKey), HIGHLIGHT.topCost, 10)];
}

/** Data bars on cost columns, each column its own scale. */
export function costBars<R, K extends string>(at: SheetLayout<R, K>, costKeys: readonly K[]): Formats {
  return costKeys.map((key) => dataBars(at.cells(key)));
}
