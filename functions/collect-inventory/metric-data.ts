/**
 * The one CloudWatch reader of the cost report: GetMetricData over the report's window (the last 7
 * days, daily periods), batched at 500 queries a call (the API's limit), every page gathered by
 * query id; and the one scaling of a window's sum to the 730-hour month. Aurora's volume usage
 * (./aurora-usage.ts) and burstable instances' surplus CPU credits (./cpu-credits.ts) both read
 * through it, so their window and scale cannot drift apart.
 */
import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { chunk } from '../shared/batch';
import { CLOUDWATCH_WINDOW_DAYS, CLOUDWATCH_WINDOW_HOURS, HOURS_PER_MONTH } from '../shared/cost-math';
import { allItems } from '../shared/pages';

export const DAY_SECONDS = 86_400;
/*
 * The window (CLOUDWATCH_WINDOW_DAYS) is the query's: CloudWatch may date a period's datapoint from
 * before StartTime (it aligns periods), so the datapoints are not filtered again.
 */
const MAX_QUERIES_PER_CALL = 500;

export type MetricStatistic = 'Average' | 'Sum' | 'SampleCount';

export interface MetricSeries {
  timestamps: Date[];
  values: number[];
}

/** A window's total as a 730-hour month's: × 730 / (7 × 24). */
export function monthlyFromWindow(windowTotal: number): number {
  return (windowTotal * HOURS_PER_MONTH) / CLOUDWATCH_WINDOW_HOURS;
}

/** One metric of one resource, one datapoint a day; query ids must start with a lower-case letter and be unique in the read. */
export function dailyQuery(id: string, metric: { namespace: string; name: string; dimension: { Name: string; Value: string } }, stat: MetricStatistic): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: metric.namespace, MetricName: metric.name, Dimensions: [metric.dimension] }, Period: DAY_SECONDS, Stat: stat },
    ReturnData: true,
  };
}

/** Pages may split one query's datapoints: they are gathered by query id. */
function byId(results: readonly MetricDataResult[], into: Map<string, MetricSeries>): void {
  for (const result of results) {
    const entry = into.get(result.Id!) ?? { timestamps: [], values: [] };
    entry.timestamps.push(...(result.Timestamps ?? []));
    entry.values.push(...(result.Values ?? []));
    into.set(result.Id!, entry);
  }
}

/** Every query's datapoints over the window ending `now`, by query id (a query without datapoints has none). */
export async function readMetricData(cloudWatch: CloudWatchClient, queries: readonly MetricDataQuery[], deps: { now: Date; where: string }): Promise<Map<string, MetricSeries>> {
  const series = new Map<string, MetricSeries>();
  const since = new Date(deps.now.getTime() - CLOUDWATCH_WINDOW_DAYS * DAY_SECONDS * 1000);
  for (const batch of chunk(queries, MAX_QUERIES_PER_CALL)) {
    byId(
      await allItems(
        `GetMetricData in ${deps.where}`,
        paginateGetMetricData({ client: cloudWatch }, { MetricDataQueries: [...batch], StartTime: since, EndTime: deps.now, ScanBy: 'TimestampDescending' }),
        (page) => page.MetricDataResults ?? [],
      ),
      series,
    );
  }
  return series;
}

/** The value of the latest datapoint. */
export function latest(series: MetricSeries | undefined): number | undefined {
  let best: { at: number; value: number } | undefined;
  series?.timestamps.forEach((timestamp, i) => {
    const at = new Date(timestamp).getTime();
    if (!best || at > best.at) best = { at, value: series.values[i]! };
  });
  return best?.value;
}

/** The datapoints' sum; undefined without any (never a silent 0). */
export function sum(series: MetricSeries | undefined): number | undefined {
  if (!series || series.values.length === 0) return undefined;
  return series.values.reduce((a, b) => a + b, 0);
}
