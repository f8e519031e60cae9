/**
 * Native charts added to exceljs workbooks, checked by readers that share no code with exceljs or
 * with the chart writer: Python's standard library (package structure, the rules behind Excel's
 * "repair" prompt) and openpyxl (which charts, which cells each series points at, what is cached).
 * LibreOffice's rendering is scripts/check-workbook.sh's job (too slow for every test run).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCharts, type ChartSpec } from '../../functions/render-report/xlsx/charts';
import { sampleCharts, writeSampleWorkbook, type SampleData } from '../support/sample-workbook';
import { checkPackage, OPENPYXL_MISSING, readWithOpenpyxl, testWithOpenpyxl } from '../support/xlsx-readers';

// A 1×1 PNG, for a sheet where exceljs already wrote a drawing of its own.
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let dir: string;
let charted: string;
let data: SampleData;

beforeAll(async () => {
  if (OPENPYXL_MISSING) process.stderr.write(`xlsx-charts: openpyxl checks ${process.env.CI ? 'will fail' : 'skipped'}: ${OPENPYXL_MISSING}\n`);
  dir = mkdtempSync(join(tmpdir(), 'xlsx-charts-'));
  charted = join(dir, 'sample.xlsx');
  data = await writeSampleWorkbook(charted);
  await addCharts(charted, sampleCharts());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const numbers = (cache: readonly (string | number | null)[] | undefined) => cache?.map((v) => (v === null ? null : Number(v)));

describe('a streamed workbook with three native charts', () => {
  test('passes the strict package check: content types, relationships, element order, conditional formats, chart parts', () => {
    const report = checkPackage(charted);

    expect(report.problems).toEqual([]);
    expect(report.worksheets.Summary?.slice(-4)).toEqual(['pageMargins', 'pageSetup', 'headerFooter', 'drawing']);
    expect(report.worksheets.EC2_Detail_Costs).toEqual([
      'sheetPr',
      'sheetViews',
      'sheetFormatPr',
      'cols',
      'sheetData',
      'autoFilter',
      'conditionalFormatting',
      'conditionalFormatting',
      'conditionalFormatting',
      'conditionalFormatting',
      'pageMargins',
      'pageSetup',
      'headerFooter',
      'drawing',
    ]);
    expect(report.worksheets.Trend).not.toContain('drawing');
  });

  test('each series points at the cells written and caches their values (stdlib reading of the chart parts)', () => {
    const charts = checkPackage(charted).charts;

    expect(charts.map((c) => [c.sheet, c.title, c.plots.map((p) => p.type), c.from, c.to])).toEqual([
      ['Summary', 'Monthly cost by instance type', ['barChart'], [4, 0], [12, 16]],
      ['Summary', 'Weekly cost trend', ['lineChart'], [4, 17], [12, 34]],
      ['EC2_Detail_Costs', 'Monthly cost by region', ['doughnutChart'], [6, 1], [12, 18]],
    ]);
    const [byType, trend, byRegion] = charts.map((c) => c.plots[0]!.series);
    expect(byType).toEqual([
      {
        name: { ref: "'Summary'!$C$1", cache: ['Monthly(USD)'] },
        categories: { ref: "'Summary'!$A$3:$A$8", cache: data.byType.map((t) => t.type) },
        values: { ref: "'Summary'!$C$3:$C$8", cache: expect.any(Array) },
      },
    ]);
    expect(numbers(byType![0]!.values.cache)).toEqual(data.byType.map((t) => t.monthly));
    expect(trend!.map((s) => [s.name, s.categories?.ref, s.values.ref])).toEqual(
      ['B', 'C', 'D', 'E'].map((column, i) => [
        { ref: `'Trend'!$${column}$1`, cache: [data.trendHeaders[i + 1]] },
        "'Trend'!$A$2:$A$7",
        `'Trend'!$${column}$2:$${column}$7`,
      ]),
    );
    expect(trend!.map((s) => numbers(s.values.cache))).toEqual([0, 1, 2, 3].map((i) => data.trend.map((w) => w.values[i])));
    expect(trend![0]!.categories?.cache).toEqual(data.trend.map((w) => w.date));
    expect(byRegion![0]!.categories?.cache).toEqual(data.byRegion.map((r) => r.region));
    expect(numbers(byRegion![0]!.values.cache)).toEqual(data.byRegion.map((r) => r.monthly));
  });

  testWithOpenpyxl('openpyxl loads it without a warning and finds each chart, its references and cached values', () => {
    const report = readWithOpenpyxl(charted);

    expect(report.warnings).toEqual([]);
    const summary = report.sheets.Summary!;
    const detail = report.sheets.EC2_Detail_Costs!;
    expect(summary.charts.map((c) => [c.type, c.title, c.barDir, c.from, c.to])).toEqual([
      ['BarChart', 'Monthly cost by instance type', 'bar', [4, 0], [12, 16]],
      ['LineChart', 'Weekly cost trend', null, [4, 17], [12, 34]],
    ]);
    expect(summary.charts[0]!.series[0]).toEqual({
      name: { ref: "'Summary'!$C$1", cache: ['Monthly(USD)'] },
      categories: { ref: "'Summary'!$A$3:$A$8", cache: data.byType.map((t) => t.type) },
      values: { ref: "'Summary'!$C$3:$C$8", cache: data.byType.map((t) => t.monthly) },
    });
    expect(summary.charts[1]!.series.map((s) => [s.name?.ref, s.values?.ref, s.values?.cache])).toEqual(
      ['B', 'C', 'D', 'E'].map((column, i) => [`'Trend'!$${column}$1`, `'Trend'!$${column}$2:$${column}$7`, data.trend.map((w) => w.values[i])]),
    );
    expect(detail.charts.map((c) => [c.type, c.title, c.series[0]?.values?.ref, c.series[0]?.values?.cache])).toEqual([
      ['DoughnutChart', 'Monthly cost by region', "'Summary'!$C$11:$C$13", data.byRegion.map((r) => r.monthly)],
    ]);
  });

  testWithOpenpyxl('openpyxl reads the conditional formats and the print setup the sheet modules asked for', () => {
    const { sheets } = readWithOpenpyxl(charted);
    const last = data.detailRows + 1;

    expect(sheets.EC2_Detail_Costs!.conditionalFormatting).toEqual([
      { range: `A2:E${last}`, rules: ['expression', 'expression'], formulas: [['ISNUMBER(SEARCH("unpriced",$E2))'], ['ISNUMBER(SEARCH("waste",$E2))']] },
      { range: `D2:D${last}`, rules: ['top10', 'dataBar'], formulas: [[], []] },
    ]);
    expect(sheets.EC2_Detail_Costs!.print).toEqual({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: '$1:$1',
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75 },
      footer: null,
    });
    expect(sheets.Summary!.print).toMatchObject({ orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1, titleRows: null });
  });
});

describe('charts beside what exceljs drew', () => {
  test('charts join the drawing exceljs wrote for an image on the same sheet; both survive', async () => {
    const file = join(dir, 'with-image.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Summary');
    sheet.addRows([['Type', 'Monthly'], ['m5.large', 86.14], ['t3.micro', 9.49]]);
    sheet.addImage(workbook.addImage({ buffer: PIXEL_PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'D1:E3');
    await workbook.xlsx.writeFile(file);

    await addCharts(file, [
      { sheet: 'Summary', anchor: 'D5:J20', kind: 'column', title: 'Monthly', categories: 'Summary!A2:A3', series: [{ values: 'Summary!B2:B3' }] },
      { sheet: 'Summary', anchor: 'D22:J36', kind: 'pie', title: 'Share', categories: 'Summary!A2:A3', series: [{ values: 'Summary!B2:B3' }] },
    ]);

    const report = checkPackage(file);
    expect(report.problems).toEqual([]);
    expect(report.worksheets.Summary?.filter((child) => child === 'drawing')).toHaveLength(1);
    expect(report.charts.map((c) => [c.sheet, c.plots[0]?.type, c.plots[0]?.series[0]?.categories?.cache])).toEqual([
      ['Summary', 'barChart', ['m5.large', 't3.micro']],
      ['Summary', 'pieChart', ['m5.large', 't3.micro']],
    ]);
    if (!OPENPYXL_MISSING) {
      const summary = readWithOpenpyxl(file).sheets.Summary!;
      expect([summary.images, summary.charts.map((c) => c.type)]).toEqual([1, ['BarChart', 'PieChart']]);
    }
  });

  test('a chart drawn on a sheet of thousands of rows leaves its rows byte for byte and caches values (and shared strings) from its last rows', async () => {
    const file = join(dir, 'long.xlsx');
    const rows = 20_000;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
    const sheet = workbook.addWorksheet('Long');
    sheet.addRow(['Week', 'Total']).commit();
    for (let r = 2; r <= rows + 1; r += 1) sheet.addRow([`w${r}`, r * 1.5]).commit();
    sheet.commit();
    await workbook.commit();
    const before = await (await JSZip.loadAsync(readFileSync(file))).file('xl/worksheets/sheet1.xml')!.async('string');

    await addCharts(file, [
      { sheet: 'Long', anchor: 'D2:K18', kind: 'line', title: 'Last weeks', categories: `Long!A${rows - 3}:A${rows + 1}`, series: [{ nameRef: 'Long!B1', values: `Long!B${rows - 3}:B${rows + 1}` }] },
    ]);

    const after = await (await JSZip.loadAsync(readFileSync(file))).file('xl/worksheets/sheet1.xml')!.async('string');
    const end = before.indexOf('</sheetData>');
    expect(after.slice(0, end)).toBe(before.slice(0, end));
    expect(after.slice(end)).toBe(before.slice(end).replace('</worksheet>', '<drawing r:id="rId1"/></worksheet>'));
    const report = checkPackage(file);
    expect(report.problems).toEqual([]);
    const series = report.charts[0]?.plots[0]?.series[0];
    expect(numbers(series?.values.cache)).toEqual([rows - 3, rows - 2, rows - 1, rows, rows + 1].map((r) => r * 1.5));
    expect(series?.categories?.cache).toEqual([rows - 3, rows - 2, rows - 1, rows, rows + 1].map((r) => `w${r}`));
    expect(series?.name).toEqual({ ref: "'Long'!$B$1", cache: ['Total'] });
  });
});

describe('bad chart specs', () => {
  const good = sampleCharts()[0] as ChartSpec;
  test.each<[string, Partial<ChartSpec>, string]>([
    ['a sheet the workbook lacks', { sheet: 'Sumary' }, 'charts[0].sheet: no worksheet named "Sumary"; the workbook has Summary, EC2_Detail_Costs, Trend'],
    ['a range on a sheet the workbook lacks', { categories: "'Costs'!$A$3:$A$8" }, 'charts[0].categories: no worksheet named "Costs"'],
    ['values and categories of different lengths', { series: [{ values: "'Summary'!$C$3:$C$7" }] }, 'charts[0].series[0].values: has 5 cells and categories has 6: they must be the same length'],
    ['an unknown kind', { kind: 'area' as ChartSpec['kind'] }, 'charts[0].kind: must be one of column, bar, line, pie, doughnut; got "area"'],
    ['a block instead of a row or column', { categories: "'Summary'!$A$3:$B$8" }, 'charts[0].categories: must be one row or one column'],
    ['an unqualified range', { categories: 'A3:A8' }, `charts[0].categories: must be a sheet-qualified range like "'Summary'!$C$2:$C$9"; got "A3:A8"`],
    ['a one-cell anchor', { anchor: 'E1' }, 'charts[0].anchor: must be the cells the chart covers, like "F2:N20"; got "E1"'],
    ['two series in a pie', { kind: 'pie', series: [{ values: "'Summary'!$C$3:$C$8" }, { values: "'Summary'!$B$3:$B$8" }] }, 'charts[0].series: a pie chart shows exactly one series; got 2'],
    ['a colour that is not hex', { series: [{ values: "'Summary'!$C$3:$C$8", color: 'blue' }] }, 'charts[0].series[0].color: must be RRGGBB hex'],
  ])('%s is refused naming the field, and the file is left as it was', async (_, change, message) => {
    const file = join(dir, 'refused.xlsx');
    copyFileSync(charted, file);
    const bytes = readFileSync(file);

    await expect(addCharts(file, [{ ...good, ...change } as ChartSpec])).rejects.toThrow(message);

    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a file that is not a workbook is refused as the workbook input', async () => {
    const file = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(file, 'Name,Cost\n');

    await expect(addCharts(file, [good])).rejects.toMatchObject({ name: 'InvalidInputError', field: 'workbook' });
  });
});

describe('the package check itself', () => {
  /** A copy of the charted sample with one part rewritten, as a broken writer would leave it. */
  async function broken(name: string, part: string, edit: (xml: string) => string, rels?: { part: string; edit: (xml: string) => string }): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(charted));
    zip.file(part, edit(await zip.file(part)!.async('string')));
    if (rels) zip.file(rels.part, rels.edit(await zip.file(rels.part)!.async('string')));
    const file = join(dir, `${name}.xlsx`);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return file;
  }

  test.each<[string, () => Promise<string>, string]>([
    ['a chart part without a content type', () => broken('no-override', '[Content_Types].xml', (x) => x.replace(/<Override PartName="\/xl\/charts\/chart2.xml"[^>]*\/>/, '')), 'rId2 (chart) targets xl/charts/chart2.xml whose content type is application/xml, not application/vnd.openxmlformats-officedocument.drawingml.chart+xml'],
    [
      '<drawing> before <pageMargins>',
      () => broken('order', 'xl/worksheets/sheet1.xml', (x) => x.replace(/<drawing r:id="(\w+)"\/>/, '').replace('<pageMargins', '<drawing r:id="rId1"/><pageMargins')),
      '<pageMargins> out of order',
    ],
    [
      'a <drawing> whose relationship is gone',
      () => broken('dangling', 'xl/worksheets/_rels/sheet1.xml.rels', (x) => x.replace(/<Relationship [^>]*drawing[^>]*\/>/, '')),
      'xl/worksheets/sheet1.xml: <drawing r:id="rId1"> names no relationship of this part',
    ],
    ['an empty x14:id (exceljs\'s streamed data bar)', () => broken('x14', 'xl/worksheets/sheet2.xml', (x) => x.replace('</dataBar>', '</dataBar><extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id/></ext></extLst>')), "x14:id '' is not a GUID"],
    ['series children out of schema order', () => broken('ser-order', 'xl/charts/chart1.xml', (x) => x.replace(/(<c:cat>.*<\/c:cat>)(<c:val>.*<\/c:val>)/, '$2$1')), 'xl/charts/chart1.xml: <ser> children out of schema order'],
    ['a chart formula on a sheet that does not exist', () => broken('formula', 'xl/charts/chart3.xml', (x) => x.replace("'Summary'!$C$11:$C$13", "'Summry'!$C$11:$C$13")), "formula 'Summry'!$C$11:$C$13 names no sheet of the workbook"],
  ])('finds %s', async (_, make, problem) => {
    const report = checkPackage(await make());

    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toContain(problem);
  });
});
