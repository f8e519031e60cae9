/**
 * RenderReport against moto (through the per-test-account proxy): a known inventory and known
 * prices in, the workbook read back with exceljs and checked to the cent.
 */
import ExcelJS from 'exceljs';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { invokedAsLambda } from '../support/lambda';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { priceKeyId, type CostUnit, type Inventory, type PriceKeyFields, type PriceResult, type RenderResult, type ReportSummary } from '../../functions/shared/cost-types';

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';
const REPORT_DATE = '2026-11-23';
const REPORT_PREFIX = 'ec2/';

type Handler = (event: unknown) => Promise<RenderResult>;

let proxy: AwsProxy;
let s3: S3Client;
/** One account and bucket for this file (the handler reads its bucket once per process); tests keep apart by key. */
let bucket: string;
let handler: Handler;

function ec2Key(region: string, instanceType: string): string {
  return priceKeyId({ kind: 'ec2', region, instanceType, operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' });
}

function price(key: PriceKeyFields, usd: number, unit: CostUnit, extra: Partial<PriceResult> = {}): PriceResult {
  return { id: priceKeyId(key), status: 'priced', usd, unit, sku: `SKU-${priceKeyId(key).replace(/\W/g, '')}`.slice(0, 20), description: `test price for ${priceKeyId(key)}`, effectiveDate: '2026-11-01T00:00:00Z', ...extra };
}

/** Four instances in two regions, an unattached volume, three public IPv4 addresses, a snapshot. */
function inventory(): Inventory {
  const instance = (fields: Partial<Inventory['instances'][number]> & { instanceId: string; instanceType: string; region: string }) => ({
    name: fields.instanceId.replace('i-', ''),
    state: 'running',
    az: `${fields.region}a`,
    platform: 'Linux' as const,
    platformSource: 'default' as const,
    tenancy: 'Shared' as const,
    volumeIds: [],
    priceKeyId: ec2Key(fields.region, fields.instanceType),
    ...fields,
  });
  const volume = (fields: Partial<Inventory['volumes'][number]> & { volumeId: string; region: string; volumeType: string; sizeGiB: number }) => ({
    name: '',
    state: fields.attachedTo ? 'in-use' : 'available',
    az: `${fields.region}a`,
    ...fields,
  });
  return {
    collectedAt: '2026-11-23T00:30:00Z',
    reportDate: REPORT_DATE,
    regions: [SEOUL, VIRGINIA],
    instances: [
      instance({ instanceId: 'i-0web', name: 'web-1', instanceType: 'm5.large', region: SEOUL, volumeIds: ['vol-web-root', 'vol-web-data'] }),
      instance({ instanceId: 'i-0sched', instanceType: 't3.medium', region: SEOUL, scheduleTagValue: 'Yes', publicIp: '3.34.0.10', volumeIds: ['vol-sched'] }),
      instance({ instanceId: 'i-0stopped', instanceType: 'r5.large', region: VIRGINIA, state: 'stopped', stoppedSince: '2026-10-20T10:00:00Z', volumeIds: ['vol-stopped'] }),
      instance({ instanceId: 'i-0mystery', instanceType: 'x9.huge', region: VIRGINIA, volumeIds: ['vol-mystery'] }),
    ],
    volumes: [
      volume({ volumeId: 'vol-web-root', region: SEOUL, volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughputMiBps: 125, attachedTo: 'i-0web' }),
      volume({ volumeId: 'vol-web-data', region: SEOUL, volumeType: 'gp3', sizeGiB: 200, iops: 6000, throughputMiBps: 250, attachedTo: 'i-0web' }),
      volume({ volumeId: 'vol-sched', region: SEOUL, volumeType: 'gp2', sizeGiB: 8, iops: 100, attachedTo: 'i-0sched' }),
      volume({ volumeId: 'vol-stopped', region: VIRGINIA, volumeType: 'io2', sizeGiB: 50, iops: 1000, attachedTo: 'i-0stopped' }),
      volume({ volumeId: 'vol-mystery', region: VIRGINIA, volumeType: 'gp3', sizeGiB: 10, iops: 3000, throughputMiBps: 125, attachedTo: 'i-0mystery' }),
      volume({ volumeId: 'vol-orphan', name: 'old-backup', region: VIRGINIA, volumeType: 'gp2', sizeGiB: 500 }),
    ],
    addresses: [
      { region: SEOUL, publicIp: '3.34.0.1', kind: 'elastic', allocationId: 'eipalloc-web', instanceId: 'i-0web', associated: true },
      { region: SEOUL, publicIp: '3.34.0.2', kind: 'elastic', allocationId: 'eipalloc-idle', instanceId: '', associated: false },
      { region: SEOUL, publicIp: '3.34.0.10', kind: 'instance', instanceId: 'i-0sched', associated: true },
    ],
    snapshots: [{ region: SEOUL, snapshotId: 'snap-0web', volumeId: 'vol-web-root', volumeSizeGiB: 100, description: 'nightly' }],
    excluded: [],
  };
}

function prices(): PriceResult[] {
  return [
    price({ kind: 'ec2', region: SEOUL, instanceType: 'm5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' }, 0.118, 'Hrs', { vcpu: 2, memory: '8 GiB' }),
    price({ kind: 'ec2', region: SEOUL, instanceType: 't3.medium', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' }, 0.052, 'Hrs', { vcpu: 2, memory: '4 GiB' }),
    price({ kind: 'ec2', region: VIRGINIA, instanceType: 'r5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' }, 0.126, 'Hrs'),
    { id: ec2Key(VIRGINIA, 'x9.huge'), status: 'unpriced', reason: 'no SKU matched the filters' },
    price({ kind: 'ebs-storage', region: SEOUL, volumeType: 'gp3' }, 0.0912, 'GB-Mo'),
    price({ kind: 'ebs-iops', region: SEOUL, volumeType: 'gp3' }, 0.0057, 'IOPS-Mo'),
    price({ kind: 'ebs-throughput', region: SEOUL, volumeType: 'gp3' }, 0.0456, 'MiBps-Mo'),
    price({ kind: 'ebs-storage', region: SEOUL, volumeType: 'gp2' }, 0.114, 'GB-Mo'),
    price({ kind: 'ebs-storage', region: VIRGINIA, volumeType: 'io2' }, 0.125, 'GB-Mo'),
    price({ kind: 'ebs-iops', region: VIRGINIA, volumeType: 'io2' }, 0.065, 'IOPS-Mo'),
    price({ kind: 'ebs-storage', region: VIRGINIA, volumeType: 'gp3' }, 0.08, 'GB-Mo'),
    price({ kind: 'ebs-storage', region: VIRGINIA, volumeType: 'gp2' }, 0.1, 'GB-Mo'),
    price({ kind: 'ipv4', region: SEOUL, usage: 'InUse' }, 0.005, 'Hrs'),
    price({ kind: 'ipv4', region: SEOUL, usage: 'Idle' }, 0.005, 'Hrs'),
    price({ kind: 'snapshot', region: SEOUL }, 0.05, 'GB-Mo'),
  ];
}

function previousSummary(reportDate: string, totalMonthly: number): ReportSummary {
  return {
    reportDate,
    generatedAt: `${reportDate}T00:40:00Z`,
    regions: [SEOUL, VIRGINIA],
    priceSource: 'AWS Price List API, us-east-1, effective 2026-11-01',
    totals: { ec2Monthly: 100, ebsMonthly: 150, ipv4Monthly: 10, snapshotMonthly: 5, totalMonthly, wasteMonthly: 20, scheduleSavingsMonthly: 30, unpricedItems: 0 },
    counts: { instances: 3, running: 2, stopped: 1, volumes: 5, unattachedVolumes: 1, idleAddresses: 1, snapshots: 1 },
  };
}

async function putJson(bucket: string, key: string, value: unknown): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }));
}

