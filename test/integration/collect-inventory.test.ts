/**
 * collect-inventory's handler against moto, through the test proxy: each test gets a fresh empty
 * AWS account and its own bucket (moto's bucket names are global across accounts, so each test
 * names a new one and loads the handler afresh with that REPORT_BUCKET).
 */
import {
  AllocateAddressCommand,
  AllocateHostsCommand,
  AssociateAddressCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { CreateAccountCommand, CreateOrganizationCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CollectResult, Inventory, PriceKey } from '../../functions/shared/cost-types';
import { computeCosts } from '../../functions/render-report/costs';
import { DEFAULT_POWER_SCHEDULES } from '../../functions/shared/config';
import { forgetLoadedHandlers, renderDefinition, runDefinition } from '../../scripts/lib/local-workflow';
import { autoScalingError, cloudWatchError, ec2Error, rdsError, startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { seedAuroraMetrics, seedCpuCreditsCharged, seedServerlessCapacity } from '../../scripts/local/cloudwatch-seed';
import { createAuroraCluster, createAutoScalingGroup, createDatabase, launchInstance, memberEc2 } from '../support/fleet';
import {
  addToInstance,
  costExplorerError,
  ec2RegionOf,
  spotInstanceElements,
  spotInstanceRequestsResponse,
  spotPriceHistoryResponse,
  withTenancy,
} from '../support/ec2-wire';
import { costAndUsageDay, costAndUsageResponse, queueCostAndUsage } from '../../scripts/local/cost-explorer-seed';

type Collect = (request: unknown, executionName: string) => Promise<CollectResult>;

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';

let proxy: AwsProxy;
let bucketCounter = 0;

function uniqueBucket(): string {
  bucketCounter += 1;
  return `collect-inv-${process.pid}-${Date.now() % 1e8}-${bucketCounter}`;
}

/**
 * The collect half of the real cost-report ASL (ResolveTargets, the Inventories Distributed Map of
 * CollectInventory children, MergeInventories), run locally with the real handlers as the state
 * machine runs them; loaded afresh, so their config (read once per process) sees this test's bucket.
 */
function loadHandler(bucket: string): Collect {
  process.env.REPORT_BUCKET = bucket;
  jest.resetModules();
  forgetLoadedHandlers();
  const definition = renderDefinition('cost-report', SEOUL);
  definition.States = Object.fromEntries(
    ['ResolveTargets', 'Inventories', 'MergeInventories'].map((name) => [name, definition.States[name]!]),
  ) as typeof definition.States;
  const merge = definition.States.MergeInventories as unknown as Record<string, unknown>;
  delete merge.Next;
  merge.End = true;
  return async (request, executionName) => {
    const run = await runDefinition(definition, request, { stateMachineName: 'collect-half', executionName, instantWaits: true });
    if (run.status === 'FAILED') throw Object.assign(new Error(run.cause), { name: run.error, failedState: run.failedState });
    return run.output as CollectResult;
  };
}

async function priceKeysOf(bucket: string, result: CollectResult): Promise<PriceKey[]> {
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: result.priceKeys.key }));
  return JSON.parse(await object.Body!.transformToString()) as PriceKey[];
}

function ec2(region: string): EC2Client {
  return new EC2Client({ region, endpoint: proxy.url });
}

const s3 = (): S3Client => new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true });

async function createBucket(bucket: string): Promise<void> {
  await s3().send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: SEOUL } }));
}

/** One instance per RunInstances call: moto pages DescribeInstances by reservation. */
async function launch(client: EC2Client, instanceType: string, tags: Record<string, string> = {}, cpuCredits?: 'standard' | 'unlimited'): Promise<string> {
  const Tags: Tag[] = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const out = await client.send(
    new RunInstancesCommand({
      ImageId: 'ami-12345678',
      InstanceType: instanceType as never,
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: Tags.length > 0 ? [{ ResourceType: 'instance', Tags }] : undefined,
      CreditSpecification: cpuCredits ? { CpuCredits: cpuCredits } : undefined,
    }),
  );
  return out.Instances![0]!.InstanceId!;
}

/** The in-service members Auto Scaling lists for a group. */
async function memberIds(region: string, group: string): Promise<string[]> {
  const autoScaling = new AutoScalingClient({ region, endpoint: proxy.url, maxAttempts: 1 });
  const out = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }));
  autoScaling.destroy();
  return (out.AutoScalingGroups?.[0]?.Instances ?? []).map((i) => i.InstanceId!);
}

function describeCallsIn(region: string, action: string): number {
  return proxy.calls.filter((c) => c.action === action && String(c.headers.authorization ?? '').includes(`/${region}/ec2/`)).length;
}

beforeAll(async () => {
  proxy = await startAwsProxy();
  process.env.AWS_ENDPOINT_URL = proxy.url;
  process.env.TARGET_REGIONS = `${SEOUL},${VIRGINIA}`;
  // Small pages so a handful of instances spans several DescribeInstances pages.
  process.env.DESCRIBE_PAGE_SIZE = '2';
  process.env.WORK_PREFIX = 'work/';
  process.env.TAG_KEY = 'AutoStopStart';
});

beforeEach(() => {
  proxy.newAccount();
});

afterEach(() => {
  proxy.setFault(undefined);
  proxy.setRewrite(undefined);
  delete process.env.ENABLE_COST_EXPLORER;
  delete process.env.ORGANIZATION_UNIT_IDS;
});

async function inventoryOf(bucket: string, result: CollectResult): Promise<Inventory> {
  const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: result.inventoryKey }));
  return JSON.parse(await object.Body!.transformToString()) as Inventory;
}

