/**
 * Queues Cost Explorer answers in moto, which returns GetCostAndUsage results only as queued through
 * `POST /moto-api/static/ce/cost-and-usage-results` (`{"results": [<response>, ...]}`, one popped per
 * distinct request). The answers are built in the shape GetCostAndUsage returns for a request
 * grouped by REGION and USAGE_TYPE with UnblendedCost and AmortizedCost. Demo and tests only.
 */

/** One usage type's charge on one day: [region, usage type, unblended USD, amortized USD]. */
export type DailyCharge = readonly [region: string, usageType: string, unblended: string, amortized: string];

/** One day of a GetCostAndUsage answer. */
export function costAndUsageDay(start: string, charges: readonly DailyCharge[], estimated = false): unknown {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    TimePeriod: { Start: start, End: end },
    Total: {},
    Groups: charges.map(([region, usageType, unblended, amortized]) => ({
      Keys: [region, usageType],
      Metrics: { AmortizedCost: { Amount: amortized, Unit: 'USD' }, UnblendedCost: { Amount: unblended, Unit: 'USD' } },
    })),
    Estimated: estimated,
  };
}

/** A whole GetCostAndUsage answer: its days, and the group definitions the request asked for. */
export function costAndUsageResponse(days: readonly unknown[], nextPageToken?: string): unknown {
  return {
    GroupDefinitions: [
      { Type: 'DIMENSION', Key: 'REGION' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    ResultsByTime: days,
    DimensionValueAttributes: [],
    ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
  };
}

/** The same charges every day from `start` (inclusive) to `end` (exclusive); the last two days marked estimated, as Cost Explorer does. */
export function dailyCosts(start: string, end: string, charges: readonly DailyCharge[]): unknown[] {
  const days: unknown[] = [];
  const last = Date.parse(`${end}T00:00:00Z`);
  for (let at = Date.parse(`${start}T00:00:00Z`); at < last; at += 86_400_000) {
    days.push(costAndUsageDay(new Date(at).toISOString().slice(0, 10), charges, last - at <= 2 * 86_400_000));
  }
  return days;
}

/** Queues `results` for the account (moto's default account when none is named). */
export async function queueCostAndUsage(motoUrl: string, results: readonly unknown[], accountId?: string): Promise<void> {
  const response = await fetch(`${motoUrl}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(accountId ? { account_id: accountId } : {}), results }),
  });
  if (response.status !== 201) throw new Error(`moto refused the Cost Explorer results: HTTP ${response.status}`);
}
