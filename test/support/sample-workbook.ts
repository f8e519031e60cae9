/**
 * A workbook shaped like the cost report, written the way the report writes it (exceljs's
 * streaming writer, inline strings, styles), with the conditional formats and print setup of
 * functions/render-report/xlsx/, and the three charts the issue asks for. The tests check it with
 * independent readers, the bench times adding the charts at 50,000 rows, and
 * `npx tsx test/support/sample-workbook.ts out/sample.xlsx` leaves one to open or run through
 * scripts/check-workbook.sh.
 */
import ExcelJS from 'exceljs';
import type { ChartSpec } from '../../functions/render-report/xlsx/charts';
import { columnContains, columnEquals, dataBars, HIGHLIGHT, highlightRows, topValues } from '../../functions/render-report/xlsx/conditional-formats';
import { printSetup } from '../../functions/render-report/xlsx/print-setup';

const USD = '"$"#,##0.00';
const TYPES = ['t3.micro', 't3.small', 'm5.large', 'm5.xlarge', 'c5.large', 'r5.large'] as const;
const HOURLY: Record<(typeof TYPES)[number], number> = { 't3.micro': 0.013, 't3.small': 0.026, 'm5.large': 0.118, 'm5.xlarge': 0.236, 'c5.large': 0.096, 'r5.large': 0.152 };
const REGIONS = ['ap-northeast-2', 'us-east-1', 'eu-west-1'] as const;

export interface SampleData {
  /** Summary rows 3-8: instance type, count, monthly USD. */
  byType: { type: string; count: number; monthly: number }[];
  /** Summary rows 11-13. */
  byRegion: { region: string; count: number; monthly: number }[];
  /** Trend rows 2-7: report date and four totals, headers in row 1. */
  trendHeaders: string[];
  trend: { date: string; values: number[] }[];
  detailRows: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

function detailRow(i: number): { name: string; type: (typeof TYPES)[number]; region: string; monthly: number | undefined; status: string } {
  const type = TYPES[i % TYPES.length] as (typeof TYPES)[number];
  const unpriced = i % 97 === 5;
  return {
    name: `server-${i}`,
    type,
    region: REGIONS[i % REGIONS.length] as string,
    monthly: unpriced ? undefined : round(HOURLY[type] * 730 * (1 + (i % 7) / 10)),
    status: unpriced ? 'unpriced: no SKU matched' : i % 11 === 3 ? 'waste: stopped > 30 days' : 'priced',
  };
}

/** Writes the sample to `filename` with `detailRows` instance rows; returns what the charts should show. */
export async function writeSampleWorkbook(filename: string, detailRows = 200): Promise<SampleData> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
  const header = { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } } as Partial<ExcelJS.Style>;
  const usd = { numFmt: USD } as Partial<ExcelJS.Style>;

  const byType = new Map<string, { count: number; monthly: number }>();
  const byRegion = new Map<string, { count: number; monthly: number }>();
  for (let i = 0; i < detailRows; i += 1) {
    const row = detailRow(i);
    for (const [map, key] of [
      [byType, row.type],
      [byRegion, row.region],
    ] as const) {
      const entry = map.get(key) ?? { count: 0, monthly: 0 };
      map.set(key, { count: entry.count + 1, monthly: round(entry.monthly + (row.monthly ?? 0)) });
    }
  }
  const data: SampleData = {
    byType: TYPES.map((type) => ({ type, ...(byType.get(type) ?? { count: 0, monthly: 0 }) })),
    byRegion: REGIONS.map((region) => ({ region, ...(byRegion.get(region) ?? { count: 0, monthly: 0 }) })),
    trendHeaders: ['ReportDate', 'TotalMonthly(USD)', 'EC2Monthly(USD)', 'EBSMonthly(USD)', 'Waste(USD)'],
    trend: ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'].map((date, w) => {
      const ec2 = round(9800 + w * 310.5);
      const ebs = round(2100 + w * 42.25);
      return { date, values: [round(ec2 + ebs), ec2, ebs, round(640 - w * 55.5)] };
    }),
    detailRows,
  };

  const summary = workbook.addWorksheet('Summary', printSetup({ fit: 'page' }));
  summary.columns = [{ width: 24 }, { width: 10 }, { width: 16 }];
  const summaryHeader = summary.addRow(['Item', 'Count', 'Monthly(USD)']);
  summaryHeader.eachCell((cell) => (cell.style = header));
  summaryHeader.commit();
  summary.addRow(['Instances by type']).commit();
  for (const t of data.byType) {
    const row = summary.addRow([t.type, t.count, t.monthly]);
    row.getCell(3).style = usd;
    row.commit();
  }
  summary.addRow([]).commit();
  summary.addRow(['Instances by region']).commit();
  for (const r of data.byRegion) {
    const row = summary.addRow([r.region, r.count, r.monthly]);
    row.getCell(3).style = usd;
    row.commit();
  }
  summary.commit();

  const detail = workbook.addWorksheet('EC2_Detail_Costs', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    ...printSetup({ fit: 'width', orientation: 'landscape', headerRows: 1 }),
  });
  detail.columns = [{ width: 16 }, { width: 12 }, { width: 16 }, { width: 16 }, { width: 28 }];
  const detailHeader = detail.addRow(['Name', 'InstanceType', 'Region', 'TotalMonthly(USD)', 'PriceStatus']);
  detailHeader.eachCell((cell) => (cell.style = header));
  detailHeader.commit();
  for (let i = 0; i < detailRows; i += 1) {
    const r = detailRow(i);
    const row = detail.addRow([r.name, r.type, r.region, r.monthly ?? null, r.status]);
    row.getCell(4).style = usd;
    row.commit();
  }
  const last = detailRows + 1;
  detail.autoFilter = `A1:E${last}`;
  // Highlights before data bars: LibreOffice draws only the first rule that matches a cell (Excel draws both).
  detail.addConditionalFormatting(highlightRows(`A2:E${last}`, columnContains('E', 2, 'unpriced'), HIGHLIGHT.unpriced));
  detail.addConditionalFormatting(highlightRows(`A2:E${last}`, columnContains('E', 2, 'waste'), HIGHLIGHT.waste));
  detail.addConditionalFormatting(topValues(`D2:D${last}`, HIGHLIGHT.topCost));
  detail.addConditionalFormatting(dataBars(`D2:D${last}`));
  detail.commit();

  const trend = workbook.addWorksheet('Trend', printSetup({ fit: 'width', headerRows: 1 }));
  trend.columns = [{ width: 12 }, ...data.trendHeaders.slice(1).map(() => ({ width: 18 }))];
  const trendHeader = trend.addRow(data.trendHeaders);
  trendHeader.eachCell((cell) => (cell.style = header));
  trendHeader.commit();
  for (const week of data.trend) {
    const row = trend.addRow([week.date, ...week.values]);
    for (let c = 2; c <= 5; c += 1) row.getCell(c).style = usd;
    row.commit();
  }
  trend.addConditionalFormatting(highlightRows('A2:E7', columnEquals('A', 2, data.trend.at(-1)?.date ?? ''), HIGHLIGHT.topCost));
  trend.commit();

  await workbook.commit();
  return data;
}

