/**
 * RDS DB instances and Aurora clusters under a schedule. A DB carrying the opt-in tag is stopped
 * with StopDBInstance / StopDBCluster and started with StartDBInstance / StartDBCluster; an
 * instance of a cluster only through its cluster (RDS refuses the instance calls for them).
 * What RDS cannot stop is an outcome with its reason, never a failed run: read replicas, Multi-AZ
 * SQL Server, Multi-AZ DB clusters (./db-clusters.ts), and DBs in a state RDS refuses
 * (InvalidDBInstanceState, InvalidDBClusterStateFault).
 *
 * RDS starts a DB stopped for 7 days by itself. The stop writes `<TAG_KEY>StoppedAt=<date>` on the
 * DB before the call, and the start deletes it; a DB that is `available` at a stop run although it
 * still carries that tag was started since our stop (by RDS after 7 days, or by hand), so it is
 * stopped again and counted `reStopped`. The tag lives on the DB, so no store of ours has to
 * outlive the run.
 *
 * A DB's outcome is final when RDS accepts the call: stopping or starting takes minutes, and
 * holding a Lambda (or a Wait loop per DB) for that buys nothing the next run does not see. A DB
 * found `stopping` at a stop (or `starting` at a start) is already on its way, so neither Verify
 * nor RetryUnfinished calls again for it.
 *
 * Resources are named by their ARN, which says which kind each is (`:db:` or `:cluster:`).
 */
import {
  AddTagsToResourceCommand,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  RemoveTagsFromResourceCommand,
  StartDBClusterCommand,
  StartDBInstanceCommand,
  StopDBClusterCommand,
  StopDBInstanceCommand,
  type RDSClient,
  type Tag,
} from '@aws-sdk/client-rds';
import { inMultiAzDbCluster } from './db-clusters';
import { asStepError, awsErrorCode, isThrottling, isTransient } from './errors';
import type { DecisionLog } from './logger';
import { overrideSkip, overrideTagKey, skipFor } from './overrides';
import { allItems } from './pages';
import { resourceName, type InstanceOutcome, type PowerAction, type Skip } from './power-types';
import { hasOptInTag, tagValue, type OptInTag } from './tags';

export interface Database {
  arn: string;
  kind: 'instance' | 'cluster';
  /** The DB instance or cluster identifier. */
  name: string;
  status: string;
  tags: Tag[];
  engine: string;
  multiAz: boolean;
  /** A read replica's source. */
  replicaSource?: string;
  /** The cluster an instance belongs to. */
  cluster?: string;
  /**
   * What the cost report prices: a DB instance's class, a Multi-AZ DB cluster's
   * DBClusterInstanceClass (an Aurora cluster has none: its instances carry theirs).
   */
  instanceClass?: string;
  licenseModel?: string;
  storageType?: string;
  allocatedGiB?: number;
  /** Provisioned IOPS (`Iops`; a Multi-AZ DB cluster's: per instance) and gp3 `StorageThroughput` in MiBps, for the cost report. */
  iops?: number;
  storageThroughputMiBps?: number;
}

export function stoppedAtTagKey(tagKey: string): string {
  return `${tagKey}StoppedAt`;
}

/** `DB instance orders` or `DB cluster reports`, from the ARN a DB outcome carries. */
export const databaseName = (arn: string): string => resourceName({ instanceId: arn, kind: 'rds' });

