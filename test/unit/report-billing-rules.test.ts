/**
 * The report bills each item the way AWS does, each rule with its USD worked out by hand (us-east-1
 * list prices): Spot at its Spot price, Dedicated Hosts per host and the Dedicated Instance region
 * fee, io2 tiers, archived snapshots, magnetic I/O left out with a note, multi-attach charged once,
 * partial totals that still add up, schedule savings only where the schedule acts, and what Cost
 * Explorer billed beside the estimate. The workbook is written and read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCosts, type CostReport } from '../../functions/render-report/costs';
import { usageCategory } from '../../functions/render-report/costs/billed';
import { trendRows } from '../../functions/render-report/trend';
import { UNPRICED_FILL_ARGB } from '../../functions/render-report/sheets/sheet';
import { writeWorkbook } from '../../functions/render-report/workbook';
import { DEFAULT_POWER_SCHEDULES, type PowerScheduleEntry } from '../../functions/shared/config';
import { assembleDatabases } from '../../functions/collect-inventory/databases';
import { databasePriceKeys } from '../../functions/shared/price-keys';
import {
  priceKeyId,
  withId,
  type BilledCosts,
  type BilledPeriod,
  type Inventory,
  type InventoryDatabase,
  type InventoryInstance,
  type InventorySnapshot,
  type InventoryVolume,
  type PriceKeyFields,
  type PriceResult,
  type ReportSummary,
} from '../../functions/shared/cost-types';
import { ec2PriceKey, inventoryInstance, inventoryOf, inventoryVolume } from '../support/cost-inventory';

const REGION = 'us-east-1';
const ec2Key = (instanceType: string, tenancy: 'Shared' | 'Dedicated' | 'Host' = 'Shared') => ec2PriceKey(REGION, instanceType, tenancy);
const SPOT_T3 = `spot|${REGION}a|t3.medium|Linux/UNIX`;

function price(key: PriceKeyFields | string, usd: number, unit: PriceResult['unit']): PriceResult {
  return { id: typeof key === 'string' ? key : priceKeyId(key), status: 'priced', usd, unit };
}

// us-east-1 list prices (../shared/reference/pricing/README.md and the local fixtures).
const PRICES: PriceResult[] = [
  price(ec2Key('t3.medium'), 0.0416, 'Hrs'),
  price(ec2Key('m5.large'), 0.096, 'Hrs'),
  price(ec2Key('m5.large', 'Dedicated'), 0.1056, 'Hrs'),
  price(ec2Key('m5.large', 'Host'), 0, 'Hrs'),
  price({ kind: 'dedicated-host', region: REGION, instanceFamily: 'm5' }, 5.069, 'Hrs'),
  price({ kind: 'dedicated-fee', region: REGION }, 2, 'Hrs'),
  price({ kind: 'ebs-storage', region: REGION, volumeType: 'gp2' }, 0.1, 'GB-Mo'),
  price({ kind: 'ebs-storage', region: REGION, volumeType: 'io2' }, 0.125, 'GB-Mo'),
  price({ kind: 'ebs-iops', region: REGION, volumeType: 'io2' }, 0.065, 'IOPS-Mo'),
  price({ kind: 'ebs-iops', region: REGION, volumeType: 'io2', tier: 'tier2' }, 0.0455, 'IOPS-Mo'),
  price({ kind: 'ebs-iops', region: REGION, volumeType: 'io2', tier: 'tier3' }, 0.032, 'IOPS-Mo'),
  price({ kind: 'ebs-storage', region: REGION, volumeType: 'standard' }, 0.05, 'GB-Mo'),
  price({ kind: 'ebs-io-requests', region: REGION }, 0.05, 'Million-IOs'),
  price({ kind: 'snapshot', region: REGION }, 0.05, 'GB-Mo'),
  price({ kind: 'snapshot-archive', region: REGION }, 0.0125, 'GB-Mo'),
];

const instance = (id: string, fields: Partial<InventoryInstance> = {}) => inventoryInstance(REGION, id, fields);
const volume = (id: string, fields: Partial<InventoryVolume> = {}) => inventoryVolume(REGION, id, fields);
const inventory = (parts: Partial<Inventory>) => inventoryOf(REGION, parts);

function report(inv: Inventory, options: { prices?: PriceResult[]; schedules?: readonly PowerScheduleEntry[] } = {}): CostReport {
  return computeCosts(inv, options.prices ?? PRICES, { schedules: options.schedules ?? DEFAULT_POWER_SCHEDULES, pricingRegion: REGION });
}

let dir: string;
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'billing-rules-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbookOf(costs: CostReport, previous: ReportSummary[] = []): Promise<ExcelJS.Workbook> {
  files += 1;
  const file = join(dir, `report-${files}.xlsx`);
  await writeWorkbook(file, { report: costs, trend: trendRows(previous, costs), generatedAt: '2026-11-23T01:00:00Z' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The row whose `column` reads `value`, as header → cell. */
function rowOf(workbook: ExcelJS.Workbook, sheetName: string, column: string, value: string): Map<string, ExcelJS.Cell> {
  const sheet = workbook.getWorksheet(sheetName) as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const index = header.indexOf(column) + 1;
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    if (row.getCell(index).value === value) return new Map(header.map((name, i) => [name, row.getCell(i + 1)]));
  }
  throw new Error(`no row with ${column} = ${value} in ${sheetName}`);
}

function summaryLine(workbook: ExcelJS.Workbook, item: string): { value: unknown; monthly: unknown; note: unknown; highlighted: boolean } {
  const sheet = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    if (row.getCell(1).value === item) {
      const fill = row.getCell(2).fill as ExcelJS.FillPattern | undefined;
      return { value: row.getCell(2).value, monthly: row.getCell(3).value, note: row.getCell(4).value, highlighted: fill?.fgColor?.argb === UNPRICED_FILL_ARGB };
    }
  }
  throw new Error(`no Summary line "${item}"`);
}

