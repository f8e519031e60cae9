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
 * One GetMetricData call answers up to 500 queries, so a region's clusters and instances are read in
 * few calls. A refused read (a member role deployed before this read was granted) leaves the figures
 * out with the error on each row (./optional-read.ts); throttling goes to the step's Retry.
 */
import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { CLOUDWATCH_WINDOW_DAYS, CLOUDWATCH_WINDOW_HOURS, HOURS_PER_MONTH } from '../shared/cost-math';
import type { AuroraUsage, InventoryDatabase, ServerlessV2Usage } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { allItems } from '../shared/pages';
import { isAuroraCluster, isAuroraIoOptimized, isAuroraServerlessV2 } from '../shared/price-keys';
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

type Dimension = 'DBClusterIdentifier' | 'DBInstanceIdentifier';
type Stat = 'Average' | 'Sum' | 'SampleCount';

function metricQuery(id: string, dimension: Dimension, name: string, metricName: string, stat: Stat): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/RDS', MetricName: metricName, Dimensions: [{ Name: dimension, Value: name }] }, Period: DAY_SECONDS, Stat: stat },
    ReturnData: true,
  };
}

/** Query ids must start with a lower-case letter; the index keeps them unique within a call. */
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

/** The databases in calls of at most MAX_QUERIES_PER_CALL queries, each with its queries (ids unique within a call). */
function batches(databases: readonly InventoryDatabase[]): { db: InventoryDatabase; queries: MetricDataQuery[] }[][] {
  const calls: { db: InventoryDatabase; queries: MetricDataQuery[] }[][] = [];
  let current: { db: InventoryDatabase; queries: MetricDataQuery[] }[] = [];
  let count = 0;
  for (const db of databases) {
    let queries = queriesFor(db, current.length);
    if (count + queries.length > MAX_QUERIES_PER_CALL) {
      calls.push(current);
      current = [];
      count = 0;
      queries = queriesFor(db, 0);
    }
    current.push({ db, queries });
    count += queries.length;
  }
  if (current.length > 0) calls.push(current);
  return calls;
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

interface Usage {
  aurora: Map<string, AuroraUsage>;
  serverless: Map<string, ServerlessV2Usage>;
}

async function readUsage(cloudWatch: CloudWatchClient, databases: readonly InventoryDatabase[], now: Date, where: string): Promise<Usage> {
  const usage: Usage = { aurora: new Map(), serverless: new Map() };
  const since = new Date(now.getTime() - CLOUDWATCH_WINDOW_DAYS * DAY_SECONDS * 1000);
  for (const batch of batches(databases)) {
    const results = byId(
      await allItems(
        `GetMetricData in ${where}`,
        paginateGetMetricData({ client: cloudWatch }, { MetricDataQueries: batch.flatMap((b) => b.queries), StartTime: since, EndTime: now, ScanBy: 'TimestampDescending' }),
        (page) => page.MetricDataResults ?? [],
      ),
    );
    batch.forEach(({ db }, i) => {
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
        ...(ioWeek !== undefined && !isAuroraIoOptimized(db) ? { ioRequestsMonthly: (ioWeek * HOURS_PER_MONTH) / CLOUDWATCH_WINDOW_HOURS } : {}),
      });
    });
  }
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
