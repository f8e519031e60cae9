/**
 * The list-tagged-instances handler against moto over HTTP (through the aws-proxy: a fresh
 * account per test). Small DescribeInstances pages make pagination real.
 */
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { invokedAsLambda } from '../support/lambda';
import { ec2At, launchInstance, launchInstances, OPT_IN } from '../support/fleet';
import type { ListingResult, PowerRequest } from '../../functions/shared/power-types';

const SEOUL = 'ap-northeast-2';
const OREGON = 'us-west-2';
const PAGE_SIZE = 200;

let proxy: AwsProxy;
let handler: (event: PowerRequest) => Promise<ListingResult>;

beforeAll(async () => {
  proxy = await startAwsProxy();
  // Before the handler loads: its clients and config are built once per process.
  process.env.AWS_ENDPOINT_URL = proxy.url;
  process.env.TARGET_REGIONS = `${SEOUL},${OREGON}`;
  process.env.DESCRIBE_PAGE_SIZE = String(PAGE_SIZE);
  delete process.env.TAG_KEY;
  delete process.env.TAG_VALUE;
  const loaded = (await import('../../functions/list-tagged-instances/handler')).handler;
  const invoke = invokedAsLambda(loaded, 'list-tagged-instances');
  handler = (request) => invoke({ executionName: 'power-list-test', input: request });
});

beforeEach(() => proxy.newAccount());
afterAll(() => proxy.close());

const stop: PowerRequest = { action: 'stop', dryRun: false, tagValue: 'Yes' };
const allIds = (listing: ListingResult) => listing.batches.flatMap((b) => b.instanceIds).sort();

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
  expect(allIds(listing)).toEqual([...tagged].sort());
  expect(listing.batches).toHaveLength(24);
  expect(listing.batches.every((b) => b.region === SEOUL && b.instanceIds.length <= 50)).toBe(true);
  expect(allIds(listing)).not.toEqual(expect.arrayContaining([untagged[0]]));
  const describePages = proxy.calls.filter((c) => c.action === 'DescribeInstances' && c.form.get('MaxResults') === String(PAGE_SIZE));
  expect(describePages.length).toBeGreaterThanOrEqual(1200 / PAGE_SIZE);
  expect(listing).toMatchObject(stop);
}, 240_000);

test('lists tagged instances in every target region, each batch in its own region', async () => {
  const seoulIds = await launchInstances(ec2At(proxy.url, SEOUL), 3, { tags: OPT_IN });
  const oregonIds = await launchInstances(ec2At(proxy.url, OREGON), 2, { tags: OPT_IN });
  await launchInstances(ec2At(proxy.url, 'eu-west-1'), 2, { tags: OPT_IN });

  const listing = await handler(stop);

  expect(listing.batches.map((b) => [b.region, [...b.instanceIds].sort()])).toEqual([
    [SEOUL, [...seoulIds].sort()],
    [OREGON, [...oregonIds].sort()],
  ]);
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

  expect(allIds(listing)).toEqual([exact]);
  expect(listing.skipped).toEqual([]);
});

test('a stop ignores instances that are already stopped; a start lists only those', async () => {
  const ec2 = ec2At(proxy.url, SEOUL);
  const running = await launchInstance(ec2, { tags: OPT_IN });
  const stopped = await launchInstance(ec2, { tags: OPT_IN, stopped: true });

  const forStop = await handler(stop);
  const forStart = await handler({ ...stop, action: 'start' });

  expect(allIds(forStop)).toEqual([running]);
  expect(allIds(forStart)).toEqual([stopped]);
});

test('Auto Scaling group members and one-time Spot instances are skipped with their reasons', async () => {
  const ec2 = ec2At(proxy.url, SEOUL);
  const plain = await launchInstance(ec2, { tags: OPT_IN });
  const member = await launchInstance(ec2, { tags: OPT_IN, autoScalingGroup: 'web-asg' });
  const spot = await launchInstance(ec2, { tags: OPT_IN, oneTimeSpot: true });

  const listing = await handler(stop);

  expect(allIds(listing)).toEqual([plain]);
  const reasons = Object.fromEntries(listing.skipped.map((s) => [s.instanceId, s.reason]));
  expect(reasons[member]).toMatch(/Auto Scaling group web-asg/);
  expect(reasons[spot]).toMatch(/Spot/);
});
