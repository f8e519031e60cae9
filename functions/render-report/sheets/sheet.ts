/**
 * What a sheet is, and the one writer every sheet goes through: a frozen, styled header, an
 * auto-filter over header and data, number formats by column, an unpriced amount as a blank
 * highlighted cell (never $0), a TOTAL row computed from the named columns, then notes; page setup
 * for printing, and the sheet's conditional formats and native charts, placed by column key.
 * A sheet module only says which rows and columns it has (see index.ts for the recipe).
 */
import ExcelJS from 'exceljs';
import { priced, pricedSum, type Cost } from '../../shared/cost-math';
import type { CostReport } from '../costs';
import type { ScheduleColumns } from '../costs/schedule';
import type { AccountTrendRow, TrendRow } from '../trend';
import { columnLetters, formatSheetRange } from '../xlsx/cell-refs';
import type { ChartSpec } from '../xlsx/charts';
import { printSetup, type PrintOptions } from '../xlsx/print-setup';

/** Everything a sheet can draw its rows from. */
export interface WorkbookInput {
  report: CostReport;
  trend: readonly TrendRow[];
  /** Per account and report (absent: no account trend, as for an inventory from before targets). */
  accountTrend?: readonly AccountTrendRow[];
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
  /** Long text wraps inside the column instead of running over the empty cells to its right, which widens the printed page. */
  wrap?: boolean;
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
   * How it prints. Default: one page wide, as many down as the rows need, landscape when the
   * columns are wider than a portrait page, the header row repeated on every page.
   */
  print?: (rows: readonly R[]) => PrintOptions;
  /** Conditional formats over the data rows (sheets/highlights.ts); row highlights before data bars. */
  highlights?: (at: SheetLayout<R, NoInfer<K>>, input: WorkbookInput) => ExcelJS.ConditionalFormattingOptions[];
  /** Native charts, drawn once exceljs has saved the workbook (xlsx/charts.ts). */
  charts?: (at: SheetLayout<R, NoInfer<K>>, input: WorkbookInput) => ChartSpec[];
}

/** Where a sheet's rows and columns landed, to point conditional formats and charts at them. */
export interface SheetLayout<R, K extends string> {
  readonly sheet: string;
  readonly rows: readonly R[];
  /** The first data row (under the header); the last is firstRow + rows.length - 1. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** The sheet's last column letter. */
  readonly lastColumn: string;
  /** A column's letter. */
  column(key: K): string;
  /** The row number of rows[index]. */
  rowOf(index: number): number;
  /** `K2:K15`: a column's data cells (from `fromIndex` to `toIndex` of rows, inclusive; all by default). */
  cells(key: K, fromIndex?: number, toIndex?: number): string;
  /** `'Sheet'!$K$2:$K$15`: the same as a chart reference. */
  ref(key: K, fromIndex?: number, toIndex?: number): string;
  /** `'Sheet'!$K$1`: a column's header cell, e.g. to name a chart series. */
  headerRef(key: K): string;
  /** `A2:T15`: every column of the data rows. */
  readonly dataRange: string;
}

/** A sheet ready to write, whatever its row type. */
export interface WorkbookSheet {
  readonly name: string;
  readonly hasTotalRow: boolean;
  /** Writes the sheet and returns the charts to add once the workbook is saved. */
  write(workbook: WorkbookWriter, input: WorkbookInput): ChartSpec[];
}

/** A sheet as defineSheet returns it: other sheets may ask where its cells are (charts, cross-sheet highlights). */
export interface DefinedSheet<R, K extends string> extends WorkbookSheet {
  layoutFor(input: WorkbookInput): SheetLayout<R, K>;
}

/** Excel's default row height (Calibri 11), in points: a wrapped cell's row is this times its lines. */
const ROW_POINTS = 15;
/** Characters of text per unit of column width: the width counts "0" digits, and text averages narrower. */
const TEXT_CHARS_PER_WIDTH = 1.15;

/** Character widths above which a table prints landscape: a portrait page at narrow margins holds about 100. */
const PORTRAIT_WIDTH_CHARS = 100;

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
  wrapped: Object.freeze({ alignment: { wrapText: true } }) as Partial<ExcelJS.Style>,
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

function layoutOf<R, K extends string>(sheet: string, columns: readonly Column<R, K>[], rows: readonly R[]): SheetLayout<R, K> {
  const letters = new Map(columns.map((c, i) => [c.key, columnLetters(i + 1)]));
  const firstRow = 2;
  const lastRow = firstRow + rows.length - 1;
  const column = (key: K) => letters.get(key) as string;
  const bounds = (from = 0, to = rows.length - 1) => {
    if (from < 0 || to >= rows.length || to < from) throw new RangeError(`sheet ${sheet}: rows ${from}-${to} are outside its ${rows.length} rows`);
    return { start: firstRow + from, end: firstRow + to };
  };
  return {
    sheet,
    rows,
    firstRow,
    lastRow,
    lastColumn: columnLetters(columns.length),
    column,
    rowOf: (index) => firstRow + index,
    cells(key, from, to) {
      const { start, end } = bounds(from, to);
      return `${column(key)}${start}:${column(key)}${end}`;
    },
    ref(key, from, to) {
      const { start, end } = bounds(from, to);
      const col = columns.findIndex((c) => c.key === key) + 1;
      return formatSheetRange({ sheet, start: { column: col, row: start }, end: { column: col, row: end } });
    },
    headerRef(key) {
      const header = { column: columns.findIndex((c) => c.key === key) + 1, row: 1 };
      return formatSheetRange({ sheet, start: header, end: header });
    },
    dataRange: `A${firstRow}:${columnLetters(columns.length)}${Math.max(lastRow, firstRow)}`,
  };
}