/** Every DB instance and cluster of the region, tags included (RDS has no server-side tag filter for these calls). */
export async function describeDatabases(rds: RDSClient, where: string): Promise<Database[]> {
  const instances = await allItems(`DescribeDBInstances in ${where}`, paginateDescribeDBInstances({ client: rds }, {}), (page) => page.DBInstances ?? []);
  const clusters = await allItems(`DescribeDBClusters in ${where}`, paginateDescribeDBClusters({ client: rds }, {}), (page) => page.DBClusters ?? []);
  return [
    ...clusters.map((c): Database => ({
      arn: c.DBClusterArn!,
      kind: 'cluster',
      name: c.DBClusterIdentifier!,
      status: c.Status ?? 'unknown',
      tags: c.TagList ?? [],
      engine: c.Engine ?? '',
      multiAz: c.MultiAZ ?? false,
      ...(c.DBClusterInstanceClass ? { instanceClass: c.DBClusterInstanceClass } : {}),
      ...(c.StorageType ? { storageType: c.StorageType } : {}),
      ...(c.AllocatedStorage !== undefined ? { allocatedGiB: c.AllocatedStorage } : {}),
      ...(c.Iops !== undefined ? { iops: c.Iops } : {}),
      ...(c.StorageThroughput !== undefined ? { storageThroughputMiBps: c.StorageThroughput } : {}),
    })),
    ...instances.map((i): Database => ({
      arn: i.DBInstanceArn!,
      kind: 'instance',
      name: i.DBInstanceIdentifier!,
      status: i.DBInstanceStatus ?? 'unknown',
      tags: i.TagList ?? [],
      engine: i.Engine ?? '',
      multiAz: i.MultiAZ ?? false,
      ...(i.ReadReplicaSourceDBInstanceIdentifier ? { replicaSource: i.ReadReplicaSourceDBInstanceIdentifier } : {}),
      ...(i.DBClusterIdentifier ? { cluster: i.DBClusterIdentifier } : {}),
      ...(i.DBInstanceClass ? { instanceClass: i.DBInstanceClass } : {}),
      ...(i.LicenseModel ? { licenseModel: i.LicenseModel } : {}),
      ...(i.StorageType ? { storageType: i.StorageType } : {}),
      ...(i.AllocatedStorage !== undefined ? { allocatedGiB: i.AllocatedStorage } : {}),
      ...(i.Iops !== undefined ? { iops: i.Iops } : {}),
      ...(i.StorageThroughput !== undefined ? { storageThroughputMiBps: i.StorageThroughput } : {}),
    })),
  ].sort((a, b) => a.arn.localeCompare(b.arn));
}

export interface TaggedDatabases {
  /** ARNs of the DBs this run stops or starts. */
  arns: string[];
  skipped: ({ instanceId: string } & Skip)[];
}

/**
 * Why RDS cannot stop or start this tagged DB at all, or undefined. Listed, not called: the answer
 * does not change between runs, and a call would only fail. The cost report reads the same rule:
 * a DB the schedule leaves alone saves nothing.
 */
export function databaseSkipReason(db: Pick<Database, 'kind' | 'cluster' | 'replicaSource' | 'engine' | 'multiAz'>, taggedClusters: ReadonlySet<string>): string | undefined {
  // Before the cluster's tag: tagging a Multi-AZ DB cluster would not let the schedule stop it either.
  if (inMultiAzDbCluster(db)) {
    return db.cluster
      ? `member of Multi-AZ DB cluster ${db.cluster} (${db.engine}): RDS cannot stop or start a Multi-AZ DB cluster or its instances`
      : `Multi-AZ DB cluster (${db.engine}): RDS cannot stop or start it`;
  }
  if (db.cluster) {
    return taggedClusters.has(db.cluster) ? undefined : `member of DB cluster ${db.cluster}: RDS stops and starts it only through its cluster, which lacks the opt-in tag`;
  }
  if (db.replicaSource) return `read replica of ${db.replicaSource}: RDS cannot stop a read replica`;
  if (db.engine.startsWith('sqlserver') && db.multiAz) return `Multi-AZ SQL Server (${db.engine}): RDS cannot stop it`;
  return undefined;
}

/** The tagged DBs of a target: what this run changes, and what it leaves alone with why. */
export function selectTaggedDatabases(databases: readonly Database[], tag: OptInTag, action: PowerAction, today: string): TaggedDatabases {
  const tagged = databases.filter((db) => hasOptInTag(db.tags, tag));
  const taggedClusters = new Set(tagged.filter((db) => db.kind === 'cluster').map((db) => db.name));
  const found: TaggedDatabases = { arns: [], skipped: [] };
  for (const db of tagged) {
    // An instance of a tagged cluster is the cluster's business: its outcome covers it.
    if (db.cluster && taggedClusters.has(db.cluster)) continue;
    const skip = skipFor(databaseSkipReason(db, taggedClusters)) ?? overrideSkip(tag.key, tagValue(db.tags, overrideTagKey(tag.key)), action, today);
    if (skip) found.skipped.push({ instanceId: db.arn, ...skip });
    else found.arns.push(db.arn);
  }
  return found;
}

export async function listTaggedDatabases(rds: RDSClient, tag: OptInTag, action: PowerAction, today: string, where: string): Promise<TaggedDatabases> {
  return selectTaggedDatabases(await describeDatabases(rds, where), tag, action, today);
}

/** RDS's refusals of a stop or start for the DB's state or engine: the DB's outcome, not a failed call. */
function isRefusal(error: unknown): boolean {
  return /^InvalidDB(Instance|Cluster)State/.test(awsErrorCode(error));
}

export interface DatabaseDeps {
  rds: Pick<RDSClient, 'send'>;
  tagKey: string;
  log: DecisionLog;
  /** Today's date (YYYY-MM-DD), written in the StoppedAt tag. */
  today: string;
}

