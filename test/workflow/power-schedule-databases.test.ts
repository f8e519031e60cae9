/**
 * Power-schedule over RDS: a DB instance and an Aurora cluster carrying the opt-in tag are stopped
 * and started in the same run as the instances; what RDS cannot stop (a read replica, a Multi-AZ DB
 * cluster) is an outcome with its reason.
 * The real ASL and handlers run against moto's RDS through the aws-proxy.
 */
import { rdsError, type AwsProxy } from '../support/aws-proxy';
import { createAuroraCluster, createDatabase, createMultiAzDbCluster, databaseOf, ec2At, launchInstance, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { usePowerWorkflow } from '../support/power-workflow';
import type { RunSummary } from '../../functions/shared/power-types';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-power-dbs-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
usePowerWorkflow({ region: SEOUL, regions: [SEOUL], bucket: BUCKET }, (started) => (proxy = started));

const db = (id: string) => databaseOf(proxy.url, SEOUL, 'instance', id);
const cluster = (id: string) => databaseOf(proxy.url, SEOUL, 'cluster', id);
const calls = (action: string) => proxy.calls.filter((c) => c.action === action);

test('stop then start: a tagged DB instance and a tagged Aurora cluster stop and start with the instances; an untagged DB is untouched; a read replica is skipped with why', async () => {
  // Prepare
  const orders = await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  const reports = await createAuroraCluster(proxy.url, SEOUL, { id: 'reports', tags: OPT_IN });
  await createDatabase(proxy.url, SEOUL, { id: 'billing', tags: { Team: 'finance' } });
  const replica = await createDatabase(proxy.url, SEOUL, { id: 'orders-replica', tags: OPT_IN, replicaOf: 'orders' });
  const plain = await launchInstance(ec2At(proxy.url, SEOUL), { tags: OPT_IN });
  proxy.calls.length = 0;

  // Act: stop
  const stop = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess: both DBs stopped and marked; the cluster's instance only through its cluster; nothing else touched.
  expect(stop.status).toBe('SUCCEEDED');
  expect(await db('orders')).toMatchObject({ status: 'stopped', tags: { AutoStopStartStoppedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
  expect(await cluster('reports')).toMatchObject({ status: 'stopped', tags: { AutoStopStartStoppedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
  expect(await db('billing')).toMatchObject({ status: 'available', tags: { Team: 'finance' } });
  expect((await db('orders-replica')).status).toBe('available');
  expect(await statesOf(ec2At(proxy.url, SEOUL), [plain])).toEqual(['stopped']);
  expect(calls('StopDBInstance').map((c) => c.form.get('DBInstanceIdentifier'))).toEqual(['orders']);
  expect(calls('StopDBCluster').map((c) => c.form.get('DBClusterIdentifier'))).toEqual(['reports']);
  const stopSummary = stop.output as RunSummary;
  expect(stopSummary.byKind).toEqual({ ec2: { stopped: 1 }, rds: { stopped: 2, skipped: 1 } });
  expect(stopSummary.skipped).toEqual([
    { accountId: proxy.accountId, region: SEOUL, instanceId: replica, kind: 'rds', reason: 'read replica of orders: RDS cannot stop a read replica' },
  ]);

  // Act again: a second stop finds them stopped and calls nothing.
  proxy.calls.length = 0;
  const again = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });
  expect(again.status).toBe('SUCCEEDED');
  expect((again.output as RunSummary).byKind?.rds).toEqual({ alreadyStopped: 2, skipped: 1 });
  expect([...calls('StopDBInstance'), ...calls('StopDBCluster')]).toEqual([]);

  // Act: start
  const start = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  // Assess: both available again, and the stop's mark is gone (the next stop is a plain stop).
  expect(start.status).toBe('SUCCEEDED');
  expect((await db('orders')).status).toBe('available');
  expect((await db('orders')).tags).not.toHaveProperty('AutoStopStartStoppedAt');
  expect((await cluster('reports')).status).toBe('available');
  expect((await cluster('reports')).tags).not.toHaveProperty('AutoStopStartStoppedAt');
  expect((await db('billing')).status).toBe('available');
  expect((start.output as RunSummary).byKind).toEqual({ ec2: { started: 1 }, rds: { started: 2, skipped: 1 } });
  expect(orders).toMatch(/:db:orders$/);
  expect(reports).toMatch(/:cluster:reports$/);
});

test('a DB that RDS started again after 7 days stopped is stopped again and counted reStopped (the restart is made by StartDBInstance outside the schedule, as RDS does)', async () => {
  // Prepare: the schedule stopped it; then RDS (here: a direct call, as moto does not age DBs) started it.
  await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  expect((await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true })).status).toBe('SUCCEEDED');
  const { RDSClient, StartDBInstanceCommand } = await import('@aws-sdk/client-rds');
  const rds = new RDSClient({ region: SEOUL, endpoint: proxy.url, maxAttempts: 1 });
  await rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'orders' }));
  rds.destroy();
  expect((await db('orders')).status).toBe('available');

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect((await db('orders')).status).toBe('stopped');
  const summary = result.output as RunSummary;
  expect(summary.totals).toEqual({ reStopped: 1 });
  expect(summary.byKind).toEqual({ rds: { reStopped: 1 } });
});

