/**
 * What each Aurora cluster's volume used, and what each Aurora Serverless v2 instance ran at, from
 * CloudWatch: RDS reports neither the GB an Aurora cluster is billed for, nor its I/O requests, nor
 * the capacity a Serverless v2 instance is billed by. Namespace `AWS/RDS`:
 * - per `DBClusterIdentifier` (AWS's Aurora User Guide, "Cluster-level metrics for Amazon Aurora",
 *   docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html):
 *   `VolumeBytesUsed` (Bytes), the storage the cluster uses, which is what is billed ("[Billed]
 *   Volume bytes used" in the console); `VolumeReadIOPs` / `VolumeWriteIOPs` (Count), the billed
 *   read and write I/O operations of the cluster volume, aggregated over its instances and reported
 *   per 5-minute interval, so their Sum over a window is the requests billed in it;
 * - per `DBInstanceIdentifier` (same guide, "Instance-level metrics for Amazon Aurora", and "Important
 *   Amazon CloudWatch metrics for Aurora Serverless v2"): `ServerlessDatabaseCapacity`, the ACUs an
 *   Aurora Serverless v2 instance runs at (the cluster-level series is the average of its instances,
 *   so it is read per instance). Its Sum and SampleCount per day give the average over every
 *   datapoint of the window: a stopped cluster publishes none, so this is the capacity while it runs.
 * Read through ./metric-data.ts (one GetMetricData call answers up to 500 queries), so a region's
 * clusters and instances are read in few calls. A refused read (a member role deployed before this read was granted) leaves the figures
 * out with the error on each row (./optional-read.ts); throttling goes to the step's Retry.
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AuroraUsage, InventoryDatabase, ServerlessV2Usage } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { isAuroraCluster, isAuroraIoOptimized, isAuroraServerlessV2 } from '../shared/price-keys';
import { dailyQuery, latest, monthlyFromWindow, readMetricData, sum, type MetricStatistic } from './metric-data';
import { readOrNote } from './optional-read';

/*
 * One window for all (./metric-data.ts): I/O is summed over it and scaled to the month; of
 * VolumeBytesUsed's daily averages in it the latest is taken (a day's mean, not a peak).
 */
const GIB = 1024 ** 3;

type Dimension = 'DBClusterIdentifier' | 'DBInstanceIdentifier';

function metricQuery(id: string, dimension: Dimension, name: string, metricName: string, stat: MetricStatistic): MetricDataQuery {
  return dailyQuery(id, { namespace: 'AWS/RDS', name: metricName, dimension: { Name: dimension, Value: name } }, stat);
}

/** Query ids must start with a lower-case letter; the index keeps them unique within the read. */
function queriesFor(db: InventoryDatabase, index: number): MetricDataQuery[] {
  if (isAuroraServerlessV2(db)) {
    return [
      metricQuery(`acusum${index}`, 'DBInstanceIdentifier', db.name, 'ServerlessDatabaseCapacity', 'Sum'),
      metricQuery(`acucount${index}`, 'DBInstanceIdentifier', db.name, 'ServerlessDatabaseCapacity', 'SampleCount'),
    ];
  }
  return [
    metricQuery(`bytes${index}`, 'DBClusterIdentifier', db.name, 'VolumeBytesUsed', 'Average'),
    ...(isAuroraIoOptimized(db)
      ? []
      : [metricQuery(`reads${index}`, 'DBClusterIdentifier', db.name, 'VolumeReadIOPs', 'Sum'), metricQuery(`writes${index}`, 'DBClusterIdentifier', db.name, 'VolumeWriteIOPs', 'Sum')]),
  ];
}

interface Usage {
  aurora: Map<string, AuroraUsage>;
  serverless: Map<string, ServerlessV2Usage>;
}

async function readUsage(cloudWatch: CloudWatchClient, databases: readonly InventoryDatabase[], now: Date, where: string): Promise<Usage> {
  const usage: Usage = { aurora: new Map(), serverless: new Map() };
  const results = await readMetricData(cloudWatch, databases.flatMap((db, i) => queriesFor(db, i)), { now, where });
  databases.forEach((db, i) => {
    if (isAuroraServerlessV2(db)) {
      const acuSum = sum(results.get(`acusum${i}`));
      const samples = sum(results.get(`acucount${i}`));
      usage.serverless.set(db.arn, acuSum !== undefined && samples !== undefined && samples > 0 ? { averageAcu: acuSum / samples } : {});
      return;
    }
    const bytes = latest(results.get(`bytes${i}`));
    const reads = sum(results.get(`reads${i}`));
    const writes = sum(results.get(`writes${i}`));
    const ioWeek = reads === undefined && writes === undefined ? undefined : (reads ?? 0) + (writes ?? 0);
    usage.aurora.set(db.arn, {
      ...(bytes !== undefined ? { volumeGiB: bytes / GIB } : {}),
      ...(ioWeek !== undefined && !isAuroraIoOptimized(db) ? { ioRequestsMonthly: monthlyFromWindow(ioWeek) } : {}),
    });
  });
  return usage;
}

/**
 * The databases with each Aurora cluster's `auroraUsage` and each Aurora Serverless v2 instance's
 * `serverlessV2Usage`; without a CloudWatch client (bench fleets) they are returned as they are.
 */
export async function withAuroraUsage(
  cloudWatch: CloudWatchClient | undefined,
  databases: InventoryDatabase[],
  deps: { now: Date; where: string; log: DecisionLog },
): Promise<InventoryDatabase[]> {
  const measured = databases.filter((db) => isAuroraCluster(db) || isAuroraServerlessV2(db));
  if (!cloudWatch || measured.length === 0) return databases;
  const read = await readOrNote(() => readUsage(cloudWatch, measured, deps.now, deps.where), {
    call: 'CloudWatch GetMetricData',
    what: 'Aurora storage, I/O and Serverless v2 capacity',
    where: deps.where,
    log: deps.log,
  });
  deps.log.info('read Aurora usage', {
    where: deps.where,
    clusters: measured.filter(isAuroraCluster).length,
    serverlessV2Instances: measured.filter(isAuroraServerlessV2).length,
    refused: read.readError !== undefined,
  });
  return databases.map((db) => {
    if (isAuroraCluster(db)) return { ...db, auroraUsage: read.readError !== undefined ? { readError: read.readError } : (read.value.aurora.get(db.arn) ?? {}) };
    if (isAuroraServerlessV2(db)) return { ...db, serverlessV2Usage: read.readError !== undefined ? { readError: read.readError } : (read.value.serverless.get(db.arn) ?? {}) };
    return db;
  });
}
