/**
 * Which tagged databases a power-schedule run changes, and which it leaves alone with why: the
 * rules RDS imposes that moto does not enforce (it stops a Multi-AZ SQL Server, a Multi-AZ DB cluster and a cluster's
 * instance as readily as any other), decided from the DescribeDBInstances/DescribeDBClusters fields.
 */
import { selectTaggedDatabases, type Database } from '../../functions/shared/databases';

const TAG = { key: 'AutoStopStart', value: 'Yes' };
const OPT_IN = [{ Key: 'AutoStopStart', Value: 'Yes' }];
const arn = (kind: 'db' | 'cluster', name: string) => `arn:aws:rds:ap-northeast-2:111122223333:${kind}:${name}`;
const instance = (name: string, extra: Partial<Database> = {}): Database => ({ arn: arn('db', name), kind: 'instance', name, status: 'available', tags: OPT_IN, engine: 'postgres', multiAz: false, ...extra });
const cluster = (name: string, extra: Partial<Database> = {}): Database => ({ arn: arn('cluster', name), kind: 'cluster', name, status: 'available', tags: OPT_IN, engine: 'aurora-postgresql', multiAz: false, ...extra });

test('a tagged cluster is changed as one and its instances are not listed on their own; a tagged instance of an untagged cluster is skipped, saying its cluster lacks the tag', () => {
  const selected = selectTaggedDatabases(
    // An Aurora cluster's instances carry its engine (DescribeDBInstances: Engine aurora-postgresql), as on AWS.
    [
      cluster('reports'),
      instance('reports-1', { cluster: 'reports', engine: 'aurora-postgresql' }),
      cluster('ledger', { tags: [] }),
      instance('ledger-1', { cluster: 'ledger', engine: 'aurora-postgresql' }),
    ],
    TAG,
    'stop',
    '2026-12-02',
  );

  expect(selected.arns).toEqual([arn('cluster', 'reports')]);
  expect(selected.skipped).toEqual([{ instanceId: arn('db', 'ledger-1'), reason: 'member of DB cluster ledger: RDS stops and starts it only through its cluster, which lacks the opt-in tag' }]);
});

test('Multi-AZ SQL Server is skipped because RDS cannot stop it; single-AZ SQL Server and Multi-AZ PostgreSQL are changed', () => {
  const selected = selectTaggedDatabases(
    [instance('erp', { engine: 'sqlserver-se', multiAz: true }), instance('erp-dev', { engine: 'sqlserver-ex' }), instance('orders', { multiAz: true })],
    TAG,
    'stop',
    '2026-12-02',
  );

  expect(selected.arns).toEqual([arn('db', 'erp-dev'), arn('db', 'orders')]);
  expect(selected.skipped).toEqual([{ instanceId: arn('db', 'erp'), reason: 'Multi-AZ SQL Server (sqlserver-se): RDS cannot stop it' }]);
});

test('a DB without the exact opt-in tag is not selected at all; stop-only keeps a DB out of a start', () => {
  const selected = selectTaggedDatabases(
    [instance('billing', { tags: [{ Key: 'AutoStopStart', Value: 'yes' }] }), instance('audit', { tags: [...OPT_IN, { Key: 'AutoStopStartOverride', Value: 'stop-only' }] })],
    TAG,
    'start',
    '2026-12-02',
  );

  expect(selected.arns).toEqual([]);
  expect(selected.skipped).toEqual([{ instanceId: arn('db', 'audit'), reason: 'AutoStopStartOverride=stop-only: never started by the schedule', heldByOverride: true }]);
});

test('a tagged Multi-AZ DB cluster is skipped at stop and start because RDS cannot stop or start it, and its instances are not listed on their own', () => {
  // A PostgreSQL Multi-AZ DB cluster (a writer and two readable standbys) beside a tagged Aurora cluster, which is changed.
  const databases = [
    cluster('ledger', { engine: 'postgres', multiAz: true, instanceClass: 'db.m6gd.large' }),
    ...['ledger-instance-1', 'ledger-instance-2', 'ledger-instance-3'].map((name) => instance(name, { cluster: 'ledger', instanceClass: 'db.m6gd.large' })),
    cluster('reports'),
  ];

  for (const action of ['stop', 'start'] as const) {
    const selected = selectTaggedDatabases(databases, TAG, action, '2026-12-02');

    expect(selected.arns).toEqual([arn('cluster', 'reports')]);
    expect(selected.skipped).toEqual([{ instanceId: arn('cluster', 'ledger'), reason: 'Multi-AZ DB cluster (postgres): RDS cannot stop or start it' }]);
  }
});

test('a tagged instance of an untagged Multi-AZ DB cluster is skipped at stop and start because RDS cannot stop or start such a cluster or its instances, not for its cluster\'s missing tag', () => {
  // The writer carries the opt-in tag, its Multi-AZ DB cluster does not: tagging the cluster would not help either.
  const databases = [
    cluster('ledger', { engine: 'postgres', multiAz: true, instanceClass: 'db.m6gd.large', tags: [] }),
    instance('ledger-instance-1', { cluster: 'ledger', instanceClass: 'db.m6gd.large' }),
    instance('ledger-instance-2', { cluster: 'ledger', instanceClass: 'db.m6gd.large', tags: [] }),
  ];

  for (const action of ['stop', 'start'] as const) {
    const selected = selectTaggedDatabases(databases, TAG, action, '2026-12-02');

    expect(selected.arns).toEqual([]);
    expect(selected.skipped).toEqual([
      { instanceId: arn('db', 'ledger-instance-1'), reason: 'member of Multi-AZ DB cluster ledger (postgres): RDS cannot stop or start a Multi-AZ DB cluster or its instances' },
    ]);
  }
});
