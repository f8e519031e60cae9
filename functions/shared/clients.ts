/**
 * AWS clients, one per region per process so warm invocations reuse connections. Endpoints come
 * from the SDK's own AWS_ENDPOINT_URL* variables; S3 switches to path-style only when an endpoint
 * is set (emulators), as virtual-host addressing needs DNS that loopback endpoints lack.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { PricingClient } from '@aws-sdk/client-pricing';
import { S3Client } from '@aws-sdk/client-s3';

const ec2Clients = new Map<string, EC2Client>();
const pricingClients = new Map<string, PricingClient>();
let s3Client: S3Client | undefined;

export function ec2Client(region: string): EC2Client {
  let client = ec2Clients.get(region);
  if (!client) {
    client = new EC2Client({ region });
    ec2Clients.set(region, client);
  }
  return client;
}

export function pricingClient(region: string): PricingClient {
  let client = pricingClients.get(region);
  if (!client) {
    client = new PricingClient({ region });
    pricingClients.set(region, client);
  }
  return client;
}

/** Path-style S3 addressing whenever an endpoint override (an emulator) is set. */
export function s3PathStyle(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}

export function s3(): S3Client {
  s3Client ??= new S3Client({ forcePathStyle: s3PathStyle() });
  return s3Client;
}
