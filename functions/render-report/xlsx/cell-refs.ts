/**
 * A1 references as charts and conditional formats use them: `F2:N20`, `'Summary'!$A$2:$A$9`.
 * Columns and rows are 1-based, as Excel shows them.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellAddress {
  column: number;
  row: number;
}

export interface CellRange {
  start: CellAddress;
  end: CellAddress;
}

export interface SheetRange extends CellRange {
  sheet: string;
}

/** 1 → A, 27 → AA, 16384 → XFD. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1 || column > MAX_COLUMNS) throw new RangeError(`column ${column} is outside 1-${MAX_COLUMNS}`);
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

/** `B7` or `$B$7`; undefined when the text is not a cell inside the sheet's limits. */
export function parseCell(text: string): CellAddress | undefined {
  const match = CELL.exec(text.trim());
  if (!match) return undefined;
  const column = columnNumber(match[1] as string);
  const row = Number(match[2]);
  if (column < 1 || column > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return undefined;
  return { column, row };
}

/** `F2:N20` or a single cell `B7` (a range of one); undefined when malformed or reversed. */
export function parseCellRange(text: string): CellRange | undefined {
  const [first, second, extra] = text.split(':');
  if (first === undefined || extra !== undefined) return undefined;
  const start = parseCell(first);
  const end = second === undefined ? start : parseCell(second);
  if (!start || !end || end.column < start.column || end.row < start.row) return undefined;
  return { start, end };
}

/** Characters a sheet name may not contain (Excel's rule), besides being 1-31 characters long. */
const FORBIDDEN_IN_SHEET_NAME = /[:\\/?*[\]]/;

/**
 * `'Summary'!$A$2:$A$9`, `Summary!A2:A9`, `'It''s'!B1`. Undefined when it is not a sheet-qualified
 * cell or range.
 */
export function parseSheetRange(text: string): SheetRange | undefined {
  const trimmed = text.trim();
  let sheet: string;
  let rest: string;
  if (trimmed.startsWith("'")) {
    let i = 1;
    sheet = '';
    for (;;) {
      const quote = trimmed.indexOf("'", i);
      if (quote === -1) return undefined;
      sheet += trimmed.slice(i, quote);
      if (trimmed[quote + 1] === "'") {
        sheet += "'";
        i = quote + 2;
        continue;
      }
      rest = trimmed.slice(quote + 1);
      break;
    }
  } else {
    const bang = trimmed.indexOf('!');
    if (bang === -1) return undefined;
    sheet = trimmed.slice(0, bang);
    rest = trimmed.slice(bang);
    if (!/^[\p{L}\p{N}_.]+$/u.test(sheet)) return undefined;
  }
  if (!rest.startsWith('!') || sheet.length === 0 || sheet.length > 31 || FORBIDDEN_IN_SHEET_NAME.test(sheet)) return undefined;
  const range = parseCellRange(rest.slice(1));
  return range ? { sheet, ...range } : undefined;
}

function absolute(cell: CellAddress): string {
  return `$${columnLetters(cell.column)}$${cell.row}`;
}

/** The reference as Excel writes it in a chart formula: quoted sheet, absolute cells. */
export function formatSheetRange(range: SheetRange): string {
  const cells = range.start.column === range.end.column && range.start.row === range.end.row ? absolute(range.start) : `${absolute(range.start)}:${absolute(range.end)}`;
  return `'${range.sheet.replace(/'/g, "''")}'!${cells}`;
}

export function cellName(cell: CellAddress): string {
  return `${columnLetters(cell.column)}${cell.row}`;
}

/** The cells of a one-row or one-column range, in reading order; undefined for a block. */
export function cellsAlong(range: CellRange): CellAddress[] | undefined {
  const { start, end } = range;
  if (start.column === end.column) {
    return Array.from({ length: end.row - start.row + 1 }, (_, i) => ({ column: start.column, row: start.row + i }));
  }
  if (start.row === end.row) {
    return Array.from({ length: end.column - start.column + 1 }, (_, i) => ({ column: start.column + i, row: start.row }));
  }
  return undefined;
}