async function changeDatabase(db: Database, action: PowerAction, dryRun: boolean, deps: DatabaseDeps): Promise<InstanceOutcome> {
  const base = { instanceId: db.arn, kind: 'rds' as const };
  const label = databaseName(db.arn);
  const stoppedAtKey = stoppedAtTagKey(deps.tagKey);
  const stoppedAt = tagValue(db.tags, stoppedAtKey);
  const isCluster = db.kind === 'cluster';

  if (action === 'stop') {
    if (db.status === 'stopped') return { ...base, outcome: 'alreadyStopped' };
    if (db.status === 'stopping') return { ...base, outcome: 'alreadyStopped', reason: 'already stopping' };
    if (db.status !== 'available') return { ...base, outcome: 'skipped', reason: `${label} is ${db.status}: RDS stops a DB only when it is available` };
    // Still tagged by our stop, yet available: RDS started it after 7 days (or someone did by hand).
    const outcome = stoppedAt !== undefined ? ('reStopped' as const) : ('stopped' as const);
    const why = stoppedAt !== undefined ? `available again although stopped by the schedule on ${stoppedAt} (RDS restarts a DB after 7 days stopped)` : undefined;
    if (dryRun) return { ...base, outcome: 'dryRunPassed', reason: `would stop ${label}${why ? `: ${why}` : ''}` };
    // The tag first: a run that dies after the stop still leaves the mark the next stop reads.
    await deps.rds.send(new AddTagsToResourceCommand({ ResourceName: db.arn, Tags: [{ Key: stoppedAtKey, Value: deps.today }] }));
    if (isCluster) await deps.rds.send(new StopDBClusterCommand({ DBClusterIdentifier: db.name }));
    else await deps.rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: db.name }));
    return { ...base, outcome, ...(why ? { reason: why } : {}) };
  }

  if (db.status === 'available') return { ...base, outcome: 'alreadyRunning' };
  if (db.status === 'starting') return { ...base, outcome: 'alreadyRunning', reason: 'already starting' };
  if (db.status !== 'stopped') return { ...base, outcome: 'skipped', reason: `${label} is ${db.status}: RDS starts a DB only when it is stopped` };
  if (dryRun) return { ...base, outcome: 'dryRunPassed', reason: `would start ${label}` };
  if (isCluster) await deps.rds.send(new StartDBClusterCommand({ DBClusterIdentifier: db.name }));
  else await deps.rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: db.name }));
  if (stoppedAt !== undefined) await deps.rds.send(new RemoveTagsFromResourceCommand({ ResourceName: db.arn, TagKeys: [stoppedAtKey] }));
  return { ...base, outcome: 'started' };
}

/**
 * Stops or starts the named DBs as they are now (the listing may be minutes old; a DB deleted
 * meanwhile is skipped, saying so). A refusal is the DB's `skipped` outcome with RDS's words;
 * throttling and AWS-side failures are thrown as named errors for the state machine's Retry;
 * anything else is the DB's `failed` outcome, which RetryUnfinished tries again.
 */
export async function changeDatabasesByArn(
  arns: readonly string[],
  request: { action: PowerAction; dryRun: boolean },
  deps: DatabaseDeps & { rds: RDSClient; where: string },
): Promise<InstanceOutcome[]> {
  if (arns.length === 0) return [];
  const now = new Map((await describeDatabases(deps.rds, deps.where)).map((db) => [db.arn, db]));
  const outcomes: InstanceOutcome[] = [];
  for (const arn of arns) {
    const db = now.get(arn);
    let outcome: InstanceOutcome;
    if (!db) {
      outcome = { instanceId: arn, kind: 'rds', outcome: 'skipped', reason: `${databaseName(arn)} no longer exists` };
    } else {
      try {
        outcome = await changeDatabase(db, request.action, request.dryRun, deps);
      } catch (error) {
        if (isThrottling(error) || isTransient(error)) throw asStepError(error, `${request.action} of ${databaseName(arn)}`);
        const said = error instanceof Error ? error.message : String(error);
        outcome = isRefusal(error)
          ? { instanceId: arn, kind: 'rds', outcome: 'skipped', errorCode: awsErrorCode(error), reason: `RDS refused (${awsErrorCode(error)}): ${said}` }
          : { instanceId: arn, kind: 'rds', outcome: 'failed', errorCode: awsErrorCode(error), reason: said };
      }
    }
    const entry = { database: arn, action: request.action, dryRun: request.dryRun, outcome: outcome.outcome, reason: outcome.reason, errorCode: outcome.errorCode };
    if (outcome.outcome === 'failed') deps.log.warn('database not changed', entry);
    else deps.log.info('database outcome', entry);
    outcomes.push(outcome);
  }
  return outcomes;
}
