/**
 * Conditional formats for the report's sheets, as exceljs options: pass each result to
 * `worksheet.addConditionalFormatting(...)` (streaming WorksheetWriter or in-memory Worksheet).
 *
 * Only rule types verified to come out valid from exceljs 4.4's streaming writer are offered:
 * expression and top10 (with a dxf style; the workbook writer needs `useStyles: true`), and data
 * bars, which need the fix in exceljs-data-bar-fix.ts (installed on import here). Leave priorities
 * to exceljs: it numbers rules without one in the order they were added, so a rule added earlier
 * wins where two apply. Mixing explicit and missing priorities on one sheet makes duplicates.
 */
import type ExcelJS from 'exceljs';
import { InvalidInputError } from '../../shared/errors';
import { parseCellRange } from './cell-refs';
import { installDataBarFix } from './exceljs-data-bar-fix';

installDataBarFix();

/** Colours as ARGB hex, the form exceljs styles take. */
export interface Highlight {
  fill: string;
  font?: string;
  bold?: boolean;
}

/** Excel's own "Bad" / "Neutral" cell styles and two more in the same family. */
export const HIGHLIGHT = {
  unpriced: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  waste: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  stale: { fill: 'FFFCE4D6', font: 'FF833C0C' },
  risk: { fill: 'FFFFC7CE', font: 'FF9C0006', bold: true },
  topCost: { fill: 'FFDDEBF7', font: 'FF1F4E78', bold: true },
} as const satisfies Record<string, Highlight>;

export const DATA_BAR_BLUE = 'FF638EC6';

const ARGB = /^[0-9A-Fa-f]{8}$/;

function checkRef(field: string, ref: string): string {
  if (typeof ref !== 'string' || !parseCellRange(ref)) throw new InvalidInputError(field, `must be a cell range like "K2:K501"; got ${JSON.stringify(ref)}`);
  return ref.replace(/\$/g, '');
}

function checkArgb(field: string, value: string | undefined): void {
  if (value !== undefined && (typeof value !== 'string' || !ARGB.test(value))) {
    throw new InvalidInputError(field, `must be an ARGB colour like "FFFFC7CE"; got ${JSON.stringify(value)}`);
  }
}

function dxfStyle(field: string, highlight: Highlight): Partial<ExcelJS.Style> {
  checkArgb(`${field}.fill`, highlight?.fill);
  checkArgb(`${field}.font`, highlight?.font);
  // In a differential format (dxf) a solid fill's colour is its bgColor: Excel ignores fgColor there.
  const style: Partial<ExcelJS.Style> = { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: highlight.fill } } };
  if (highlight.font || highlight.bold) style.font = { ...(highlight.font ? { color: { argb: highlight.font } } : {}), ...(highlight.bold ? { bold: true } : {}) };
  return style;
}

// exceljs's rule types require a priority; leaving it undefined lets exceljs number the rules.
type Rule = ExcelJS.ConditionalFormattingRule extends infer R ? (R extends unknown ? Omit<R, 'priority'> & { priority?: number } : never) : never;
const options = (ref: string, rule: Rule): ExcelJS.ConditionalFormattingOptions => ({ ref, rules: [rule as ExcelJS.ConditionalFormattingRule] });

/** Bars proportional to each cell's value, from zero to the range's maximum: one call per column, as a range shares one scale. */
export function dataBars(ref: string, { color = DATA_BAR_BLUE }: { color?: string } = {}): ExcelJS.ConditionalFormattingOptions {
  const range = checkRef('dataBars.ref', ref);
  checkArgb('dataBars.color', color);
  return options(range, {
    type: 'dataBar',
    cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
    color: { argb: color },
  } as Rule);
}

/**
 * Highlights the cells of `ref` where `formula` is true. The formula is written for the first row
 * of `ref` and is relative to it (Excel moves it down each row): use `$R2`-style references to test
 * one column for the whole row, e.g. from columnEquals().
 */
export function highlightRows(ref: string, formula: string, highlight: Highlight): ExcelJS.ConditionalFormattingOptions {
  const range = checkRef('highlightRows.ref', ref);
  if (typeof formula !== 'string' || formula.trim() === '' || formula.trim().startsWith('=')) {
    throw new InvalidInputError('highlightRows.formula', `must be an Excel formula without the leading "=", e.g. '$R2="unpriced"'; got ${JSON.stringify(formula)}`);
  }
  return options(range, { type: 'expression', formulae: [formula.trim()], style: dxfStyle('highlightRows.highlight', highlight) });
}

/** Highlights the `count` largest values of `ref`. */
export function topValues(ref: string, highlight: Highlight, count = 10): ExcelJS.ConditionalFormattingOptions {
  const range = checkRef('topValues.ref', ref);
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new InvalidInputError('topValues.count', `must be a whole number 1-1000; got ${count}`);
  return options(range, { type: 'top10', rank: count, percent: false, bottom: false, style: dxfStyle('topValues.highlight', highlight) });
}

function checkColumn(column: string, firstRow: number): void {
  if (!/^[A-Za-z]{1,3}$/.test(column) || !parseCellRange(`${column}${firstRow}`)) {
    throw new InvalidInputError('column', `must be column letters and a row inside the sheet, like "R" and 2; got ${JSON.stringify(column)}, ${firstRow}`);
  }
}

const excelText = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** True where the column's cell equals `text` (Excel compares text without regard to case). */
export function columnEquals(column: string, firstRow: number, text: string): string {
  checkColumn(column, firstRow);
  return `$${column.toUpperCase()}${firstRow}=${excelText(text)}`;
}

/** True where the column's cell contains `text` (any case). */
export function columnContains(column: string, firstRow: number, text: string): string {
  checkColumn(column, firstRow);
  return `ISNUMBER(SEARCH(${excelText(text)},$${column.toUpperCase()}${firstRow}))`;
}

/** True where the column's cell is a number of at least `threshold` (a blank is not). */
export function columnAtLeast(column: string, firstRow: number, threshold: number): string {
  checkColumn(column, firstRow);
  if (!Number.isFinite(threshold)) throw new InvalidInputError('threshold', `must be a finite number; got ${threshold}`);
  const cell = `$${column.toUpperCase()}${firstRow}`;
  return `AND(ISNUMBER(${cell}),${cell}>=${threshold})`;
}