/** The default page setup: one page wide, landscape when wider than a portrait page, the header row on every page. */
function defaultPrint(columns: readonly Column<unknown, string>[]): PrintOptions {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  return { fit: 'width', orientation: width > PORTRAIT_WIDTH_CHARS ? 'landscape' : 'portrait', headerRows: 1 };
}

/** Checks a sheet's definition once, at load, and returns it ready for the workbook's list of sheets. */
export function defineSheet<R, const K extends string>(definition: SheetDefinition<R, K>): DefinedSheet<R, K> {
  checkDefinition(definition);
  const { name, columns, totals, notes, autoFilter = true } = definition;
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return {
    name,
    hasTotalRow: totals !== undefined,
    layoutFor: (input) => layoutOf(name, columns, definition.rows(input)),
    write(workbook, input) {
      const rows = definition.rows(input);
      // Page setup goes in with the sheet: the streaming writer writes "fit to page" when the sheet is added.
      const print = definition.print?.(rows) ?? defaultPrint(columns as readonly Column<unknown, string>[]);
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }], ...printSetup(print) });
      sheet.columns = columns.map((c) => ({ width: c.width }));
      const header = sheet.addRow(columns.map((c) => c.header));
      header.eachCell((cell) => {
        cell.style = STYLE.header as ExcelJS.Style;
      });
      header.commit();

      let last = 1;
      for (const item of rows) {
        const row = sheet.addRow([]);
        let lines = 1;
        columns.forEach((column, index) => {
          const cell = row.getCell(index + 1);
          setCell(cell, column.value(item), column.format, false);
          const emphasis = column.emphasis?.(item);
          if (emphasis) cell.style = STYLE[emphasis] as ExcelJS.Style;
          else if (column.wrap && typeof cell.value === 'string') {
            cell.style = STYLE.wrapped as ExcelJS.Style;
            lines = Math.max(lines, Math.ceil(cell.value.length / (column.width * TEXT_CHARS_PER_WIDTH)));
          }
        });
        // Neither Excel nor LibreOffice grows a row for wrapped text on opening a file: the row says how tall it is.
        if (lines > 1) row.height = ROW_POINTS * lines;
        row.commit();
        last = row.number;
      }
      if (autoFilter) sheet.autoFilter = `A1:${columnLetters(columns.length)}${last}`;
      const at = layoutOf(name, columns, rows);
      if (rows.length > 0) for (const format of definition.highlights?.(at, input) ?? []) sheet.addConditionalFormatting(format);

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
      return definition.charts?.(at, input) ?? [];
    },
  };
}

/** The account a row is in, on every detail sheet, just before Region: text, so an id keeps its leading zeros. */
export function accountIdColumn<R>(accountOf: (row: R) => string | undefined): Column<R, 'accountId'> {
  return { key: 'accountId', header: 'AccountId', width: 14, value: accountOf };
}

/** Where a row is, on every detail sheet: its account, then its region. */
export function accountRegionColumns<R>(placeOf: (row: R) => { accountId?: string; region: string }): [Column<R, 'accountId'>, Column<R, 'region'>] {
  return [accountIdColumn((row) => placeOf(row).accountId), { key: 'region', header: 'Region', width: 15, value: (row) => placeOf(row).region }];
}

/** The schedule estimate's columns, the same on every sheet that has them (EC2 instances, DBs); each placed where its sheet wants it. */
export function scheduleColumns<R>(scheduleOf: (row: R) => ScheduleColumns | undefined): {
  hours: Column<R, 'scheduledHours'>;
  monthly: Column<R, 'scheduledMonthly'>;
  savings: Column<R, 'scheduleSavings'>;
} {
  return {
    hours: { key: 'scheduledHours', header: 'ScheduledHours', width: 15, format: 'hours', value: (r) => scheduleOf(r)?.hoursPerMonth },
    monthly: { key: 'scheduledMonthly', header: 'ScheduledMonthly(USD)', width: 21, format: 'usd', value: (r) => scheduleOf(r)?.scheduledMonthly },
    savings: { key: 'scheduleSavings', header: 'ScheduleSavings(USD)', width: 20, format: 'usd', value: (r) => scheduleOf(r)?.savings },
  };
}
