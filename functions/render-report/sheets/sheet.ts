/**
 * What a sheet is, and the one writer every sheet goes through: a frozen, styled header, an
 * auto-filter over header and data, number formats by column, an unpriced amount as a blank
 * highlighted cell (never $0), a TOTAL row computed from the named columns, then notes.
 * A sheet module only says which rows and columns it has (see index.ts for the recipe).
 */
import ExcelJS from 'exceljs';
import { priced, pricedSum, type Cost } from '../../shared/cost-math';
import type { CostReport } from '../costs';
import type { TrendRow } from '../trend';

/** Everything a sheet can draw its rows from. */
export interface WorkbookInput {
  report: CostReport;
  trend: readonly TrendRow[];
  generatedAt: string;
}

export type WorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/** A cell's value: a Cost shows its USD amount, or a blank highlighted cell when it is unpriced. */
export type Cell = string | number | boolean | Cost | null | undefined;

export type NumberFormat = 'usd' | 'rate' | 'percent' | 'hours';

/** A style that replaces a cell's own: a section title, or a value to look at. */
export type Emphasis = 'section' | 'unpriced';

export interface Column<R, K extends string> {
  /** How totals and other columns refer to this column; the header is what people read. */
  key: K;
  header: string;
  width: number;
  format?: NumberFormat;
  value(row: R): Cell;
  emphasis?(row: R): Emphasis | undefined;
}

/**
 * What the TOTAL row shows under a column:
 * - `'sum'`: the sum of the cells above; money columns (usd, rate) add whole cents and leave
 *   unpriced cells out, as the report's totals do;
 * - `{ count: 'instances' }`: "12 instances";
 * - `{ unpricedIn: key }`: how many cells of that column are unpriced, or "all priced".
 */
export type Total<K extends string> = 'sum' | { count: string } | { unpricedIn: K };

export interface SheetDefinition<R, K extends string> {
  name: string;
  rows(input: WorkbookInput): readonly R[];
  columns: readonly Column<R, K>[];
  /** A TOTAL row below the data (outside the filter, so sorting never moves it): "TOTAL" in the first column, then these. */
  totals?: Partial<Record<NoInfer<K>, Total<NoInfer<K>>>>;
  /** Lines below the table, after a blank row. */
  notes?: readonly string[] | ((input: WorkbookInput) => readonly string[]);
  /** Table sheets filter (the default); a list of labelled values, such as Summary, does not. */
  autoFilter?: boolean;
  /**
   * Conditional formats over the data rows (../xlsx/conditional-formats.ts), given their first and
   * last row and each column's letter; they follow the rows when a reader sorts or filters.
   */
  highlights?(data: { firstRow: number; lastRow: number; column: (key: K) => string }): ExcelJS.ConditionalFormattingOptions[];
}

/** A sheet ready to write, whatever its row type. */
export interface WorkbookSheet {
  readonly name: string;
  readonly hasTotalRow: boolean;
  write(workbook: WorkbookWriter, input: WorkbookInput): void;
}

const TOTAL_LABEL = 'TOTAL';
export const USD_FORMAT = '"$"#,##0.00';
/** Unit prices such as $0.0104 per hour keep their digits. */
export const RATE_FORMAT = '"$"#,##0.00######';
export const UNPRICED_FILL_ARGB = 'FFFFC7CE';

const NUM_FORMATS: Record<NumberFormat, string> = { usd: USD_FORMAT, rate: RATE_FORMAT, percent: '0.0%', hours: '0.0' };
const MONEY_FORMATS: ReadonlySet<NumberFormat> = new Set(['usd', 'rate']);
const unpricedFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: UNPRICED_FILL_ARGB } };
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const thinTop: Partial<ExcelJS.Borders> = { top: { style: 'thin' } };

// Shared, never mutated style objects: the writer dedupes them, and 50,000 rows do not create 300,000 styles.
const STYLE = {
  header: Object.freeze({ font: { bold: true }, fill: headerFill, alignment: { vertical: 'middle' } }) as Partial<ExcelJS.Style>,
  unpriced: Object.freeze({ fill: unpricedFill }) as Partial<ExcelJS.Style>,
  section: Object.freeze({ font: { bold: true } }) as Partial<ExcelJS.Style>,
  plain: Object.freeze({}) as Partial<ExcelJS.Style>,
  ...Object.fromEntries(
    (Object.keys(NUM_FORMATS) as NumberFormat[]).flatMap((format) => [
      [format, Object.freeze({ numFmt: NUM_FORMATS[format] })],
      [`${format}Total`, Object.freeze({ numFmt: NUM_FORMATS[format], font: { bold: true }, border: thinTop })],
    ]),
  ),
  total: Object.freeze({ font: { bold: true }, border: thinTop }) as Partial<ExcelJS.Style>,
} as Record<string, Partial<ExcelJS.Style>>;

