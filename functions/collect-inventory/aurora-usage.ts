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
 * One GetMetricData call answers up to 500 queries, so a region's clusters are read in few calls.
 * A refused read (a member role deployed before this read was granted) leaves the figures out with
 * the error on each cluster's row (./optional-read.ts); throttling goes to the step's Retry.
 */
import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { chunk } from '../shared/batch';
import { CLOUDWATCH_WINDOW_DAYS, CLOUDWATCH_WINDOW_HOURS, HOURS_PER_MONTH } from '../shared/cost-math';
import type { AuroraUsage, InventoryDatabase } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { allItems } from '../shared/pages';
import { isAuroraCluster, isAuroraIoOptimized } from '../shared/price-keys';
import { readOrNote } from './optional-read';

const DAY_SECONDS = 86_400;
/*
 * One window for both (CLOUDWATCH_WINDOW_DAYS): I/O is summed over it and scaled to the month; of
 * VolumeBytesUsed's daily averages in it the latest is taken (a day's mean, not a peak). The window
 * is the query's: CloudWatch may date a period's datapoint from before StartTime (it aligns
 * periods), so the datapoints are not filtered again here.
 */
const GIB = 1024 ** 3;
const MAX_QUERIES_PER_CALL = 500;
const QUERIES_PER_CLUSTER = 3;

function metricQuery(id: string, cluster: string, metricName: string, stat: 'Average' | 'Sum'): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/RDS', MetricName: metricName, Dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }] }, Period: DAY_SECONDS, Stat: stat },
    ReturnData: true,
  };
}

/** Query ids must start with a lower-case letter; the index keeps them unique within a call. */
function queriesFor(cluster: string, index: number, ioBilled: boolean): MetricDataQuery[] {
  return [
    metricQuery(`bytes${index}`, cluster, 'VolumeBytesUsed', 'Average'),
    ...(ioBilled ? [metricQuery(`reads${index}`, cluster, 'VolumeReadIOPs', 'Sum'), metricQuery(`writes${index}`, cluster, 'VolumeWriteIOPs', 'Sum')] : []),
  ];
}

/** Pages may split one query's datapoints: they are gathered by query id. */
function byId(results: readonly MetricDataResult[]): Map<string, { timestamps: Date[]; values: number[] }> {
  const merged = new Map<string, { timestamps: Date[]; values: number[] }>();
  for (const result of results) {
    const entry = merged.get(result.Id!) ?? { timestamps: [], values: [] };
    entry.timestamps.push(...(result.Timestamps ?? []));
    entry.values.push(...(result.Values ?? []));
    merged.set(result.Id!, entry);
  }
  return merged;
}

function latest(series: { timestamps: Date[]; values: number[] } | undefined): number | undefined {
  let best: { at: number; value: number } | undefined;
  series?.timestamps.forEach((timestamp, i) => {
    const at = new Date(timestamp).getTime();
    if (!best || at > best.at) best = { at, value: series.values[i]! };
  });
  return best?.value;
}

function sum(series: { timestamps: Date[]; values: number[] } | undefined): number | undefined {
  if (!series || series.values.length === 0) return undefined;
  return series.values.reduce((a, b) => a + b, 0);
}

async function readUsage(cloudWatch: CloudWatchClient, clusters: readonly InventoryDatabase[], now: Date, where: string): Promise<Map<string, AuroraUsage>> {
  const usage = new Map<string, AuroraUsage>();
  const since = new Date(now.getTime() - CLOUDWATCH_WINDOW_DAYS * DAY_SECONDS * 1000);
  for (const batch of chunk(clusters, Math.floor(MAX_QUERIES_PER_CALL / QUERIES_PER_CLUSTER))) {
    const queries = batch.flatMap((db, i) => queriesFor(db.name, i, !isAuroraIoOptimized(db)));
    const results = byId(
      await allItems(
        `GetMetricData in ${where}`,
        paginateGetMetricData({ client: cloudWatch }, { MetricDataQueries: queries, StartTime: since, EndTime: now, ScanBy: 'TimestampDescending' }),
        (page) => page.MetricDataResults ?? [],
      ),
    );
    batch.forEach((db, i) => {
      const bytes = latest(results.get(`bytes${i}`));
      const reads = sum(results.get(`reads${i}`));
      const writes = sum(results.get(`writes${i}`));
      const ioWeek = reads === undefined && writes === undefined ? undefined : (reads ?? 0) + (writes ?? 0);
      usage.set(db.arn, {
        ...(bytes !== undefined ? { volumeGiB: bytes / GIB } : {}),
        ...(ioWeek !== undefined && !isAuroraIoOptimized(db) ? { ioRequestsMonthly: (ioWeek * HOURS_PER_MONTH) / CLOUDWATCH_WINDOW_HOURS } : {}),
      });
    });
  }
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
