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
import type { InventoryBackups, VolumeRestorePoint } from '../../functions/shared/backup-types';
import { priceKeyId, withId, type Inventory, type InventoryAutoScalingGroup, type InventoryDatabase, type InventoryInstance, type InventoryVolume, type PriceResult } from '../../functions/shared/cost-types';
import { databasePriceKeys } from '../../functions/shared/price-keys';

const REGION = 'ap-northeast-2';
const M5 = priceKeyId({ kind: 'ec2', region: REGION, instanceType: 'm5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' });
const M5_DEDICATED = priceKeyId({ kind: 'ec2', region: REGION, instanceType: 'm5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Dedicated' });
const SPOT_PRICED = `spot|${REGION}a|m5.large|Linux/UNIX`;
const SPOT_UNPRICED = `spot|${REGION}b|m5.large|Linux/UNIX`;
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

/** A DB with the price keys collect-inventory gives it. */
function database(name: string, fields: Partial<InventoryDatabase>): InventoryDatabase {
  const db: InventoryDatabase = { region: REGION, arn: `arn:aws:rds:${REGION}:111122223333:db:${name}`, kind: 'instance', name, engine: 'mysql', status: 'available', multiAz: false, ...fields };
  const { compute, storage } = databasePriceKeys(db);
  return { ...db, ...(compute ? { priceKeyId: withId(compute).id } : {}), ...(storage ? { storagePriceKeyId: withId(storage).id } : {}) };
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
  // Every purchase option: Spot (one AZ priced, one not), Dedicated Instances, instances on two hosts.
  const purchase = (n: number): Partial<InventoryInstance> => {
    if (n % 13 === 1) return { purchaseOption: 'Spot', spotPriceId: n % 2 === 0 ? SPOT_PRICED : SPOT_UNPRICED };
    if (n % 17 === 2) return { purchaseOption: 'Dedicated Instance', tenancy: 'Dedicated', priceKeyId: M5_DEDICATED };
    if (n % 19 === 4) return { purchaseOption: 'Dedicated Host', tenancy: 'Host', hostId: n % 2 === 0 ? 'h-0aaa' : 'h-0bbb' };
    return {};
  };
  const instances = Array.from({ length: count }, (_, n) =>
    instance(n, {
      state: n % 7 === 3 ? 'stopped' : 'running',
      stoppedSince: '2026-10-01T00:00:00Z',
      scheduleTagValue: n % 2 === 0 ? 'Yes' : undefined,
      priceKeyId: n % 11 === 5 ? 'ec2|ap-northeast-2|z1.gone|Linux|NA|No License required|Shared' : M5,
      ...purchase(n),
    }),
  );
  // Auto Scaling groups on the schedule: one running (members 20-29 among every purchase option and an unpriced type,
  // their volumes deleted with them), one stopped by the schedule.
  const members = instances.slice(20, 30);
  for (const member of members) member.deleteOnTerminationVolumeIds = [...member.volumeIds];
  const group = (name: string, fields: Partial<InventoryAutoScalingGroup>): InventoryAutoScalingGroup => ({
    region: REGION, name, scheduleTagValue: 'Yes', scheduleState: 'running', min: 1, max: 10, desired: 10, inServiceInstanceIds: [], mixedInstances: false, ...fields,
  });
  const autoScalingGroups = [
    group('web', { inServiceInstanceIds: members.map((i) => i.instanceId), mixedInstances: true }),
    group('batch', { scheduleState: 'stopped', min: 0, max: 0, desired: 0, savedSizes: 'min=1 max=2 desired=1' }),
  ];
  const volumes = [
    ...Array.from({ length: count }, (_, n) =>
      volume(n, { volumeType: ['gp3', 'gp2', 'st1'][n % 3] as string, sizeGiB: 7 + (n % 13) * 11, iops: 3000 + (n % 4) * 250, throughputMiBps: 125 + (n % 5) * 10 }),
    ),
    ...Array.from({ length: 20 }, (_, n) => volume(count + n, { sizeGiB: 3 + n, attachedTo: undefined, state: 'available' })),
    // io2 in every tier, magnetic (its per-I/O note), and a multi-attach io2 charged to its first instance only.
    volume(400, { volumeType: 'io2', sizeGiB: 100, iops: 80_000, attachedTo: instances[0]?.instanceId }),
    volume(401, { volumeType: 'standard', sizeGiB: 50, iops: undefined, throughputMiBps: undefined, attachedTo: instances[2]?.instanceId }),
    volume(402, { volumeType: 'io2', sizeGiB: 10, iops: 40_000, attachedTo: instances[6]?.instanceId, alsoAttachedTo: [instances[8]?.instanceId ?? ''] }),
  ];
  const addresses = Array.from({ length: 30 }, (_, n) => ({
    region: n % 4 === 0 ? OTHER_REGION : REGION,
    publicIp: `3.34.1.${n}`,
    kind: 'elastic' as const,
    allocationId: `eipalloc-${n}`,
    instanceId: n % 3 === 0 ? '' : instances[n]?.instanceId,
    associated: n % 3 !== 0,
  }));
  const snapshots = Array.from({ length: 25 }, (_, n) => ({
    region: n % 5 === 0 ? OTHER_REGION : REGION,
    snapshotId: `snap-${n}`,
    volumeSizeGiB: 9 + n * 3,
    ...(n % 4 === 1 ? { storageTier: 'archive' as const, fullSnapshotSizeBytes: (5 + n) * 1024 ** 3 } : {}),
  }));
  const hosts = [
    { region: REGION, hostId: 'h-0aaa', instanceFamily: 'm5', state: 'available', az: `${REGION}a`, instanceIds: instances.filter((i) => i.hostId === 'h-0aaa').map((i) => i.instanceId) },
    { region: REGION, hostId: 'h-0bbb', instanceFamily: 'm5', state: 'available', az: `${REGION}b`, instanceIds: [] },
    { region: OTHER_REGION, hostId: 'h-0ccc', instanceFamily: 'c5', state: 'available', az: `${OTHER_REGION}a`, instanceIds: [] },
  ];
  const spotPrices: PriceResult[] = [
    { id: SPOT_PRICED, status: 'priced', usd: 0.0371, unit: 'Hrs', description: 'test Spot average' },
    { id: SPOT_UNPRICED, status: 'unpriced', reason: 'no Spot price history for Linux/UNIX m5.large in ap-northeast-2b in the last 7 days' },
  ];
  const billedLine = (period: 'lastWeek' | 'monthToDate', region: string, usageType: string, unblended: number, amortized: number) => ({ period, region, usageType, unblended, amortized });
  const billed = {
    status: 'collected' as const,
    periods: [
      { name: 'lastWeek' as const, start: '2026-11-16', end: '2026-11-23', days: 7 },
      { name: 'monthToDate' as const, start: '2026-11-01', end: '2026-11-23', days: 22 },
    ],
    lines: [
      billedLine('lastWeek', REGION, 'APN2-BoxUsage:m5.large', 4321.07, 4100.13),
      billedLine('lastWeek', REGION, 'APN2-EBS:VolumeUsage.gp3', 210.11, 210.11),
      billedLine('lastWeek', REGION, 'APN2-DataTransfer-Out-Bytes', 12.5, 12.5),
      billedLine('monthToDate', REGION, 'APN2-BoxUsage:m5.large', 13579.01, 12888.88),
      billedLine('monthToDate', REGION, 'APN2-EBS:SnapshotUsage', 33.33, 33.33),
      billedLine('monthToDate', OTHER_REGION, 'PublicIPv4:IdleAddress', 0.84, 0.84),
    ],
    requests: 1,
    estimated: true,
  };
  // Restore points of every third volume, warm and cold; copies in the other region, whose snapshot rate is not looked up, are unpriced.
  // A daily plan selects every tenth instance, so some are tagged for backup with no point (the Waste sheet's risk rows).
  const backupPoint = (volumeId: string, n: number): VolumeRestorePoint => ({
    volumeId,
    region: REGION,
    source: 'AWS Backup',
    id: `snap-b${n}`,
    createdAt: `2026-11-${String(10 + (n % 13)).padStart(2, '0')}T03:00:00Z`,
    restorable: true,
    status: 'COMPLETED',
    tier: 'warm',
    storedGiB: 7 + (n % 13) * 11,
    storedGiBIsUpperBound: true,
  });
  const backups: InventoryBackups = {
    plans: [{ region: REGION, planId: 'plan-daily', name: 'daily', rules: [{ name: 'daily', cron: 'cron(0 3 * * ? *)', timezone: 'Asia/Seoul', retentionDays: 35 }], selections: [] }],
    selected: instances.filter((_, n) => n % 10 === 0).map((i) => ({ region: REGION, resourceId: i.instanceId, planIds: ['plan-daily'] })),
    volumes: Array.from({ length: count }, (_, n) => n)
      .filter((n) => n % 3 === 0)
      .map((n) => ({
        volumeId: `vol-${n}`,
        newest: backupPoint(`vol-${n}`, n),
        points: 3,
        storage: [
          { region: REGION, tier: 'warm' as const, gib: 7 + (n % 13) * 11, upperBound: true },
          ...(n % 9 === 0 ? [{ region: REGION, tier: 'cold' as const, gib: 1.5 + n / 7, upperBound: false }] : []),
          ...(n % 15 === 0 ? [{ region: OTHER_REGION, tier: 'warm' as const, gib: 11, upperBound: true }] : []),
        ],
      })),
    jobs: [{ region: REGION, jobId: 'job-1', state: 'FAILED', resourceArn: `arn:aws:ec2:${REGION}:111122223333:volume/vol-1`, resourceType: 'EBS', vault: 'Default', createdAt: '2026-11-20T03:00:00Z', reason: 'Access denied' }],
    notes: [],
    jobDays: 7,
  };
  const prices: PriceResult[] = [
    ...PRICES,
    { id: priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'gp3' }), status: 'priced', usd: 0.0057, unit: 'IOPS-Mo' },
    { id: priceKeyId({ kind: 'ebs-throughput', region: REGION, volumeType: 'gp3' }), status: 'priced', usd: 0.0456, unit: 'MiBps-Mo' },
    { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'gp2' }), status: 'priced', usd: 0.114, unit: 'GB-Mo' },
    { id: priceKeyId({ kind: 'ipv4', region: REGION, usage: 'InUse' }), status: 'priced', usd: 0.005, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'ipv4', region: REGION, usage: 'Idle' }), status: 'priced', usd: 0.005, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'snapshot', region: REGION }), status: 'priced', usd: 0.05, unit: 'GB-Mo' },
    { id: priceKeyId({ kind: 'snapshot-archive', region: REGION }), status: 'priced', usd: 0.0125, unit: 'GB-Mo' },
    { id: M5_DEDICATED, status: 'priced', usd: 0.1298, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'dedicated-fee', region: REGION }), status: 'priced', usd: 2, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'dedicated-host', region: REGION, instanceFamily: 'm5' }), status: 'priced', usd: 6.232, unit: 'Hrs' },
    { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'io2' }), status: 'priced', usd: 0.1425, unit: 'GB-Mo' },
    { id: priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'io2' }), status: 'priced', usd: 0.0741, unit: 'IOPS-Mo' },
    { id: priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'io2', tier: 'tier2' }), status: 'priced', usd: 0.05187, unit: 'IOPS-Mo' },
    { id: priceKeyId({ kind: 'ebs-iops', region: REGION, volumeType: 'io2', tier: 'tier3' }), status: 'priced', usd: 0.03631, unit: 'IOPS-Mo' },
    { id: priceKeyId({ kind: 'ebs-storage', region: REGION, volumeType: 'standard' }), status: 'priced', usd: 0.057, unit: 'GB-Mo' },
    { id: priceKeyId({ kind: 'ebs-io-requests', region: REGION }), status: 'priced', usd: 0.05, unit: 'Million-IOs' },
  ];
  // Scheduled and not, stopped, Multi-AZ, a storage type the report does not price, an Aurora cluster with an unpriced instance.
  const databases = [
    database('orders', { instanceClass: 'db.t3.micro', storageType: 'gp2', allocatedGiB: 20, scheduleTagValue: 'Yes' }),
    database('ledger', { engine: 'postgres', instanceClass: 'db.m5.large', multiAz: true, storageType: 'gp3', allocatedGiB: 100 }),
    database('reports', { instanceClass: 'db.t3.micro', storageType: 'gp2', allocatedGiB: 50, status: 'stopped', scheduleTagValue: 'Yes' }),
    database('archive', { instanceClass: 'db.t3.micro', storageType: 'io2', allocatedGiB: 100 }),
    database('catalog', { kind: 'cluster', engine: 'aurora-mysql', scheduleTagValue: 'Yes' }),
    database('catalog-1', { engine: 'aurora-mysql', instanceClass: 'db.t3.medium', cluster: 'catalog', clusterStatus: 'available', scheduleTagValue: 'Yes' }),
    database('catalog-2', { engine: 'aurora-mysql', instanceClass: 'db.x9.huge', cluster: 'catalog', clusterStatus: 'available', scheduleTagValue: 'Yes' }),
  ];
  const dbPrice = (db: InventoryDatabase, usd: number): PriceResult => ({ id: db.priceKeyId!, status: 'priced', usd, unit: 'Hrs' });
  prices.push(
    dbPrice(databases[0]!, 0.022),
    dbPrice(databases[1]!, 0.462),
    dbPrice(databases[5]!, 0.107),
    { id: databases[0]!.storagePriceKeyId!, status: 'priced', usd: 0.131, unit: 'GB-Mo' },
    { id: databases[1]!.storagePriceKeyId!, status: 'priced', usd: 0.262, unit: 'GB-Mo' },
  );
  return { inv: { ...inventory(instances, volumes), addresses, snapshots, hosts, spotPrices, billed, backups, databases, autoScalingGroups }, prices };
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
    expect(String(rowOf(volumes, 'vol-2').getCell(16).value)).toBe('unpriced: ebs-storage|ap-northeast-2|st1: 2 SKUs matched st1');
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
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary', 'EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Snapshots', 'Public_IPv4', 'Dedicated', 'RDS', 'Auto_Scaling', 'Billed', 'Backups', 'Backup_Jobs', 'Waste', 'Prices', 'Trend', 'Trend_By_Account',
    ]);
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
    expect(sheetsWithTotals).toEqual(['EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Snapshots', 'Public_IPv4', 'Dedicated', 'RDS', 'Auto_Scaling', 'Billed', 'Backups', 'Waste']);
    let unpricedCellsAbove = 0;
    for (const name of sheetsWithTotals) {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      const total = rowOf(sheet, 'TOTAL');
      // The fleet gives every sheet rows to add up: a TOTAL under no rows would prove nothing.
      expect({ sheet: name, hasRows: total.number > 2 }).toEqual({ sheet: name, hasRows: true });
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

describe('highlights and print setup', () => {
  // exceljs reads conditional formats back but its typings omit the property.
  const formulas = (workbook: ExcelJS.Workbook, name: string) =>
    (workbook.getWorksheet(name) as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.flatMap((cf) =>
      cf.rules.flatMap((r) => ('formulae' in r ? ((r.formulae ?? []) as string[]) : [])),
    );

  it('the Dedicated, Backups and Waste sheets highlight what needs a look; a backup risk on Waste is not called waste on the other sheets', async () => {
    // Prepare: empty Dedicated Hosts and instances tagged for backup without a point both land on Waste.
    const { inv, prices } = mixedFleet();

    // Act
    const workbook = await render(inv, 'highlights', prices);

    // Assess
    const waste = workbook.getWorksheet('Waste') as ExcelJS.Worksheet;
    const kinds = new Set<unknown>();
    for (let n = 2; n < rowOf(waste, 'TOTAL').number; n += 1) kinds.add(waste.getRow(n).getCell(1).value);
    expect([kinds.has('Tagged for backup, no restore point'), kinds.has('Empty Dedicated Host')]).toEqual([true, true]);
    const wasteRows = rowOf(waste, 'TOTAL').number - 1;
    const isWaste = (id: string) => `COUNTIFS('Waste'!$B$2:$B$${wasteRows},${id},'Waste'!$A$2:$A$${wasteRows},"<>Tagged for backup, no restore point")>0`;
    expect(formulas(workbook, 'Dedicated')).toEqual(['ISNUMBER(SEARCH("unpriced",$L2))', isWaste('$B2')]);
    expect(formulas(workbook, 'EC2_Detail_Costs')).toEqual(['ISNUMBER(SEARCH("unpriced",$S2))', isWaste('$B2')]);
    expect(formulas(workbook, 'Backups')).toEqual(['$E2="unprotected"', '$E2="partial"', '$E2="stale"']);
    expect(formulas(workbook, 'Waste')).toEqual(['$A2="Tagged for backup, no restore point"']);
  });

  it('every sheet prints one page wide with its header row repeated on each page; the Summary on one page, its long notes wrapped in taller rows', async () => {
    const { inv, prices } = mixedFleet();

    const workbook = await render(inv, 'print', prices);

    for (const sheet of workbook.worksheets) {
      const { fitToPage, fitToWidth, fitToHeight, printTitlesRow } = sheet.pageSetup;
      const onePage = sheet.name === 'Summary';
      expect({ sheet: sheet.name, fitToPage, fitToWidth, fitToHeight, printTitlesRow }).toEqual({
        sheet: sheet.name,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: onePage ? 1 : 0,
        printTitlesRow: onePage ? undefined : '1:1',
      });
    }
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const variance = rowOf(summary, 'Variance explained');
    expect(variance.getCell(4).alignment?.wrapText).toBe(true);
    expect(variance.height).toBeGreaterThanOrEqual(45);
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