test('a dry run lists the DBs it would stop and calls no RDS API that changes anything', async () => {
  await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  await createAuroraCluster(proxy.url, SEOUL, { id: 'reports', tags: OPT_IN });
  proxy.calls.length = 0;

  const result = await runWorkflow('power-schedule', { action: 'stop', dryRun: true }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect((result.output as RunSummary).byKind).toEqual({ rds: { dryRunPassed: 2 } });
  expect((await db('orders')).status).toBe('available');
  expect((await cluster('reports')).status).toBe('available');
  for (const action of ['StopDBInstance', 'StopDBCluster', 'StartDBInstance', 'StartDBCluster', 'AddTagsToResource', 'RemoveTagsFromResource']) expect(calls(action)).toEqual([]);
});

test('a DB whose override keeps it out (skip-until ahead) and a DB refused by RDS (InvalidDBInstanceState, injected through the proxy) are outcomes with their reasons; the run succeeds', async () => {
  // Prepare
  const kept = await createDatabase(proxy.url, SEOUL, { id: 'kept', tags: { ...OPT_IN, AutoStopStartOverride: 'skip-until=2999-01-01' } });
  const busy = await createDatabase(proxy.url, SEOUL, { id: 'busy', tags: OPT_IN });
  await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  proxy.setFault((request) =>
    request.action === 'StopDBInstance' && request.form.get('DBInstanceIdentifier') === 'busy'
      ? rdsError('InvalidDBInstanceState', 'Instance busy cannot be stopped because it is in backing-up state.')
      : undefined,
  );

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect((await db('kept')).status).toBe('available');
  expect((await db('busy')).status).toBe('available');
  expect((await db('orders')).status).toBe('stopped');
  const summary = result.output as RunSummary;
  expect(summary.byKind).toEqual({ rds: { stopped: 1, skipped: 2 } });
  expect(summary.skipped).toEqual(
    expect.arrayContaining([
      { accountId: proxy.accountId, region: SEOUL, instanceId: kept, kind: 'rds', reason: expect.stringMatching(/^AutoStopStartOverride=skip-until=2999-01-01: left alone until 2999-01-01/), heldByOverride: true },
      {
        accountId: proxy.accountId,
        region: SEOUL,
        instanceId: busy,
        kind: 'rds',
        reason: 'RDS refused (InvalidDBInstanceState): Instance busy cannot be stopped because it is in backing-up state.',
      },
    ]),
  );
  expect(summary.skipped).toHaveLength(2);
});

test('a DB whose start fails for lack of capacity once (InsufficientDBInstanceCapacity, injected through the proxy) is started by RetryUnfinished and listed as recovered', async () => {
  // Prepare: stopped by the schedule, then RDS has no capacity for the first start.
  const orders = await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  expect((await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true })).status).toBe('SUCCEEDED');
  let refusals = 1;
  proxy.setFault((request) =>
    request.action === 'StartDBInstance' && refusals-- > 0
      ? rdsError('InsufficientDBInstanceCapacity', 'Cannot start DB instance orders: no db.t3.micro capacity in the Availability Zone.')
      : undefined,
  );
  proxy.calls.length = 0;

  // Act
  const result = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect((await db('orders')).status).toBe('available');
  expect(calls('StartDBInstance')).toHaveLength(2);
  const summary = result.output as RunSummary;
  expect(summary.recovered).toEqual([{ accountId: proxy.accountId, region: SEOUL, instanceId: orders, kind: 'rds', outcome: 'started' }]);
});