const isHighlighted = (cell: ExcelJS.Cell | undefined) => (cell?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === UNPRICED_FILL_ARGB;

describe('Spot instances', () => {
  it('are billed at their 7-day average Spot price, labelled Spot, never at on-demand: 0.016 × 730 = 11.68 USD, not 0.0416 × 730 = 30.37', async () => {
    // Prepare
    const inv = inventory({
      instances: [instance('i-spot', { purchaseOption: 'Spot', spotPriceId: SPOT_T3 })],
      spotPrices: [price(SPOT_T3, 0.016, 'Hrs')],
    });

    // Act
    const workbook = await workbookOf(report(inv));

    // Assess
    const row = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-spot');
    expect(row.get('EC2Monthly(USD)')?.value).toBe(11.68);
    expect(row.get('HourlyUSD')?.value).toBe(0.016);
    expect(row.get('PurchaseOption')?.value).toBe('Spot');
    expect(String(row.get('Note')?.value)).toContain('average Spot price of the last 7 days');
    expect(rowOf(workbook, 'Prices', 'PriceKey', SPOT_T3).get('UsedBy')?.value).toBe(1);
  });

  it('without a Spot price they stay unpriced: a blank highlighted EC2 cell, and the total says it is partial', async () => {
    const inv = inventory({
      instances: [instance('i-spot', { purchaseOption: 'Spot', spotPriceId: SPOT_T3, volumeIds: ['vol-root'] })],
      volumes: [volume('vol-root', { attachedTo: 'i-spot' })],
      spotPrices: [{ id: SPOT_T3, status: 'unpriced', reason: 'no Spot price history for Linux/UNIX t3.medium in us-east-1a in the last 7 days' }],
    });

    const workbook = await workbookOf(report(inv));

    const row = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-spot');
    expect(row.get('EC2Monthly(USD)')?.value).toBeNull();
    expect(isHighlighted(row.get('EC2Monthly(USD)'))).toBe(true);
    // 8 GiB gp2 × 0.10 = 0.80: what is priced
    expect(row.get('TotalMonthly(USD)')?.value).toBe(0.8);
    expect(row.get('Partial')?.value).toBe('EC2 unpriced: the total is EBS only');
    expect(String(row.get('PriceStatus')?.value)).toContain('no Spot price history');
  });
});

describe('Dedicated tenancy', () => {
  const inv = () =>
    inventory({
      instances: [
        instance('i-on-host', { instanceType: 'm5.large', tenancy: 'Host', purchaseOption: 'Dedicated Host', hostId: 'h-0aaa', volumeIds: ['vol-host'], scheduleTagValue: 'Yes' }),
        instance('i-ded-1', { instanceType: 'm5.large', tenancy: 'Dedicated', purchaseOption: 'Dedicated Instance' }),
        instance('i-ded-2', { instanceType: 'm5.large', tenancy: 'Dedicated', purchaseOption: 'Dedicated Instance' }),
      ],
      volumes: [volume('vol-host', { attachedTo: 'i-on-host' })],
      hosts: [
        { region: REGION, hostId: 'h-0aaa', instanceFamily: 'm5', state: 'available', az: `${REGION}a`, instanceIds: ['i-on-host'] },
        { region: REGION, hostId: 'h-0bbb', instanceFamily: 'm5', state: 'available', az: `${REGION}b`, instanceIds: [] },
      ],
    });

  it('bills each host per host-hour (5.069 × 730 = 3,700.37 USD) and its instances through it: their EC2 cell is blank, not $0 priced', async () => {
    // Act
    const costs = report(inv());
    const workbook = await workbookOf(costs);

    // Assess
    const onHost = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-on-host');
    expect(onHost.get('EC2Monthly(USD)')?.value).toBeNull();
    expect(isHighlighted(onHost.get('EC2Monthly(USD)'))).toBe(false);
    expect(onHost.get('TotalMonthly(USD)')?.value).toBe(0.8);
    expect(onHost.get('HostId')?.value).toBe('h-0aaa');
    expect(onHost.get('PurchaseOption')?.value).toBe('Dedicated Host');
    expect(String(onHost.get('Note')?.value)).toBe('compute billed per host: runs on Dedicated Host h-0aaa (Dedicated sheet)');
    const host = rowOf(workbook, 'Dedicated', 'HostId / Region', 'h-0aaa');
    expect(host.get('Monthly(USD)')?.value).toBe(3700.37);
    expect(host.get('InstanceIds')?.value).toBe('i-on-host');
    // The empty host costs the same and is waste until released.
    expect(rowOf(workbook, 'Waste', 'Id', 'h-0bbb').get('Monthly(USD)')?.value).toBe(3700.37);
  });

  it('adds one Dedicated Instance fee for the region, however many run: 2.00 × 730 = 1,460.00 USD, and notes it on each', async () => {
    const costs = report(inv());
    const workbook = await workbookOf(costs);

    const fee = rowOf(workbook, 'Dedicated', 'HostId / Region', REGION);
    expect(fee.get('Kind')?.value).toBe('Dedicated Instance fee');
    expect(fee.get('Monthly(USD)')?.value).toBe(1460);
    expect(fee.get('Instances')?.value).toBe(2);
    // Each Dedicated Instance at its own rate: 0.1056 × 730 = 77.09
    const dedicated = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-ded-1');
    expect(dedicated.get('EC2Monthly(USD)')?.value).toBe(77.09);
    expect(String(dedicated.get('Note')?.value)).toContain(`the region fee for ${REGION} is billed once beside it`);
  });

  it('puts hosts and fees in the totals: 2 hosts (7,400.74) + the fee (1,460.00) = 8,860.74, inside Total monthly', async () => {
    const costs = report(inv());
    const workbook = await workbookOf(costs);

    expect(costs.totals.dedicatedMonthly).toBe(8860.74);
    // EC2: two Dedicated Instances, 77.09 each; EBS: 0.80; no IPv4, no snapshots
    expect(costs.totals.totalMonthly).toBe(8860.74 + 154.18 + 0.8);
    expect(summaryLine(workbook, 'Dedicated Hosts and fees').monthly).toBe(8860.74);
    expect(rowOf(workbook, 'Dedicated', 'Kind', 'TOTAL').get('Monthly(USD)')?.value).toBe(8860.74);
  });

  it('saves nothing by stopping an instance on a host: the host is billed all the same', () => {
    const [onHost] = report(inv()).instances;

    expect(onHost?.schedule).toEqual({ tagValue: 'Yes', note: "on a Dedicated Host: stopping it does not stop the host's bill, no savings" });
  });
});

describe('EBS rules in the workbook', () => {
  it('io2 at 80,000 IOPS uses all three tiers: 32,000 × 0.065 + 32,000 × 0.0455 + 16,000 × 0.032 = 4,048.00 USD, and says so', async () => {
    const inv = inventory({ volumes: [volume('vol-io2', { volumeType: 'io2', sizeGiB: 100, iops: 80_000, attachedTo: undefined, state: 'available' })] });

    const workbook = await workbookOf(report(inv));

    const row = rowOf(workbook, 'EBS_Volumes', 'VolumeId', 'vol-io2');
    expect(row.get('IopsMonthly')?.value).toBe(4048);
    // + 100 GiB × 0.125 = 12.50
    expect(row.get('TotalMonthly')?.value).toBe(4060.5);
    expect(row.get('PriceStatus')?.value).toBe('priced');
    expect(row.get('Note')?.value).toBe('io2 IOPS by tier: 32,000 at tier 1 + 32,000 at tier 2 + 16,000 at tier 3');
  });

  it('a magnetic volume pays its storage (50 GiB × 0.05 = 2.50) and says, on its own row, that per-I/O charges are not included', async () => {
    const inv = inventory({ volumes: [volume('vol-mag', { volumeType: 'standard', sizeGiB: 50, attachedTo: undefined, state: 'available' })] });

    const workbook = await workbookOf(report(inv));

    const row = rowOf(workbook, 'EBS_Volumes', 'VolumeId', 'vol-mag');
    expect(row.get('TotalMonthly')?.value).toBe(2.5);
    expect(row.get('Note')?.value).toBe('per-I/O charges not included: magnetic volumes are 0.05 USD per million I/O requests, and EC2 reports no I/O counts');
  });

  it('a multi-attach io2 volume is charged once, to its first instance, and named on the other', async () => {
    // Prepare: 100 GiB × 0.125 + 10,000 IOPS × 0.065 = 662.50
    const inv = inventory({
      instances: [instance('i-first', { volumeIds: ['vol-shared'] }), instance('i-second', { volumeIds: ['vol-shared'] })],
      volumes: [volume('vol-shared', { volumeType: 'io2', sizeGiB: 100, iops: 10_000, attachedTo: 'i-first', alsoAttachedTo: ['i-second'] })],
    });

    // Act
    const costs = report(inv);
    const workbook = await workbookOf(costs);

    // Assess
    expect(rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-first').get('EBSMonthly(USD)')?.value).toBe(662.5);
    const second = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', 'i-second');
    expect(second.get('EBSMonthly(USD)')?.value).toBe(0);
    expect(second.get('AttachedVolumes')?.value).toBe(1);
    expect(second.get('Note')?.value).toBe('vol-shared (multi-attach) is charged to i-first');
    expect(rowOf(workbook, 'EC2_Detail_Costs', 'Name', 'TOTAL').get('EBSMonthly(USD)')?.value).toBe(662.5);
    expect(costs.totals.ebsMonthly).toBe(662.5);
  });
});

describe('snapshots', () => {
  const archived: InventorySnapshot = { region: REGION, snapshotId: 'snap-arch', volumeSizeGiB: 500, storageTier: 'archive', fullSnapshotSizeBytes: 200 * 1024 ** 3 };
  const standard: InventorySnapshot = { region: REGION, snapshotId: 'snap-std', volumeSizeGiB: 100 };

  it('an archived snapshot is billed on its full size at the archive rate (200 GiB × 0.0125 = 2.50), and Summary and Trend drop the upper-bound label', async () => {
    // Prepare: last week's summary had a standard snapshot (no flag: older summaries were always upper bounds)
    const previous: ReportSummary = {
      reportDate: '2026-11-16',
      generatedAt: '2026-11-16T01:00:00Z',
      regions: [REGION],
      priceSource: '',
      totals: { ec2Monthly: 0, ebsMonthly: 0, ipv4Monthly: 0, snapshotMonthly: 5, totalMonthly: 5, wasteMonthly: 0, scheduleSavingsMonthly: 0, unpricedItems: 0 },
      counts: { instances: 0, running: 0, stopped: 0, volumes: 0, unattachedVolumes: 0, idleAddresses: 0, snapshots: 1 },
    };

    // Act
    const costs = report(inventory({ snapshots: [archived] }));
    const workbook = await workbookOf(costs, [previous]);

    // Assess
    const row = rowOf(workbook, 'Snapshots', 'SnapshotId', 'snap-arch');
    expect([row.get('StorageTier')?.value, row.get('ChargedGB')?.value, row.get('Monthly(USD)')?.value, row.get('Basis')?.value]).toEqual(['archive', 200, 2.5, 'full size']);
    expect(costs.totals).toMatchObject({ snapshotMonthly: 2.5, snapshotUpperBound: false });
    expect(summaryLine(workbook, 'Snapshots').monthly).toBe(2.5);
    expect(rowOf(workbook, 'Trend', 'ReportDate', '2026-11-23').get('SnapshotBasis')?.value).toBe('full size');
    expect(rowOf(workbook, 'Trend', 'ReportDate', '2026-11-16').get('SnapshotBasis')?.value).toBe('upper bound');
  });

  it('with a standard snapshot the total is an upper bound (100 GiB × 0.05 = 5.00 + 2.50) and the label says so in Summary and Trend', async () => {
    const costs = report(inventory({ snapshots: [archived, standard] }));
    const workbook = await workbookOf(costs);

    expect(costs.totals).toMatchObject({ snapshotMonthly: 7.5, snapshotUpperBound: true });
    expect(summaryLine(workbook, 'Snapshots (upper bound)').monthly).toBe(7.5);
    expect(rowOf(workbook, 'Trend', 'ReportDate', '2026-11-23').get('SnapshotBasis')?.value).toBe('upper bound');
  });

  it('counts each snapshot once, even when the inventory lists it twice', () => {
    const costs = report(inventory({ snapshots: [standard, { ...standard }, archived] }));

    expect(costs.snapshots.map((s) => s.snapshot.snapshotId)).toEqual(['snap-std', 'snap-arch']);
    expect(costs.counts.snapshots).toBe(2);
    expect(costs.totals.snapshotMonthly).toBe(7.5);
  });
});

describe('totals agree', () => {
  it('TotalMonthly = EC2Monthly + EBSMonthly on every row and in the TOTAL row, partial rows included', async () => {
    // Prepare: one fully priced, one with unpriced compute, one with an unpriced volume, one on a host
    const inv = inventory({
      instances: [
        instance('i-ok', { volumeIds: ['vol-ok'] }),
        instance('i-no-compute', { instanceType: 'x9.gone', priceKeyId: ec2Key('x9.gone'), volumeIds: ['vol-2'] }),
        instance('i-no-ebs', { volumeIds: ['vol-st1'] }),
        instance('i-host', { instanceType: 'm5.large', tenancy: 'Host', purchaseOption: 'Dedicated Host', hostId: 'h-1', volumeIds: ['vol-3'] }),
      ],
      volumes: [
        volume('vol-ok', { attachedTo: 'i-ok' }),
        volume('vol-2', { attachedTo: 'i-no-compute', sizeGiB: 20 }),
        volume('vol-st1', { attachedTo: 'i-no-ebs', volumeType: 'st1', sizeGiB: 500 }),
        volume('vol-3', { attachedTo: 'i-host', sizeGiB: 30 }),
      ],
    });

    // Act
    const workbook = await workbookOf(report(inv));

    // Assess: 0.0416 × 730 = 30.37; gp2 8, 20, 30 GiB × 0.10 = 0.80, 2.00, 3.00; st1 has no price
    const cells = (id: string) => {
      const row = rowOf(workbook, 'EC2_Detail_Costs', 'InstanceId', id);
      return [row.get('EC2Monthly(USD)')?.value, row.get('EBSMonthly(USD)')?.value, row.get('TotalMonthly(USD)')?.value, row.get('Partial')?.value ?? null];
    };
    expect(cells('i-ok')).toEqual([30.37, 0.8, 31.17, null]);
    expect(cells('i-no-compute')).toEqual([null, 2, 2, 'EC2 unpriced: the total is EBS only']);
    expect(cells('i-no-ebs')).toEqual([30.37, null, 30.37, 'EBS unpriced: the total is EC2 only']);
    expect(cells('i-host')).toEqual([null, 3, 3, null]);
    const total = rowOf(workbook, 'EC2_Detail_Costs', 'Name', 'TOTAL');
    expect([total.get('EC2Monthly(USD)')?.value, total.get('EBSMonthly(USD)')?.value, total.get('TotalMonthly(USD)')?.value]).toEqual([60.74, 5.8, 66.54]);
  });
});

describe('schedule savings only where the schedule acts', () => {
  it('an instance the schedule leaves alone (here an Auto Scaling member) shows no savings and says why; the others save', () => {
    const inv = inventory({
      instances: [
        instance('i-asg', { scheduleTagValue: 'Yes', scheduleSkipReason: 'member of Auto Scaling group web: the group would replace it' }),
        instance('i-plain', { scheduleTagValue: 'Yes' }),
      ],
    });

    const costs = report(inv);

    const [asg, plain] = costs.instances;
    expect(asg?.schedule).toEqual({ tagValue: 'Yes', note: 'the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): no savings' });
    // 0.0416 × 730 = 30.37; weekdays 08:00-20:00 Seoul: 0.0416 × 260.71 h = 10.85; saving 19.52
    expect(plain?.schedule?.savings).toEqual({ status: 'priced', usd: 19.52 });
    expect(costs.totals.scheduleSavingsMonthly).toBe(19.52);
  });

  it('a persistent Spot instance on the schedule saves at its Spot price: 0.016 × 730 = 11.68 − 0.016 × 260.71 h (4.17) = 7.51', () => {
    const inv = inventory({
      instances: [instance('i-spot', { scheduleTagValue: 'Yes', purchaseOption: 'Spot', spotPriceId: SPOT_T3 })],
      spotPrices: [price(SPOT_T3, 0.016, 'Hrs')],
    });

    expect(report(inv).instances[0]?.schedule?.savings).toEqual({ status: 'priced', usd: 7.51 });
  });

  it('skip dates count: a holiday in the four weeks keeps the instance stopped that day, so the schedule saves more', () => {
    // Prepare: from 2026-12-07, Friday 25 December is a skip date: 19 weekdays × 12 h = 228 h, × 730 / 672 = 247.68 h
    const schedules = [{ ...DEFAULT_POWER_SCHEDULES[0]!, skipDates: ['2026-12-25'] }];
    const inv = inventory({ reportDate: '2026-12-07', instances: [instance('i-plain', { scheduleTagValue: 'Yes' })] });

    // Act
    const [withHoliday] = report(inv, { schedules }).instances;
    const [without] = report(inv).instances;

    // Assess: 0.0416 × 247.68 = 10.30, saving 30.37 − 10.30 = 20.07 (without it: 10.85 and 19.52)
    expect(withHoliday?.schedule?.hoursPerMonth).toBeCloseTo(247.68, 2);
    expect(withHoliday?.schedule?.savings).toEqual({ status: 'priced', usd: 20.07 });
    expect(without?.schedule?.savings).toEqual({ status: 'priced', usd: 19.52 });
  });
});

/** The periods Cost Explorer is asked about for the report date 2026-11-23. */
const BILLED_PERIODS: BilledPeriod[] = [
  { name: 'lastWeek', start: '2026-11-16', end: '2026-11-23', days: 7 },
  { name: 'monthToDate', start: '2026-11-01', end: '2026-11-23', days: 22 },
];

describe('billed beside estimated', () => {
  const billed: BilledCosts = {
    status: 'collected',
    periods: BILLED_PERIODS,
    lines: [
      { period: 'lastWeek', region: REGION, usageType: 'BoxUsage:t3.medium', unblended: 7.0, amortized: 5.5 },
      { period: 'lastWeek', region: REGION, usageType: 'EBS:VolumeUsage.gp2', unblended: 0.19, amortized: 0.19 },
      { period: 'lastWeek', region: REGION, usageType: 'DataTransfer-Out-Bytes', unblended: 1.25, amortized: 1.25 },
      { period: 'monthToDate', region: REGION, usageType: 'BoxUsage:t3.medium', unblended: 22.0, amortized: 17.28 },
      { period: 'monthToDate', region: REGION, usageType: 'EBS:VolumeUsage.gp2', unblended: 0.58, amortized: 0.58 },
    ],
    requests: 1,
    estimated: false,
  };
  const fleet = () =>
    inventory({
      instances: [instance('i-1', { volumeIds: ['vol-1'] })],
      volumes: [volume('vol-1', { attachedTo: 'i-1' })],
      billed,
    });

  it.each([
    ['BoxUsage:m5.large', 'EC2 compute'],
    ['APN2-SpotUsage:t3.medium', 'EC2 compute'],
    ['USE1-HostUsage:m5', 'EC2 compute'],
    ['APN2-EBS:VolumeP-IOPS.io2.tier2', 'EBS volumes'],
    ['EBS:SnapshotArchiveStorage', 'Snapshots'],
    ['APN2-PublicIPv4:IdleAddress', 'Public IPv4'],
    ['APN2-DataTransfer-Out-Bytes', undefined],
    ['NatGateway-Hours', undefined],
    // EC2's surplus CPU credits sit beside their own estimate; RDS's T-class credits stay with the RDS instances
    ['CPUCredits:t3', 'EC2 CPU credits'],
    ['USE2-CPUCredits:t3a', 'EC2 CPU credits'],
    ['APN2-CPUCredits:t4g', 'EC2 CPU credits'],
    // RDS and Aurora instance hours, as the AmazonRDS Price List and Cost Explorer write them
    ['InstanceUsage:db.t3.micro', 'RDS instances'],
    ['APN2-InstanceUsage:db.t3.medium', 'RDS instances'],
    ['USW2-Multi-AZUsage:db.m4.large', 'RDS instances'],
    ['InstanceUsage:db.r5b.16xl', 'RDS instances'],
    ['APN2-InstanceUsageIOOptimized:db.r6g.large', 'RDS instances'],
    // Aurora Serverless v2 ACU-hours (Standard and I/O-Optimized), estimated on the instance's row
    ['EUW2-Aurora:ServerlessV2Usage', 'RDS instances'],
    ['Aurora:ServerlessV2IOOptimizedUsage', 'RDS instances'],
    ['APS1-CPUCredits:db.t3', 'RDS instances'],
    // allocated storage of the types the estimate prices, Single-AZ and Multi-AZ
    ['RDS:GP2-Storage', 'RDS storage'],
    ['APN2-RDS:GP3-Storage', 'RDS storage'],
    ['RDS:Multi-AZ-GP2-Storage', 'RDS storage'],
    ['EUW2-RDS:Multi-AZ-PIOPS-Storage', 'RDS storage'],
    ['RDS:StorageUsage', 'RDS storage'],
    // an Aurora cluster's volume: GB used (Standard or I/O-Optimized) and I/O requests, estimated from CloudWatch
    ['Aurora:StorageUsage', 'Aurora storage and I/O'],
    ['APN2-Aurora:StorageIOUsage', 'Aurora storage and I/O'],
    ['EUW2-Aurora:IO-OptimizedStorageUsage', 'Aurora storage and I/O'],
    // what RDS bills that the estimate does not price: not in a category
    ['RDS:ChargedBackupUsage', undefined],
    ['EUW2-Aurora:BackupUsage', undefined],
    // a DB instance's Provisioned IOPS (io1, io2, gp3 above the baseline) and gp3 throughput, Single-AZ and Multi-AZ
    ['RDS:PIOPS', 'RDS IOPS and throughput'],
    ['RDS:Multi-AZ-PIOPS', 'RDS IOPS and throughput'],
    ['APN2-RDS:GP3-PIOPS', 'RDS IOPS and throughput'],
    ['RDS:Multi-AZ-GP3-PIOPS', 'RDS IOPS and throughput'],
    ['RDS:IO2-PIOPS', 'RDS IOPS and throughput'],
    ['EUW2-RDS:Multi-AZ-IO2-PIOPS', 'RDS IOPS and throughput'],
    ['RDS:GP3-Throughput', 'RDS IOPS and throughput'],
    ['RDS:Multi-AZ-GP3-Throughput', 'RDS IOPS and throughput'],
    // io2 storage
    ['RDS:PIOPS-Storage-IO2', 'RDS storage'],
    ['APN2-RDS:Multi-AZ-PIOPS-Storage-IO2', 'RDS storage'],
    ['Aurora:ServerlessUsage', undefined],
    ['EUW2-RDS:PerformanceInsights', undefined],
    // a Multi-AZ DB cluster: its hours and allocated storage (io2 too) are estimated; its Provisioned IOPS are not
    ['Multi-AZClusterUsage:db.m6gd.large', 'RDS instances'],
    ['APN2-Multi-AZClusterUsage:db.r6gd.xl', 'RDS instances'],
    ['RDS:Multi-AZCluster-GP3-Storage', 'RDS storage'],
    ['APN2-RDS:Multi-AZCluster-PIOPS-Storage', 'RDS storage'],
    ['RDS:Multi-AZCluster-PIOPS', undefined],
    ['RDS:Multi-AZCluster-PIOPS-Storage-IO2', 'RDS storage'],
    ['RDS:Multi-AZCluster-GP3-PIOPS', undefined],
  ])('usage type %s is %s', (usageType, category) => {
    expect(usageCategory(usageType)).toBe(category);
  });

  it('shows, per region and category, unblended and amortized cost beside the estimate for the same days and the variance', async () => {
    // Act
    const workbook = await workbookOf(report(fleet()));

    // Assess: EC2 estimate 30.37 a month → 7 days: 30.37 × 168 / 730 = 6.99; 22 days: 30.37 × 528 / 730 = 21.97
    const compute = rowOf(workbook, 'Billed', 'Category', 'EC2 compute');
    expect(
      ['LastWeekUnblended(USD)', 'LastWeekAmortized(USD)', 'LastWeekEstimate(USD)', 'LastWeekVariance(USD)', 'MonthToDateUnblended(USD)', 'MonthToDateAmortized(USD)', 'MonthToDateEstimate(USD)', 'MonthToDateVariance(USD)'].map(
        (h) => compute.get(h)?.value,
      ),
    ).toEqual([7, 5.5, 6.99, -1.49, 22, 17.28, 21.97, -4.69]);
    expect(compute.get('UsageTypes')?.value).toBe('BoxUsage:t3.medium');
    // EBS estimate 0.80 a month → 0.18 and 0.58
    const ebs = rowOf(workbook, 'Billed', 'Category', 'EBS volumes');
    expect([ebs.get('LastWeekEstimate(USD)')?.value, ebs.get('LastWeekVariance(USD)')?.value, ebs.get('MonthToDateVariance(USD)')?.value]).toEqual([0.18, 0.01, 0]);
    const total = rowOf(workbook, 'Billed', 'Region', 'TOTAL');
    expect([total.get('LastWeekAmortized(USD)')?.value, total.get('LastWeekEstimate(USD)')?.value, total.get('LastWeekVariance(USD)')?.value]).toEqual([5.69, 7.17, -1.48]);
  });

  it('adds Summary lines with the period, amortized (unblended), estimate and variance, and one sentence on what explains it', async () => {
    const workbook = await workbookOf(report(fleet()));

    expect(summaryLine(workbook, 'Billed last week')).toMatchObject({
      value: '$5.69 ($7.19)',
      note: '2026-11-16 to 2026-11-22: list-price estimate $7.17, variance −$1.48 (−20.6%)',
    });
    expect(summaryLine(workbook, 'Billed month to date')).toMatchObject({
      value: '$17.86 ($22.58)',
      note: '2026-11-01 to 2026-11-22: list-price estimate $22.55, variance −$4.69 (−20.8%)',
    });
    expect(String(summaryLine(workbook, 'Variance explained').note)).toMatch(/^Billed differs from the list-price estimate through Reserved Instances and Savings Plans.*Spot price changes/);
  });

  it('says what it billed of these services that the estimate does not price, apart from the rows', async () => {
    const workbook = await workbookOf(report(fleet()));
    const sheet = workbook.getWorksheet('Billed') as ExcelJS.Worksheet;
    const notes: string[] = [];
    sheet.eachRow((row) => notes.push(String(row.getCell(1).value)));

    expect(notes).toContain('Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $1.25; not in the rows above.');
  });

  it('Cost Explorer not enabled is a visible, highlighted note in Summary and Billed, and the report still renders', async () => {
    const inv = { ...fleet(), billed: { status: 'unavailable' as const, code: 'AccessDeniedException', reason: 'Cost Explorer is not enabled for this account' } };

    const workbook = await workbookOf(report(inv));

    expect(summaryLine(workbook, 'Billed (Cost Explorer)')).toMatchObject({ value: 'not available', note: 'Cost Explorer is not enabled for this account', highlighted: true });
    const sheet = workbook.getWorksheet('Billed') as ExcelJS.Worksheet;
    expect(sheet.getRow(4).getCell(1).value).toBe('No billed figures: Cost Explorer is not enabled for this account (AccessDeniedException).');
  });

  it('turned off, it says so and that no request was made', async () => {
    const workbook = await workbookOf(report({ ...fleet(), billed: { status: 'off' } }));

    expect(summaryLine(workbook, 'Billed (Cost Explorer)')).toMatchObject({ value: 'off', highlighted: false, note: expect.stringContaining('no request made') });
  });
});

describe('RDS and Aurora billed beside estimated', () => {
  /** A DB with the price keys collect-inventory gives it. */
  function database(name: string, fields: Partial<InventoryDatabase>): InventoryDatabase {
    const db: InventoryDatabase = { region: REGION, arn: `arn:aws:rds:${REGION}:111122223333:db:${name}`, kind: 'instance', name, engine: 'mysql', status: 'available', multiAz: false, ...fields };
    const { compute, storage, ioRequests } = databasePriceKeys(db);
    return {
      ...db,
      ...(compute ? { priceKeyId: withId(compute).id } : {}),
      ...(storage ? { storagePriceKeyId: withId(storage).id } : {}),
      ...(ioRequests ? { ioPriceKeyId: withId(ioRequests).id } : {}),
    };
  }
  const databases = [
    database('orders', { instanceClass: 'db.t3.micro', storageType: 'gp2', allocatedGiB: 20 }),
    database('ledger', { engine: 'postgres', instanceClass: 'db.m5.large', multiAz: true, storageType: 'gp3', allocatedGiB: 100, status: 'stopped' }),
    // CloudWatch: 100 GB used, 100,000,000 I/O requests a month
    database('catalog', { kind: 'cluster', engine: 'aurora-postgresql', storageType: 'aurora', auroraUsage: { volumeGiB: 100, ioRequestsMonthly: 100_000_000 } }),
    database('catalog-1', { engine: 'aurora-postgresql', instanceClass: 'db.t3.medium', cluster: 'catalog', clusterStatus: 'available' }),
  ];
  // us-east-1 list prices (the local fixtures): db.t3.micro MySQL 0.017, db.m5.large PostgreSQL Multi-AZ 0.356, Aurora db.t3.medium 0.082; gp2 0.115, gp3 Multi-AZ 0.23.
  const prices: PriceResult[] = [
    price(databases[0]!.priceKeyId!, 0.017, 'Hrs'),
    price(databases[1]!.priceKeyId!, 0.356, 'Hrs'),
    price(databases[3]!.priceKeyId!, 0.082, 'Hrs'),
    price(databases[0]!.storagePriceKeyId!, 0.115, 'GB-Mo'),
    price(databases[1]!.storagePriceKeyId!, 0.23, 'GB-Mo'),
    // Aurora Standard storage 0.10 per GB-month, I/O 0.20 per million requests
    price(databases[2]!.storagePriceKeyId!, 0.1, 'GB-Mo'),
    price(databases[2]!.ioPriceKeyId!, 0.2, 'Million-IOs'),
  ];
  const lastWeek = (usageType: string, unblended: number, amortized = unblended) => ({ period: 'lastWeek' as const, region: REGION, usageType, unblended, amortized });
  const billed: BilledCosts = {
    status: 'collected',
    periods: BILLED_PERIODS,
    lines: [
      lastWeek('InstanceUsage:db.t3.micro', 2.86),
      // the Aurora instance under a Reserved Instance: amortized below unblended
      lastWeek('InstanceUsage:db.t3.medium', 13.78, 9.0),
      lastWeek('CPUCredits:db.t3', 0.35),
      lastWeek('RDS:GP2-Storage', 0.53),
      lastWeek('RDS:Multi-AZ-GP3-Storage', 5.29),
      lastWeek('Aurora:StorageUsage', 0.4),
      lastWeek('Aurora:StorageIOUsage', 0.12),
      lastWeek('RDS:ChargedBackupUsage', 0.05),
    ],
    requests: 1,
    estimated: false,
  };

  it('sets instance hours, allocated storage and Aurora storage and I/O beside their estimate; backups stay out of the rows, by hand', async () => {
    // Act
    const workbook = await workbookOf(report(inventory({ databases, billed }), { prices }));

    // Assess: instance hours 12.41 (orders) + 0 (ledger is stopped) + 59.86 (catalog-1) = 72.27 a month:
    // 7 days 72.27 × 168 / 730 = 16.63, 22 days × 528 / 730 = 52.27. Billed 2.86 + 13.78 + 0.35 = 16.99 (amortized 12.21).
    const headers = ['LastWeekUnblended(USD)', 'LastWeekAmortized(USD)', 'LastWeekEstimate(USD)', 'LastWeekVariance(USD)', 'MonthToDateEstimate(USD)'];
    const instances = rowOf(workbook, 'Billed', 'Category', 'RDS instances');
    expect(headers.map((h) => instances.get(h)?.value)).toEqual([16.99, 12.21, 16.63, -4.42, 52.27]);
    expect(instances.get('UsageTypes')?.value).toBe('CPUCredits:db.t3, InstanceUsage:db.t3.medium, InstanceUsage:db.t3.micro');
    // Storage, billed stopped or not: 20 × 0.115 = 2.30 + 100 × 0.23 = 23.00 → 25.30 a month: 5.82 and 18.30. Billed 0.53 + 5.29.
    const storage = rowOf(workbook, 'Billed', 'Category', 'RDS storage');
    expect(headers.map((h) => storage.get(h)?.value)).toEqual([5.82, 5.82, 5.82, 0, 18.3]);
    expect(storage.get('UsageTypes')?.value).toBe('RDS:GP2-Storage, RDS:Multi-AZ-GP3-Storage');
    // Aurora, billed stopped or not: 100 × 0.10 = 10.00 + 100 × 0.20 = 20.00 → 30.00 a month: 6.90 and 21.70. Billed 0.40 + 0.12.
    const aurora = rowOf(workbook, 'Billed', 'Category', 'Aurora storage and I/O');
    expect(headers.map((h) => aurora.get(h)?.value)).toEqual([0.52, 0.52, 6.9, -6.38, 21.7]);
    expect(aurora.get('UsageTypes')?.value).toBe('Aurora:StorageIOUsage, Aurora:StorageUsage');
    // Backup storage 0.05
    const sheet = workbook.getWorksheet('Billed') as ExcelJS.Worksheet;
    const notes: string[] = [];
    sheet.eachRow((row) => notes.push(String(row.getCell(1).value)));
    expect(notes).toContain('Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $0.05; not in the rows above.');
    // Summary: 12.21 + 5.82 + 0.52 = 18.55 amortized (16.99 + 5.82 + 0.52 = 23.33 unblended) beside 16.63 + 5.82 + 6.90 = 29.35
    expect(summaryLine(workbook, 'Billed last week')).toMatchObject({
      value: '$18.55 ($23.33)',
      note: '2026-11-16 to 2026-11-22: list-price estimate $29.35, variance −$10.80 (−36.8%)',
    });
  });
});

describe('Aurora clusters without CloudWatch figures', () => {
  const cluster = (name: string, auroraUsage: InventoryDatabase['auroraUsage'], storageType = 'aurora'): InventoryDatabase => {
    const db: InventoryDatabase = { region: REGION, arn: `arn:aws:rds:${REGION}:111122223333:cluster:${name}`, kind: 'cluster', name, engine: 'aurora-mysql', status: 'available', multiAz: false, storageType, ...(auroraUsage ? { auroraUsage } : {}) };
    const { storage, ioRequests } = databasePriceKeys(db);
    return { ...db, storagePriceKeyId: withId(storage!).id, ...(ioRequests ? { ioPriceKeyId: withId(ioRequests).id } : {}) };
  };
  const denied = 'ap-northeast-2 of 444455556666: CloudWatch GetMetricData failed (AccessDenied): not authorized to perform: cloudwatch:GetMetricData';
  const databases = [
    cluster('refused', { readError: denied }),
    cluster('fresh', {}),
    cluster('optimized', { volumeGiB: 10, ioRequestsMonthly: 5_000_000 }, 'aurora-iopt1'),
  ];
  const prices: PriceResult[] = [
    price(databases[0]!.storagePriceKeyId!, 0.1, 'GB-Mo'),
    price(databases[0]!.ioPriceKeyId!, 0.2, 'Million-IOs'),
    price(databases[2]!.storagePriceKeyId!, 0.225, 'GB-Mo'),
  ];

  it('a refused CloudWatch read leaves the cluster\'s storage and I/O unpriced, highlighted, naming the error; no datapoints says so, never a zero; I/O-Optimized pays no I/O', async () => {
    // Act
    const workbook = await workbookOf(report(inventory({ databases }), { prices }));

    // Assess
    const refused = rowOf(workbook, 'RDS', 'Identifier', 'refused');
    expect(refused.get('StorageMonthly(USD)')?.value).toBeNull();
    expect(refused.get('IOMonthly(USD)')?.value).toBeNull();
    expect(String(refused.get('PriceStatus')?.value)).toContain(`storage used not read: ${denied}`);
    // The RDS sheet's conditional format highlights every row whose PriceStatus says unpriced.
    expect(String(refused.get('PriceStatus')?.value)).toMatch(/^unpriced/);
    const fresh = rowOf(workbook, 'RDS', 'Identifier', 'fresh');
    expect(fresh.get('StorageMonthly(USD)')?.value).toBeNull();
    expect(String(fresh.get('PriceStatus')?.value)).toContain('CloudWatch has no VolumeBytesUsed datapoints for fresh (a new cluster, or metrics not yet published): not estimated');
    // I/O-Optimized: 10 GB × 0.225 = 2.25 (2.25 rounds to cents as is); its I/O requests cost nothing and are not shown.
    const optimized = rowOf(workbook, 'RDS', 'Identifier', 'optimized');
    expect([optimized.get('StorageMonthly(USD)')?.value, optimized.get('IOMonthly(USD)')?.value, optimized.get('TotalMonthly(USD)')?.value]).toEqual([2.25, null, 2.25]);
    expect(String(optimized.get('Note')?.value)).toContain('Aurora I/O-Optimized: no charge per I/O request');
  });
});

describe('Multi-AZ DB clusters billed as AWS bills them', () => {
  // A tagged PostgreSQL Multi-AZ DB cluster (db.m6gd.large, 100 GB gp3) and the writer and two readable
  // standbys RDS runs for it, as DescribeDBClusters / DescribeDBInstances report them, through collect-inventory's assembly.
  const arn = (kind: 'db' | 'cluster', name: string) => `arn:aws:rds:${REGION}:111122223333:${kind}:${name}`;
  const member = (name: string) => ({ arn: arn('db', name), kind: 'instance' as const, name, status: 'available', tags: [], engine: 'postgres', multiAz: false, cluster: 'ledger', instanceClass: 'db.m6gd.large', storageType: 'gp3', allocatedGiB: 100 });
  const databases = assembleDatabases(REGION, [
    { arn: arn('cluster', 'ledger'), kind: 'cluster', name: 'ledger', status: 'available', tags: [{ Key: 'AutoStopStart', Value: 'Yes' }], engine: 'postgres', multiAz: true, instanceClass: 'db.m6gd.large', storageType: 'gp3', allocatedGiB: 100 },
    member('ledger-instance-1'),
    member('ledger-instance-2'),
    member('ledger-instance-3'),
  ], 'AutoStopStart');
  const ledger = databases.find((db) => db.name === 'ledger')!;
  // us-east-1 (the local fixtures): 0.602 per hour of the whole cluster, 0.345 per GB-month (3 × 0.115).
  const prices: PriceResult[] = [price(ledger.priceKeyId!, 0.602, 'Hrs'), price(ledger.storagePriceKeyId!, 0.345, 'GB-Mo')];
  const lastWeek = (usageType: string, unblended: number) => ({ period: 'lastWeek' as const, region: REGION, usageType, unblended, amortized: unblended });
  const billed: BilledCosts = {
    status: 'collected',
    periods: BILLED_PERIODS,
    lines: [lastWeek('Multi-AZClusterUsage:db.m6gd.large', 101.2), lastWeek('RDS:Multi-AZCluster-GP3-Storage', 7.94), lastWeek('RDS:Multi-AZCluster-PIOPS', 1.5)],
    requests: 1,
    estimated: false,
  };

  it('prices the cluster once, per cluster-hour and per allocated GB, and its three instances at nothing, by hand', async () => {
    // Act
    const workbook = await workbookOf(report(inventory({ databases, billed }), { prices }));

    // Assess: 0.602 × 730 = 439.46; 100 × 0.345 = 34.50; 473.96 in all, none of it again on the instances.
    const cluster = rowOf(workbook, 'RDS', 'Identifier', 'ledger');
    expect(['Kind', 'Deployment', 'HourlyUSD', 'InstanceMonthly(USD)', 'StorageMonthly(USD)', 'TotalMonthly(USD)'].map((h) => cluster.get(h)?.value)).toEqual([
      'Multi-AZ DB cluster', 'Multi-AZ DB cluster', 0.602, 439.46, 34.5, 473.96,
    ]);
    for (const name of ['ledger-instance-1', 'ledger-instance-2', 'ledger-instance-3']) {
      const row = rowOf(workbook, 'RDS', 'Identifier', name);
      expect(['Kind', 'HourlyUSD', 'TotalMonthly(USD)'].map((h) => row.get(h)?.value)).toEqual(['Multi-AZ DB cluster instance', null, 0]);
    }
    expect(summaryLine(workbook, 'RDS and Aurora').monthly).toBe(473.96);
  });

  it('saves nothing on a tagged Multi-AZ DB cluster, saying RDS cannot stop it', async () => {
    const costs = report(inventory({ databases }), { prices });
    const workbook = await workbookOf(costs);

    const cluster = rowOf(workbook, 'RDS', 'Identifier', 'ledger');
    expect(cluster.get('PriceStatus')?.value).toBe('priced; the schedule leaves it alone (Multi-AZ DB cluster (postgres): RDS cannot stop or start it): no savings');
    expect(cluster.get('ScheduleSavings(USD)')?.value).toBeNull();
    expect(summaryLine(workbook, 'Schedule savings — RDS DB instances').monthly).toBe(0);
    expect(costs.totals.scheduleSavingsByKind).toEqual({ ec2: 0, rds: 0, aurora: 0, asg: 0 });
  });

  it('says a tagged instance of an untagged Multi-AZ DB cluster saves nothing because RDS cannot stop such a cluster or its instances, not for its cluster\'s missing tag', async () => {
    // Prepare: the cluster without the opt-in tag, its writer with it.
    const untagged = assembleDatabases(REGION, [
      { arn: arn('cluster', 'ledger'), kind: 'cluster', name: 'ledger', status: 'available', tags: [], engine: 'postgres', multiAz: true, instanceClass: 'db.m6gd.large', storageType: 'gp3', allocatedGiB: 100 },
      { ...member('ledger-instance-1'), tags: [{ Key: 'AutoStopStart', Value: 'Yes' }] },
      member('ledger-instance-2'),
      member('ledger-instance-3'),
    ], 'AutoStopStart');
    const cluster = untagged.find((db) => db.name === 'ledger')!;

    // Act
    const costs = report(inventory({ databases: untagged }), { prices: [price(cluster.priceKeyId!, 0.602, 'Hrs'), price(cluster.storagePriceKeyId!, 0.345, 'GB-Mo')] });
    const workbook = await workbookOf(costs);

    // Assess
    const writer = rowOf(workbook, 'RDS', 'Identifier', 'ledger-instance-1');
    expect(writer.get('Schedule')?.value).toBe('Yes');
    expect(writer.get('PriceStatus')?.value).toBe(
      'priced; the schedule leaves it alone (member of Multi-AZ DB cluster ledger (postgres): RDS cannot stop or start a Multi-AZ DB cluster or its instances): no savings',
    );
    expect(writer.get('ScheduleSavings(USD)')?.value).toBeNull();
    expect(costs.totals.scheduleSavingsByKind).toEqual({ ec2: 0, rds: 0, aurora: 0, asg: 0 });
  });

  it('sets the cluster\'s hours and storage beside what Cost Explorer billed for them; its Provisioned IOPS stays out of the rows, by hand', async () => {
    const workbook = await workbookOf(report(inventory({ databases, billed }), { prices }));

    // 439.46 × 168 / 730 = 101.14 (billed 101.20: variance 0.06); 34.50 × 168 / 730 = 7.94
    const headers = ['LastWeekUnblended(USD)', 'LastWeekEstimate(USD)', 'LastWeekVariance(USD)', 'UsageTypes'];
    expect(headers.map((h) => rowOf(workbook, 'Billed', 'Category', 'RDS instances').get(h)?.value)).toEqual([101.2, 101.14, 0.06, 'Multi-AZClusterUsage:db.m6gd.large']);
    expect(headers.map((h) => rowOf(workbook, 'Billed', 'Category', 'RDS storage').get(h)?.value)).toEqual([7.94, 7.94, 0, 'RDS:Multi-AZCluster-GP3-Storage']);
    const sheet = workbook.getWorksheet('Billed') as ExcelJS.Worksheet;
    const notes: string[] = [];
    sheet.eachRow((row) => notes.push(String(row.getCell(1).value)));
    expect(notes).toContain('Other usage of these services that the estimate does not price (data transfer, NAT gateways, RDS and Aurora backups, Provisioned IOPS of Multi-AZ DB clusters, ...), amortized: LastWeek $1.50; not in the rows above.');
  });
});
