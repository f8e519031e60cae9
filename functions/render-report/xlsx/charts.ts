/**
 * Adds native Excel charts to an .xlsx that exceljs (which cannot write charts) has saved: one
 * chart part per chart, one drawing part per sheet (or the drawing exceljs already wrote for its
 * images), the <drawing> element in its place among the worksheet's children, relationships and
 * content types. Each series keeps its sheet references (Excel recalculates from them) and a cache
 * of the cells' current values, so viewers that do not recalculate still show the numbers.
 *
 * Zip handling is JSZip's (already inside exceljs): parts this leaves alone are copied still
 * compressed, so a 50,000-row sheet costs nothing unless a chart is drawn on it, and then it is
 * streamed through, never held as a string or a DOM. See README.md beside this file.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import { InvalidInputError } from '../../shared/errors';
import { cellName, cellsAlong, formatSheetRange, parseCellRange, parseSheetRange, type CellAddress, type CellRange, type SheetRange } from './cell-refs';
import {
  chartAnchorXml,
  chartPartXml,
  drawingPartXml,
  highestShapeId,
  type ChartKind,
  type DataLabels,
  type LegendPosition,
  type ResolvedChart,
  type ResolvedSeries,
} from './chart-xml';
import {
  addOverride,
  addRelationship,
  CONTENT_TYPE,
  ensureDefault,
  highestPartNumber,
  insertBeforeClosingRoot,
  NS,
  parseRelationships,
  REL_TYPE,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  workbookSheets,
  type WorkbookSheet,
} from './package-parts';
import { DrawingInsertion, numberFormatsByStyle, readCells, readSharedStrings, type StoredCell } from './sheet-xml';
import { firstStartTag, localName, prefixFor } from './xml-text';

export type { ChartKind, DataLabels, LegendPosition } from './chart-xml';

export interface ChartSeriesSpec {
  /** Legend text. Give this or `nameRef`, not both; neither gives "Series N". */
  name?: string;
  /** A header cell holding the legend text, e.g. `'Trend'!$B$1`. */
  nameRef?: string;
  /** One row or one column, as long as `categories`, e.g. `'Summary'!$C$30:$C$41`. */
  values: string;
  /** Bar or line colour, `RRGGBB`; the theme's when absent (pie slices always take the theme's). */
  color?: string;
}

export interface ChartSpec {
  /** The worksheet the chart is drawn on (any sheet: the data's own, or a sheet kept for charts). */
  sheet: string;
  /** The cells the chart covers on that sheet, e.g. `F2:N20`. */
  anchor: string;
  kind: ChartKind;
  title: string;
  /** One row or one column of labels, e.g. `'Summary'!$A$30:$A$41`. */
  categories: string;
  series: readonly ChartSeriesSpec[];
  /** Default: none for a single-series bar/column/line chart, right otherwise. */
  legend?: LegendPosition;
  /** Default: percent for pie and doughnut, none otherwise. */
  dataLabels?: DataLabels;
  /** Number format of the value axis, e.g. `"$"#,##0`; default: the first value cell's format. */
  valueFormat?: string;
}

export interface AddedChart {
  sheet: string;
  title: string;
  /** The chart part written, e.g. `xl/charts/chart1.xml`. */
  part: string;
  series: number;
  categories: number;
}

const KINDS: readonly ChartKind[] = ['column', 'bar', 'line', 'pie', 'doughnut'];
const LEGENDS: readonly LegendPosition[] = ['right', 'bottom', 'top', 'none'];
const LABELS: readonly DataLabels[] = ['none', 'value', 'percent'];
/** Characters XML 1.0 cannot carry at all. */
const XML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const RANGE_EXAMPLE = `"'Summary'!$C$2:$C$9"`;

interface ParsedSeries {
  name?: string;
  nameRef?: SheetRange;
  values: SheetRange;
  valueCells: CellAddress[];
  color?: string;
}

