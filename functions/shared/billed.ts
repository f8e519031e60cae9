/**
 * What AWS really billed, from Cost Explorer: GetCostAndUsage for the last full week (Monday to
 * Sunday) and the month to date, unblended and amortized, per region and usage type, for the
 * services the estimate covers. One request covers both periods (daily results, summed here), plus
 * one per further page; each request costs 0.01 USD. Cost Explorer answers from us-east-1 for every
 * region. An account without Cost Explorer (or a role without access) gets a note, not a failure.
 */
import { GetCostAndUsageCommand, type CostExplorerClient, type GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { roundCents } from './cost-math';
import type { BilledCosts, BilledLine, BilledPeriod, BilledPeriodName } from './cost-types';
import { calendarDateParts } from './dates';
import { asStepError, awsErrorCode, isRetryable, ThrottlingError } from './errors';

/**
 * Cost Explorer's SERVICE names for what the estimate prices: instance hours (On-Demand, Spot,
 * Dedicated) are "Amazon Elastic Compute Cloud - Compute"; EBS volumes, their IOPS and throughput,
 * and snapshots are "EC2 - Other"; public IPv4 addresses are "Amazon Virtual Private Cloud" since
 * February 2024; RDS DB instances and Aurora clusters (instance hours, storage, backups, I/O) are
 * "Amazon Relational Database Service". Usage types of these services that the estimate does not
 * price (data transfer, NAT gateways, Aurora storage, ...) are left out by usageCategory.
 */
export const BILLED_SERVICES = ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other', 'Amazon Virtual Private Cloud', 'Amazon Relational Database Service'] as const;

const DAY_MS = 86_400_000;

function utcDay(date: string): number {
  const [year, month, day] = calendarDateParts(date) ?? [Number.NaN, 1, 1];
  return Date.UTC(year, month - 1, day);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The periods compared with the estimate, as of the report date (exclusive: its own day is not
 * billed yet): the last Monday-to-Sunday week before it, and the month to date. On the 1st the
 * month to date is empty and left out.
 */
export function billedPeriods(reportDate: string): BilledPeriod[] {
  const end = utcDay(reportDate);
  const weekday = (new Date(end).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const weekEnd = end - weekday * DAY_MS;
  const periods: BilledPeriod[] = [{ name: 'lastWeek', start: isoDay(weekEnd - 7 * DAY_MS), end: isoDay(weekEnd), days: 7 }];
  const monthStart = Date.UTC(new Date(end).getUTCFullYear(), new Date(end).getUTCMonth(), 1);
  if (monthStart < end) periods.push({ name: 'monthToDate', start: isoDay(monthStart), end: reportDate, days: (end - monthStart) / DAY_MS });
  return periods;
}

/** Why Cost Explorer did not answer, as the workbook says it; undefined when the error should fail the step instead. */
function unavailableReason(code: string, message: string): string {
  if (code === 'AccessDeniedException' && /not enabled/i.test(message)) {
    return 'Cost Explorer is not enabled for this account: enable it once in the Billing console (Cost Explorer, Launch Cost Explorer); its data appears within 24 hours';
  }
  if (code === 'AccessDeniedException') return `the report's role may not call ce:GetCostAndUsage, or an organization policy denies it: ${message}`;
  if (code === 'DataUnavailableException') return 'Cost Explorer has no data for these dates yet (an account that just enabled it waits up to 24 hours)';
  if (code === 'BillExpirationException') return `Cost Explorer no longer has the bill for these dates: ${message}`;
  return `Cost Explorer refused the request (${code}): ${message}`;
}

type PeriodTotals = Map<string, { period: BilledPeriodName; region: string; usageType: string; unblended: number; amortized: number }>;

function addPage(page: GetCostAndUsageCommandOutput, periods: readonly BilledPeriod[], totals: PeriodTotals): boolean {
  let estimated = false;
  for (const result of page.ResultsByTime ?? []) {
    const day = result.TimePeriod?.Start;
    if (!day) continue;
    estimated ||= result.Estimated === true;
    for (const group of result.Groups ?? []) {
      const [region, usageType] = group.Keys ?? [];
      if (!region || !usageType) continue;
      const unblended = Number(group.Metrics?.UnblendedCost?.Amount ?? 0);
      const amortized = Number(group.Metrics?.AmortizedCost?.Amount ?? 0);
      for (const period of periods) {
        if (day < period.start || day >= period.end) continue;
        const key = `${period.name}|${region}|${usageType}`;
        const line = totals.get(key) ?? { period: period.name, region, usageType, unblended: 0, amortized: 0 };
        line.unblended += Number.isFinite(unblended) ? unblended : 0;
        line.amortized += Number.isFinite(amortized) ? amortized : 0;
        totals.set(key, line);
      }
    }
  }
  return estimated;
}

export async function billedCosts(ce: Pick<CostExplorerClient, 'send'>, request: { regions: readonly string[]; reportDate: string }): Promise<BilledCosts> {
  const periods = billedPeriods(request.reportDate);
  const start = periods.map((p) => p.start).sort()[0] as string;
  const totals: PeriodTotals = new Map();
  let requests = 0;
  let estimated = false;
  let nextPageToken: string | undefined;
  try {
    // GetCostAndUsage has no SDK paginator: NextPageToken by hand.
    do {
      requests += 1;
      const page = await ce.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: start, End: request.reportDate },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost', 'AmortizedCost'],
          GroupBy: [
            { Type: 'DIMENSION', Key: 'REGION' },
            { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
          ],
          Filter: {
            And: [
              { Dimensions: { Key: 'SERVICE', Values: [...BILLED_SERVICES] } },
              { Dimensions: { Key: 'REGION', Values: [...request.regions] } },
            ],
          },
          NextPageToken: nextPageToken,
        }),
      );
      estimated = addPage(page, periods, totals) || estimated;
      nextPageToken = page.NextPageToken || undefined;
    } while (nextPageToken);
  } catch (error) {
    const code = awsErrorCode(error);
    // "You made too many calls in a short period of time": Cost Explorer's throttling.
    if (code === 'LimitExceededException') throw new ThrottlingError(`GetCostAndUsage throttled (${code})`, { cause: error });
    if (isRetryable(error)) throw asStepError(error, 'GetCostAndUsage');
    return { status: 'unavailable', code, reason: unavailableReason(code, error instanceof Error ? error.message : String(error)) };
  }
  const lines: BilledLine[] = [...totals.values()]
    .map((l) => ({ ...l, unblended: roundCents(l.unblended), amortized: roundCents(l.amortized) }))
    .sort((a, b) => a.period.localeCompare(b.period) || a.region.localeCompare(b.region) || a.usageType.localeCompare(b.usageType));
  return { status: 'collected', periods, lines, requests, estimated };
}
