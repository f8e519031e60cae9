/**
 * Test harness only: the environment the power-schedule workflow tests run the real ASL and
 * handlers in. The run's work bucket is created in the first test's account (moto lets the later
 * accounts use it), the SDK's own retries are off (the state machine's Retry must absorb faults),
 * and each test is a fresh deployment: its Lambdas, loaded anew, learn the deployment account anew.
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { forgetLoadedHandlers } from '../../scripts/lib/local-workflow';
import { runFolder, targetFolder, targetKeys, type OutcomeObject, type SkippedObject } from '../../functions/shared/power-store';
import type { Outcome, ResourceKind } from '../../functions/shared/power-types';
import type { Target } from '../../functions/shared/targets';
import { startAwsProxy, type AwsProxy } from './aws-proxy';

/** Variables a test may set itself; each file starts without them. */
const CLEARED = ['TAG_KEY', 'TAG_VALUE', 'DESCRIBE_PAGE_SIZE', 'TARGET_ACCOUNTS', 'ORGANIZATION_UNIT_IDS', 'MEMBER_ROLE_NAME', 'MEMBER_ROLE_EXTERNAL_ID', 'WORK_PREFIX'];

export async function preparePowerWorkflow(proxy: AwsProxy, options: { region: string; regions: string[]; bucket: string }): Promise<void> {
  for (const name of CLEARED) delete process.env[name];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: proxy.url,
    AWS_REGION: options.region,
    TARGET_REGIONS: options.regions.join(','),
    VERIFY_POLL_SECONDS: '0',
    VERIFY_TIMEOUT_SECONDS: '1',
    AWS_MAX_ATTEMPTS: '1',
    REPORT_BUCKET: options.bucket,
  });
  await new S3Client({ region: options.region, endpoint: proxy.url, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: options.bucket, CreateBucketConfiguration: { LocationConstraint: options.region as never } }),
  );
}

/** Before each test: a fresh account, no fault, fresh Lambda processes. */
export function freshDeployment(proxy: AwsProxy): void {
  proxy.newAccount();
  proxy.setFault(undefined);
  jest.resetModules();
  forgetLoadedHandlers();
}

/**
 * One power-schedule workflow test file's life: a proxy in front of moto, the workflow environment
 * with `bucket` in `region`, and a fresh deployment before each test. `onProxy` receives the proxy
 * once it listens (the tests keep it in their own variable).
 */
export function usePowerWorkflow(options: { region: string; regions: string[]; bucket: string }, onProxy: (proxy: AwsProxy) => void): void {
  let proxy: AwsProxy | undefined;
  beforeAll(async () => {
    proxy = await startAwsProxy();
    onProxy(proxy);
    await preparePowerWorkflow(proxy, options);
  });
  beforeEach(() => freshDeployment(proxy!));
  afterAll(() => proxy?.close());
}

export interface ResourceOutcome {
  kind: ResourceKind;
  outcome: Outcome;
  reason?: string;
}

/**
 * What one run did to each resource of one account-region, by resource id, as its steps recorded
 * it in S3 (power-store.ts): every batch's outcomes, and what the listing skipped.
 */
export async function outcomesOfRun(
  endpoint: string,
  bucket: string,
  executionName: string,
  target: Target,
): Promise<Record<string, ResourceOutcome>> {
  const s3 = new S3Client({ region: target.region, endpoint, forcePathStyle: true, maxAttempts: 1 });
  const run = runFolder('work/', executionName);
  const skippedKey = targetKeys(run, target).skipped;
  const read = async <T>(key: string): Promise<T> => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString()) as T;
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: targetFolder(run, target) }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    const outcomes: Record<string, ResourceOutcome> = {};
    for (const key of keys.filter((k) => k.endsWith('.outcome.json'))) {
      for (const o of await read<OutcomeObject>(key)) outcomes[o.instanceId] = { kind: o.kind ?? 'ec2', outcome: o.outcome, ...(o.reason ? { reason: o.reason } : {}) };
    }
    if (keys.includes(skippedKey)) {
      for (const s of await read<SkippedObject>(skippedKey)) outcomes[s.instanceId] = { kind: s.kind ?? 'ec2', outcome: 'skipped', reason: s.reason };
    }
    return outcomes;
  } finally {
    s3.destroy();
  }
}
