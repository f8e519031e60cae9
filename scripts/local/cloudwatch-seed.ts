/**
 * Publishes an Aurora cluster's volume metrics, and an Aurora Serverless v2 instance's capacity, in
 * moto, which stores PutMetricData datapoints and answers GetMetricData from them (moto has no Aurora
 * storage or capacity to measure). The metrics are the ones AWS publishes in `AWS/RDS`
 * (functions/collect-inventory/aurora-usage.ts cites the Aurora User Guide): per
 * `DBClusterIdentifier` VolumeBytesUsed in Bytes, VolumeReadIOPs / VolumeWriteIOPs as Counts; per
 * `DBInstanceIdentifier` ServerlessDatabaseCapacity in ACUs (seeded as a Count; the report reads
 * the values, not the unit, which was not confirmed against a capture).
 * Demo and tests only: production reads what AWS publishes.
 */
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum } from '@aws-sdk/client-cloudwatch';

export interface SeedAuroraUsage {
  /** VolumeBytesUsed today, in GiB; the day before held half (the report takes the latest day). */
  volumeGiB: number;
  /** VolumeReadIOPs / VolumeWriteIOPs each day of the last 7 (Aurora Standard). */
  readsPerDay?: number;
  writesPerDay?: number;
}

const DAY_MS = 86_400_000;

/** One datapoint per day, at midday of each of the last days, so each lands inside the report's windows. */
export async function seedAuroraMetrics(cloudWatch: CloudWatchClient, cluster: string, usage: SeedAuroraUsage, now = new Date()): Promise<void> {
  const dimensions = [{ Name: 'DBClusterIdentifier', Value: cluster }];
  const dayAgo = (days: number) => new Date(now.getTime() - (days - 0.5) * DAY_MS);
  const data: MetricDatum[] = [
    // Older, smaller sizes: a reader that took the first or the largest datapoint would be wrong.
    { MetricName: 'VolumeBytesUsed', Dimensions: dimensions, Timestamp: dayAgo(2), Value: Math.floor(usage.volumeGiB * 0.5 * 1024 ** 3), Unit: 'Bytes' },
    { MetricName: 'VolumeBytesUsed', Dimensions: dimensions, Timestamp: dayAgo(1), Value: Math.round(usage.volumeGiB * 1024 ** 3), Unit: 'Bytes' },
  ];
  for (let day = 1; day <= 7; day += 1) {
    if (usage.readsPerDay !== undefined) data.push({ MetricName: 'VolumeReadIOPs', Dimensions: dimensions, Timestamp: dayAgo(day), Value: usage.readsPerDay, Unit: 'Count' });
    if (usage.writesPerDay !== undefined) data.push({ MetricName: 'VolumeWriteIOPs', Dimensions: dimensions, Timestamp: dayAgo(day), Value: usage.writesPerDay, Unit: 'Count' });
  }
  await cloudWatch.send(new PutMetricDataCommand({ Namespace: 'AWS/RDS', MetricData: data }));
}

export interface SeedServerlessCapacity {
  /**
   * ServerlessDatabaseCapacity, one datapoint an hour going back from an hour ago (the newest first);
   * `undefined` for an hour without one (the cluster was stopped: CloudWatch publishes nothing then).
   */
  acuByHour: readonly (number | undefined)[];
}

/**
 * An Aurora Serverless v2 instance's ServerlessDatabaseCapacity, one datapoint an hour inside the
 * report's window, in as many calls as CloudWatch takes (up to 1,000 datapoints per PutMetricData).
 */
export async function seedServerlessCapacity(cloudWatch: CloudWatchClient, instance: string, capacity: SeedServerlessCapacity, now = new Date()): Promise<void> {
  const dimensions = [{ Name: 'DBInstanceIdentifier', Value: instance }];
  const data: MetricDatum[] = capacity.acuByHour.flatMap((acu, i) =>
    acu === undefined ? [] : [{ MetricName: 'ServerlessDatabaseCapacity', Dimensions: dimensions, Timestamp: new Date(now.getTime() - (i + 1) * 3_600_000), Value: acu, Unit: 'Count' as const }],
  );
  for (let start = 0; start < data.length; start += 1000) {
    await cloudWatch.send(new PutMetricDataCommand({ Namespace: 'AWS/RDS', MetricData: data.slice(start, start + 1000) }));
  }
}

/**
 * Publishes a burstable instance's `CPUSurplusCreditsCharged` in moto (`AWS/EC2`, dimension
 * `InstanceId`): the surplus CPU credits charged, one datapoint a day for each of the last 7 days,
 * as EC2 publishes them (functions/collect-inventory/cpu-credits.ts cites the EC2 User Guide; the
 * guide gives their unit as credits, vCPU-minutes, so no CloudWatch unit is claimed here). 0 a day
 * is a real 0: an instance whose credits were all paid down by the credits it earned.
 */
export async function seedCpuCreditsCharged(cloudWatch: CloudWatchClient, instanceId: string, creditsPerDay: number, now = new Date()): Promise<void> {
  const dimensions = [{ Name: 'InstanceId', Value: instanceId }];
  const data: MetricDatum[] = [];
  for (let day = 1; day <= 7; day += 1) {
    data.push({ MetricName: 'CPUSurplusCreditsCharged', Dimensions: dimensions, Timestamp: new Date(now.getTime() - (day - 0.5) * DAY_MS), Value: creditsPerDay });
  }
  await cloudWatch.send(new PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: data }));
}
