/**
 * The resolve-targets handler against moto over HTTP (through the aws-proxy: a fresh account per
 * test, which becomes the organization's management account): accounts discovered in AWS
 * Organizations under organizational units at any depth, every page of them, the target list in
 * S3 as the Distributed Map's ItemReader reads it, and a unit that does not exist refused by name.
 */
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { invokedAsLambda } from '../support/lambda';
import type { LambdaContext } from '../../functions/shared/logger';
import type { PowerRequest, ResolvedRequest, TaskEvent } from '../../functions/shared/power-types';
import type { Target } from '../../functions/shared/targets';

const REGION = 'ap-northeast-2';
const BUCKET = `ops-resolve-targets-${process.pid}-${Date.now() % 100000}`;
const REQUEST: PowerRequest = { action: 'stop', dryRun: false, tagValue: 'Yes' };

let proxy: AwsProxy;
let s3: S3Client;

beforeAll(async () => {
  proxy = await startAwsProxy();
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: REGION, REPORT_BUCKET: BUCKET, TARGET_REGIONS: 'ap-northeast-2,us-east-1' });
  for (const name of ['TARGET_ACCOUNTS', 'ORGANIZATION_UNIT_IDS', 'WORK_PREFIX']) delete process.env[name];
  s3 = new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }));
});
beforeEach(() => {
  proxy.newAccount();
  jest.resetModules();
  for (const name of ['TARGET_ACCOUNTS', 'ORGANIZATION_UNIT_IDS']) delete process.env[name];
});
afterAll(() => proxy.close());

async function resolve(executionName: string): Promise<ResolvedRequest> {
  const { handler } = (await import('../../functions/resolve-targets/handler')) as {
    handler: (event: TaskEvent<PowerRequest>, context: LambdaContext) => Promise<ResolvedRequest>;
  };
  return invokedAsLambda(handler, 'resolve-targets')({ executionName, input: REQUEST });
}

async function targetList(resolved: ResolvedRequest): Promise<Target[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: resolved.targets.bucket, Key: resolved.targets.key }));
  return JSON.parse(await object.Body!.transformToString()) as Target[];
}

/** An organization: dev (with team nested in it) holding 25 accounts, prod holding one, and a closed account in dev. */
async function organization() {
  const org = new OrganizationsClient({ region: 'us-east-1', endpoint: proxy.url, maxAttempts: 1 });
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const unit = async (parent: string, name: string) => (await org.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: name }))).OrganizationalUnit!.Id!;
  const dev = await unit(root, 'dev');
  const team = await unit(dev, 'team');
  const prod = await unit(root, 'prod');
  const account = async (parent: string, name: string) => {
    const id = (await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }))).CreateAccountStatus!.AccountId!;
    await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: parent }));
    return id;
  };
  const inDev: string[] = [];
  for (let i = 0; i < 22; i += 1) inDev.push(await account(dev, `dev-${i}`));
  const inTeam = [await account(team, 'team-0'), await account(team, 'team-1'), await account(team, 'team-2')];
  const inProd = await account(prod, 'prod-0');
  const closed = await account(dev, 'closed-0');
  await org.send(new CloseAccountCommand({ AccountId: closed }));
  return { root, dev, team, prod, active: [...inDev, ...inTeam], inProd, closed };
}

test('every ACTIVE account under an organizational unit, nested units and every page included, × every target region, is written for the Map to read', async () => {
  // Prepare
  const org = await organization();
  process.env.ORGANIZATION_UNIT_IDS = org.dev;

  // Act
  const resolved = await resolve('stop-org-1');

  // Assess
  const targets = await targetList(resolved);
  const accounts = [...new Set(targets.map((t) => t.accountId))].sort();
  expect(accounts).toEqual([...org.active].sort());
  expect(accounts).not.toContain(org.inProd);
  expect(accounts).not.toContain(org.closed);
  expect(targets).toHaveLength(25 * 2);
  expect(targets.filter((t) => t.accountId === org.active[0])).toEqual([
    { accountId: org.active[0], region: 'ap-northeast-2' },
    { accountId: org.active[0], region: 'us-east-1' },
  ]);
  expect(resolved).toEqual({
    ...REQUEST,
    targets: { bucket: BUCKET, key: 'work/power-schedule/stop-org-1/targets.json', count: 50, resultPrefix: 'work/power-schedule/stop-org-1/results' },
  });
  // ListAccountsForParent pages at 20 in moto, as AWS may: the 22 accounts of dev took two pages.
  expect(proxy.calls.filter((c) => c.action === 'ListAccountsForParent').length).toBeGreaterThanOrEqual(3);
}, 120_000);

test('TARGET_ACCOUNTS and ORGANIZATION_UNIT_IDS together: the union, each account once', async () => {
  const org = await organization();
  process.env.ORGANIZATION_UNIT_IDS = `${org.team},${org.prod}`;
  process.env.TARGET_ACCOUNTS = `${org.inProd},111122223333`;

  const targets = await targetList(await resolve('stop-org-2'));

  const accounts = [...new Set(targets.map((t) => t.accountId))].sort();
  expect(accounts).toEqual([...org.active.slice(22), org.inProd, '111122223333'].sort());
}, 120_000);

test('neither set: the deployment account, learned from STS, in every target region', async () => {
  const targets = await targetList(await resolve('stop-plain'));

  expect(targets).toEqual([
    { accountId: proxy.accountId, region: 'ap-northeast-2' },
    { accountId: proxy.accountId, region: 'us-east-1' },
  ]);
});

test('an organizational unit that does not exist is refused with ConfigError naming ORGANIZATION_UNIT_IDS, and nothing is written', async () => {
  await organization();
  process.env.ORGANIZATION_UNIT_IDS = 'ou-zzzz-zzzzzzzz';

  const attempt = resolve('stop-org-missing');

  await expect(attempt).rejects.toMatchObject({
    name: 'ConfigError',
    variable: 'ORGANIZATION_UNIT_IDS',
    message: expect.stringContaining('names an organizational unit that does not exist'),
  });
  await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'work/power-schedule/stop-org-missing/targets.json' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
}, 120_000);
