/**
 * What each running burstable instance (t2, t3, t3a, t4g) was charged in surplus CPU credits, from
 * CloudWatch: EC2 does not report it anywhere else. AWS's EC2 User Guide, "Monitor CPU credits for
 * burstable instances" (docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances-monitoring-cpu-credits.html),
 * namespace `AWS/EC2`, dimension `InstanceId`:
 * - `CPUSurplusCreditsCharged`: "the number of spent surplus credits that are not paid down by
 *   earned CPU credits, and which thus incur an additional charge"; units Credits (vCPU-minutes),
 *   one credit = one vCPU at 100% for one minute; published every five minutes, so over a longer
 *   period the Sum statistic is the credits charged in it. It applies only to instances in
 *   unlimited mode: a standard-mode instance has no datapoints (and is never charged).
 * Summed over the report's 7-day window, ÷ 60 for vCPU-hours (what the Price List's `CPUCredits:`
 * rate is per) and scaled to the 730-hour month like Aurora's I/O (./metric-data.ts).
 * No datapoints leave the credits unestimated with that reason; a refused read (a member role
 * deployed before this read was granted) with AWS's error (./optional-read.ts); throttling goes
 * to the step's Retry. A stopped instance accrues no surplus credits and is not read.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CpuCreditUsage, InventoryInstance } from '../shared/cost-types';
import type { DecisionLog } from '../shared/logger';
import { isBurstable } from '../shared/price-keys';
import { CLOUDWATCH_WINDOW_DAYS } from '../shared/cost-math';
import { dailyQuery, monthlyFromWindow, readMetricData, sum } from './metric-data';
import { readOrNote } from './optional-read';

export const CPU_CREDITS_METRIC = 'CPUSurplusCreditsCharged';
const CREDITS_PER_VCPU_HOUR = 60;

/** Credits charged over the window → vCPU-hours in a 730-hour month. */
export function monthlyVcpuHoursFromCredits(creditsInWindow: number): number {
  return monthlyFromWindow(creditsInWindow / CREDITS_PER_VCPU_HOUR);
}

export const NO_CPU_CREDIT_DATAPOINTS = `no ${CPU_CREDITS_METRIC} datapoints in CloudWatch for the last ${CLOUDWATCH_WINDOW_DAYS} days (EC2 publishes it only for instances in unlimited mode: a standard-mode instance, or one started since, has none)`;

function needsCredits(instance: InventoryInstance): boolean {
  return instance.state === 'running' && isBurstable(instance.instanceType);
}

async function readCredits(cloudWatch: CloudWatchClient, instances: readonly InventoryInstance[], now: Date, where: string): Promise<Map<string, CpuCreditUsage>> {
  const queries = instances.map((instance, i) =>
    dailyQuery(`credits${i}`, { namespace: 'AWS/EC2', name: CPU_CREDITS_METRIC, dimension: { Name: 'InstanceId', Value: instance.instanceId } }, 'Sum'),
  );
  const results = await readMetricData(cloudWatch, queries, { now, where });
  return new Map(
    instances.map((instance, i) => {
      const credits = sum(results.get(`credits${i}`));
      const usage: CpuCreditUsage = credits === undefined ? { reason: NO_CPU_CREDIT_DATAPOINTS } : { creditsCharged: credits, vcpuHoursMonthly: monthlyVcpuHoursFromCredits(credits) };
      return [instance.instanceId, usage];
    }),
  );
}

/** The instances with each running burstable one's `cpuCredits`; without a CloudWatch client (bench fleets) they are returned as they are. */
export async function withCpuCredits(
  cloudWatch: CloudWatchClient | undefined,
  instances: InventoryInstance[],
  deps: { now: Date; where: string; log: DecisionLog },
): Promise<InventoryInstance[]> {
  const burstable = instances.filter(needsCredits);
  if (!cloudWatch || burstable.length === 0) return instances;
  const read = await readOrNote(() => readCredits(cloudWatch, burstable, deps.now, deps.where), {
    call: 'CloudWatch GetMetricData',
    what: 'T-instance CPU credits',
    where: deps.where,
    log: deps.log,
  });
  deps.log.info('read CPU credits', { where: deps.where, instances: burstable.length, refused: read.readError !== undefined });
  return instances.map((instance) => {
    if (!needsCredits(instance)) return instance;
    const cpuCredits = read.readError !== undefined ? { reason: read.readError } : (read.value.get(instance.instanceId) ?? { reason: NO_CPU_CREDIT_DATAPOINTS });
    return { ...instance, cpuCredits };
  });
}
