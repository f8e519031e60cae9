/**
 * The text-level pieces of the .xlsx editor: references, relationships and content types, and the
 * streaming readers and patcher of worksheet XML, fed in awkward chunks as a zip stream delivers them.
 */
import { Readable } from 'node:stream';
import { cellsAlong, formatSheetRange, parseCellRange, parseSheetRange } from '../../functions/render-report/xlsx/cell-refs';
import { addOverride, addRelationship, ensureDefault, parseRelationships, relativeTarget, relsPathOf, resolveTarget, workbookSheets } from '../../functions/render-report/xlsx/package-parts';
import { DrawingInsertion, drawingInsertionIndex, numberFormatsByStyle, readCells, readSharedStrings } from '../../functions/render-report/xlsx/sheet-xml';

/** Splits text into byte chunks of the given sizes, repeated; multi-byte characters get cut in two. */
function chunked(text: string, sizes: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length] as number;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="20"/></cols>';

function sheetXml(rows: string, tail = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'): string {
  return `${SHEET_HEAD}<sheetData>${rows}</sheetData>${tail}</worksheet>`;
}

describe('sheet-qualified ranges', () => {
  test('quoted, unquoted and escaped sheet names parse to the same cells and print back quoted and absolute', () => {
    const quoted = parseSheetRange("'Summary'!$A$2:$A$9");
    const plain = parseSheetRange('Summary!A2:A9');
    const apostrophe = parseSheetRange("'Bob''s costs'!B1");

    expect(quoted).toEqual({ sheet: 'Summary', start: { column: 1, row: 2 }, end: { column: 1, row: 9 } });
    expect(plain).toEqual(quoted);
    expect(apostrophe).toEqual({ sheet: "Bob's costs", start: { column: 2, row: 1 }, end: { column: 2, row: 1 } });
    expect(formatSheetRange(apostrophe!)).toBe("'Bob''s costs'!$B$1");
    expect(formatSheetRange(plain!)).toBe("'Summary'!$A$2:$A$9");
  });

  test('malformed, reversed, unqualified or out-of-sheet references are refused', () => {
    for (const bad of ['A2:A9', "'Summary!A1", 'Summary!A9:A2', 'Summary!XFE1', 'Summary!A1048577', "'a[b'!A1", 'My Sheet!A1', 'Summary!A1:B2:C3']) {
      expect(parseSheetRange(bad)).toBeUndefined();
    }
    expect(parseCellRange('XFD1048576')).toEqual({ start: { column: 16384, row: 1048576 }, end: { column: 16384, row: 1048576 } });
  });

  test('a row or a column lists its cells in order; a block is not a series', () => {
    expect(cellsAlong(parseCellRange('B2:B4')!)).toEqual([
      { column: 2, row: 2 },
      { column: 2, row: 3 },
      { column: 2, row: 4 },
    ]);
    expect(cellsAlong(parseCellRange('Y1:AA1')!)?.map((c) => c.column)).toEqual([25, 26, 27]);
    expect(cellsAlong(parseCellRange('A1:B2')!)).toBeUndefined();
  });
});

