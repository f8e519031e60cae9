/**
 * Test harness only: the environment the power-schedule workflow tests run the real ASL and
 * handlers in. The run's work bucket is created in the first test's account (moto lets the later
 * accounts use it), the SDK's own retries are off (the state machine's Retry must absorb faults),
 * and each test is a fresh deployment: its Lambdas, loaded anew, learn the deployment account anew.
 */
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { forgetLoadedHandlers } from '../../scripts/lib/local-workflow';
import { runFolder } from '../../functions/shared/power-store';
import { readResourceOutcomes, type ResourceOutcome } from '../../functions/shared/power-results';
import { s3ReportStore } from '../../functions/shared/report-store';
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

/**
 * What one run did to each resource, by resource id (one account-region per test), as its steps
 * recorded it in S3: every batch's outcomes and what the listing skipped.
 */
export async function outcomesOfRun(endpoint: string, bucket: string, executionName: string): Promise<Record<string, Pick<ResourceOutcome, 'kind' | 'outcome' | 'reason'>>> {
  const s3 = new S3Client({ region: process.env.AWS_REGION, endpoint, forcePathStyle: true, maxAttempts: 1 });
  try {
    const outcomes = await readResourceOutcomes(s3ReportStore(s3, bucket), runFolder('work/', executionName));
    return Object.fromEntries(outcomes.map(({ instanceId, kind, outcome, reason }) => [instanceId, { kind, outcome, ...(reason ? { reason } : {}) }]));
  } finally {
    s3.destroy();
  }
}