interface ParsedChart {
  spec: ChartSpec;
  anchor: CellRange;
  categories: SheetRange;
  categoryCells: CellAddress[];
  series: ParsedSeries[];
  legend: LegendPosition;
  dataLabels: DataLabels;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidInputError(field, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
}

function lineRange(field: string, value: unknown): { range: SheetRange; cells: CellAddress[] } {
  const range = typeof value === 'string' ? parseSheetRange(value) : undefined;
  if (!range) throw new InvalidInputError(field, `must be a sheet-qualified range like ${RANGE_EXAMPLE}; got ${JSON.stringify(value)}`);
  const cells = cellsAlong(range);
  if (!cells) throw new InvalidInputError(field, `must be one row or one column; ${JSON.stringify(value)} is a block`);
  return { range, cells };
}

/** Checks every spec before the file is touched; a bad field is named with what it allows. */
export function parseChartSpecs(charts: readonly ChartSpec[]): ParsedChart[] {
  if (!Array.isArray(charts)) throw new InvalidInputError('charts', 'must be a list of chart specs');
  return charts.map((spec, i) => {
    const at = `charts[${i}]`;
    if (typeof spec !== 'object' || spec === null) throw new InvalidInputError(at, 'must be a chart spec object');
    if (typeof spec.sheet !== 'string' || spec.sheet === '') throw new InvalidInputError(`${at}.sheet`, 'must name the worksheet to draw the chart on');
    const anchor = typeof spec.anchor === 'string' ? parseCellRange(spec.anchor) : undefined;
    if (!anchor || (anchor.start.column === anchor.end.column && anchor.start.row === anchor.end.row)) {
      throw new InvalidInputError(`${at}.anchor`, `must be the cells the chart covers, like "F2:N20"; got ${JSON.stringify(spec.anchor)}`);
    }
    const kind = oneOf(`${at}.kind`, spec.kind, KINDS);
    if (typeof spec.title !== 'string' || spec.title.trim() === '' || XML_CONTROL.test(spec.title)) {
      throw new InvalidInputError(`${at}.title`, 'must be a non-empty text without control characters');
    }
    const categories = lineRange(`${at}.categories`, spec.categories);
    const seriesSpecs: readonly ChartSeriesSpec[] = spec.series;
    if (!Array.isArray(seriesSpecs) || seriesSpecs.length === 0) throw new InvalidInputError(`${at}.series`, 'must list at least one series');
    const pie = kind === 'pie' || kind === 'doughnut';
    if (pie && seriesSpecs.length !== 1) throw new InvalidInputError(`${at}.series`, `a ${kind} chart shows exactly one series; got ${seriesSpecs.length}`);
    const series = seriesSpecs.map((s, j): ParsedSeries => {
      const sat = `${at}.series[${j}]`;
      const values = lineRange(`${sat}.values`, s?.values);
      if (values.cells.length !== categories.cells.length) {
        throw new InvalidInputError(`${sat}.values`, `has ${values.cells.length} cells and categories has ${categories.cells.length}: they must be the same length`);
      }
      if (s.name !== undefined && s.nameRef !== undefined) throw new InvalidInputError(`${sat}.name`, 'give name or nameRef, not both');
      if (s.name !== undefined && (typeof s.name !== 'string' || XML_CONTROL.test(s.name))) throw new InvalidInputError(`${sat}.name`, 'must be a text without control characters');
      let nameRef: SheetRange | undefined;
      if (s.nameRef !== undefined) {
        nameRef = typeof s.nameRef === 'string' ? parseSheetRange(s.nameRef) : undefined;
        if (!nameRef || nameRef.start.column !== nameRef.end.column || nameRef.start.row !== nameRef.end.row) {
          throw new InvalidInputError(`${sat}.nameRef`, `must be one sheet-qualified cell like "'Trend'!$B$1"; got ${JSON.stringify(s.nameRef)}`);
        }
      }
      let color: string | undefined;
      if (s.color !== undefined) {
        if (pie) throw new InvalidInputError(`${sat}.color`, `${kind} slices take the theme's colours; leave color out`);
        const hex = typeof s.color === 'string' ? s.color.replace(/^#/, '') : '';
        if (!/^[0-9A-Fa-f]{6}$/.test(hex)) throw new InvalidInputError(`${sat}.color`, `must be RRGGBB hex, e.g. "4472C4"; got ${JSON.stringify(s.color)}`);
        color = hex.toUpperCase();
      }
      return { name: s.name, nameRef, values: values.range, valueCells: values.cells, color };
    });
    if (spec.valueFormat !== undefined && (typeof spec.valueFormat !== 'string' || spec.valueFormat === '')) {
      throw new InvalidInputError(`${at}.valueFormat`, `must be an Excel number format like '"$"#,##0'; got ${JSON.stringify(spec.valueFormat)}`);
    }
    const legend = oneOf(`${at}.legend`, spec.legend, LEGENDS, pie || series.length > 1 ? 'right' : 'none');
    const dataLabels = oneOf(`${at}.dataLabels`, spec.dataLabels, LABELS, pie ? 'percent' : 'none');
    return { spec, anchor, categories: categories.range, categoryCells: categories.cells, series, legend, dataLabels };
  });
}

/** The package as loaded: the zip, its content types, and its sheets by name. */
interface OpenPackage {
  zip: JSZip;
  contentTypes: string;
  sheets: WorkbookSheet[];
  /** Workbook-level parts by relationship type (styles, shared strings). */
  workbookParts: Map<string, string>;
}

async function partText(zip: JSZip, part: string): Promise<string | undefined> {
  return zip.file(part)?.async('string');
}

/** A part's uncompressed bytes as a Node stream (JSZip's own is an old-style stream, not async-iterable). */
function partStream(zip: JSZip, part: string): Readable {
  const file = zip.file(part);
  if (!file) throw new InvalidInputError('workbook', `${part} is missing from the package`);
  return new Readable().wrap(file.nodeStream('nodebuffer'));
}

async function openPackage(bytes: Buffer, file: string): Promise<OpenPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new InvalidInputError('workbook', `${file} is not an .xlsx (zip) package: ${(error as Error).message}`);
  }
  const contentTypes = await partText(zip, '[Content_Types].xml');
  const rootRelationships = parseRelationships(await partText(zip, '_rels/.rels'));
  const officeDocument = rootRelationships.find((r) => r.type === REL_TYPE.officeDocument);
  if (!contentTypes || !officeDocument) throw new InvalidInputError('workbook', `${file} has no [Content_Types].xml or no main part: not an .xlsx package`);
  const workbookPart = resolveTarget('', officeDocument.target);
  const workbookXml = await partText(zip, workbookPart);
  if (!workbookXml) throw new InvalidInputError('workbook', `${file} lacks its workbook part ${workbookPart}`);
  const workbookRels = await partText(zip, relsPathOf(workbookPart));
  const sheets = workbookSheets(workbookPart, workbookXml, workbookRels);
  const workbookParts = new Map(parseRelationships(workbookRels).filter((r) => !r.external).map((r) => [r.type, resolveTarget(workbookPart, r.target)]));
  return { zip, contentTypes, sheets, workbookParts };
}