function isCost(value: Cell): value is Cost {
  return typeof value === 'object' && value !== null && 'status' in value;
}

function isUnpriced(value: Cell): boolean {
  return isCost(value) && value.status === 'unpriced';
}

function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Writes one cell: an unpriced Cost becomes a blank highlighted cell; numbers get their column's format. */
function setCell(cell: ExcelJS.Cell, value: Cell, format: NumberFormat | undefined, total: boolean): void {
  if (isCost(value)) {
    if (value.status === 'unpriced') {
      cell.style = STYLE.unpriced as ExcelJS.Style;
      return;
    }
    value = value.usd;
  }
  if (value === undefined || value === null) {
    cell.style = (total ? STYLE.total : STYLE.plain) as ExcelJS.Style;
    return;
  }
  cell.value = value;
  const key = typeof value === 'number' && format ? `${format}${total ? 'Total' : ''}` : total ? 'total' : 'plain';
  // Always a shared style object: the writer caches style ids by object, so no per-cell style work.
  cell.style = STYLE[key] as ExcelJS.Style;
}

/** The sum of a column as its cells show it: money in whole cents without the unpriced cells, anything else as numbers. */
function columnSum<R>(column: Column<R, string>, rows: readonly R[]): number {
  const cells = rows.map((row) => column.value(row));
  if (column.format !== undefined && MONEY_FORMATS.has(column.format)) {
    return pricedSum(cells.map((cell) => (isCost(cell) ? cell : typeof cell === 'number' ? priced(cell) : undefined)));
  }
  return cells.reduce<number>((sum, cell) => sum + (typeof cell === 'number' ? cell : 0), 0);
}

function totalCell<R, K extends string>(total: Total<K> | undefined, column: Column<R, K>, rows: readonly R[], byKey: ReadonlyMap<K, Column<R, K>>): Cell {
  if (total === undefined) return undefined;
  if (total === 'sum') return columnSum(column, rows);
  if ('count' in total) return `${rows.length} ${total.count}`;
  const counted = byKey.get(total.unpricedIn) as Column<R, K>;
  const unpriced = rows.filter((row) => isUnpriced(counted.value(row))).length;
  return unpriced === 0 ? 'all priced' : `${unpriced} unpriced (not in the totals)`;
}

function checkDefinition<R, K extends string>({ name, columns, totals }: SheetDefinition<R, K>): void {
  const keys = new Set<string>();
  for (const { key } of columns) {
    if (keys.has(key)) throw new Error(`sheet ${name}: column key ${key} is used twice`);
    keys.add(key);
  }
  const [first] = columns;
  if (!first) throw new Error(`sheet ${name} has no columns`);
  if (totals && first.key in totals) throw new Error(`sheet ${name}: the first column holds the ${TOTAL_LABEL} label and cannot have a total`);
}

/** Checks a sheet's definition once, at load, and returns it ready for the workbook's list of sheets. */
export function defineSheet<R, const K extends string>(definition: SheetDefinition<R, K>): WorkbookSheet {
  checkDefinition(definition);
  const { name, columns, totals, notes, autoFilter = true, highlights } = definition;
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return {
    name,
    hasTotalRow: totals !== undefined,
    write(workbook, input) {
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
      sheet.columns = columns.map((c) => ({ width: c.width }));
      const header = sheet.addRow(columns.map((c) => c.header));
      header.eachCell((cell) => {
        cell.style = STYLE.header as ExcelJS.Style;
      });
      header.commit();

      const rows = definition.rows(input);
      let last = 1;
      for (const item of rows) {
        const row = sheet.addRow([]);
        columns.forEach((column, index) => {
          const cell = row.getCell(index + 1);
          setCell(cell, column.value(item), column.format, false);
          const emphasis = column.emphasis?.(item);
          if (emphasis) cell.style = STYLE[emphasis] as ExcelJS.Style;
        });
        row.commit();
        last = row.number;
      }
      if (autoFilter) sheet.autoFilter = `A1:${columnLetter(columns.length)}${last}`;
      if (highlights && last > 1) {
        const column = (key: K) => columnLetter(columns.findIndex((c) => c.key === key) + 1);
        for (const rule of highlights({ firstRow: 2, lastRow: last, column })) sheet.addConditionalFormatting(rule);
      }

      if (totals) {
        const row = sheet.addRow([]);
        columns.forEach((column, index) => {
          const value = index === 0 ? TOTAL_LABEL : totalCell(totals[column.key], column, rows, byKey);
          setCell(row.getCell(index + 1), value, column.format, true);
        });
        row.commit();
      }
      const lines = typeof notes === 'function' ? notes(input) : notes;
      if (lines?.length) {
        sheet.addRow([]).commit();
        for (const line of lines) sheet.addRow([line]).commit();
      }
      sheet.commit();
    },
  };
}
