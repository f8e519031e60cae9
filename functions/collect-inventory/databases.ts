/**
 * The RDS DB instances and Aurora clusters of one target, as the cost report prices them. Every DB
 * is listed, tagged or not (the RDS sheet shows what they cost); the schedule fields say whether
 * power-schedule stops it, by power-schedule's own rule (shared/databases.ts). An instance of an
 * Aurora cluster follows its cluster: the schedule stops the cluster, and the cluster's instances
 * are what is billed by the hour. A Multi-AZ DB cluster is billed as a whole, its instances not on
 * their own (shared/db-clusters.ts).
 *
 * A read RDS refuses leaves the databases out with a note the workbook shows (./optional-read.ts):
 * the EC2 figures do not depend on it.
 */
import type { RDSClient } from '@aws-sdk/client-rds';
import { withId, type InventoryDatabase } from '../shared/cost-types';
import { databaseSkipReason, describeDatabases, type Database } from '../shared/databases';
import { inMultiAzDbCluster } from '../shared/db-clusters';
import type { DecisionLog } from '../shared/logger';
import { databasePriceKeys, isAuroraCluster } from '../shared/price-keys';
import { tagValue } from '../shared/tags';
import { readOrNote } from './optional-read';

export function assembleDatabases(region: string, databases: readonly Database[], scheduleTagKey: string): InventoryDatabase[] {
  const clusters = new Map(databases.filter((db) => db.kind === 'cluster').map((db) => [db.name, db]));
  const scheduleOf = (db: Database) => tagValue(db.tags, scheduleTagKey);
  const taggedClusters = new Set([...clusters.values()].filter((c) => scheduleOf(c) !== undefined).map((c) => c.name));
  return databases.map((db): InventoryDatabase => {
    const cluster = db.cluster ? clusters.get(db.cluster) : undefined;
    // A tagged cluster's instances are stopped with it, whatever their own tags say.
    const governing = cluster && taggedClusters.has(cluster.name) ? cluster : db;
    const scheduleTagValue = scheduleOf(governing);
    const scheduleSkipReason = scheduleTagValue === undefined ? undefined : databaseSkipReason(governing, taggedClusters);
    // Allocated storage is billed to a DB instance outside a cluster and to a Multi-AZ DB cluster as
    // a whole (its instances report the cluster's); an Aurora volume is billed per GB used.
    const ownsStorage = db.kind === 'instance' ? !db.cluster : inMultiAzDbCluster(db);
    const record: InventoryDatabase = {
      region,
      arn: db.arn,
      kind: db.kind,
      name: db.name,
      engine: db.engine,
      status: db.status,
      multiAz: db.multiAz,
      ...(db.instanceClass ? { instanceClass: db.instanceClass } : {}),
      ...(db.licenseModel ? { licenseModel: db.licenseModel } : {}),
      // An Aurora cluster's StorageType says Standard or I/O-Optimized, which decides its volume's
      // prices and its instances' hourly (or ACU-hour) rate: an instance takes its cluster's.
      ...(db.storageType && (ownsStorage || isAuroraCluster(db)) ? { storageType: db.storageType } : {}),
      ...(cluster && isAuroraCluster(cluster) && cluster.storageType ? { storageType: cluster.storageType } : {}),
      ...(db.allocatedGiB !== undefined && ownsStorage ? { allocatedGiB: db.allocatedGiB } : {}),
      // Provisioned IOPS and throughput are billed with the storage they belong to.
      ...(db.iops !== undefined && ownsStorage ? { iops: db.iops } : {}),
      ...(db.storageThroughputMiBps !== undefined && ownsStorage ? { storageThroughputMiBps: db.storageThroughputMiBps } : {}),
      ...(db.cluster ? { cluster: db.cluster } : {}),
      ...(cluster ? { clusterStatus: cluster.status } : {}),
      ...(scheduleTagValue !== undefined ? { scheduleTagValue } : {}),
      ...(scheduleSkipReason ? { scheduleSkipReason } : {}),
    };
    const { compute, storage, ioRequests, iops, throughput } = databasePriceKeys(record);
    if (compute) record.priceKeyId = withId(compute).id;
    if (storage) record.storagePriceKeyId = withId(storage).id;
    if (ioRequests) record.ioPriceKeyId = withId(ioRequests).id;
    if (iops) record.iopsPriceKeyId = withId(iops).id;
    if (throughput) record.throughputPriceKeyId = withId(throughput).id;
    return record;
  });
}

export async function collectDatabases(
  rds: RDSClient | undefined,
  region: string,
  deps: { scheduleTagKey: string; where: string; log: DecisionLog },
): Promise<{ databases: InventoryDatabase[]; readError?: string }> {
  // Callers that read EC2 alone (bench fleets) pass no RDS client: no databases, nothing to note.
  if (!rds) return { databases: [] };
  const read = await readOrNote(async () => assembleDatabases(region, await describeDatabases(rds, deps.where), deps.scheduleTagKey), {
    call: 'RDS describe',
    what: 'databases',
    where: deps.where,
    log: deps.log,
  });
  if (read.readError !== undefined) return { databases: [], readError: read.readError };
  const databases = read.value;
  deps.log.info('collected databases', {
    where: deps.where,
    instances: databases.filter((d) => d.kind === 'instance').length,
    clusters: databases.filter((d) => d.kind === 'cluster').length,
    scheduled: databases.filter((d) => d.scheduleTagValue !== undefined).length,
  });
  return { databases };
}