async function getBytes(bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer (an ArrayBuffer); the bytes are passed as an exact ArrayBuffer.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

function headerOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.getRow(1).values as unknown[]).slice(1).map(String);
}

/** The data row whose first/given column equals `id`, as header → cell. */
function rowWhere(sheet: ExcelJS.Worksheet, column: string, id: string): Map<string, ExcelJS.Cell> {
  const header = headerOf(sheet);
  const index = header.indexOf(column) + 1;
  for (let n = 2; n <= sheet.rowCount; n += 1) {
    const row = sheet.getRow(n);
    if (row.getCell(index).value === id) return new Map(header.map((name, i) => [name, row.getCell(i + 1)]));
  }
  throw new Error(`no row with ${column} = ${id} in ${sheet.name}`);
}

function cellValues(sheet: ExcelJS.Worksheet, column: string): unknown[] {
  const index = headerOf(sheet).indexOf(column) + 1;
  const values: unknown[] = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) values.push(sheet.getRow(n).getCell(index).value);
  return values;
}

function summaryMonthly(summary: ExcelJS.Worksheet, item: string): unknown {
  for (let n = 2; n <= summary.rowCount; n += 1) {
    if (summary.getRow(n).getCell(1).value === item) return summary.getRow(n).getCell(3).value;
  }
  throw new Error(`no Summary line "${item}"`);
}

