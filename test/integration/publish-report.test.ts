/**
 * PublishReport against moto (through the proxy): the rendered objects are copied to their final
 * keys with the workbook's content type and metadata, workbook first, summary last.
 */
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { invokedAsLambda } from '../support/lambda';
import type { PublishResult, RenderResult, ReportTotals } from '../../functions/shared/cost-types';

type Handler = (event: unknown) => Promise<PublishResult>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TOTALS: ReportTotals = {
  ec2Monthly: 124.1,
  ebsMonthly: 173.12,
  ipv4Monthly: 10.95,
  snapshotMonthly: 5,
  totalMonthly: 313.17,
  wasteMonthly: 124.9,
  scheduleSavingsMonthly: 24.4,
  unpricedItems: 1,
};

let proxy: AwsProxy;
let s3: S3Client;
/** One account and bucket for this file (the handler reads its bucket once per process); tests keep apart by report date. */
let bucket: string;
let handler: Handler;

async function text(key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (object.Body as { transformToString(): Promise<string> }).transformToString();
}

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

/** What RenderReport would have left under the work prefix for this date, and its result. */
async function rendered(executionName: string, reportDate: string): Promise<RenderResult> {
  const compact = reportDate.replace(/-/g, '');
  const result: RenderResult = {
    executionName,
    reportDate,
    workbookKey: `work/${executionName}/ec2_monthly_costs_${compact}.xlsx`,
    summaryKey: `work/${executionName}/ec2_monthly_costs_${compact}.summary.json`,
    totals: TOTALS,
  };
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: result.workbookKey, Body: Buffer.from('PK\u0003\u0004 workbook bytes'), ContentType: XLSX }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: result.summaryKey, Body: JSON.stringify({ reportDate, totals: TOTALS }), ContentType: 'application/json' }));
  return result;
}

function copyTargets(): string[] {
  return proxy.calls.filter((c) => c.method === 'PUT' && c.headers['x-amz-copy-source']).map((c) => decodeURIComponent(c.path.split('?')[0] ?? ''));
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
  process.env.TARGET_REGIONS = 'ap-northeast-2';
  process.env.REPORT_PREFIX = 'ec2/';
  process.env.WORK_PREFIX = 'work/';
  s3 = new S3Client({ region: 'ap-northeast-2', endpoint: proxy.url, forcePathStyle: true });
  proxy.newAccount();
  bucket = `cost-report-publish-${process.pid}-${Date.now()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  process.env.REPORT_BUCKET = bucket;
  handler = invokedAsLambda((await import('../../functions/publish-report/handler')).handler, 'publish-report') as Handler;
});

afterAll(async () => {
  s3.destroy();
  await proxy.close();
});

describe('publishing a rendered report', () => {
  it('puts the workbook, then its summary, at the dated keys with the xlsx content type and metadata', async () => {
    // Prepare
    const input = await rendered('exec-pub-1', '2026-11-23');
    proxy.calls.length = 0;

    // Act
    const result = await handler(input);

    // Assess
    expect(result).toEqual({
      reportDate: '2026-11-23',
      uri: `s3://${bucket}/ec2/ec2_monthly_costs_20261123.xlsx`,
      summaryUri: `s3://${bucket}/ec2/ec2_monthly_costs_20261123.summary.json`,
      totals: TOTALS,
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ec2/ec2_monthly_costs_20261123.xlsx' }));
    expect(head.ContentType).toBe(XLSX);
    expect(head.Metadata).toEqual({ 'report-date': '2026-11-23', 'total-monthly-usd': '313.17', execution: 'exec-pub-1' });
    expect(await text('ec2/ec2_monthly_costs_20261123.summary.json')).toBe(await text(input.summaryKey));
    expect(copyTargets()).toEqual([`/${bucket}/ec2/ec2_monthly_costs_20261123.xlsx`, `/${bucket}/ec2/ec2_monthly_costs_20261123.summary.json`]);
  });

  it('a re-run overwrites the same two keys and returns the same result', async () => {
    const input = await rendered('exec-pub-2', '2026-11-30');

    const first = await handler(input);
    const second = await handler(input);

    expect(second).toEqual(first);
    expect(await keysUnder('ec2/ec2_monthly_costs_20261130')).toEqual([
      'ec2/ec2_monthly_costs_20261130.summary.json',
      'ec2/ec2_monthly_costs_20261130.xlsx',
    ]);
  });

  it('a missing rendered workbook fails with ReportStorageError naming it, and publishes no summary for the trend', async () => {
    const input = await rendered('exec-pub-3', '2026-12-07');
    const missing = { ...input, workbookKey: 'work/exec-pub-3/gone.xlsx' };

    await expect(handler(missing)).rejects.toMatchObject({ name: 'ReportStorageError', message: expect.stringContaining('work/exec-pub-3/gone.xlsx') });
    expect(await keysUnder('ec2/ec2_monthly_costs_20261207')).toEqual([]);
  });

  it('input without totals fails fast with InvalidInputError naming the field', async () => {
    const input = await rendered('exec-pub-4', '2026-12-14');

    await expect(handler({ ...input, totals: undefined })).rejects.toMatchObject({ name: 'InvalidInputError', field: 'totals' });
  });
});
