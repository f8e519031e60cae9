/**
 * AWS clients, one per region per process so warm invocations reuse connections. Endpoints come
 * from the SDK's own AWS_ENDPOINT_URL* variables; S3 switches to path-style only when an endpoint
 * is set (emulators), as virtual-host addressing needs DNS that loopback endpoints lack.
 *
 * Each client is instrumented for X-Ray here, once, with Powertools Tracer: every call becomes a
 * subsegment of the invocation's trace. Inside Lambda a trace is recorded only when the function's
 * tracing mode (Terraform's `enable_tracing`) samples the request, so with tracing off nothing is
 * sent. Tracer is off outside Lambda and when POWERTOOLS_TRACE_ENABLED is false; then the X-Ray
 * SDK is not even loaded, which keeps it out of the cold start.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { BackupClient } from '@aws-sdk/client-backup';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { PricingClient } from '@aws-sdk/client-pricing';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';

function createTracer(env: Record<string, string | undefined> = process.env): Tracer | undefined {
  if (!env.AWS_EXECUTION_ENV || env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() === 'false') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Tracer } = require('@aws-lambda-powertools/tracer') as typeof import('@aws-lambda-powertools/tracer');
  return new Tracer();
}

const tracer = createTracer();

export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

function perRegion<Client>(create: (region: string) => Client): (region: string) => Client {
  const clients = new Map<string, Client>();
  return (region) => {
    let client = clients.get(region);
    if (!client) {
      client = traced(create(region));
      clients.set(region, client);
    }
    return client;
  };
}

export const ec2Client = perRegion((region) => new EC2Client({ region }));

export const autoScalingClient = perRegion((region) => new AutoScalingClient({ region }));

export const rdsClient = perRegion((region) => new RDSClient({ region }));

export const pricingClient = perRegion((region) => new PricingClient({ region }));

export const backupClient = perRegion((region) => new BackupClient({ region }));

export const cloudWatchClient = perRegion((region) => new CloudWatchClient({ region }));

let costExplorerClient: CostExplorerClient | undefined;

/** Cost Explorer is one global API served from us-east-1, whatever regions it reports on. */
export function costExplorer(): CostExplorerClient {
  costExplorerClient ??= traced(new CostExplorerClient({ region: 'us-east-1' }));
  return costExplorerClient;
}

/** Path-style S3 addressing whenever an endpoint override (an emulator) is set. */
export function s3PathStyle(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}

let s3Client: S3Client | undefined;

export function s3(): S3Client {
  s3Client ??= traced(new S3Client({ forcePathStyle: s3PathStyle() }));
  return s3Client;
}

let snsClient: SNSClient | undefined;

export function sns(): SNSClient {
  snsClient ??= traced(new SNSClient({}));
  return snsClient;
}

let sfnClient: SFNClient | undefined;

/** Step Functions of the deployment's own region: notify reads a failed execution's history. */
export function sfn(): SFNClient {
  sfnClient ??= traced(new SFNClient({}));
  return sfnClient;
}
