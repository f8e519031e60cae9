/**
 * DrawingML for charts: the chart part (c:chartSpace, ECMA-376 Part 1, 21.2) and the anchors of
 * the sheet's drawing part (xdr:wsDr, 20.5). Element order follows the schema's sequences, which
 * Excel enforces (a child out of order is a "repair" prompt).
 */
import type { CellRange } from './cell-refs';
import { NS, XML_DECLARATION } from './package-parts';
import { escapeText, escapeXml } from './xml-text';

export type ChartKind = 'column' | 'bar' | 'line' | 'pie' | 'doughnut';
export type LegendPosition = 'right' | 'bottom' | 'top' | 'none';
export type DataLabels = 'none' | 'value' | 'percent';

/** A range and its cells' current values, in the range's order (undefined: blank or not a number). */
export interface CachedRange<T> {
  formula: string;
  points: readonly (T | undefined)[];
}

export interface ResolvedSeries {
  name: { formula?: string; text: string };
  values: CachedRange<string> & { formatCode: string };
  /** RRGGBB */
  color?: string;
}

export interface ResolvedChart {
  kind: ChartKind;
  title: string;
  categories: CachedRange<string>;
  series: readonly ResolvedSeries[];
  legend: LegendPosition;
  dataLabels: DataLabels;
  /** Number format of the value axis; undefined links it to the data's format. */
  valueFormat?: string;
}

const val = (tag: string, value: string | number) => `<c:${tag} val="${escapeXml(String(value))}"/>`;

function points(values: readonly (string | undefined)[]): string {
  return values.map((v, idx) => (v === undefined ? '' : `<c:pt idx="${idx}"><c:v>${escapeText(v)}</c:v></c:pt>`)).join('');
}

function strRef(range: CachedRange<string>): string {
  return `<c:strRef><c:f>${escapeText(range.formula)}</c:f><c:strCache>${val('ptCount', range.points.length)}${points(range.points)}</c:strCache></c:strRef>`;
}

function numRef(range: ResolvedSeries['values']): string {
  return (
    `<c:numRef><c:f>${escapeText(range.formula)}</c:f><c:numCache><c:formatCode>${escapeText(range.formatCode)}</c:formatCode>` +
    `${val('ptCount', range.points.length)}${points(range.points)}</c:numCache></c:numRef>`
  );
}

function seriesName(name: ResolvedSeries['name']): string {
  if (name.formula === undefined) return `<c:tx><c:v>${escapeText(name.text)}</c:v></c:tx>`;
  return `<c:tx>${strRef({ formula: name.formula, points: [name.text] })}</c:tx>`;
}

