/**
 * Reading and patching worksheet XML without a DOM: a 50,000-row sheet is tens of megabytes of XML,
 * so cells are read from a stream that stops after the last row asked for, and the <drawing>
 * element is inserted by a stream transform that passes <sheetData> through untouched and only
 * looks at the few elements after it.
 */
import { StringDecoder } from 'node:string_decoder';
import { Transform, type TransformCallback } from 'node:stream';
import { cellName, parseCell, type CellAddress } from './cell-refs';
import { localName, parseAttributes, unescapeXml } from './xml-text';

/** A cell as stored: its type attribute, <v> text, inline string text, and style index. */
export interface StoredCell {
  type: string | undefined;
  value: string | undefined;
  inlineText: string | undefined;
  style: number;
}

type Chunks = AsyncIterable<Buffer | string>;

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/** The text of an <is> or <si>: its <t> runs joined, phonetic runs (<rPh>) left out. */
function stringItemText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const match of withoutPhonetic.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += unescapeXml(match[1] ?? '');
  return text;
}

function storedCell(attributes: string, content: string | undefined): StoredCell {
  const attrs = parseAttributes(attributes);
  const value = content === undefined ? undefined : /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(content);
  const inline = content === undefined ? undefined : /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(content);
  return {
    type: attrs.get('t'),
    value: value ? unescapeXml(value[1] ?? '') : undefined,
    inlineText: inline ? stringItemText(inline[1] ?? '') : undefined,
    style: Number(attrs.get('s') ?? 0),
  };
}

/**
 * The stream's text in pieces that each end right after a `closing` tag (the rest follows at the
 * end), so every piece holds whole elements. Leaving the loop early leaves the stream.
 */
async function* wholeElements(chunks: Chunks, closing: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const end = buffer.lastIndexOf(closing);
    if (end === -1) continue;
    yield buffer.slice(0, end + closing.length);
    buffer = buffer.slice(end + closing.length);
  }
  buffer += decoder.end();
  if (buffer) yield buffer;
}

/**
 * Reads the wanted cells of a worksheet from its XML stream. Rows are in order in the file, so the
 * stream is left as soon as a row past the last wanted one appears.
 */
export async function readCells(chunks: Chunks, wanted: readonly CellAddress[]): Promise<Map<string, StoredCell>> {
  const columnsByRow = new Map<number, Set<number>>();
  for (const cell of wanted) {
    const columns = columnsByRow.get(cell.row) ?? new Set<number>();
    columns.add(cell.column);
    columnsByRow.set(cell.row, columns);
  }
  const lastRow = [...columnsByRow.keys()].reduce((a, b) => Math.max(a, b), 0);
  const found = new Map<string, StoredCell>();
  if (lastRow === 0) return found;

  let previousRow = 0;
  for await (const complete of wholeElements(chunks, '</row>')) {
    for (const row of complete.matchAll(ROW)) {
      const rowNumber = Number(parseAttributes(row[1] ?? '').get('r') ?? previousRow + 1);
      previousRow = rowNumber;
      if (rowNumber > lastRow) return found;
      const columns = columnsByRow.get(rowNumber);
      if (!columns || row[2] === undefined) continue;
      let previousColumn = 0;
      for (const cell of row[2].matchAll(CELL)) {
        const attrs = cell[1] ?? '';
        const reference = /\br="([^"]+)"/.exec(attrs)?.[1];
        const column = (reference ? parseCell(reference)?.column : undefined) ?? previousColumn + 1;
        previousColumn = column;
        if (columns.has(column)) found.set(cellName({ column, row: rowNumber }), storedCell(attrs, cell[2]));
      }
    }
  }
  return found;
}

/** The shared strings up to `lastIndex`, read from xl/sharedStrings.xml's stream, which is then left. */
export async function readSharedStrings(chunks: Chunks, lastIndex: number): Promise<string[]> {
  const strings: string[] = [];
  if (lastIndex < 0) return strings;
  for await (const complete of wholeElements(chunks, '</si>')) {
    for (const item of complete.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) {
      strings.push(item[1] === undefined ? '' : stringItemText(item[1]));
      if (strings.length > lastIndex) return strings;
    }
  }
  return strings;
}

