/**
 * The conditional format and print setup helpers, written through exceljs's streaming writer (the
 * report's), read back as the XML Excel will parse. Pins exceljs's output: if an upgrade changes it,
 * these fail before a workbook does.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  columnAtLeast,
  columnContains,
  columnEquals,
  dataBars,
  HIGHLIGHT,
  highlightRows,
  topValues,
} from '../../functions/render-report/xlsx/conditional-formats';
import { printSetup } from '../../functions/render-report/xlsx/print-setup';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xlsx-cf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamedParts(name: string, build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Record<string, string>> {
  const filename = join(dir, `${name}.xlsx`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  build(workbook);
  await workbook.commit();
  const zip = await JSZip.loadAsync(readFileSync(filename));
  const parts: Record<string, string> = {};
  for (const part of Object.keys(zip.files)) parts[part] = await zip.file(part)!.async('string');
  return parts;
}

describe('conditional formats through the streaming writer', () => {
  test('data bars are plain ECMA-376 data bars: zero to max, a colour, and no dangling Excel 2010 extension', async () => {
    const parts = await streamedParts('bars', (workbook) => {
      const sheet = workbook.addWorksheet('Costs');
      sheet.addRow(['cost']).commit();
      for (let i = 1; i <= 5; i += 1) sheet.addRow([i * 10]).commit();
      sheet.addConditionalFormatting(dataBars('A2:A6'));
      sheet.commit();
    });

    const xml = parts['xl/worksheets/sheet1.xml']!;
    expect(xml).toContain('<conditionalFormatting sqref="A2:A6"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>');
    expect(xml).not.toContain('x14:id');
  });

  test('row highlights and top 10 get differential styles, formulas escaped, priorities in the order added', async () => {
    const parts = await streamedParts('highlights', (workbook) => {
      const sheet = workbook.addWorksheet('Detail');
      sheet.addRow(['Name', 'Monthly', 'PriceStatus']).commit();
      sheet.addRow(['a', 1, 'unpriced: no SKU "x"']).commit();
      sheet.addConditionalFormatting(highlightRows('A2:C2', columnContains('C', 2, 'unpriced'), HIGHLIGHT.unpriced));
      sheet.addConditionalFormatting(highlightRows('A2:C2', columnEquals('c', 2, 'say "waste"'), HIGHLIGHT.waste));
      sheet.addConditionalFormatting(topValues('B2:B2', HIGHLIGHT.topCost));
      sheet.commit();
    });

    const xml = parts['xl/worksheets/sheet1.xml']!;
    expect(xml).toContain('<cfRule type="expression" dxfId="0" priority="1"><formula>ISNUMBER(SEARCH(&quot;unpriced&quot;,$C2))</formula></cfRule>');
    expect(xml).toContain('<cfRule type="expression" dxfId="1" priority="2"><formula>$C2=&quot;say &quot;&quot;waste&quot;&quot;&quot;</formula></cfRule>');
    expect(xml).toContain('<cfRule type="top10" dxfId="2" priority="3" rank="10"/>');
    const dxfs = /<dxfs count="3">(.*)<\/dxfs>/.exec(parts['xl/styles.xml']!)?.[1];
    expect(dxfs).toBe(
      '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
        '<dxf><font><color rgb="FF9C5700"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFFFEB9C"/></patternFill></fill></dxf>' +
        '<dxf><font><b/><color rgb="FF1F4E78"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFDDEBF7"/></patternFill></fill></dxf>',
    );
  });

  test('formula helpers test one column for the whole row; a number threshold ignores blanks', () => {
    expect(columnEquals('F', 2, 'stale')).toBe('$F2="stale"');
    expect(columnContains('r', 5, 'unpriced')).toBe('ISNUMBER(SEARCH("unpriced",$R5))');
    expect(columnAtLeast('M', 2, 100.5)).toBe('AND(ISNUMBER($M2),$M2>=100.5)');
  });

  test('bad ranges, formulas, colours and counts are refused naming the argument', () => {
    expect(() => dataBars('K2-K9')).toThrow('dataBars.ref: must be a cell range like "K2:K501"; got "K2-K9"');
    expect(() => dataBars('K2:K9', { color: '#638EC6' })).toThrow('dataBars.color: must be an ARGB colour');
    expect(() => highlightRows('A2:T9', '=$R2="x"', HIGHLIGHT.waste)).toThrow('highlightRows.formula: must be an Excel formula without the leading "="');
    expect(() => highlightRows('A2:T9', '$R2="x"', { fill: 'red' })).toThrow('highlightRows.highlight.fill: must be an ARGB colour like "FFFFC7CE"; got "red"');
    expect(() => topValues('M2:M9', HIGHLIGHT.topCost, 0)).toThrow('topValues.count: must be a whole number 1-1000; got 0');
    expect(() => columnEquals('R2', 2, 'x')).toThrow('column: must be column letters');
  });
});

describe('print setup through the streaming writer', () => {
  test('a wide table fits one page across, landscape, narrow margins, header row on every page, page numbers in the footer', async () => {
    const parts = await streamedParts('print-table', (workbook) => {
      const sheet = workbook.addWorksheet('EC2_Detail_Costs', printSetup({ fit: 'width', orientation: 'landscape', headerRows: 1, paper: 'A4' }));
      sheet.addRow(['Name']).commit();
      sheet.commit();
    });

    const xml = parts['xl/worksheets/sheet1.xml']!;
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).toContain('<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" [^>]*fitToWidth="1" fitToHeight="0"\/>/);
    expect(xml).toContain('<headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>');
    expect(parts['xl/workbook.xml']).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;EC2_Detail_Costs&apos;!$1:$1</definedName>');
  });

  test('the summary fits on one page', async () => {
    const parts = await streamedParts('print-page', (workbook) => {
      workbook.addWorksheet('Summary', printSetup({ fit: 'page' })).commit();
    });

    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/<pageSetup orientation="portrait" [^>]*fitToWidth="1" fitToHeight="1"\/>/);
    expect(parts['xl/workbook.xml']).not.toContain('Print_Titles');
  });

  test('bad print options are refused naming the option', () => {
    expect(() => printSetup({ fit: 'auto' as 'page' })).toThrow('printSetup.fit: must be one of width, page; got "auto"');
    expect(() => printSetup({ fit: 'page', headerRows: 0 })).toThrow('printSetup.headerRows: must be a whole number of rows 1-100; got 0');
  });
});