describe('relationships and content types', () => {
  test('a new relationship takes an Id no existing one has, even after gaps and non-numeric Ids', () => {
    const xml =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="t" Target="a.xml"/><Relationship Id="rId7" Type="t" Target="b.xml"/><Relationship Id="hyperlink9" Type="h" Target="http://x" TargetMode="External"/></Relationships>';

    const { xml: updated, id } = addRelationship(xml, 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing', '../drawings/drawing1.xml');

    expect(id).toBe('rId8');
    expect(parseRelationships(updated).map((r) => [r.id, r.target, r.external])).toEqual([
      ['rId1', 'a.xml', false],
      ['rId7', 'b.xml', false],
      ['hyperlink9', 'http://x', true],
      ['rId8', '../drawings/drawing1.xml', false],
    ]);
    expect(addRelationship(undefined, 't', 'x.xml')).toEqual({ id: 'rId1', xml: expect.stringContaining('<Relationship Id="rId1" Type="t" Target="x.xml"/></Relationships>') });
  });

  test('targets resolve against the source part folder, and back', () => {
    expect(relsPathOf('xl/worksheets/sheet3.xml')).toBe('xl/worksheets/_rels/sheet3.xml.rels');
    expect(resolveTarget('xl/worksheets/sheet3.xml', '../drawings/drawing2.xml')).toBe('xl/drawings/drawing2.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(relativeTarget('xl/drawings/drawing1.xml', 'xl/charts/chart4.xml')).toBe('../charts/chart4.xml');
  });

  test('an Override is added once per part name, whatever its case; a Default only when missing', () => {
    const types = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

    const once = addOverride(types, 'xl/charts/chart1.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    const twice = addOverride(once, 'xl/Charts/Chart1.xml', 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    const withRels = ensureDefault(ensureDefault(twice, 'rels', 'application/vnd.openxmlformats-package.relationships+xml'), 'RELS', 'x');

    expect(twice).toBe(once);
    expect(once).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>');
    expect(withRels.match(/Extension="rels"/gi)).toHaveLength(1);
  });

  test('sheets are listed in tab order with their parts, names unescaped', () => {
    const workbook =
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      '<sheet name="R&amp;D" sheetId="2" r:id="rId4"/><sheet name="Summary" sheetId="1" r:id="rId3"/></sheets></workbook>';
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>';

    expect(workbookSheets('xl/workbook.xml', workbook, rels).map((s) => [s.name, s.part])).toEqual([
      ['R&D', 'xl/worksheets/sheet2.xml'],
      ['Summary', 'xl/worksheets/sheet1.xml'],
    ]);
  });
});

describe('reading cells from a worksheet stream', () => {
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Type &amp; size</t></is></c><c r="B1" t="s"><v>0</v></c></row>' +
    '<row r="2"><c r="A2" t="str"><v>m5.large — 東京</v></c><c r="B2" s="3"><v>86.14</v></c></row>' +
    '<row r="3"/>' +
    '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4" t="b"><v>1</v></c><c r="C4"><f>B2*2</f></c></row>' +
    '<row r="9"><c t="str"><v>no r on the cell</v></c><c><v>7</v></c></row>';

  test.each([[[7]], [[1]], [[3, 64, 5]]])('every kind of cell is read the same whatever the chunk sizes (%j)', async (sizes) => {
    const cells = await readCells(
      Readable.from(chunked(sheetXml(rows), sizes)),
      ['A1', 'B1', 'A2', 'B2', 'A3', 'A4', 'B4', 'C4', 'A9', 'B9'].map((a) => parseCellRange(a)!.start),
    );

    expect(Object.fromEntries(cells)).toEqual({
      A1: { type: 'inlineStr', value: undefined, inlineText: 'Type & size', style: 0 },
      B1: { type: 's', value: '0', inlineText: undefined, style: 0 },
      A2: { type: 'str', value: 'm5.large — 東京', inlineText: undefined, style: 0 },
      B2: { type: undefined, value: '86.14', inlineText: undefined, style: 3 },
      A4: { type: 's', value: '1', inlineText: undefined, style: 0 },
      B4: { type: 'b', value: '1', inlineText: undefined, style: 0 },
      C4: { type: undefined, value: undefined, inlineText: undefined, style: 0 },
      A9: { type: 'str', value: 'no r on the cell', inlineText: undefined, style: 0 },
      B9: { type: undefined, value: '7', inlineText: undefined, style: 0 },
    });
  });

  test('the stream is left once a row past the last wanted one arrives', async () => {
    let rowsServed = 0;
    async function* hugeSheet(): AsyncGenerator<string> {
      yield `${SHEET_HEAD}<sheetData>`;
      for (let r = 1; r <= 1_000_000; r += 1) {
        rowsServed = r;
        yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
      }
      yield '</sheetData></worksheet>';
    }

    const cells = await readCells(hugeSheet(), [{ column: 1, row: 3 }]);

    expect(cells.get('A3')?.value).toBe('3');
    expect(rowsServed).toBeLessThan(10);
  });

  test('shared strings join rich-text runs, leave phonetic runs out, and stop at the last index needed', async () => {
    const xml =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">' +
      '<si><t>Monthly(USD)</t></si><si><r><t>gp</t></r><r><rPr><b/></rPr><t xml:space="preserve">3 </t></r><rPh sb="0" eb="1"><t>ジー</t></rPh></si><si/><si><t>never read</t></si></sst>';

    expect(await readSharedStrings(Readable.from(chunked(xml, [5])), 2)).toEqual(['Monthly(USD)', 'gp3 ', '']);
    expect(await readSharedStrings(Readable.from(['<sst><si><t>a</t></si><si/></sst>']), 1)).toEqual(['a', '']);
  });

  test('number formats come from custom numFmts or the built-in table, by cell style index', () => {
    const styles =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/></numFmts>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0"><alignment/></xf></cellXfs></styleSheet>';

    expect(numberFormatsByStyle(styles)).toEqual(['General', '"$"#,##0.00', '0.00%']);
  });
});

describe('where <drawing> goes in a worksheet', () => {
  test.each([
    ['after page setup, before </worksheet>', '<pageMargins left="1"/><pageSetup orientation="landscape"/><headerFooter><oddFooter>&amp;P</oddFooter></headerFooter></worksheet>', '<headerFooter><oddFooter>&amp;P</oddFooter></headerFooter>'],
    ['before legacyDrawing (comments), not confused with legacyDrawingHF', '<pageMargins left="1"/><legacyDrawing r:id="rId2"/><legacyDrawingHF r:id="rId3"/></worksheet>', '<pageMargins left="1"/>'],
    ['before tableParts', '<pageSetup/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>', '<pageSetup/>'],
    [
      'before the sheet extLst, not before an extLst nested in a conditional format',
      '<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><dataBar/><extLst><ext uri="u"/></extLst></cfRule></conditionalFormatting><pageMargins/><extLst><ext uri="x14"/></extLst></worksheet>',
      '</cfRule></conditionalFormatting><pageMargins/>',
    ],
    ['with a comment in the way', '<pageMargins/><!-- <extLst> --></worksheet>', '<!-- <extLst> -->'],
  ])('%s', (_, tail, endsBefore) => {
    const at = drawingInsertionIndex(tail);

    expect(tail.slice(0, at).endsWith(endsBefore)).toBe(true);
  });

  test('a worksheet that already has a drawing is not given a second one', () => {
    expect(() => drawingInsertionIndex('<pageSetup/><drawing r:id="rId1"/></worksheet>')).toThrow('already has a <drawing>');
  });

  test.each([[[1]], [[13]], [[4096, 3]]])('the transform passes sheetData through byte for byte and inserts only the element (chunks %j)', async (sizes) => {
    const rows = Array.from({ length: 300 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="str"><v>ünïcode ${r} &lt;/sheetData&gt;</v></c></row>`).join('');
    const input = sheetXml(rows, '<pageMargins left="0.7"/><extLst><ext uri="{x}"/></extLst>');
    const transform = new DrawingInsertion('<drawing r:id="rId9"/>');

    const output: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      Readable.from(chunked(input, sizes)).pipe(transform).on('data', (b: Buffer) => output.push(b)).on('end', resolve).on('error', reject);
    });

    expect(Buffer.concat(output).toString('utf8')).toBe(input.replace('<extLst>', '<drawing r:id="rId9"/><extLst>'));
  });

  test('an empty <sheetData/> is handled, and a sheet without sheetData is an error', async () => {
    const run = (xml: string) =>
      new Promise<string>((resolve, reject) => {
        const out: Buffer[] = [];
        Readable.from([Buffer.from(xml)]).pipe(new DrawingInsertion('<drawing r:id="rId1"/>')).on('data', (b: Buffer) => out.push(b)).on('end', () => resolve(Buffer.concat(out).toString())).on('error', reject);
      });

    await expect(run(`${SHEET_HEAD}<sheetData/><pageMargins/></worksheet>`)).resolves.toBe(`${SHEET_HEAD}<sheetData/><pageMargins/><drawing r:id="rId1"/></worksheet>`);
    await expect(run(`${SHEET_HEAD}</worksheet>`)).rejects.toThrow('no <sheetData>');
  });
});