function summaryValue(summary: ExcelJS.Worksheet, item: string): unknown {
  for (let n = 2; n <= summary.rowCount; n += 1) {
    if (summary.getRow(n).getCell(1).value === item) return summary.getRow(n).getCell(2).value;
  }
  throw new Error(`no Summary line "${item}"`);
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
  process.env.TARGET_REGIONS = `${SEOUL},${VIRGINIA}`;
  process.env.REPORT_PREFIX = REPORT_PREFIX;
  process.env.WORK_PREFIX = 'work/';
  process.env.PRICING_REGION = VIRGINIA;
  delete process.env.POWER_SCHEDULES; // the default: tag value Yes, weekdays 08:00-20:00 Asia/Seoul
  s3 = new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true });
  proxy.newAccount();
  bucket = `cost-report-render-${process.pid}-${Date.now()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  process.env.REPORT_BUCKET = bucket;
  handler = invokedAsLambda((await import('../../functions/render-report/handler')).handler, 'render-report') as Handler;
});

afterAll(async () => {
  s3.destroy();
  await proxy.close();
});

describe('a rendered cost workbook', () => {
  let result: RenderResult;
  let workbook: ExcelJS.Workbook;
  let keysUnderReportPrefixBefore: string[];

  beforeAll(async () => {
    // Prepare: the inventory and prices of this run, and three objects under the report prefix.
    await putJson(bucket, 'work/exec-1/inventory.json', inventory());
    await putJson(bucket, `${REPORT_PREFIX}ec2_monthly_costs_20261116.summary.json`, previousSummary('2026-11-16', 300));
    await putJson(bucket, `${REPORT_PREFIX}ec2_monthly_costs_20261130.summary.json`, previousSummary('2026-11-30', 999));
    await putJson(bucket, `${REPORT_PREFIX}notes.json`, { unrelated: true });
    keysUnderReportPrefixBefore = await listKeys(bucket, REPORT_PREFIX);

    // Act
    const started = Date.now();
    result = await handler({ executionName: 'exec-1', reportDate: REPORT_DATE, regions: [SEOUL, VIRGINIA], inventoryKey: 'work/exec-1/inventory.json', prices: prices() });
    expect(Date.now() - started).toBeLessThan(10_000);

    workbook = await readWorkbook(await getBytes(bucket, result.workbookKey));
  });

  it('is written under the execution work prefix, and nothing is published under the report prefix', async () => {
    expect(result.workbookKey).toBe('work/exec-1/ec2_monthly_costs_20261123.xlsx');
    expect(result.summaryKey).toBe('work/exec-1/ec2_monthly_costs_20261123.summary.json');
    expect(await listKeys(bucket, REPORT_PREFIX)).toEqual(keysUnderReportPrefixBefore);
    const summary = JSON.parse((await getBytes(bucket, result.summaryKey)).toString('utf8')) as ReportSummary;
    expect(summary.totals).toEqual(result.totals);
    expect(summary.reportDate).toBe(REPORT_DATE);
  });

  it('has the sheets, and the seed columns of EC2_Detail_Costs exactly and in order', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Summary', 'EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Waste', 'Prices', 'Trend']),
    );
    expect(workbook.worksheets[0]?.name).toBe('Summary');
    const header = headerOf(workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet);
    expect(header.slice(0, 19)).toEqual([
      'Name', 'InstanceId', 'InstanceType', 'State', 'AZ', 'Platform', 'vCPU', 'Memory', 'VolumeSize(GB)', 'AttachedVolumes',
      'EC2Monthly(USD)', 'EBSMonthly(USD)', 'TotalMonthly(USD)',
      'AccountId', 'Region', 'HourlyUSD', 'ScheduledMonthly(USD)', 'ScheduleSavings(USD)', 'PriceStatus',
    ]);
    expect(headerOf(workbook.getWorksheet('EBS_Summary') as ExcelJS.Worksheet).slice(0, 2)).toEqual(['VolumeType', 'TotalMonthlyUSD']);
  });

  it('prices a running m5.large at $0.118/h as $86.14 a month, with its gp3 extras, to the cent and in USD format', () => {
    const web = rowWhere(workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet, 'InstanceId', 'i-0web');

    expect(web.get('EC2Monthly(USD)')?.value).toBe(86.14);
    // 100 GiB × 0.0912 + (200 GiB × 0.0912 + 3,000 IOPS × 0.0057 + 125 MiB/s × 0.0456) = 9.12 + 41.04
    expect(web.get('EBSMonthly(USD)')?.value).toBe(50.16);
    expect(web.get('TotalMonthly(USD)')?.value).toBe(136.3);
    expect(web.get('HourlyUSD')?.value).toBe(0.118);
    expect(web.get('vCPU')?.value).toBe(2);
    expect(web.get('Memory')?.value).toBe('8 GiB');
    expect(web.get('VolumeSize(GB)')?.value).toBe(300);
    expect(web.get('AttachedVolumes')?.value).toBe(2);
    expect(web.get('PriceStatus')?.value).toBe('priced');
    expect(web.get('EC2Monthly(USD)')?.numFmt).toBe('"$"#,##0.00');
    expect(web.get('TotalMonthly(USD)')?.numFmt).toBe('"$"#,##0.00');
  });

  it('estimates the scheduled instance at weekday 08:00-20:00 Seoul hours, and the saving', () => {
    const scheduled = rowWhere(workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet, 'InstanceId', 'i-0sched');

    expect(scheduled.get('EC2Monthly(USD)')?.value).toBe(37.96); // 0.052 × 730
    expect(scheduled.get('ScheduledMonthly(USD)')?.value).toBe(13.56); // 0.052 × 260.71 h
    expect(scheduled.get('ScheduleSavings(USD)')?.value).toBe(24.4);
    expect(result.totals.scheduleSavingsMonthly).toBe(24.4);
  });

  it('charges a stopped instance nothing for compute but still for its volume', () => {
    const stopped = rowWhere(workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet, 'InstanceId', 'i-0stopped');

    expect(stopped.get('EC2Monthly(USD)')?.value).toBe(0);
    expect(stopped.get('EBSMonthly(USD)')?.value).toBe(71.25); // io2: 50 GiB × 0.125 + 1,000 IOPS × 0.065
    expect(stopped.get('TotalMonthly(USD)')?.value).toBe(71.25);
  });

  it('shows an instance without a price as unpriced — a blank highlighted cell and the reason — never $0, and counts it', () => {
    const sheet = workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet;
    const mystery = rowWhere(sheet, 'InstanceId', 'i-0mystery');
    const fill = mystery.get('EC2Monthly(USD)')?.fill as ExcelJS.FillPattern | undefined;

    expect(mystery.get('EC2Monthly(USD)')?.value).toBeNull();
    // The total shows what is priced (its gp3 volume, 10 GiB × 0.08), highlighted, and says it is partial.
    expect(mystery.get('TotalMonthly(USD)')?.value).toBe(0.8);
    expect((mystery.get('TotalMonthly(USD)')?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFFC7CE');
    expect(mystery.get('Partial')?.value).toBe('EC2 unpriced: the total is EBS only');
    expect(fill?.fgColor?.argb).toBe('FFFFC7CE');
    expect(String(mystery.get('PriceStatus')?.value)).toContain('unpriced');
    expect(String(mystery.get('PriceStatus')?.value)).toContain('no SKU matched the filters');
    expect(mystery.get('EBSMonthly(USD)')?.value).toBe(0.8);
    expect(result.totals.unpricedItems).toBe(1);
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    expect(summaryValue(summary, 'Unpriced items')).toBe(1);
    expect(cellValues(summary, 'Note')).toContain('1 items unpriced: their cost is not in the totals (see PriceStatus)');
  });

  it('lists the unattached volume in EBS_Volumes and in Waste, with the idle Elastic IP and the long-stopped instance', () => {
    const orphan = rowWhere(workbook.getWorksheet('EBS_Volumes') as ExcelJS.Worksheet, 'VolumeId', 'vol-orphan');
    const waste = workbook.getWorksheet('Waste') as ExcelJS.Worksheet;

    expect(orphan.get('TotalMonthly')?.value).toBe(50);
    expect(orphan.get('AttachedTo')?.value ?? '').toBe('');
    expect(rowWhere(waste, 'Id', 'vol-orphan').get('Monthly(USD)')?.value).toBe(50);
    expect(rowWhere(waste, 'Id', 'eipalloc-idle').get('Monthly(USD)')?.value).toBe(3.65);
    expect(rowWhere(waste, 'Id', 'i-0stopped').get('Monthly(USD)')?.value).toBe(71.25);
    expect(cellValues(waste, 'Id')).not.toContain('eipalloc-web');
    expect(result.totals.wasteMonthly).toBe(124.9);
  });

  it('keeps totals consistent between the returned totals, the Summary and the TOTAL rows', () => {
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    const detailTotal = rowWhere(workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet, 'Name', 'TOTAL');
    const volumesTotal = rowWhere(workbook.getWorksheet('EBS_Volumes') as ExcelJS.Worksheet, 'VolumeId', 'TOTAL');
    const typesTotal = rowWhere(workbook.getWorksheet('EBS_Summary') as ExcelJS.Worksheet, 'VolumeType', 'TOTAL');

    expect(result.totals).toEqual({
      ec2Monthly: 124.1,
      ebsMonthly: 173.12,
      ipv4Monthly: 10.95,
      snapshotMonthly: 5,
      totalMonthly: 313.17,
      wasteMonthly: 124.9,
      scheduleSavingsMonthly: 24.4,
      unpricedItems: 1,
      dedicatedMonthly: 0,
      rdsMonthly: 0,
      // This inventory carries no CloudWatch credits (collected before them): none estimated.
      cpuCreditsMonthly: 0,
      scheduleSavingsByKind: { ec2: 24.4, rds: 0, aurora: 0, asg: 0 },
      snapshotUpperBound: true,
    });
    // No scheduled databases: one savings line, for EC2 instances.
    expect(summaryMonthly(summary, 'Schedule savings — EC2 instances')).toBe(result.totals.scheduleSavingsMonthly);
    expect(detailTotal.get('EC2Monthly(USD)')?.value).toBe(result.totals.ec2Monthly);
    expect(summaryMonthly(summary, 'EC2 compute')).toBe(result.totals.ec2Monthly);
    expect(volumesTotal.get('TotalMonthly')?.value).toBe(result.totals.ebsMonthly);
    expect(typesTotal.get('TotalMonthlyUSD')?.value).toBe(result.totals.ebsMonthly);
    expect(summaryMonthly(summary, 'EBS volumes')).toBe(result.totals.ebsMonthly);
    expect(summaryMonthly(summary, 'Public IPv4 addresses')).toBe(result.totals.ipv4Monthly);
    expect(summaryMonthly(summary, 'Snapshots (upper bound)')).toBe(result.totals.snapshotMonthly);
    expect(summaryMonthly(summary, 'Total monthly')).toBe(result.totals.totalMonthly);
    expect(detailTotal.get('EC2Monthly(USD)')?.numFmt).toBe('"$"#,##0.00');
  });

  it('freezes the header row and filters every table sheet', () => {
    for (const name of ['EC2_Detail_Costs', 'EBS_Volumes', 'EBS_Summary', 'Waste', 'Prices', 'Trend']) {
      const sheet = workbook.getWorksheet(name) as ExcelJS.Worksheet;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    // Through the last column, CPUCreditsMonthly(USD).
    expect((workbook.getWorksheet('EC2_Detail_Costs') as ExcelJS.Worksheet).autoFilter).toBe('A1:AA5');
  });

  it('puts the previous reports before this one in Trend, with the change, and ignores later reports', () => {
    const trend = workbook.getWorksheet('Trend') as ExcelJS.Worksheet;

    expect(cellValues(trend, 'ReportDate').slice(0, 2)).toEqual(['2026-11-16', REPORT_DATE]);
    expect(cellValues(trend, 'ReportDate')).not.toContain('2026-11-30');
    expect(rowWhere(trend, 'ReportDate', '2026-11-16').get('TotalMonthly(USD)')?.value).toBe(300);
    expect(rowWhere(trend, 'ReportDate', REPORT_DATE).get('ChangeVsPrevious(USD)')?.value).toBe(13.17);
  });

  it('lists each price used with its key, SKU, unit and USD, and the unpriced one with its reason', () => {
    const sheet = workbook.getWorksheet('Prices') as ExcelJS.Worksheet;
    const m5 = rowWhere(sheet, 'PriceKey', ec2Key(SEOUL, 'm5.large'));
    const x9 = rowWhere(sheet, 'PriceKey', ec2Key(VIRGINIA, 'x9.huge'));

    expect(m5.get('USD')?.value).toBe(0.118);
    expect(m5.get('Unit')?.value).toBe('Hrs');
    expect(m5.get('SKU')?.value).toBeTruthy();
    expect(x9.get('Status')?.value).toBe('unpriced');
    expect(x9.get('USD')?.value).toBeNull();
    expect(x9.get('Reason')?.value).toBe('no SKU matched the filters');
    const summary = workbook.getWorksheet('Summary') as ExcelJS.Worksheet;
    expect(summaryValue(summary, 'Price source')).toBe('AWS Price List API, us-east-1, effective 2026-11-01');
    expect(summaryValue(summary, 'Regions covered')).toBe('ap-northeast-2, us-east-1');
  });
});

describe('render errors', () => {
  it('a missing inventory object fails with ReportStorageError naming the key, and writes nothing', async () => {
    // Act
    const rendering = handler({ executionName: 'exec-2', reportDate: REPORT_DATE, regions: [SEOUL], inventoryKey: 'work/exec-2/inventory.json', prices: [] });

    // Assess
    await expect(rendering).rejects.toMatchObject({ name: 'ReportStorageError', message: expect.stringContaining('work/exec-2/inventory.json') });
    expect(await listKeys(bucket, 'work/exec-2/')).toEqual([]);
  });

  it('a bad report date fails fast with InvalidInputError naming the field', async () => {
    await expect(handler({ executionName: 'exec-3', reportDate: '23/11/2026', inventoryKey: 'k', prices: [] })).rejects.toMatchObject({
      name: 'InvalidInputError',
      field: 'reportDate',
    });
  });
});