function sheetNamed(pkg: OpenPackage, field: string, name: string): WorkbookSheet {
  // Excel compares sheet names without regard to case.
  const sheet = pkg.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet || sheet.relationshipType !== REL_TYPE.worksheet) {
    const names = pkg.sheets.filter((s) => s.relationshipType === REL_TYPE.worksheet).map((s) => s.name);
    throw new InvalidInputError(field, `no worksheet named ${JSON.stringify(name)}; the workbook has ${names.join(', ')}`);
  }
  return sheet;
}

/** A cell's value as chart caches hold it: text for labels, a number's text for values. */
interface CellText {
  text: string | undefined;
  number: string | undefined;
  style: number;
}

function cellText(cell: StoredCell | undefined, sharedStrings: readonly string[]): CellText {
  if (!cell) return { text: undefined, number: undefined, style: 0 };
  const { type, value, style } = cell;
  switch (type) {
    case 's': {
      const text = value === undefined ? undefined : sharedStrings[Number(value)];
      return { text, number: undefined, style };
    }
    case 'inlineStr':
      return { text: cell.inlineText, number: undefined, style };
    case 'str':
    case 'd':
    case 'e':
      return { text: value, number: undefined, style };
    case 'b':
      return { text: value === undefined ? undefined : value === '1' ? 'TRUE' : 'FALSE', number: value, style };
    default: {
      const finite = value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));
      return { text: value, number: finite ? value : undefined, style };
    }
  }
}

