/** The workbook writer and the report model behind it, without S3: edge cases and scale. */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCosts } from '../../functions/render-report/costs';
import { TREND_REPORTS, trendRows } from '../../functions/render-report/trend';
import { previousSummaryKeys } from '../../functions/shared/report-keys';
import { EC2_SEED_COLUMNS } from '../../functions/render-report/sheets/ec2-detail-costs';
import { SHEETS } from '../../functions/render-report/sheets';
import { UNPRICED_FILL_ARGB, USD_FORMAT } from '../../functions/render-report/sheets/sheet';
import { writeWorkbook } from '../../functions/render-report/workbook';
import { DEFAULT_POWER_SCHEDULES } from '../../functions/shared/config';
import { priceKeyId, type Inventory, type InventoryInstance, type InventoryVolume, type PriceResult } from '../../functions/shared/cost-types';

const REGION = 'ap-northeast-2';
const M5 = priceKeyId({ kind: 'ec2', region: REGION, instanceType: 'm5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' });
const PRICES: PriceResult[] = [
  { id: M5, status: 'priced', usd: 0.118, unit: 'Hrs', sku: 'SKU-M5', effectiveDate: '2026-11-01T00:00:00Z', vcpu: 2, memory: '8 GiB' },
  { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'gp3' }), status: 'priced', usd: 0.0912, unit: 'GB-Mo' },
  { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'st1' }), status: 'unpriced', reason: '2 SKUs matched st1' },
];

function instance(n: number, fields: Partial<InventoryInstance> = {}): InventoryInstance {
  return {
    region: REGION,
    instanceId: `i-${String(n).padStart(17, '0')}`,
    name: `server-${n}`,
    instanceType: 'm5.large',
    state: 'running',
    az: `${REGION}a`,
    platform: 'Linux',
    platformSource: 'default',
    tenancy: 'Shared',
    volumeIds: [`vol-${n}`],
    priceKeyId: M5,
    ...fields,
  };
}

function volume(n: number, fields: Partial<InventoryVolume> = {}): InventoryVolume {
  return { region: REGION, volumeId: `vol-${n}`, name: '', volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughputMiBps: 125, state: 'in-use', az: `${REGION}a`, attachedTo: `i-${String(n).padStart(17, '0')}`, ...fields };
}

function inventory(instances: InventoryInstance[], volumes: InventoryVolume[]): Inventory {
  return { collectedAt: '2026-11-23T00:30:00Z', reportDate: '2026-11-23', regions: [REGION], instances, volumes, addresses: [], snapshots: [], excluded: [] };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workbook-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(inv: Inventory, name: string, prices: readonly PriceResult[] = PRICES): Promise<ExcelJS.Workbook> {
  const report = computeCosts(inv, prices, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' });
  const file = join(dir, `${name}.xlsx`);
  await writeWorkbook(file, { report, trend: trendRows([], report), generatedAt: '2026-11-23T01:00:00Z' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** Every kind of row a TOTAL can sum, with unpriced cells among priced ones and amounts that do not add up exactly in binary. */
function mixedFleet(): { inv: Inventory; prices: PriceResult[] } {
  const OTHER_REGION = 'us-east-1';
  const count = 300;
  const instances = Array.from({ length: count }, (_, n) =>
    instance(n, {
      state: n % 7 === 3 ? 'stopped' : 'running',
      stoppedSince: '2026-10-01T00:00:00Z',
      scheduleTagValue: n % 2 === 0 ? 'Yes' : undefined,
      priceKeyId: n % 11 === 5 ? 'ec2|ap-northeast-2|z1.gone|Linux|NA|No License required|Shared' : M5,
    }),
  );
  const volumes = [
    ...Array.from({ length: count }, (_, n) =>
      volume(n, { volumeType: ['gp3', 'gp2', 'st1'][n % 3] as string, sizeGiB: 7 + (n % 13) * 11, iops: 3000 + (n % 4) * 250, throughputMiBps: 125 + (n % 5) * 10 }),
    ),
    ...Array.from({ length: 20 }, (_, n) => volume(count + n, { sizeGiB: 3 + n, attachedTo: undefined, state: 'available' })),
  ];
  const addresses = Array.from({ length: 30 }, (_, n) => ({
    region: n % 4 === 0 ? OTHER_REGION : REGION,
    publicIp: `3.34.1.${n}`,
    kind: 'elastic' as const,
    allocationId: `eipalloc-${n}`,
    instanceId: n % 3 === 0 ? '' : instances[n]?.instanceId,
    associated: n % 3 !== 0,
  }));
  const snapshots = Array.from({ length: 25 }, (_, n) => ({ region: n % 5 === 0 ? OTHER_REGION : REGION, snapshotId: `snap-${n}`, volumeSizeGiB: 9 + n * 3 }));
  const prices: PriceResult[] = [
    ...PRICES,
    { id: priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'gp3' }), status: 'priced', usd: 0.0057, unit: 'IOPS-Mo' },
    { id: priceKeyId({ kind: 'ebs-throughput', region: REGION, volumeType: 'gp3' }), status: 'priced', usd: 0.0456, unit: 'MiBps-Mo' },
    { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'gp2' }), status: 'priced', usd: 0.114, unit: 'GB-Mo' },
    { id: priceKeyId({ kind: 'ipv4', region: REGION, usage: 'InUse' }), status: 'priced', usd: 0.005, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'ipv4', region: REGION, usage: 'Idle' }), status: 'priced', usd: 0.005, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'snapshot', region: REGION }), status: 'priced', usd: 0.05, unit: 'GB-Mo' },
  ];
  return { inv: { ...inventory(instances, volumes), addresses, snapshots }, prices };
}