const solidFill = (color: string) => `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;

function seriesShape(kind: ChartKind, color: string | undefined): string {
  if (!color) return '';
  if (kind === 'line') return `<c:spPr><a:ln w="28575" cap="rnd">${solidFill(color)}<a:round/></a:ln></c:spPr>`;
  return `<c:spPr>${solidFill(color)}</c:spPr>`;
}

function dataLabels(chart: ResolvedChart, formatCode: string): string {
  if (chart.dataLabels === 'none') return '';
  const percent = chart.dataLabels === 'percent';
  const pie = chart.kind === 'pie' || chart.kind === 'doughnut';
  return (
    '<c:dLbls>' +
    (percent ? '<c:numFmt formatCode="0%" sourceLinked="0"/>' : `<c:numFmt formatCode="${escapeXml(formatCode)}" sourceLinked="1"/>`) +
    val('showLegendKey', 0) +
    val('showVal', percent ? 0 : 1) +
    val('showCatName', 0) +
    val('showSerName', 0) +
    val('showPercent', percent ? 1 : 0) +
    val('showBubbleSize', 0) +
    (pie ? val('showLeaderLines', 1) : '') +
    '</c:dLbls>'
  );
}

/** One <c:ser>, its children in the order of CT_BarSer / CT_LineSer / CT_PieSer. */
function seriesXml(chart: ResolvedChart, series: ResolvedSeries, index: number): string {
  const head = val('idx', index) + val('order', index) + seriesName(series.name) + seriesShape(chart.kind, series.color);
  const data = `<c:cat>${strRef(chart.categories)}</c:cat><c:val>${numRef(series.values)}</c:val>`;
  const labels = dataLabels(chart, series.values.formatCode);
  switch (chart.kind) {
    case 'column':
    case 'bar':
      return `<c:ser>${head}${val('invertIfNegative', 0)}${labels}${data}</c:ser>`;
    case 'line': {
      const marker = `<c:marker>${val('symbol', 'circle')}${val('size', 5)}${series.color ? `<c:spPr>${solidFill(series.color)}<a:ln>${solidFill(series.color)}</a:ln></c:spPr>` : ''}</c:marker>`;
      return `<c:ser>${head}${marker}${labels}${data}${val('smooth', 0)}</c:ser>`;
    }
    case 'pie':
    case 'doughnut':
      return `<c:ser>${head}${labels}${data}</c:ser>`;
  }
}

const CATEGORY_AXIS_ID = 500010;
const VALUE_AXIS_ID = 500020;

function axes(chart: ResolvedChart): string {
  const horizontal = chart.kind === 'bar';
  // Horizontal bars list the first category at the top, as the sheet does: reversed category
  // axis, value axis crossing at its far end so the value labels stay at the bottom.
  const categoryAxis =
    '<c:catAx>' +
    val('axId', CATEGORY_AXIS_ID) +
    `<c:scaling>${val('orientation', horizontal ? 'maxMin' : 'minMax')}</c:scaling>` +
    val('delete', 0) +
    val('axPos', horizontal ? 'l' : 'b') +
    '<c:numFmt formatCode="General" sourceLinked="1"/>' +
    val('majorTickMark', 'out') +
    val('minorTickMark', 'none') +
    val('tickLblPos', 'nextTo') +
    val('crossAx', VALUE_AXIS_ID) +
    val('crosses', 'autoZero') +
    val('auto', 1) +
    val('lblAlgn', 'ctr') +
    val('lblOffset', 100) +
    val('noMultiLvlLbl', 0) +
    '</c:catAx>';
  const formatCode = chart.valueFormat ?? chart.series[0]?.values.formatCode ?? 'General';
  const valueAxis =
    '<c:valAx>' +
    val('axId', VALUE_AXIS_ID) +
    `<c:scaling>${val('orientation', 'minMax')}</c:scaling>` +
    val('delete', 0) +
    val('axPos', horizontal ? 'b' : 'l') +
    '<c:majorGridlines/>' +
    `<c:numFmt formatCode="${escapeXml(formatCode)}" sourceLinked="${chart.valueFormat === undefined ? 1 : 0}"/>` +
    val('majorTickMark', 'out') +
    val('minorTickMark', 'none') +
    val('tickLblPos', 'nextTo') +
    val('crossAx', CATEGORY_AXIS_ID) +
    val('crosses', horizontal ? 'max' : 'autoZero') +
    val('crossBetween', 'between') +
    '</c:valAx>';
  return categoryAxis + valueAxis;
}

function plot(chart: ResolvedChart): string {
  const series = chart.series.map((s, i) => seriesXml(chart, s, i)).join('');
  const axisIds = val('axId', CATEGORY_AXIS_ID) + val('axId', VALUE_AXIS_ID);
  switch (chart.kind) {
    case 'column':
    case 'bar':
      return `<c:barChart>${val('barDir', chart.kind === 'bar' ? 'bar' : 'col')}${val('grouping', 'clustered')}${val('varyColors', 0)}${series}${val('gapWidth', 80)}${axisIds}</c:barChart>${axes(chart)}`;
    case 'line':
      return `<c:lineChart>${val('grouping', 'standard')}${val('varyColors', 0)}${series}${val('marker', 1)}${axisIds}</c:lineChart>${axes(chart)}`;
    case 'pie':
      return `<c:pieChart>${val('varyColors', 1)}${series}${val('firstSliceAng', 0)}</c:pieChart>`;
    case 'doughnut':
      return `<c:doughnutChart>${val('varyColors', 1)}${series}${val('firstSliceAng', 0)}${val('holeSize', 55)}</c:doughnutChart>`;
  }
}

function title(text: string): string {
  return (
    '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/>' +
    `<a:p><a:pPr><a:defRPr sz="1300" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1300" b="1"/><a:t>${escapeText(text)}</a:t></a:r></a:p>` +
    `</c:rich></c:tx>${val('overlay', 0)}</c:title>`
  );
}

const LEGEND_POSITION: Record<Exclude<LegendPosition, 'none'>, string> = { right: 'r', bottom: 'b', top: 't' };

/** The chart part: xl/charts/chartN.xml. */
export function chartPartXml(chart: ResolvedChart): string {
  const legend = chart.legend === 'none' ? '' : `<c:legend>${val('legendPos', LEGEND_POSITION[chart.legend])}${val('overlay', 0)}</c:legend>`;
  return (
    XML_DECLARATION +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.relationships}">` +
    // Absent, roundedCorners defaults to true in Excel.
    val('roundedCorners', 0) +
    '<c:chart>' +
    title(chart.title) +
    val('autoTitleDeleted', 0) +
    `<c:plotArea><c:layout/>${plot(chart)}</c:plotArea>` +
    legend +
    val('plotVisOnly', 1) +
    val('dispBlanksAs', 'gap') +
    '</c:chart>' +
    '</c:chartSpace>'
  );
}

const cellMarker = (tag: 'from' | 'to', column: number, row: number) =>
  `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

/**
 * One chart's anchor in a drawing part, covering the cells of `cells` (zero-based markers: the
 * bottom-right corner sits at the top-left of the cell after the range). Namespaces are declared
 * on the anchor itself, so it can join a drawing part written by someone else under any prefixes.
 */
export function chartAnchorXml(cells: CellRange, frameId: number, relationshipId: string, name: string): string {
  return (
    `<xdr:twoCellAnchor xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">` +
    cellMarker('from', cells.start.column - 1, cells.start.row - 1) +
    cellMarker('to', cells.end.column, cells.end.row) +
    '<xdr:graphicFrame macro="">' +
    `<xdr:nvGraphicFramePr><xdr:cNvPr id="${frameId}" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.relationships}" r:id="${relationshipId}"/></a:graphicData></a:graphic>` +
    '</xdr:graphicFrame>' +
    '<xdr:clientData/>' +
    '</xdr:twoCellAnchor>'
  );
}

/** A new drawing part holding `anchors`. */
export function drawingPartXml(anchors: readonly string[]): string {
  return `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">${anchors.join('')}</xdr:wsDr>`;
}

/** The highest cNvPr id in a drawing part (ids must be unique within it). */
export function highestShapeId(drawingXml: string): number {
  let highest = 1;
  for (const match of drawingXml.matchAll(/<(?:\w+:)?cNvPr\b[^>]*?\sid="(\d+)"/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}
