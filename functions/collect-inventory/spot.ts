/**
 * Spot instances are billed at the Spot price of their Availability Zone, instance type and product
 * description, which changes over time and is not in the Price List: DescribeSpotPriceHistory,
 * averaged over the last 7 days (each price weighted by how long it held), one paginated call per
 * distinct (AZ, type, product description). An EC2 call made here, beside the instances it prices,
 * rather than a PriceItems iteration: the Pricing Map stays one Pricing call per key.
 */
import { paginateDescribeSpotPriceHistory, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { timeWeightedAverage } from '../shared/cost-math';
import type { InventoryInstance, PriceResult } from '../shared/cost-types';
import { asStepError, awsErrorCode, isRetryable } from '../shared/errors';
import { allItems } from '../shared/pages';
import { spotPriceKey, type SpotPriceKey } from '../shared/price-keys';
import { spotRequestTypes } from '../shared/schedule-eligibility';

export const SPOT_AVERAGE_DAYS = 7;
const DAY_MS = 86_400_000;
// DescribeSpotPriceHistory takes up to 1,000 results per page.
const SPOT_HISTORY_PAGE = 1000;

/**
 * The Spot request types (one-time or persistent) of the Spot instances the schedule tag names: a
 * one-time Spot instance cannot be stopped, so the schedule saves nothing on it. A request EC2 no
 * longer describes (closed and deleted) leaves the type unknown, which the schedule reads as one-time.
 */
export async function scheduledSpotRequestTypes(
  ec2: EC2Client,
  region: string,
  instances: readonly Instance[],
  isScheduled: (instance: Instance) => boolean,
): Promise<{ types: Map<string, string>; warning?: string }> {
  const scheduledSpot = instances.filter((i) => i.InstanceLifecycle === 'spot' && isScheduled(i));
  if (scheduledSpot.length === 0) return { types: new Map() };
  try {
    return { types: await spotRequestTypes(ec2, scheduledSpot) };
  } catch (error) {
    if (isRetryable(error)) throw asStepError(error, `DescribeSpotInstanceRequests in ${region}`);
    return { types: new Map(), warning: `DescribeSpotInstanceRequests failed (${awsErrorCode(error)}): Spot request types unknown` };
  }
}

function unpricedSpot(key: SpotPriceKey, reason: string): PriceResult {
  return { id: key.id, status: 'unpriced', reason };
}

async function averageSpotPrice(ec2: EC2Client, key: SpotPriceKey & { productDescription: string }, now: Date): Promise<PriceResult> {
  const from = now.getTime() - SPOT_AVERAGE_DAYS * DAY_MS;
  const history = await allItems(
    `DescribeSpotPriceHistory in ${key.region}`,
    paginateDescribeSpotPriceHistory(
      { client: ec2, pageSize: SPOT_HISTORY_PAGE },
      {
        AvailabilityZone: key.availabilityZone,
        InstanceTypes: [key.instanceType as never],
        ProductDescriptions: [key.productDescription],
        StartTime: new Date(from),
        EndTime: now,
      },
    ),
    (page) => page.SpotPriceHistory ?? [],
  );
  const changes = history
    .filter((h) => h.AvailabilityZone === key.availabilityZone && h.InstanceType === key.instanceType && h.ProductDescription === key.productDescription)
    .flatMap((h) => {
      const usd = Number(h.SpotPrice);
      const at = h.Timestamp ? new Date(h.Timestamp).getTime() : Number.NaN;
      return Number.isFinite(usd) && Number.isFinite(at) ? [{ at, usd }] : [];
    });
  const average = timeWeightedAverage(changes, from, now.getTime());
  const what = `${key.productDescription} ${key.instanceType} in ${key.availabilityZone}`;
  if (!average) return unpricedSpot(key, `no Spot price history for ${what} in the last ${SPOT_AVERAGE_DAYS} days`);
  const days = (now.getTime() - average.coveredFrom) / DAY_MS;
  return {
    id: key.id,
    status: 'priced',
    usd: average.usd,
    unit: 'Hrs',
    description: `Spot price of ${what}: average of the last ${days >= SPOT_AVERAGE_DAYS ? SPOT_AVERAGE_DAYS : days.toFixed(1)} days, each price weighted by how long it held (${changes.length} price change(s))`,
    effectiveDate: now.toISOString(),
  };
}

/** The Spot price of every distinct (AZ, type, product description) among these Spot instances. */
export async function spotPrices(ec2: EC2Client, instances: readonly InventoryInstance[], now: Date): Promise<PriceResult[]> {
  const keys = new Map<string, SpotPriceKey>();
  for (const instance of instances) {
    if (instance.purchaseOption !== 'Spot') continue;
    const key = spotPriceKey(instance);
    keys.set(key.id, key);
  }
  const results: PriceResult[] = [];
  for (const key of keys.values()) {
    const { productDescription } = key;
    if (!productDescription) {
      results.push(unpricedSpot(key, `${key.platform} has no Spot product description in DescribeSpotPriceHistory (Linux/UNIX, Windows, Red Hat Enterprise Linux, SUSE Linux): left unpriced rather than priced on-demand`));
      continue;
    }
    try {
      results.push(await averageSpotPrice(ec2, { ...key, productDescription }, now));
    } catch (error) {
      if (isRetryable(error)) throw error;
      results.push(unpricedSpot(key, `DescribeSpotPriceHistory failed (${awsErrorCode(error)}): ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  return results;
}