/** The number a cell shows, or undefined for a blank or a label. */
function shownNumber(cell: ExcelJS.Cell): number | undefined {
  return typeof cell.value === 'number' ? cell.value : undefined;
}

function isHighlightedBlank(cell: ExcelJS.Cell): boolean {
  return cell.value === null && (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === UNPRICED_FILL_ARGB;
}

function rowOf(sheet: ExcelJS.Worksheet, firstCell: string): ExcelJS.Row {
  for (let n = 2; n <= sheet.rowCount; n += 1) if (sheet.getRow(n).getCell(1).value === firstCell) return sheet.getRow(n);
  throw new Error(`no row ${firstCell} in ${sheet.name}`);
}

describe('workbook', () => {
  it('an unpriced volume type leaves its EBS_Summary total blank and highlighted, not $0', async () => {
    // Prepare
    const inv = inventory([instance(1)], [volume(1), volume(2, { volumeType: 'st1', sizeGiB: 500, attachedTo: undefined, state: 'available' })]);

    // Act
    const workbook = await render(inv, 'unpriced-type');

    // Assess
    const byType = workbook.getWorksheet('EBS_Summary') as ExcelJS.Worksheet;
    const st1 = rowOf(byType, 'st1').getCell(2);
    expect(st1.value).toBeNull();
    expect((st1.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(UNPRICED_FILL_ARGB);
    expect(rowOf(byType, 'gp3').getCell(2).value).toBe(9.12);
    expect(rowOf(byType, 'TOTAL').getCell(2).value).toBe(9.12);
    const volumes = workbook.getWorksheet('EBS_Volumes') as ExcelJS.Worksheet;
    expect(String(rowOf(volumes, 'vol-2').getCell(15).value)).toBe('unpriced: ebs-storage|ap-northeast-2|st1: 2 SKUs matched st1');
  });

  it('a stopped instance on the schedule shows no schedule figures and says why; its missing price is not counted', async () => {
    const inv = inventory(
      [instance(1, { state: 'stopped', scheduleTagValue: 'Yes', priceKeyId: 'ec2|ap-northeast-2|z1.gone|Linux|NA|No License required|Shared' })],
      [volume(1)],
    );

    const report = computeCosts(inv, PRICES, { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: 'us-east-1' });

    const [row] = report.instances;
    expect(row?.ec2Monthly).toEqual({ status: 'priced', usd: 0 });
    expect(row?.schedule?.scheduledMonthly).toBeUndefined();
    expect(row?.priceStatus).toContain('stopped now: no compute billed to save');
    expect(report.totals.unpricedItems).toBe(0);
  });

  it('2,000 instances with their volumes stream into a complete workbook', async () => {
    // Prepare
    const count = 2000;
    const inv = inventory(
      Array.from({ length: count }, (_, n) => instance(n)),
      Array.from({ length: count }, (_, n) => volume(n)),
    );

    // Act
    const started = Date.now();
    const workbook = await render(inv, 'large');
    const seconds = (Date.now() - started) / 1000;

    // Assess
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Snapshots', 'Public_IPv4', 'Waste', 'Prices', 'Trend']);
    const detail = workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet;
    expect((detail.getRow(1).values as unknown[]).slice(1, 14)).toEqual([...EC2_SEED_COLUMNS]);
    const total = rowOf(detail, 'TOTAL');
    expect(total.getCell(11).value).toBe(172_280); // 86.14 × 2,000
    expect(total.getCell(12).value).toBe(18_240); // 9.12 × 2,000
    expect(total.getCell(11).numFmt).toBe(USD_FORMAT);
    expect(statSync(join(dir, 'large.xlsx')).size).toBeGreaterThan(50_000);
    expect(seconds).toBeLessThan(30);
  });
});

describe('TOTAL rows', () => {
  it('every TOTAL row equals the sum of the cells above it, unpriced cells left out, on each sheet that has one', async () => {
    // Prepare
    const { inv, prices } = mixedFleet();

    // Act
    const workbook = await render(inv, 'totals', prices);

    // Assess
    const sheetsWithTotals = SHEETS.filter((s) => s.hasTotalRow).map((s) => s.name);
    expect(sheetsWithTotals).toEqual(['EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Snapshots', 'Public_IPv4', 'Waste']);
    let unpricedCellsAbove = 0;
    for (const name of sheetsWithTotals) {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      const total = rowOf(sheet, 'TOTAL');
      let summedColumns = 0;
      for (let column = 2; column <= sheet.columnCount; column += 1) {
        const shown = shownNumber(total.getCell(column));
        if (shown === undefined) continue;
        let sum = 0;
        for (let n = 2; n < total.number; n += 1) {
          const cell = sheet.getRow(n).getCell(column);
          sum += shownNumber(cell) ?? 0;
          if (isHighlightedBlank(cell)) unpricedCellsAbove += 1;
        }
        expect({ sheet: name, column: sheet.getRow(1).getCell(column).value, total: shown }).toEqual({
          sheet: name,
          column: sheet.getRow(1).getCell(column).value,
          total: expect.closeTo(sum, 2),
        });
        summedColumns += 1;
      }
      expect({ sheet: name, summedColumns: summedColumns > 0 }).toEqual({ sheet: name, summedColumns: true });
    }
    expect(unpricedCellsAbove).toBeGreaterThan(0);
  });
});

describe('trend inputs', () => {
  it('reads the 12 latest earlier summaries directly under the report prefix, oldest first', () => {
    // Weekly from 2026-08-03 to 2026-11-09: fifteen earlier reports.
    const dates = Array.from({ length: 15 }, (_, n) => new Date(Date.UTC(2026, 7, 3 + 7 * n)).toISOString().slice(0, 10));
    const keys = [
      ...dates.map((d) => `ec2/ec2_monthly_costs_${d.replace(/-/g, '')}.summary.json`),
      'ec2/ec2_monthly_costs_20261109.xlsx',
      'ec2/archive/ec2_monthly_costs_20261102.summary.json',
      'other/ec2_monthly_costs_20261102.summary.json',
    ].reverse();

    const chosen = previousSummaryKeys('ec2/', keys, '2026-11-16', TREND_REPORTS);

    expect(chosen).toHaveLength(12);
    expect(chosen[0]).toBe('ec2/ec2_monthly_costs_20260824.summary.json');
    expect(chosen[11]).toBe('ec2/ec2_monthly_costs_20261109.summary.json');
  });

  it('gives each report its change against the one before', () => {
    const totals = (totalMonthly: number) => ({ ec2Monthly: 0, ebsMonthly: 0, ipv4Monthly: 0, snapshotMonthly: 0, totalMonthly, wasteMonthly: 0, scheduleSavingsMonthly: 0, unpricedItems: 0 });
    const previous = [
      { reportDate: '2026-11-16', generatedAt: '', regions: [], priceSource: '', totals: totals(200), counts: { instances: 0, running: 0, stopped: 0, volumes: 0, unattachedVolumes: 0, idleAddresses: 0, snapshots: 0 } },
    ];

    const rows = trendRows(previous, { reportDate: '2026-11-23', totals: totals(250.1) });

    expect(rows.map((r) => [r.reportDate, r.changeUsd, r.current])).toEqual([
      ['2026-11-16', undefined, false],
      ['2026-11-23', 50.1, true],
    ]);
    expect(rows[1]?.changeRatio).toBeCloseTo(0.2505, 6);
  });
});