afterAll(async () => {
  await proxy.close();
});

describe('collect-inventory over the targets (ResolveTargets → Inventories → MergeInventories)', () => {
  it('collects instances, attached and unattached volumes, Elastic IPs and snapshots across two regions (two targets) and several pages, each resource with its account', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const seoul = ec2(SEOUL);
    const virginia = ec2(VIRGINIA);
    const web = await launch(seoul, 'm5.large', { Name: 'web-1', AutoStopStart: 'Yes' });
    const sql = await launch(seoul, 't3.micro', { Name: 'db-sql', Platform: 'Windows+SQLStd' });
    const stopped = await launch(seoul, 'm5.large', { Name: 'batch' });
    await seoul.send(new StopInstancesCommand({ InstanceIds: [stopped] }));
    const spare = await seoul.send(new CreateVolumeCommand({ AvailabilityZone: `${SEOUL}a`, Size: 50, VolumeType: 'gp3', Iops: 4000, Throughput: 200 }));
    const idle = await seoul.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const bound = await seoul.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await seoul.send(new AssociateAddressCommand({ AllocationId: bound.AllocationId, InstanceId: web }));
    const snapshot = await seoul.send(new CreateSnapshotCommand({ VolumeId: spare.VolumeId }));
    const app = await launch(virginia, 'c5.xlarge', { Name: 'app', Platform: 'windows' });
    const rds = await launch(virginia, 'r5.large', { Name: 'legacy-db', Platform: 'RDS' });
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23' }, 'weekly-test-1');

    // Assess: the small result the state machine carries
    expect(result).toEqual({
      executionName: 'weekly-test-1',
      reportDate: '2026-11-23',
      regions: [SEOUL, VIRGINIA],
      inventoryKey: 'work/weekly-test-1/inventory.json',
      counts: { instances: 4, volumes: 5, addresses: 4, snapshots: 1, excluded: 1 },
      priceKeys: { bucket, key: 'work/weekly-test-1/price-keys.json', count: 12, resultPrefix: 'work/weekly-test-1/prices' },
      targets: { total: 2, collected: 2, unreachable: 0, failed: 0 },
    });
    expect((await priceKeysOf(bucket, result)).map((k) => k.id)).toEqual([
      'ebs-iops|ap-northeast-2|gp3',
      'ebs-storage|ap-northeast-2|gp2',
      'ebs-storage|ap-northeast-2|gp3',
      'ebs-storage|us-east-1|gp2',
      'ebs-throughput|ap-northeast-2|gp3',
      'ec2|ap-northeast-2|m5.large|Linux|NA|No License required|Shared',
      'ec2|ap-northeast-2|t3.micro|Windows|SQL Std|No License required|Shared',
      'ec2|us-east-1|c5.xlarge|Linux|NA|No License required|Shared',
      'ipv4|ap-northeast-2|Idle',
      'ipv4|ap-northeast-2|InUse',
      'ipv4|us-east-1|InUse',
      'snapshot|ap-northeast-2',
    ]);
    expect(describeCallsIn(SEOUL, 'DescribeInstances')).toBe(2);
    expect(describeCallsIn(VIRGINIA, 'DescribeInstances')).toBe(1);

    // Assess: the inventory document in S3
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: result.inventoryKey }));
    expect(object.ContentType).toBe('application/json');
    const inventory = JSON.parse(await object.Body!.transformToString()) as Inventory;
    const byId = new Map(inventory.instances.map((i) => [i.instanceId, i]));
    expect(new Set([...inventory.instances, ...inventory.volumes, ...inventory.addresses, ...inventory.snapshots].map((r) => r.accountId))).toEqual(new Set([proxy.accountId]));
    expect(inventory.targets).toEqual([
      { accountId: proxy.accountId, region: SEOUL, status: 'collected' },
      { accountId: proxy.accountId, region: VIRGINIA, status: 'collected' },
    ]);
    expect(byId.get(web)).toMatchObject({ name: 'web-1', state: 'running', platform: 'Linux', scheduleTagValue: 'Yes', tenancy: 'Shared' });
    expect(byId.get(web)?.publicIp).toBeUndefined();
    expect(byId.get(sql)).toMatchObject({ platform: 'Windows+SQLStd', platformSource: 'tag' });
    expect(byId.get(stopped)).toMatchObject({ state: 'stopped', stoppedSince: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // "windows" is not a Platform tag value (case-sensitive): ignored, the instance stays Linux
    expect(byId.get(app)).toMatchObject({ platform: 'Linux', platformSource: 'default' });
    expect(byId.has(rds)).toBe(false);
    expect(inventory.excluded).toEqual([{ accountId: proxy.accountId, region: VIRGINIA, instanceId: rds, reason: expect.stringContaining('Platform tag is RDS') }]);
    expect(inventory.volumes.find((v) => v.volumeId === spare.VolumeId)).toEqual({
      accountId: proxy.accountId,
      region: SEOUL,
      volumeId: spare.VolumeId,
      name: '',
      volumeType: 'gp3',
      sizeGiB: 50,
      iops: 4000,
      throughputMiBps: 200,
      state: 'available',
      az: `${SEOUL}a`,
      createTime: expect.any(String),
    });
    expect(inventory.addresses.filter((a) => a.kind === 'elastic')).toEqual(
      expect.arrayContaining([
        { accountId: proxy.accountId, region: SEOUL, publicIp: idle.PublicIp, kind: 'elastic', allocationId: idle.AllocationId, associated: false },
        { accountId: proxy.accountId, region: SEOUL, publicIp: bound.PublicIp, kind: 'elastic', allocationId: bound.AllocationId, instanceId: web, associated: true },
      ]),
    );
    expect(inventory.addresses.filter((a) => a.kind === 'instance').map((a) => a.instanceId).sort()).toEqual([app, sql].sort());
    expect(inventory.snapshots).toEqual([
      expect.objectContaining({ region: SEOUL, snapshotId: snapshot.SnapshotId, volumeId: spare.VolumeId, volumeSizeGiB: 50 }),
    ]);
  });

  it('collects only the regions the input names, replacing TARGET_REGIONS', async () => {
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await launch(ec2(VIRGINIA), 't3.micro');
    const handler = loadHandler(bucket);

    const result = await handler({ regions: [VIRGINIA] }, 'only-virginia');

    expect(result.regions).toEqual([VIRGINIA]);
    expect(result.counts.instances).toBe(1);
    expect(describeCallsIn(SEOUL, 'DescribeInstances')).toBe(0);
  });

  it('fails at its first step with ReportStorageError naming the bucket when the report bucket does not exist', async () => {
    const bucket = uniqueBucket();
    const handler = loadHandler(bucket);

    const run = handler({}, 'no-bucket');

    await expect(run).rejects.toMatchObject({ name: 'ReportStorageError', failedState: 'ResolveTargets', message: expect.stringContaining(`s3://${bucket}/work/no-bucket/targets.json is in a bucket that does not exist`) });
  });

  it('refuses bad input by name at ResolveTargets, before any AWS call', async () => {
    const handler = loadHandler(uniqueBucket());

    const run = handler({ regions: ['Seoul'] }, 'bad-input');

    await expect(run).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringMatching(/^regions: must be region codes/) });
    expect(proxy.calls).toEqual([]);
  });
});

