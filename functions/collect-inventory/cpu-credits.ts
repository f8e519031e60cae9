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
 * Which mode each instance is in comes first, from EC2 DescribeInstanceCreditSpecifications (up to
 * 1000 instance ids a call, EC2 API Reference): a `standard` instance "cannot accrue surplus
 * credits" charges (EC2 User Guide, "Standard mode for burstable performance instances"), so its
 * credits are a real 0 and CloudWatch is not asked for it; T2 launches in standard mode by default.
 * An `unlimited` instance (the default for T3, T3a, T4g) is read from CloudWatch.
 * No datapoints leave the credits unestimated with that reason; a refused read (a member role
 * deployed before this read was granted) with AWS's error (./optional-read.ts): a refused credit
 * option read leaves every instance to CloudWatch, as if unlimited, with that error in its note.
 * Throttling goes to the step's Retry. A stopped instance accrues no surplus credits and is not read.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { paginateDescribeInstanceCreditSpecifications, type EC2Client } from '@aws-sdk/client-ec2';
import type { CpuCreditUsage, InventoryInstance } from '../shared/cost-types';
import { chunk } from '../shared/batch';
import { CLOUDWATCH_WINDOW_DAYS } from '../shared/cost-math';
import type { DecisionLog } from '../shared/logger';
import { allItems } from '../shared/pages';
import { isBurstable } from '../shared/price-keys';
import { dailyQuery, monthlyFromWindow, readMetricData, sum } from './metric-data';
import { readOrNote } from './optional-read';

export const CPU_CREDITS_METRIC = 'CPUSurplusCreditsCharged';
const CREDITS_PER_VCPU_HOUR = 60;
/** DescribeInstanceCreditSpecifications: "Maximum 1000 explicitly specified instance IDs" a call (EC2 API Reference). */
export const CREDIT_SPECIFICATION_IDS_PER_CALL = 1000;

/** Credits charged over the window → vCPU-hours in a 730-hour month. */
export function monthlyVcpuHoursFromCredits(creditsInWindow: number): number {
  return monthlyFromWindow(creditsInWindow / CREDITS_PER_VCPU_HOUR);
}

export const NO_CPU_CREDIT_DATAPOINTS = `no ${CPU_CREDITS_METRIC} datapoints in CloudWatch for the last ${CLOUDWATCH_WINDOW_DAYS} days (EC2 publishes it only for instances in unlimited mode: a standard-mode instance, or one started since, has none)`;
/** The same, for an instance DescribeInstanceCreditSpecifications says is in unlimited mode. */
export const NO_UNLIMITED_CPU_CREDIT_DATAPOINTS = `no ${CPU_CREDITS_METRIC} datapoints in CloudWatch for the last ${CLOUDWATCH_WINDOW_DAYS} days (the instance is in unlimited mode: one launched, started or switched to unlimited since has none yet)`;

/** Each instance's credit option (`standard` or `unlimited`), by id, every page of every call of up to 1000 ids. */
async function readCreditOptions(ec2: EC2Client, instanceIds: readonly string[], where: string): Promise<Map<string, string>> {
  const options = new Map<string, string>();
  for (const ids of chunk(instanceIds, CREDIT_SPECIFICATION_IDS_PER_CALL)) {
    const specs = await allItems(
      `DescribeInstanceCreditSpecifications in ${where}`,
      paginateDescribeInstanceCreditSpecifications({ client: ec2 }, { InstanceIds: ids }),
      (page) => page.InstanceCreditSpecifications ?? [],
    );
    for (const spec of specs) if (spec.InstanceId && spec.CpuCredits) options.set(spec.InstanceId, spec.CpuCredits);
  }
  return options;
}

function needsCredits(instance: InventoryInstance): boolean {
  return instance.state === 'running' && isBurstable(instance.instanceType);
}

/** Credits charged, by instance id, for the instances CloudWatch has datapoints for. */
async function readCredits(cloudWatch: CloudWatchClient, instances: readonly InventoryInstance[], now: Date, where: string): Promise<Map<string, number>> {
  const queries = instances.map((instance, i) =>
    dailyQuery(`credits${i}`, { namespace: 'AWS/EC2', name: CPU_CREDITS_METRIC, dimension: { Name: 'InstanceId', Value: instance.instanceId } }, 'Sum'),
  );
  const results = await readMetricData(cloudWatch, queries, { now, where });
  return new Map(
    instances.flatMap((instance, i) => {
      const credits = sum(results.get(`credits${i}`));
      return credits === undefined ? [] : [[instance.instanceId, credits] as const];
    }),
  );
}

/**
 * The instances with each running burstable one's `cpuCredits`; without a CloudWatch client (bench
 * fleets) they are returned as they are. Standard-mode instances are 0 without asking CloudWatch.
 */
export async function withCpuCredits(
  clients: { cloudWatch?: CloudWatchClient; ec2?: EC2Client },
  instances: InventoryInstance[],
  deps: { now: Date; where: string; log: DecisionLog },
): Promise<InventoryInstance[]> {
  const { cloudWatch, ec2 } = clients;
  const burstable = instances.filter(needsCredits);
  if (!cloudWatch || burstable.length === 0) return instances;
  const modes = ec2
    ? await readOrNote(() => readCreditOptions(ec2, burstable.map((i) => i.instanceId), deps.where), {
        call: 'EC2 DescribeInstanceCreditSpecifications',
        what: 'burstable instances\' credit option',
        where: deps.where,
        log: deps.log,
      })
    : undefined;
  const optionOf = (id: string): string | undefined => modes?.value?.get(id);
  const charged = burstable.filter((i) => optionOf(i.instanceId) !== 'standard');
  const read = charged.length === 0
    ? { value: new Map<string, number>(), readError: undefined }
    : await readOrNote(() => readCredits(cloudWatch, charged, deps.now, deps.where), {
        call: 'CloudWatch GetMetricData',
        what: 'T-instance CPU credits',
        where: deps.where,
        log: deps.log,
      });
  deps.log.info('read CPU credits', {
    where: deps.where,
    instances: burstable.length,
    standardMode: burstable.length - charged.length,
    creditOptionRefused: modes?.readError !== undefined,
    refused: read.readError !== undefined,
  });
  return instances.map((instance) => {
    if (!needsCredits(instance)) return instance;
    const option = optionOf(instance.instanceId);
    if (option === 'standard') return { ...instance, cpuCredits: { creditOption: 'standard', creditsCharged: 0, vcpuHoursMonthly: 0 } };
    const credits = read.readError === undefined ? read.value.get(instance.instanceId) : undefined;
    const usage: CpuCreditUsage =
      read.readError !== undefined
        ? { reason: read.readError }
        : credits !== undefined
          ? { creditsCharged: credits, vcpuHoursMonthly: monthlyVcpuHoursFromCredits(credits) }
          : { reason: option === 'unlimited' ? NO_UNLIMITED_CPU_CREDIT_DATAPOINTS : NO_CPU_CREDIT_DATAPOINTS };
    const cpuCredits: CpuCreditUsage = {
      ...(option === 'unlimited' ? { creditOption: 'unlimited' as const } : {}),
      ...(modes?.readError !== undefined ? { creditOptionReadError: modes.readError } : {}),
      ...usage,
    };
    return { ...instance, cpuCredits };
  });
}
