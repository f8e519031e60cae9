/**
 * The list-tagged-instances handler against moto over HTTP (through the aws-proxy: a fresh
 * account per test), for one target: the deployment account in one region. Small
 * DescribeInstances pages make pagination real; the batches it writes are read back from S3.
 */
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { invokedAsLambda } from '../support/lambda';
import { ec2At, launchInstance, launchInstances, OPT_IN } from '../support/fleet';
import { runFolder, targetKeys, type BatchObject } from '../../functions/shared/power-store';
import type { PowerRequest, TargetListing, TargetResult, TargetRun, TaskEvent } from '../../functions/shared/power-types';
import type { LambdaContext } from '../../functions/shared/logger';

const SEOUL = 'ap-northeast-2';
const OREGON = 'us-west-2';
const PAGE_SIZE = 200;
const BUCKET = `ops-power-list-${process.pid}-${Date.now() % 100000}`;
const EXECUTION = 'power-list-test';

let proxy: AwsProxy;
let s3: S3Client;
let handler: (request: PowerRequest, region?: string) => Promise<TargetListing>;

beforeAll(async () => {
  proxy = await startAwsProxy();
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, DESCRIBE_PAGE_SIZE: String(PAGE_SIZE), REPORT_BUCKET: BUCKET });
  for (const name of ['TAG_KEY', 'TAG_VALUE', 'WORK_PREFIX']) delete process.env[name];
  s3 = new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: SEOUL } }));
});

beforeEach(async () => {
  proxy.newAccount();
  // A fresh Lambda process per test: it learns the (new) deployment account anew.
  jest.resetModules();
  const loaded = (await import('../../functions/list-tagged-instances/handler')).handler as (event: TaskEvent<TargetRun>, context: LambdaContext) => Promise<TargetListing | TargetResult>;
  const invoke = invokedAsLambda(loaded, 'list-tagged-instances');
  handler = async (request, region = SEOUL) =>
    (await invoke({ executionName: EXECUTION, input: { executionName: EXECUTION, ...request, target: { accountId: proxy.accountId, region } } })) as TargetListing;
});
afterAll(() => proxy.close());

const stop: PowerRequest = { action: 'stop', dryRun: false, tagValue: 'Yes' };

/** Every id the listing wrote to its batches in S3. */
async function allIds(listing: TargetListing): Promise<string[]> {
  const keys = targetKeys(runFolder('work/', EXECUTION), listing.target);
  const batches = await Promise.all(
    listing.batches.map(async (batch) => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: keys.batch(batch) }))).Body!.transformToString()) as BatchObject),
  );
  return batches.flatMap((b) => b.instanceIds).sort();
}

// moto creates an instance in ~25-50 ms however they are grouped, and describes each page by
// scanning the whole account: 1,200 instances make this the slowest power test (about 3 min
// measured with load 11 on 2 cores; far less on an idle machine).
test('lists all 1,200 tagged instances across many DescribeInstances pages, in batches of at most 50', async () => {
  // Prepare
  const seoul = ec2At(proxy.url, SEOUL);
  const tagged = await launchInstances(seoul, 1200, { tags: OPT_IN }, 32);
  const untagged = await launchInstances(seoul, 30, { tags: { Name: 'not opted in' } }, 32);
  proxy.calls.length = 0;

  // Act
  const listing = await handler(stop);

  // Assess
  expect(await allIds(listing)).toEqual([...tagged].sort());
  expect(listing.batches).toHaveLength(24);
  expect(listing.eligible).toBe(1200);
  expect(await allIds(listing)).not.toEqual(expect.arrayContaining([untagged[0]]));
  const describePages = proxy.calls.filter((c) => c.action === 'DescribeInstances' && c.form.get('MaxResults') === String(PAGE_SIZE));
  expect(describePages.length).toBeGreaterThanOrEqual(1200 / PAGE_SIZE);
  expect(listing).toMatchObject({ ...stop, status: 'listed' });
}, 240_000);

test("lists the target's region only: each region of the account is a target of its own", async () => {
  const seoulIds = await launchInstances(ec2At(proxy.url, SEOUL), 3, { tags: OPT_IN });
  const oregonIds = await launchInstances(ec2At(proxy.url, OREGON), 2, { tags: OPT_IN });
  await launchInstances(ec2At(proxy.url, 'eu-west-1'), 2, { tags: OPT_IN });

  const inSeoul = await handler(stop, SEOUL);
  const inOregon = await handler(stop, OREGON);

  expect(await allIds(inSeoul)).toEqual([...seoulIds].sort());
  expect(await allIds(inOregon)).toEqual([...oregonIds].sort());
});

test('only the exact tag AutoStopStart=Yes is listed: yes, "Yes ", No and a lookalike key are untouched', async () => {
  const ec2 = ec2At(proxy.url, SEOUL);
  const exact = await launchInstance(ec2, { tags: { AutoStopStart: 'Yes' } });
  const lookalikes: Record<string, string>[] = [
    { AutoStopStart: 'yes' },
    { AutoStopStart: 'Yes ' },
    { AutoStopStart: 'No' },
    { AutoStopStartX: 'Yes' },
    { autostopstart: 'Yes' },
  ];
  for (const tags of lookalikes) {
    await launchInstance(ec2, { tags });
  }

  const listing = await handler(stop);

  expect(await allIds(listing)).toEqual([exact]);
  expect(listing.skipped).toBe(0);
});

test('a stop ignores instances that are already stopped; a start lists only those', async () => {
  const ec2 = ec2At(proxy.url, SEOUL);
  const running = await launchInstance(ec2, { tags: OPT_IN });
  const stopped = await launchInstance(ec2, { tags: OPT_IN, stopped: true });

  // One run acts once: read what the stop listed before the start lists into the same folder.
  const forStop = await allIds(await handler(stop));
  const forStart = await allIds(await handler({ ...stop, action: 'start' }));

  expect(forStop).toEqual([running]);
  expect(forStart).toEqual([stopped]);
});

test('Auto Scaling group members and one-time Spot instances are skipped with their reasons', async () => {
  const ec2 = ec2At(proxy.url, SEOUL);
  const plain = await launchInstance(ec2, { tags: OPT_IN });
  const member = await launchInstance(ec2, { tags: OPT_IN, autoScalingGroup: 'web-asg' });
  const spot = await launchInstance(ec2, { tags: OPT_IN, oneTimeSpot: true });

  const listing = await handler(stop);

  expect(await allIds(listing)).toEqual([plain]);
  expect(listing.skipped).toBe(2);
  const reasons = Object.fromEntries(listing.skippedSample.map((s) => [s.instanceId, s.reason]));
  expect(reasons[member]).toMatch(/Auto Scaling group web-asg/);
  expect(reasons[spot]).toMatch(/Spot/);
});