/** Excel's built-in number formats that a chart cache may need to name (ECMA-376 Part 1, 18.8.30). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  14: 'm/d/yyyy',
  22: 'm/d/yyyy h:mm',
  49: '@',
};

/** The number format code of each cell style (xf) index in xl/styles.xml. */
export function numberFormatsByStyle(stylesXml: string | undefined): string[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const match of stylesXml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const attributes = parseAttributes(match[1] ?? '');
    custom.set(Number(attributes.get('numFmtId')), attributes.get('formatCode') ?? 'General');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)].map((match) => {
    const id = Number(parseAttributes(match[1] ?? '').get('numFmtId') ?? 0);
    return custom.get(id) ?? BUILT_IN_FORMATS[id] ?? 'General';
  });
}

/** Worksheet children that must come after <drawing> (CT_Worksheet, ECMA-376 Part 1, 18.3.1.99). */
const AFTER_DRAWING = new Set(['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);

/**
 * Where <drawing> goes in the part of a worksheet after </sheetData>: before the first top-level
 * element that must follow it, else before </worksheet>. Nested elements (an <extLst> inside a
 * conditional format rule) do not count.
 */
export function drawingInsertionIndex(tail: string): number {
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  for (let match = token.exec(tail); match; match = token.exec(tail)) {
    const name = match[2];
    if (name === undefined) continue;
    const closing = match[1] === '/';
    const selfClosing = match[3] === '/';
    if (closing) {
      if (depth === 0) return match.index;
      depth -= 1;
      continue;
    }
    if (depth === 0) {
      const local = localName(name);
      if (local === 'drawing') throw new Error('the worksheet already has a <drawing> element');
      if (AFTER_DRAWING.has(local)) return match.index;
    }
    if (!selfClosing) depth += 1;
  }
  throw new Error('no </worksheet> after </sheetData>');
}

const CARRY_BYTES = 64;

/**
 * Passes a worksheet's XML through and inserts `element` where <drawing> belongs. Bytes up to the
 * end of <sheetData> are forwarded as they come; only what follows is held and patched.
 */
export class DrawingInsertion extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private phase: 'beforeSheetData' | 'inSheetData' | 'tail' = 'beforeSheetData';
  private readonly tail: Buffer[] = [];

  constructor(private readonly element: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.phase === 'tail') {
      this.tail.push(chunk);
      callback();
      return;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.advance();
    callback();
  }

  /** Moves through the phases as far as the bytes at hand allow; keeps a few bytes back for a split tag. */
  private advance(): void {
    for (;;) {
      if (this.phase === 'beforeSheetData') {
        const start = this.pending.indexOf('<sheetData');
        const close = start === -1 ? -1 : this.pending.indexOf('>', start);
        if (close === -1) return this.holdFrom(start);
        const selfClosed = this.pending[close - 1] === 0x2f; // '/'
        this.push(this.pending.subarray(0, close + 1));
        this.pending = this.pending.subarray(close + 1);
        this.phase = selfClosed ? 'tail' : 'inSheetData';
      } else if (this.phase === 'inSheetData') {
        const start = this.pending.indexOf('</sheetData');
        const close = start === -1 ? -1 : this.pending.indexOf('>', start);
        if (close === -1) return this.holdFrom(start);
        this.push(this.pending.subarray(0, close + 1));
        this.pending = this.pending.subarray(close + 1);
        this.phase = 'tail';
      } else {
        this.tail.push(this.pending);
        this.pending = Buffer.alloc(0);
        return;
      }
    }
  }

  /** Forwards what cannot be part of the tag looked for: all before `start`, or all but the last bytes when none began. */
  private holdFrom(start: number): void {
    const keep = start === -1 ? Math.max(0, this.pending.length - CARRY_BYTES) : start;
    if (keep === 0) return;
    this.push(this.pending.subarray(0, keep));
    this.pending = Buffer.from(this.pending.subarray(keep));
  }

  override _flush(callback: TransformCallback): void {
    if (this.phase !== 'tail') {
      callback(new Error('the worksheet has no <sheetData> element'));
      return;
    }
    const tail = Buffer.concat(this.tail).toString('utf8');
    try {
      const at = drawingInsertionIndex(tail);
      this.push(Buffer.from(tail.slice(0, at) + this.element + tail.slice(at), 'utf8'));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