test('a tagged Multi-AZ DB cluster is skipped at stop and start with why, and StopDBCluster / StartDBCluster are never called for it (RDS cannot stop one; moto would)', async () => {
  // Prepare: a PostgreSQL Multi-AZ DB cluster with its writer and two readable standbys, beside a tagged Aurora cluster.
  const ledger = await createMultiAzDbCluster(proxy.url, SEOUL, { id: 'ledger', engine: 'postgres', instanceClass: 'db.m6gd.large', storageType: 'gp3', allocatedGiB: 100, tags: OPT_IN });
  await createAuroraCluster(proxy.url, SEOUL, { id: 'reports', tags: OPT_IN });
  proxy.calls.length = 0;

  for (const action of ['stop', 'start'] as const) {
    // Act
    const run = await runWorkflow('power-schedule', { action }, { instantWaits: true });

    // Assess: the Aurora cluster changes, the Multi-AZ DB cluster stays available, named with the reason.
    expect(run.status).toBe('SUCCEEDED');
    expect((await cluster('ledger')).status).toBe('available');
    expect((run.output as RunSummary).byKind?.rds).toEqual({ [action === 'stop' ? 'stopped' : 'started']: 1, skipped: 1 });
    expect((run.output as RunSummary).skipped).toEqual([
      { accountId: proxy.accountId, region: SEOUL, instanceId: ledger, kind: 'rds', reason: 'Multi-AZ DB cluster (postgres): RDS cannot stop or start it' },
    ]);
  }
  expect([...calls('StopDBCluster'), ...calls('StartDBCluster')].map((c) => c.form.get('DBClusterIdentifier'))).toEqual(['reports', 'reports']);
  expect([...calls('StopDBInstance'), ...calls('StartDBInstance')]).toEqual([]);
});

test('a tagged instance of an untagged Multi-AZ DB cluster is skipped at stop and start because RDS cannot stop or start such a cluster or its instances, and nothing is called for it', async () => {
  // Prepare: the writer carries the opt-in tag, its cluster does not (tagging the cluster would not help either).
  await createMultiAzDbCluster(proxy.url, SEOUL, { id: 'ledger', engine: 'postgres', instanceClass: 'db.m6gd.large', storageType: 'gp3', allocatedGiB: 100, firstInstanceTags: OPT_IN });
  const writer = `arn:aws:rds:${SEOUL}:${proxy.accountId}:db:ledger-instance-1`;
  proxy.calls.length = 0;

  for (const action of ['stop', 'start'] as const) {
    // Act
    const run = await runWorkflow('power-schedule', { action }, { instantWaits: true });

    // Assess
    expect(run.status).toBe('SUCCEEDED');
    expect((await db('ledger-instance-1')).status).toBe('available');
    expect((run.output as RunSummary).skipped).toEqual([
      {
        accountId: proxy.accountId,
        region: SEOUL,
        instanceId: writer,
        kind: 'rds',
        reason: 'member of Multi-AZ DB cluster ledger (postgres): RDS cannot stop or start a Multi-AZ DB cluster or its instances',
      },
    ]);
  }
  expect([...calls('StopDBCluster'), ...calls('StartDBCluster'), ...calls('StopDBInstance'), ...calls('StartDBInstance')]).toEqual([]);
});