/** Reads every cell the charts refer to, one streamed pass per sheet, plus shared strings and number formats. */
async function readReferencedCells(pkg: OpenPackage, charts: readonly ParsedChart[]): Promise<(range: SheetRange, cell: CellAddress) => CellText> {
  const wanted = new Map<string, CellAddress[]>();
  const partOf = (range: SheetRange) => sheetNamed(pkg, 'sheet', range.sheet).part;
  const want = (range: SheetRange, cells: readonly CellAddress[]) => {
    wanted.set(partOf(range), [...(wanted.get(partOf(range)) ?? []), ...cells]);
  };
  for (const chart of charts) {
    want(chart.categories, chart.categoryCells);
    for (const series of chart.series) {
      want(series.values, series.valueCells);
      if (series.nameRef) want(series.nameRef, [series.nameRef.start]);
    }
  }
  const stored = new Map<string, Map<string, StoredCell>>();
  for (const [part, cells] of wanted) stored.set(part, await readCells(partStream(pkg.zip, part), cells));

  const sharedIndexes = [...stored.values()].flatMap((cells) => [...cells.values()]).filter((c) => c.type === 's').map((c) => Number(c.value));
  const sharedStringsPart = pkg.workbookParts.get(REL_TYPE.sharedStrings);
  const sharedStrings =
    sharedIndexes.length > 0 && sharedStringsPart ? await readSharedStrings(partStream(pkg.zip, sharedStringsPart), sharedIndexes.reduce((a, b) => Math.max(a, b), 0)) : [];
  return (range, cell) => cellText(stored.get(partOf(range))?.get(cellName(cell)), sharedStrings);
}

async function stylesXml(pkg: OpenPackage): Promise<string | undefined> {
  const part = pkg.workbookParts.get(REL_TYPE.styles);
  return part ? partText(pkg.zip, part) : undefined;
}

/** Resolves a parsed spec into the chart part's content: formulas plus cached values. */
function resolveChart(chart: ParsedChart, pkg: OpenPackage, valueOf: (range: SheetRange, cell: CellAddress) => CellText, formats: readonly string[]): ResolvedChart {
  const named = (range: SheetRange): SheetRange => ({ ...range, sheet: sheetNamed(pkg, 'sheet', range.sheet).name });
  const series = chart.series.map((s, index): ResolvedSeries => {
    const values = s.valueCells.map((cell) => valueOf(s.values, cell));
    const firstNumber = values.find((v) => v.number !== undefined);
    let name: ResolvedSeries['name'];
    if (s.nameRef) name = { formula: formatSheetRange(named(s.nameRef)), text: valueOf(s.nameRef, s.nameRef.start).text ?? '' };
    else name = { text: s.name ?? `Series ${index + 1}` };
    return {
      name,
      values: { formula: formatSheetRange(named(s.values)), points: values.map((v) => v.number), formatCode: (firstNumber && formats[firstNumber.style]) || 'General' },
      color: s.color,
    };
  });
  return {
    kind: chart.spec.kind,
    title: chart.spec.title,
    categories: { formula: formatSheetRange(named(chart.categories)), points: chart.categoryCells.map((cell) => valueOf(chart.categories, cell).text) },
    series,
    legend: chart.legend,
    dataLabels: chart.dataLabels,
    valueFormat: chart.spec.valueFormat,
  };
}