describe('collect-inventory: RDS DB instances and Aurora clusters', () => {
  it('collects every DB with what pricing needs, the schedule tag (a cluster\'s on its instances) and why the schedule leaves a read replica alone, and asks for their prices', async () => {
    // Prepare: a tagged DB instance, its tagged read replica, an untagged DB, a tagged Aurora cluster with one instance
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const orders = await createDatabase(proxy.url, SEOUL, { id: 'orders', engine: 'mysql', tags: { AutoStopStart: 'Yes' } });
    const replica = await createDatabase(proxy.url, SEOUL, { id: 'orders-replica', replicaOf: 'orders', tags: { AutoStopStart: 'Yes' } });
    const scratch = await createDatabase(proxy.url, SEOUL, { id: 'scratch', multiAz: true });
    const catalog = await createAuroraCluster(proxy.url, SEOUL, { id: 'catalog', instanceClass: 'db.t3.medium', tags: { AutoStopStart: 'Yes' } });
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-rds');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    const byName = new Map((inventory.databases ?? []).map((db) => [db.name, db]));
    expect([...byName.keys()].sort()).toEqual(['catalog', 'catalog-1', 'orders', 'orders-replica', 'scratch']);
    expect(byName.get('orders')).toMatchObject({
      accountId: proxy.accountId,
      region: SEOUL,
      arn: orders,
      kind: 'instance',
      engine: 'mysql',
      status: 'available',
      instanceClass: 'db.t3.micro',
      multiAz: false,
      allocatedGiB: 20,
      scheduleTagValue: 'Yes',
      priceKeyId: 'rds-instance|ap-northeast-2|db.t3.micro|MySQL|Single-AZ|No license required',
      storagePriceKeyId: expect.stringMatching(/^rds-storage\|ap-northeast-2\|MySQL\|Single-AZ\|RDS:(GP2|GP3)-Storage$/),
    });
    expect(byName.get('orders')?.scheduleSkipReason).toBeUndefined();
    expect(byName.get('orders-replica')).toMatchObject({ scheduleTagValue: 'Yes', scheduleSkipReason: 'read replica of orders: RDS cannot stop a read replica' });
    expect(byName.get('scratch')).toMatchObject({ multiAz: true, priceKeyId: 'rds-instance|ap-northeast-2|db.t3.micro|PostgreSQL|Multi-AZ|No license required' });
    expect(byName.get('scratch')?.scheduleTagValue).toBeUndefined();
    expect(byName.get('scratch')?.arn).toBe(scratch);
    expect(byName.get('orders-replica')?.arn).toBe(replica);
    expect(byName.get('catalog')).toMatchObject({ arn: catalog, kind: 'cluster', engine: 'aurora-postgresql', scheduleTagValue: 'Yes' });
    expect(byName.get('catalog')?.priceKeyId).toBeUndefined();
    // No hourly price of its own: its volume's GB used and (Aurora Standard) I/O requests; CloudWatch has no datapoints for it here.
    expect(byName.get('catalog')).toMatchObject({
      storagePriceKeyId: 'aurora-storage|ap-northeast-2|Aurora PostgreSQL|Aurora:StorageUsage',
      ioPriceKeyId: 'aurora-io|ap-northeast-2|Aurora PostgreSQL',
      auroraUsage: {},
    });
    // The cluster's instance is billed by the hour and follows its cluster's schedule; its storage is the cluster's.
    expect(byName.get('catalog-1')).toMatchObject({
      cluster: 'catalog',
      clusterStatus: 'available',
      instanceClass: 'db.t3.medium',
      scheduleTagValue: 'Yes',
      priceKeyId: 'rds-instance|ap-northeast-2|db.t3.medium|Aurora PostgreSQL|Single-AZ|No license required',
    });
    expect(byName.get('catalog-1')?.storagePriceKeyId).toBeUndefined();
    const keys = (await priceKeysOf(bucket, result)).map((k) => k.id).filter((id) => /^(rds|aurora)-/.test(id));
    expect(keys).toEqual(
      [...new Set([...byName.values()].flatMap((db) => [db.priceKeyId, db.storagePriceKeyId, db.ioPriceKeyId]).filter((id): id is string => id !== undefined))].sort(),
    );
  });

  it('reads an Aurora cluster\'s billed storage (latest daily VolumeBytesUsed) and its I/O (a week of VolumeReadIOPs + VolumeWriteIOPs scaled to the month) from CloudWatch', async () => {
    // Prepare: 40 GiB today (20 GiB the day before), 300,000 reads and 50,000 writes a day for 7 days
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAuroraCluster(proxy.url, SEOUL, { id: 'ledger' });
    const cloudWatch = new CloudWatchClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
    await seedAuroraMetrics(cloudWatch, 'ledger', { volumeGiB: 40, readsPerDay: 300_000, writesPerDay: 50_000 });
    cloudWatch.destroy();
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-aurora-usage');

    // Assess: 7 × 350,000 = 2,450,000 a week; × 730 / 168 = 10,645,833.33 a month
    const ledger = (await inventoryOf(bucket, result)).databases?.find((db) => db.name === 'ledger');
    expect(ledger?.auroraUsage?.volumeGiB).toBeCloseTo(40, 6);
    expect(ledger?.auroraUsage?.ioRequestsMonthly).toBeCloseTo(10_645_833.33, 1);
    expect(proxy.calls.filter((c) => c.action === 'GetMetricData')).toHaveLength(1);
  });

  it('an Aurora cluster whose CloudWatch read is refused (AccessDenied injected through the proxy) keeps its row, its usage naming the error; the rest is collected', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAuroraCluster(proxy.url, SEOUL, { id: 'archive' });
    await createDatabase(proxy.url, SEOUL, { id: 'billing' });
    const denied = 'User: arn:aws:sts::111122223333:assumed-role/ops-automation-member/ops is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action';
    proxy.setFault((call) => (call.action === 'GetMetricData' ? cloudWatchError('AccessDenied', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-aurora-denied');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(result.targets).toEqual({ total: 1, collected: 1, unreachable: 0, failed: 0 });
    expect(inventory.databases?.map((db) => db.name).sort()).toEqual(['archive', 'archive-1', 'billing']);
    const archive = inventory.databases?.find((db) => db.name === 'archive');
    expect(archive?.auroraUsage).toEqual({ readError: expect.stringMatching(/CloudWatch GetMetricData failed \(AccessDenied\): .*cloudwatch:GetMetricData/) });
    expect(inventory.databaseNotes).toBeUndefined();
  });

  it('reads an Aurora Serverless v2 instance\'s capacity (ServerlessDatabaseCapacity per DBInstanceIdentifier, averaged over every datapoint of the week) and keys I/O-Optimized members to their own products', async () => {
    // Prepare: a Serverless v2 instance on I/O-Optimized that ran 9 hours at 2 ACUs, was stopped 20 hours (no datapoints), then ran
    // 3 hours at 6 (36 ACU-hours over the 12 it ran: 3 on average, where averaging per-day averages could say 4), and a
    // provisioned member of an I/O-Optimized cluster.
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAuroraCluster(proxy.url, SEOUL, { id: 'stream', storageType: 'aurora-iopt1', instanceClass: 'db.serverless' });
    await createAuroraCluster(proxy.url, SEOUL, { id: 'vault', storageType: 'aurora-iopt1', instanceClass: 'db.r6g.large' });
    const cloudWatch = new CloudWatchClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
    await seedServerlessCapacity(cloudWatch, 'stream-1', { acuByHour: [...Array(9).fill(2), ...Array(20).fill(undefined), ...Array(3).fill(6)] });
    cloudWatch.destroy();
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-serverless-v2');

    // Assess
    const byName = new Map((await inventoryOf(bucket, result)).databases?.map((db) => [db.name, db]));
    expect(byName.get('stream-1')).toMatchObject({
      instanceClass: 'db.serverless',
      storageType: 'aurora-iopt1',
      priceKeyId: 'aurora-serverless-v2|ap-northeast-2|Aurora PostgreSQL|Aurora:ServerlessV2IOOptimizedUsage',
    });
    expect(byName.get('stream-1')?.serverlessV2Usage?.averageAcu).toBeCloseTo(3, 9);
    expect(byName.get('vault-1')).toMatchObject({ storageType: 'aurora-iopt1', priceKeyId: 'rds-instance|ap-northeast-2|db.r6g.large|Aurora PostgreSQL|Single-AZ|No license required|IOOptimized' });
    expect(byName.get('vault-1')?.serverlessV2Usage).toBeUndefined();
    // One call for both clusters' volumes and the instance's capacity.
    expect(proxy.calls.filter((c) => c.action === 'GetMetricData')).toHaveLength(1);
  });

  it('a Serverless v2 instance whose CloudWatch read is refused keeps its row, its usage naming the error', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAuroraCluster(proxy.url, SEOUL, { id: 'burst', instanceClass: 'db.serverless' });
    const denied = 'User: arn:aws:sts::111122223333:assumed-role/ops-automation-member/ops is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action';
    proxy.setFault((call) => (call.action === 'GetMetricData' ? cloudWatchError('AccessDenied', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-serverless-denied');

    // Assess
    const burst = (await inventoryOf(bucket, result)).databases?.find((db) => db.name === 'burst-1');
    expect(burst?.serverlessV2Usage).toEqual({ readError: expect.stringMatching(/CloudWatch GetMetricData failed \(AccessDenied\): .*cloudwatch:GetMetricData/) });
  });

  it('reads the surplus CPU credits CloudWatch says each running burstable instance was charged in the last 7 days, scaled to the month, and asks for their vCPU-hour rate; other instances are not read', async () => {
    // Prepare: a t3.micro charged 30 credits a day, a t3.small with no datapoints, an m5.large (not burstable)
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const client = ec2(SEOUL);
    const charged = await launch(client, 't3.micro');
    const fresh = await launch(client, 't3.small');
    const steady = await launch(client, 'm5.large');
    const cloudWatch = new CloudWatchClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
    await seedCpuCreditsCharged(cloudWatch, charged, 30);
    await seedCpuCreditsCharged(cloudWatch, steady, 30);
    cloudWatch.destroy();
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-cpu-credits');

    // Assess: 7 × 30 = 210 credits = 3.5 vCPU-hours a week; × 730 / 168 = 15.21 a month
    const byId = new Map((await inventoryOf(bucket, result)).instances.map((i) => [i.instanceId, i]));
    expect(byId.get(charged)?.cpuCredits?.creditsCharged).toBe(210);
    expect(byId.get(charged)?.cpuCredits?.vcpuHoursMonthly).toBeCloseTo(15.2083, 4);
    expect(byId.get(fresh)?.cpuCredits).toEqual({ creditOption: 'unlimited', reason: expect.stringMatching(/^no CPUSurplusCreditsCharged datapoints in CloudWatch for the last 7 days/) });
    expect(byId.get(steady)?.cpuCredits).toBeUndefined();
    const keys = (await priceKeysOf(bucket, result)).map((k) => k.id).filter((id) => id.startsWith('ec2-cpu-credits'));
    expect(keys).toEqual(['ec2-cpu-credits|ap-northeast-2|t3|Linux']);
  });

  it('a burstable instance whose CloudWatch read is refused (AccessDenied injected through the proxy) keeps its row, its credits naming the error', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const burst = await launch(ec2(SEOUL), 't3.micro');
    const denied = 'User: arn:aws:sts::111122223333:assumed-role/ops-automation-member/ops is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action';
    proxy.setFault((call) => (call.action === 'GetMetricData' ? cloudWatchError('AccessDenied', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-cpu-credits-denied');

    // Assess
    expect(result.targets).toEqual({ total: 1, collected: 1, unreachable: 0, failed: 0 });
    const instance = (await inventoryOf(bucket, result)).instances.find((i) => i.instanceId === burst);
    expect(instance?.cpuCredits).toEqual({ creditOption: 'unlimited', reason: expect.stringMatching(/CloudWatch GetMetricData failed \(AccessDenied\): .*cloudwatch:GetMetricData/) });
    expect((await priceKeysOf(bucket, result)).some((k) => k.kind === 'ec2-cpu-credits')).toBe(false);
  });

  it('a standard-mode t3 (launched so) and a default t2 are 0 credits without asking CloudWatch; an unlimited t3 with no datapoints stays unestimated', async () => {
    // Prepare: CloudWatch has credits for the two standard-mode instances anyway, so reading them would show.
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const client = ec2(SEOUL);
    const standardT3 = await launch(client, 't3.micro', {}, 'standard');
    const defaultT2 = await launch(client, 't2.micro');
    const unlimitedT3 = await launch(client, 't3.micro');
    const cloudWatch = new CloudWatchClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
    await seedCpuCreditsCharged(cloudWatch, standardT3, 30);
    await seedCpuCreditsCharged(cloudWatch, defaultT2, 30);
    cloudWatch.destroy();
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-cpu-credit-modes');

    // Assess
    const byId = new Map((await inventoryOf(bucket, result)).instances.map((i) => [i.instanceId, i]));
    for (const id of [standardT3, defaultT2]) expect(byId.get(id)?.cpuCredits).toEqual({ creditOption: 'standard', creditsCharged: 0, vcpuHoursMonthly: 0 });
    expect(byId.get(unlimitedT3)?.cpuCredits).toEqual({ creditOption: 'unlimited', reason: expect.stringMatching(/^no CPUSurplusCreditsCharged datapoints/) });
    // One DescribeInstanceCreditSpecifications for the three; CloudWatch is asked for the unlimited one only.
    const creditCalls = proxy.calls.filter((c) => c.action === 'DescribeInstanceCreditSpecifications');
    expect(creditCalls).toHaveLength(1);
    expect(creditCalls[0]!.body).toContain(standardT3);
    const metricCalls = proxy.calls.filter((c) => c.action === 'GetMetricData').map((c) => c.body).join('\n');
    expect(metricCalls).toContain(unlimitedT3);
    expect(metricCalls).not.toContain(standardT3);
    expect(metricCalls).not.toContain(defaultT2);
    // No rate is asked for credits never charged.
    expect((await priceKeysOf(bucket, result)).some((k) => k.kind === 'ec2-cpu-credits')).toBe(false);
  });

  it('a refused DescribeInstanceCreditSpecifications (AccessDenied as EC2 sends it, UnauthorizedOperation, injected through the proxy) leaves every burstable instance to CloudWatch, naming the error', async () => {
    // Prepare: a default t2 (standard in AWS) with credits in CloudWatch: read as before, and priced.
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const client = ec2(SEOUL);
    const t2 = await launch(client, 't2.micro');
    const quiet = await launch(client, 't3.micro', {}, 'standard');
    const cloudWatch = new CloudWatchClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
    await seedCpuCreditsCharged(cloudWatch, t2, 30);
    cloudWatch.destroy();
    const denied = 'You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/ops-automation-member/ops is not authorized to perform: ec2:DescribeInstanceCreditSpecifications because no identity-based policy allows the ec2:DescribeInstanceCreditSpecifications action';
    proxy.setFault((call) => (call.action === 'DescribeInstanceCreditSpecifications' ? ec2Error('UnauthorizedOperation', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-cpu-credit-modes-denied');

    // Assess
    expect(result.targets).toEqual({ total: 1, collected: 1, unreachable: 0, failed: 0 });
    const byId = new Map((await inventoryOf(bucket, result)).instances.map((i) => [i.instanceId, i]));
    const refusal = expect.stringMatching(/EC2 DescribeInstanceCreditSpecifications failed \(UnauthorizedOperation\): .*ec2:DescribeInstanceCreditSpecifications/);
    expect(byId.get(t2)?.cpuCredits).toEqual({ creditOptionReadError: refusal, creditsCharged: 210, vcpuHoursMonthly: expect.closeTo(15.2083, 4) });
    expect(byId.get(quiet)?.cpuCredits).toEqual({ creditOptionReadError: refusal, reason: expect.stringMatching(/^no CPUSurplusCreditsCharged datapoints/) });
  });

  it('a target whose role may not read RDS (AccessDenied injected through the proxy) is collected without databases, saying why', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: { AutoStopStart: 'Yes' } });
    const denied = 'User: arn:aws:sts::111122223333:assumed-role/ops-collect-inventory-lambda/ops is not authorized to perform: rds:DescribeDBInstances';
    proxy.setFault((call) => (call.action === 'DescribeDBInstances' ? rdsError('AccessDenied', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-rds-denied');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(result.targets).toEqual({ total: 1, collected: 1, unreachable: 0, failed: 0 });
    expect(inventory.databases).toEqual([]);
    expect(inventory.databaseNotes).toEqual([expect.stringMatching(/AccessDenied.*rds:DescribeDBInstances/)]);
  });
});

describe('collect-inventory: Auto Scaling groups', () => {
  it('reads the groups carrying the opt-in tag key, where the schedule has each, their in-service members and their roots deleted on termination', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: { AutoStopStart: 'Yes' }, min: 1, max: 4, desired: 2 });
    await createAutoScalingGroup(proxy.url, SEOUL, { name: 'nightly', tags: { AutoStopStart: 'Yes', AutoStopStartSavedSizes: 'min=1 max=2 desired=1' }, desired: 0 });
    await createAutoScalingGroup(proxy.url, SEOUL, { name: 'batch', tags: { Team: 'data' }, desired: 1 });
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-groups');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(inventory.autoScalingGroups?.map((g) => [g.name, g.scheduleTagValue, g.scheduleState, g.savedSizes, g.inServiceInstanceIds.length])).toEqual([
      ['nightly', 'Yes', 'stopped', 'min=1 max=2 desired=1', 0],
      ['web', 'Yes', 'running', undefined, 2],
    ]);
    const web = inventory.autoScalingGroups!.find((g) => g.name === 'web')!;
    const members = inventory.instances.filter((i) => web.inServiceInstanceIds.includes(i.instanceId));
    expect(members).toHaveLength(2);
    for (const member of members) expect(member.deleteOnTerminationVolumeIds).toEqual(member.volumeIds);
    expect(inventory.autoScalingGroupNotes).toBeUndefined();
  });

  it('a stopped member of a running group brings no public IPv4 to the group\'s saving or to Public_IPv4; an Elastic IP on it stays billed', async () => {
    // Prepare: `web` with three members; two are stopped, and an Elastic IP is associated with the second. EC2
    // releases an instance's auto-assigned public IPv4 when it is stopped ("We release your
    // instance's public IP address when it is stopped, hibernated, or terminated": EC2 User Guide,
    // "Amazon EC2 instance IP addressing", using-instance-addressing.html#concepts-public-addresses);
    // moto 5.2.1 does the same (its NetworkInterface.stop() drops an auto-assigned public_ip), so
    // DescribeInstances answers the stopped member without PublicIpAddress, as AWS does.
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: { AutoStopStart: 'Yes' }, min: 1, max: 4, desired: 3 });
    const [running, stopped, withElasticIp] = (await memberIds(SEOUL, 'web')).sort();
    const client = ec2(SEOUL);
    await client.send(new StopInstancesCommand({ InstanceIds: [stopped!, withElasticIp!] }));
    const { AllocationId, PublicIp: elasticIp } = await client.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    await client.send(new AssociateAddressCommand({ AllocationId, InstanceId: withElasticIp! }));
    const handler = loadHandler(bucket);

    // Act
    const inventory = await inventoryOf(bucket, await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-stopped-member'));
    const costs = computeCosts(inventory, [], { schedules: DEFAULT_POWER_SCHEDULES, pricingRegion: SEOUL });

    // Assess: the running member's auto-assigned address is the group's one public IPv4; the stopped
    // members have none; the Elastic IP is billed (Public_IPv4) and saves nothing (it outlives termination).
    const member = (id: string) => inventory.instances.find((i) => i.instanceId === id);
    expect([running, stopped, withElasticIp].map((id) => [member(id!)?.state, member(id!)?.publicIp])).toEqual([
      ['running', expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)],
      ['stopped', undefined],
      ['stopped', undefined],
    ]);
    const [web] = costs.groups;
    expect(web?.group.inServiceInstanceIds.sort()).toEqual([running, stopped, withElasticIp]);
    expect(web?.publicIps).toBe(1);
    // Its hours: only the running member's; a stopped one's are not billed, so not saved.
    expect(web?.countedInstanceIds).toEqual([running]);
    expect(web?.note).toMatch(/^3 in-service member\(s\): instance hours, 3 EBS volume\(s\) deleted on termination, 1 public IPv4 address\(es\)/);
    expect(costs.addresses.map((r) => [r.address.kind, r.address.instanceId])).toEqual([
      ['elastic', withElasticIp],
      ['instance', running],
    ]);
    expect(costs.addresses.find((r) => r.address.kind === 'elastic')?.address.publicIp).toBe(elasticIp);
  });

  it('a target whose role may not read Auto Scaling (AccessDenied injected through the proxy) is collected without groups, saying why', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: { AutoStopStart: 'Yes' }, desired: 1 });
    const denied = 'User: arn:aws:sts::111122223333:assumed-role/ops-collect-inventory-lambda/ops is not authorized to perform: autoscaling:DescribeAutoScalingGroups because no identity-based policy allows the autoscaling:DescribeAutoScalingGroups action';
    proxy.setFault((call) => (call.action === 'DescribeAutoScalingGroups' ? autoScalingError('AccessDenied', denied, 403) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ reportDate: '2026-11-23', regions: [SEOUL] }, 'weekly-test-groups-denied');

    // Assess: the instances are collected all the same
    const inventory = await inventoryOf(bucket, result);
    expect(result.targets).toEqual({ total: 1, collected: 1, unreachable: 0, failed: 0 });
    expect(inventory.instances).toHaveLength(1);
    expect(inventory.autoScalingGroups).toEqual([]);
    expect(inventory.autoScalingGroupNotes).toEqual([expect.stringMatching(/DescribeAutoScalingGroups failed \(AccessDenied\).*autoscaling:DescribeAutoScalingGroups/)]);
  });
});

