/**
 * What each Aurora cluster's volume used, from CloudWatch: RDS reports neither the GB an Aurora
 * cluster is billed for nor its I/O requests. AWS's Aurora User Guide, "Cluster-level metrics for
 * Amazon Aurora" (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.AuroraMonitoring.Metrics.html),
 * namespace `AWS/RDS`, dimension `DBClusterIdentifier`:
 * - `VolumeBytesUsed` (Bytes): the storage the cluster uses, which is what is billed ("[Billed]
 *   Volume bytes used" in the console);
 * - `VolumeReadIOPs` / `VolumeWriteIOPs` (Count): the billed read and write I/O operations of the
 *   cluster volume, aggregated over its instances and reported per 5-minute interval, so their Sum
 *   over a window is the requests billed in it.
 * Read through ./metric-data.ts (one GetMetricData call answers up to 500 queries), so a region's
 * clusters are read in few calls.
 * A refused read (a member role deployed before this read was granted) leaves the figures out with
 * the error on each cluster's row (./optional-read.ts); throttling goes to the step's Retry.
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AuroraUsage, InventoryDatabase } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { isAuroraCluster, isAuroraIoOptimized } from '../shared/price-keys';
import { dailyQuery, latest, monthlyFromWindow, readMetricData, sum } from './metric-data';
import { readOrNote } from './optional-read';

/**
 * One window for both (./metric-data.ts): I/O is summed over the week and scaled to the month; of
 * VolumeBytesUsed's daily averages in it the latest is taken (a day's mean, not a peak).
 */
const GIB = 1024 ** 3;

function metricQuery(id: string, cluster: string, metricName: string, stat: 'Average' | 'Sum'): MetricDataQuery {
  return dailyQuery(id, { namespace: 'AWS/RDS', name: metricName, dimension: { Name: 'DBClusterIdentifier', Value: cluster } }, stat);
}

/** Query ids must start with a lower-case letter; the index keeps them unique within the read. */
function queriesFor(cluster: string, index: number, ioBilled: boolean): MetricDataQuery[] {
  return [
    metricQuery(`bytes${index}`, cluster, 'VolumeBytesUsed', 'Average'),
    ...(ioBilled ? [metricQuery(`reads${index}`, cluster, 'VolumeReadIOPs', 'Sum'), metricQuery(`writes${index}`, cluster, 'VolumeWriteIOPs', 'Sum')] : []),
  ];
}

async function readUsage(cloudWatch: CloudWatchClient, clusters: readonly InventoryDatabase[], now: Date, where: string): Promise<Map<string, AuroraUsage>> {
  const usage = new Map<string, AuroraUsage>();
  const queries = clusters.flatMap((db, i) => queriesFor(db.name, i, !isAuroraIoOptimized(db)));
  const results = await readMetricData(cloudWatch, queries, { now, where });
  clusters.forEach((db, i) => {
    const bytes = latest(results.get(`bytes${i}`));
    const reads = sum(results.get(`reads${i}`));
    const writes = sum(results.get(`writes${i}`));
    const ioWeek = reads === undefined && writes === undefined ? undefined : (reads ?? 0) + (writes ?? 0);
    usage.set(db.arn, {
      ...(bytes !== undefined ? { volumeGiB: bytes / GIB } : {}),
      ...(ioWeek !== undefined && !isAuroraIoOptimized(db) ? { ioRequestsMonthly: monthlyFromWindow(ioWeek) } : {}),
    });
  });
  return usage;
}

/** The databases with each Aurora cluster's `auroraUsage`; without a CloudWatch client (bench fleets) they are returned as they are. */
export async function withAuroraUsage(
  cloudWatch: CloudWatchClient | undefined,
  databases: InventoryDatabase[],
  deps: { now: Date; where: string; log: DecisionLog },
): Promise<InventoryDatabase[]> {
  const clusters = databases.filter(isAuroraCluster);
  if (!cloudWatch || clusters.length === 0) return databases;
  const read = await readOrNote(() => readUsage(cloudWatch, clusters, deps.now, deps.where), {
    call: 'CloudWatch GetMetricData',
    what: 'Aurora storage and I/O',
    where: deps.where,
    log: deps.log,
  });
  deps.log.info('read Aurora usage', { where: deps.where, clusters: clusters.length, refused: read.readError !== undefined });
  return databases.map((db) => {
    if (!isAuroraCluster(db)) return db;
    return { ...db, auroraUsage: read.readError !== undefined ? { readError: read.readError } : (read.value.get(db.arn) ?? {}) };
  });
}