/** The first start tag of a part, read from its stream (the stream is left once the tag is complete). */
async function rootTagOf(pkg: OpenPackage, part: string) {
  let text = '';
  for await (const chunk of partStream(pkg.zip, part)) {
    text += chunk.toString('utf8');
    const tag = firstStartTag(text);
    if (tag) return tag;
    if (text.length > 1_000_000) break;
  }
  throw new InvalidInputError('workbook', `${part} has no root element`);
}

/** Everything written into the package, part by part. */
interface Edits {
  texts: Map<string, string>;
  streams: Map<string, NodeJS.ReadableStream>;
  contentTypes: string;
}

async function drawChartsOnSheet(pkg: OpenPackage, sheet: WorkbookSheet, charts: readonly { resolved: ResolvedChart; anchor: CellRange }[], edits: Edits): Promise<string[]> {
  const parts = () => [...Object.keys(pkg.zip.files), ...edits.texts.keys()];
  const sheetRelsPath = relsPathOf(sheet.part);
  let sheetRels = edits.texts.get(sheetRelsPath) ?? (await partText(pkg.zip, sheetRelsPath));
  const existing = parseRelationships(sheetRels).find((r) => r.type === REL_TYPE.drawing && !r.external);

  let drawingPart: string;
  let drawingXml: string | undefined;
  if (existing) {
    // A sheet has at most one drawing: charts join the one exceljs wrote for images.
    drawingPart = resolveTarget(sheet.part, existing.target);
    drawingXml = await partText(pkg.zip, drawingPart);
    if (drawingXml === undefined) throw new InvalidInputError('workbook', `${sheet.part} refers to a drawing ${drawingPart} that is not in the package`);
  } else {
    const root = await rootTagOf(pkg, sheet.part);
    if (localName(root.name) !== 'worksheet' || prefixFor(root, NS.spreadsheet) !== '') {
      throw new InvalidInputError('workbook', `${sheet.part} (${sheet.name}) is not a worksheet in SpreadsheetML's default namespace; charts can only be added there`);
    }
    drawingPart = `xl/drawings/drawing${highestPartNumber(parts(), 'xl/drawings', 'drawing') + 1}.xml`;
    const added = addRelationship(sheetRels, REL_TYPE.drawing, relativeTarget(sheet.part, drawingPart));
    sheetRels = added.xml;
    edits.texts.set(sheetRelsPath, sheetRels);
    const relPrefix = prefixFor(root, NS.relationships);
    const element = relPrefix ? `<drawing ${relPrefix}:id="${added.id}"/>` : `<drawing xmlns:r="${NS.relationships}" r:id="${added.id}"/>`;
    const patched = new DrawingInsertion(element);
    const source = partStream(pkg.zip, sheet.part);
    source.on('error', (error) => patched.destroy(error));
    source.pipe(patched);
    edits.streams.set(sheet.part, patched);
    edits.contentTypes = addOverride(edits.contentTypes, drawingPart, CONTENT_TYPE.drawing);
  }

  const drawingRelsPath = relsPathOf(drawingPart);
  let drawingRels = await partText(pkg.zip, drawingRelsPath);
  let shapeId = drawingXml ? highestShapeId(drawingXml) : 1;
  const anchors: string[] = [];
  const written: string[] = [];
  for (const { resolved, anchor } of charts) {
    const chartPart = `xl/charts/chart${highestPartNumber(parts(), 'xl/charts', 'chart') + 1}.xml`;
    edits.texts.set(chartPart, chartPartXml(resolved));
    edits.contentTypes = addOverride(edits.contentTypes, chartPart, CONTENT_TYPE.chart);
    const added = addRelationship(drawingRels, REL_TYPE.chart, relativeTarget(drawingPart, chartPart));
    drawingRels = added.xml;
    shapeId += 1;
    anchors.push(chartAnchorXml(anchor, shapeId, added.id, `Chart ${shapeId}: ${resolved.title}`));
    written.push(chartPart);
  }
  edits.texts.set(drawingRelsPath, drawingRels as string);
  edits.texts.set(drawingPart, drawingXml ? insertBeforeClosingRoot(drawingXml, 'wsDr', anchors.join('')) : drawingPartXml(anchors));
  return written;
}