describe('collect-inventory: how each instance is billed', () => {
  it('collects a Dedicated Host from moto and the instance on it (host tenancy injected through the proxy: moto has no Placement.Tenancy=host)', async () => {
    // Prepare
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const virginia = ec2(VIRGINIA);
    const [hostId] = (await virginia.send(new AllocateHostsCommand({ AvailabilityZone: `${VIRGINIA}a`, InstanceFamily: 'm5', Quantity: 1 }))).HostIds!;
    const [emptyHostId] = (await virginia.send(new AllocateHostsCommand({ AvailabilityZone: `${VIRGINIA}b`, InstanceType: 'c5.xlarge', Quantity: 1 }))).HostIds!;
    const onHost = await launch(virginia, 'm5.large', { Name: 'licensed-app' });
    proxy.setRewrite((request, body) => (request.action === 'DescribeInstances' ? withTenancy(body, onHost, 'host', hostId) : undefined));
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'hosts');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(inventory.hosts).toEqual([
      { accountId: proxy.accountId, region: VIRGINIA, hostId, instanceFamily: 'm5', state: 'available', az: `${VIRGINIA}a`, instanceIds: [onHost] },
      { accountId: proxy.accountId, region: VIRGINIA, hostId: emptyHostId, instanceFamily: 'c5', state: 'available', az: `${VIRGINIA}b`, instanceIds: [] },
    ].sort((a, b) => a.hostId!.localeCompare(b.hostId!)));
    expect(inventory.instances.find((i) => i.instanceId === onHost)).toMatchObject({ purchaseOption: 'Dedicated Host', tenancy: 'Host', hostId });
    expect((await priceKeysOf(bucket, result)).map((k) => k.id)).toEqual(expect.arrayContaining(['dedicated-host|us-east-1|m5', 'dedicated-host|us-east-1|c5']));
    expect(describeCallsIn(VIRGINIA, 'DescribeHosts')).toBe(1);
  });

  it('collects a Spot instance with the 7-day average of its Spot price (InstanceLifecycle, the Spot request and DescribeSpotPriceHistory in the real format injected through the proxy: moto cannot set the first and synthesizes the last)', async () => {
    // Prepare: a one-time Spot t3.medium on the schedule; 0.0150 until 3.5 days into the window, then 0.0170
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const spot = await launch(ec2(VIRGINIA), 't3.medium', { Name: 'batch-spot', AutoStopStart: 'Yes' });
    proxy.setRewrite((request, body) => (request.action === 'DescribeInstances' ? addToInstance(body, spot, spotInstanceElements('sir-0a1b2c3d')) : undefined));
    const historyRequests: URLSearchParams[] = [];
    proxy.setFault((request) => {
      if (ec2RegionOf(request) !== VIRGINIA) return undefined;
      if (request.action === 'DescribeSpotInstanceRequests') {
        return spotInstanceRequestsResponse([{ spotInstanceRequestId: 'sir-0a1b2c3d', instanceId: spot, type: 'one-time', instanceType: 't3.medium', availabilityZone: `${VIRGINIA}a` }]);
      }
      if (request.action !== 'DescribeSpotPriceHistory') return undefined;
      historyRequests.push(request.form);
      const windowStart = Date.parse(request.form.get('StartTime') ?? '');
      const point = (at: number, spotPrice: string) => ({ availabilityZone: `${VIRGINIA}a`, instanceType: 't3.medium', productDescription: 'Linux/UNIX', spotPrice, timestamp: new Date(at) });
      return spotPriceHistoryResponse([point(windowStart - 2 * 86_400_000, '0.015000'), point(windowStart + 3.5 * 86_400_000, '0.017000')]);
    });
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'spot');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(inventory.instances.find((i) => i.instanceId === spot)).toMatchObject({
      purchaseOption: 'Spot',
      spotPriceId: 'spot|us-east-1a|t3.medium|Linux/UNIX',
      scheduleSkipReason: 'one-time Spot instance: it cannot be stopped, only terminated',
    });
    // (0.015 × 84 h + 0.017 × 84 h) / 168 h
    expect(inventory.spotPrices).toEqual([expect.objectContaining({ id: 'spot|us-east-1a|t3.medium|Linux/UNIX', status: 'priced', usd: 0.016, unit: 'Hrs' })]);
    expect(historyRequests).toHaveLength(1);
    expect(Object.fromEntries([...historyRequests[0]!.entries()].filter(([k]) => /^(AvailabilityZone|InstanceType\.1|ProductDescription\.1)$/.test(k)))).toEqual({
      AvailabilityZone: `${VIRGINIA}a`,
      'InstanceType.1': 't3.medium',
      'ProductDescription.1': 'Linux/UNIX',
    });
    const windowDays = (Date.parse(historyRequests[0]!.get('EndTime')!) - Date.parse(historyRequests[0]!.get('StartTime')!)) / 86_400_000;
    expect(windowDays).toBe(7);
  });
});

