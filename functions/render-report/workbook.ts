/**
 * Writes the cost workbook with exceljs's streaming writer (rows go to disk as they are added, so
 * 50,000 instances fit a 512 MB Lambda): each sheet of sheets/index.ts, in its order; then the
 * sheets' native charts, which exceljs cannot write, into the saved file (xlsx/charts.ts).
 */
import ExcelJS from 'exceljs';
import { SHEETS } from './sheets';
import type { WorkbookInput } from './sheets/sheet';
import { addCharts } from './xlsx/charts';

/** Writes the workbook to `filename` (a temp file) and resolves once it is complete on disk. */
export async function writeWorkbook(filename: string, input: WorkbookInput): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ops-automation cost-report';
  workbook.created = new Date(input.generatedAt);
  const charts = SHEETS.flatMap((sheet) => sheet.write(workbook, input));
  await workbook.commit();
  if (charts.length > 0) await addCharts(filename, charts);
}