/** The issue's three charts over the sample: cost by type (bars), weekly trend (lines), cost by region (doughnut). */
export function sampleCharts(): ChartSpec[] {
  return [
    {
      sheet: 'Summary',
      anchor: 'E1:L16',
      kind: 'bar',
      title: 'Monthly cost by instance type',
      categories: "'Summary'!$A$3:$A$8",
      series: [{ nameRef: "'Summary'!$C$1", values: "'Summary'!$C$3:$C$8", color: '4472C4' }],
      valueFormat: '"$"#,##0',
    },
    {
      sheet: 'Summary',
      anchor: 'E18:L34',
      kind: 'line',
      title: 'Weekly cost trend',
      categories: "'Trend'!$A$2:$A$7",
      series: ['B', 'C', 'D', 'E'].map((column) => ({ nameRef: `'Trend'!$${column}$1`, values: `'Trend'!$${column}$2:$${column}$7` })),
      legend: 'bottom',
      valueFormat: '"$"#,##0',
    },
    {
      sheet: 'EC2_Detail_Costs',
      anchor: 'G2:L18',
      kind: 'doughnut',
      title: 'Monthly cost by region',
      categories: "'Summary'!$A$11:$A$13",
      series: [{ nameRef: "'Summary'!$C$1", values: "'Summary'!$C$11:$C$13" }],
    },
  ];
}

if (require.main === module) {
  const [file, rows] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: npx tsx test/support/sample-workbook.ts OUT.xlsx [DETAIL_ROWS]\n');
    process.exit(2);
  }
  void (async () => {
    const { addCharts } = await import('../../functions/render-report/xlsx/charts');
    await writeSampleWorkbook(file, rows ? Number(rows) : undefined);
    const added = await addCharts(file, sampleCharts());
    process.stdout.write(`${file}: ${added.map((c) => `${c.sheet}/${c.title}`).join(', ')}\n`);
  })();
}