describe('merge-inventories: what was billed (Cost Explorer, read once in the hub)', () => {
  it('reads both periods from Cost Explorer in one request (answers queued in moto through its cost-and-usage-results endpoint)', async () => {
    // Prepare: what GetCostAndUsage returns for 2026-11-20, a day in both the last week and the month
    const bucket = uniqueBucket();
    await createBucket(bucket);
    await queueCostAndUsage(process.env.MOTO_URL!, [
      costAndUsageResponse([
        costAndUsageDay('2026-11-20', [
          [VIRGINIA, 'BoxUsage:m5.large', '2.3040000000', '2.3040000000'],
          [VIRGINIA, 'EBS:VolumeUsage.gp3', '0.5333333333', '0.5333333333'],
        ]),
      ]),
    ], proxy.accountId);
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'billed');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(inventory.billed).toMatchObject({
      status: 'collected',
      requests: 1,
      lines: [
        { period: 'lastWeek', region: VIRGINIA, usageType: 'BoxUsage:m5.large', unblended: 2.3, amortized: 2.3 },
        { period: 'lastWeek', region: VIRGINIA, usageType: 'EBS:VolumeUsage.gp3', unblended: 0.53, amortized: 0.53 },
        { period: 'monthToDate', region: VIRGINIA, usageType: 'BoxUsage:m5.large', unblended: 2.3, amortized: 2.3 },
        { period: 'monthToDate', region: VIRGINIA, usageType: 'EBS:VolumeUsage.gp3', unblended: 0.53, amortized: 0.53 },
      ],
    });
    const ceCalls = proxy.calls.filter((c) => c.action === 'GetCostAndUsage');
    expect(ceCalls).toHaveLength(1);
    expect(String(ceCalls[0]!.headers.authorization)).toContain('/us-east-1/ce/aws4_request');
    expect(JSON.parse(ceCalls[0]!.body)).toMatchObject({ TimePeriod: { Start: '2026-11-01', End: '2026-11-23' }, Granularity: 'DAILY', Metrics: ['UnblendedCost', 'AmortizedCost'] });
  });

  it('Cost Explorer not enabled (AccessDeniedException injected through the proxy) is a note in the inventory; the collection succeeds', async () => {
    const bucket = uniqueBucket();
    await createBucket(bucket);
    proxy.setFault((request) => (request.action === 'GetCostAndUsage' ? costExplorerError('AccessDeniedException', 'User not enabled for cost explorer access') : undefined));
    const handler = loadHandler(bucket);

    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'billed-off');

    const inventory = await inventoryOf(bucket, result);
    expect(inventory.billed).toEqual({ status: 'unavailable', code: 'AccessDeniedException', reason: expect.stringContaining('Cost Explorer is not enabled for this account') });
  });

  it('ENABLE_COST_EXPLORER=false makes no Cost Explorer request at all', async () => {
    const bucket = uniqueBucket();
    await createBucket(bucket);
    process.env.ENABLE_COST_EXPLORER = 'false';
    const handler = loadHandler(bucket);

    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'billed-opt-out');

    expect((await inventoryOf(bucket, result)).billed).toEqual({ status: 'off' });
    expect(proxy.calls.filter((c) => c.action === 'GetCostAndUsage')).toEqual([]);
  });
});

