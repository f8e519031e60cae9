/**
 * The benchmark's private local stack and the counts it reads from the emulators themselves:
 * EC2 and S3 calls as the counting proxy in front of moto saw them, and Pricing calls from the
 * local Pricing endpoint's own counter. Nothing here asks the code under test what it did.
 */
import { join } from 'node:path';
import { localStack } from '../../scripts/lib/local-stack';
import type { AwsRequest } from '../../test/support/aws-proxy';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Own ports and state folder, so a bench never collides with the dev stack (4566/4567) or tests. */
export const BENCH_STACK = {
  motoPort: process.env.BENCH_MOTO_PORT ?? '4588',
  pricingPort: process.env.BENCH_PRICING_PORT ?? '4589',
  stateDir: '.local/bench',
};
export const MOTO_URL = `http://127.0.0.1:${BENCH_STACK.motoPort}`;
export const PRICING_URL = `http://127.0.0.1:${BENCH_STACK.pricingPort}`;

/** sitecustomize.py there speeds up moto's tag lookup (see the file); answers are unchanged. */
const MOTO_PATCHES = join(REPO_ROOT, 'bench/lib/moto-patches');

export function stack(command: 'up' | 'down'): void {
  localStack(command, {
    progress: 'show',
    env: {
      ...process.env,
      PYTHONPATH: [MOTO_PATCHES, process.env.PYTHONPATH].filter(Boolean).join(':'),
      MOTO_PORT: BENCH_STACK.motoPort,
      PRICING_PORT: BENCH_STACK.pricingPort,
      LOCAL_STATE_DIR: BENCH_STACK.stateDir,
    },
  });
}

export interface PricingCounters {
  getProducts: number;
  describeServices: number;
  getAttributeValues: number;
  throttled: number;
}

export async function readPricingCounters(): Promise<PricingCounters> {
  const response = await fetch(`${PRICING_URL}/_counters`);
  if (!response.ok) throw new Error(`pricing endpoint /_counters answered HTTP ${response.status}`);
  const body = (await response.json()) as Partial<PricingCounters>;
  return {
    getProducts: body.getProducts ?? 0,
    describeServices: body.describeServices ?? 0,
    getAttributeValues: body.getAttributeValues ?? 0,
    throttled: body.throttled ?? 0,
  };
}

export async function resetPricingCounters(): Promise<void> {
  const response = await fetch(`${PRICING_URL}/_reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`pricing endpoint /_reset answered HTTP ${response.status}`);
}

/** The signing scope names the service: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
export function serviceOf(request: AwsRequest): string {
  const authorization = String(request.headers.authorization ?? '');
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] ?? 'unknown';
}

/** S3 REST operations by method and headers (S3 has no Action field). */
function s3Operation(request: AwsRequest): string {
  const query = request.path.includes('?') ? request.path.slice(request.path.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const hasKey = request.path.split('?')[0]!.split('/').filter(Boolean).length >= 2;
  switch (request.method) {
    case 'PUT':
      if (request.headers['x-amz-copy-source']) return 'CopyObject';
      if (params.has('partNumber')) return 'UploadPart';
      return hasKey ? 'PutObject' : 'CreateBucket';
    case 'POST':
      if (params.has('uploads')) return 'CreateMultipartUpload';
      if (params.has('uploadId')) return 'CompleteMultipartUpload';
      if (params.has('delete')) return 'DeleteObjects';
      return 'POST';
    case 'GET':
      return hasKey ? 'GetObject' : 'ListObjects';
    case 'HEAD':
      return hasKey ? 'HeadObject' : 'HeadBucket';
    case 'DELETE':
      return hasKey ? 'DeleteObject' : 'DeleteBucket';
    default:
      return request.method;
  }
}

/** Body bytes as sent: with aws-chunked uploads the decoded length is the object's size. */
function uploadedBytes(request: AwsRequest): number {
  const decoded = Number(request.headers['x-amz-decoded-content-length']);
  if (Number.isFinite(decoded) && decoded > 0) return decoded;
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) ? length : Buffer.byteLength(request.body);
}

export interface AwsCallCounts {
  ec2: Record<string, number>;
  ec2Total: number;
  s3: Record<string, number>;
  /** Bytes of object bodies uploaded (PutObject, UploadPart); server-side copies are counted as calls only. */
  s3BytesWritten: number;
  other: Record<string, number>;
}

export function countAwsCalls(calls: readonly AwsRequest[]): AwsCallCounts {
  const counts: AwsCallCounts = { ec2: {}, ec2Total: 0, s3: {}, s3BytesWritten: 0, other: {} };
  const bump = (table: Record<string, number>, key: string) => {
    table[key] = (table[key] ?? 0) + 1;
  };
  for (const request of calls) {
    const service = serviceOf(request);
    if (service === 'ec2') {
      bump(counts.ec2, request.action ?? 'unknown');
      counts.ec2Total += 1;
    } else if (service === 's3') {
      const operation = s3Operation(request);
      bump(counts.s3, operation);
      if (operation === 'PutObject' || operation === 'UploadPart') counts.s3BytesWritten += uploadedBytes(request);
    } else {
      bump(counts.other, `${service}:${request.action ?? request.method}`);
    }
  }
  return counts;
}
