/**
 * Test harness only: what a cost-report workflow test runs against — moto through the per-account
 * proxy, a Pricing endpoint of its own (so its request counter is the file's alone), the variables
 * the handlers read, and a report bucket.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startPricingServer, type PricingServer } from '../../scripts/local/pricing-server';
import { startAwsProxy, type AwsProxy } from './aws-proxy';

export interface CostReportWorld {
  proxy: AwsProxy;
  pricing: PricingServer;
  s3: S3Client;
}

export async function startCostReportWorld(options: { regions: readonly string[]; bucket: string; prefix: string }): Promise<CostReportWorld> {
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
    PRICING_REGION: 'us-east-1',
    REPORT_TIMEZONE: 'Asia/Seoul',
  });
  const s3 = new S3Client({ region: home, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: options.bucket, CreateBucketConfiguration: { LocationConstraint: home as never } }));
  return { proxy, pricing, s3 };
}
