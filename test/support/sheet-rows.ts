/** A worksheet's rows as a reader sees them: each row by its header's names (the TOTAL row included). */
import type ExcelJS from 'exceljs';

export function rowsOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
  });
  return rows;
}

/** The Billed sheet's figures per period, in sheet order. */
export const BILLED_FIGURE_COLUMNS = [
  'LastWeekUnblended(USD)', 'LastWeekAmortized(USD)', 'LastWeekEstimate(USD)', 'LastWeekVariance(USD)',
  'MonthToDateUnblended(USD)', 'MonthToDateAmortized(USD)', 'MonthToDateEstimate(USD)', 'MonthToDateVariance(USD)',
] as const;

export const billedFigures = (row: Record<string, unknown> | undefined): unknown[] => BILLED_FIGURE_COLUMNS.map((c) => row?.[c]);

/** The first row of a workbook's sheet whose `column` reads `value`, by its header's names. */
export function rowWhere(workbook: ExcelJS.Workbook, sheet: string, column: string, value: unknown): Record<string, unknown> | undefined {
  return rowsOf(workbook.getWorksheet(sheet)!).find((r) => r[column] === value);
}
