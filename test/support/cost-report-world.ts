/**
 * Test harness only: what a cost-report run (workflow and end-to-end tests) runs against — moto
 * through a fresh per-account proxy, a Pricing endpoint of its own (so its request counter is the
 * file's alone), the variables the handlers read, and a report bucket.
 */
import { CreateBucketCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import type { PublishResult } from '../../functions/shared/cost-types';
import { runWorkflow, type RunResult } from '../../scripts/lib/local-workflow';
import { startPricingServer, type PricingServer } from '../../scripts/local/pricing-server';
import { startAwsProxy, type AwsProxy } from './aws-proxy';
import { objectBytes } from './s3-objects';

export interface CostReportWorld {
  proxy: AwsProxy;
  pricing: PricingServer;
  s3: S3Client;
}

export interface CostReportWorldOptions {
  /** TARGET_REGIONS; the first is AWS_REGION and the bucket's region. */
  regions: readonly string[];
  bucket: string;
  prefix: string;
  /** PRICING_REGION; us-east-1 unless given. */
  pricingRegion?: string;
}

export async function startCostReportWorld(options: CostReportWorldOptions): Promise<CostReportWorld> {
  const [home = 'ap-northeast-2'] = options.regions;
  const proxy = await startAwsProxy();
  const pricing = await startPricingServer({ port: 0 });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ENDPOINT_URL_PRICING: pricing.url,
    AWS_REGION: home,
    TARGET_REGIONS: options.regions.join(','),
    REPORT_BUCKET: options.bucket,
    REPORT_PREFIX: options.prefix,
    PRICING_REGION: options.pricingRegion ?? 'us-east-1',
    REPORT_TIMEZONE: 'Asia/Seoul',
  });
  const s3 = new S3Client({ region: home, endpoint: proxy.url, forcePathStyle: true });
  // As in AWS, a us-east-1 bucket is created without a location constraint (naming us-east-1 is refused).
  const location = home === 'us-east-1' ? undefined : { LocationConstraint: home as BucketLocationConstraint };
  await s3.send(new CreateBucketCommand({ Bucket: options.bucket, CreateBucketConfiguration: location }));
  return { proxy, pricing, s3 };
}

/** The workbook a successful cost-report run published, read from the report bucket as a reader downloads it; a run that did not succeed throws with its error. */
export async function publishedWorkbook(s3: S3Client, bucket: string, run: RunResult): Promise<ExcelJS.Workbook> {
  if (run.status !== 'SUCCEEDED') throw new Error(`cost-report ${run.status}: ${run.error} ${run.cause}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await objectBytes(s3, bucket, (run.output as PublishResult).uri.replace(`s3://${bucket}/`, ''))) as never);
  return workbook;
}

/** Runs the cost-report state machine for `input` and reads back the workbook it published. */
export async function runCostReport(s3: S3Client, bucket: string, input: Record<string, unknown>): Promise<{ run: RunResult; workbook: ExcelJS.Workbook }> {
  const run = await runWorkflow('cost-report', input, { instantWaits: true });
  return { run, workbook: await publishedWorkbook(s3, bucket, run) };
}

/** Closes what startCostReportWorld opened (any part of it, when the start failed half-way). */
export async function closeCostReportWorld(world: Partial<CostReportWorld>): Promise<void> {
  world.s3?.destroy();
  await world.pricing?.close();
  await world.proxy?.close();
}