/** Writes the edited package to a temporary file beside `output`, then moves it into place. */
async function savePackage(pkg: OpenPackage, edits: Edits, output: string): Promise<void> {
  // New parts take the package's own timestamp, so the same input gives the same bytes.
  const date = pkg.zip.file('[Content_Types].xml')?.date;
  const options = { createFolders: false, binary: false, ...(date ? { date } : {}) };
  pkg.zip.file('[Content_Types].xml', edits.contentTypes, options);
  for (const [part, text] of edits.texts) pkg.zip.file(part, text, options);
  for (const [part, stream] of edits.streams) pkg.zip.file(part, stream, { ...options, binary: true });
  const temporary = join(dirname(output), `.${randomUUID()}.xlsx.tmp`);
  try {
    await pipeline(pkg.zip.generateNodeStream({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, streamFiles: false }), createWriteStream(temporary));
    await rename(temporary, output);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Adds `charts` to the workbook at `file` (rewritten in place, or written to `options.output`).
 * Every spec is checked, and every referenced sheet found, before anything is written: a bad spec
 * throws InvalidInputError naming the field and leaves the file as it was.
 *
 * @example
 * await addCharts('/tmp/report.xlsx', [{
 *   sheet: 'Summary', anchor: 'F2:N20', kind: 'bar', title: 'Monthly cost by instance type',
 *   categories: "'Summary'!$A$30:$A$41",
 *   series: [{ nameRef: "'Summary'!$C$29", values: "'Summary'!$C$30:$C$41" }],
 * }]);
 */
export async function addCharts(file: string, charts: readonly ChartSpec[], options: { output?: string } = {}): Promise<AddedChart[]> {
  const parsed = parseChartSpecs(charts);
  if (parsed.length === 0) return [];
  const pkg = await openPackage(await readFile(file), file);
  parsed.forEach((chart, i) => {
    sheetNamed(pkg, `charts[${i}].sheet`, chart.spec.sheet);
    sheetNamed(pkg, `charts[${i}].categories`, chart.categories.sheet);
    chart.series.forEach((s, j) => {
      sheetNamed(pkg, `charts[${i}].series[${j}].values`, s.values.sheet);
      if (s.nameRef) sheetNamed(pkg, `charts[${i}].series[${j}].nameRef`, s.nameRef.sheet);
    });
  });

  const valueOf = await readReferencedCells(pkg, parsed);
  const formats = numberFormatsByStyle(await stylesXml(pkg));
  const edits: Edits = {
    texts: new Map(),
    streams: new Map(),
    contentTypes: ensureDefault(pkg.contentTypes, 'rels', CONTENT_TYPE.relationships),
  };
  const bySheet = new Map<WorkbookSheet, { resolved: ResolvedChart; anchor: CellRange; index: number }[]>();
  parsed.forEach((chart, index) => {
    const sheet = sheetNamed(pkg, 'sheet', chart.spec.sheet);
    bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), { resolved: resolveChart(chart, pkg, valueOf, formats), anchor: chart.anchor, index }]);
  });

  const added: AddedChart[] = [];
  for (const [sheet, sheetCharts] of bySheet) {
    const parts = await drawChartsOnSheet(pkg, sheet, sheetCharts, edits);
    sheetCharts.forEach(({ resolved, index }, i) => {
      added[index] = { sheet: sheet.name, title: resolved.title, part: parts[i] as string, series: resolved.series.length, categories: resolved.categories.points.length };
    });
  }
  await savePackage(pkg, edits, options.output ?? file);
  return added;
}