describe('merge-inventories: account names (AWS Organizations)', () => {
  it('with organizational units configured, every account discovered under them is collected and named from ListAccounts', async () => {
    // Prepare: an organization in moto with the deployment account and one member, which has an instance.
    const bucket = uniqueBucket();
    await createBucket(bucket);
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: proxy.url, maxAttempts: 1 });
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const sandbox = (await org.send(new CreateAccountCommand({ AccountName: 'sandbox', Email: 'sandbox@example.com' }))).CreateAccountStatus!.AccountId!;
    const instance = await launchInstance(await memberEc2(proxy.url, sandbox, VIRGINIA), { instanceType: 't3.micro' });
    process.env.ORGANIZATION_UNIT_IDS = root;
    const handler = loadHandler(bucket);

    // Act
    const result = await handler({ regions: [VIRGINIA], reportDate: '2026-11-23' }, 'named');

    // Assess
    const inventory = await inventoryOf(bucket, result);
    expect(inventory.instances.find((i) => i.instanceId === instance)).toMatchObject({ accountId: sandbox });
    expect(inventory.accountNames).toMatchObject({ [sandbox]: 'sandbox' });
    expect(Object.keys(inventory.accountNames ?? {}).sort()).toEqual(inventory.targets!.map((t) => t.accountId).sort());
    expect(proxy.calls.filter((c) => c.action === 'ListAccounts')).toHaveLength(1);
  });
});
