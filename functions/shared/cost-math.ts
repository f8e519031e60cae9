/**
 * The cost arithmetic of the report, in one place: the 730-hour month, EBS charges above the free
 * baselines, rounding to cents, and how an unpriced input makes a result unpriced (never $0).
 * Pure: numbers in, numbers out; the report joins prices to items and calls these.
 */

/** The AWS convention for a month of on-demand usage (8,760 hours a year / 12). */
export const HOURS_PER_MONTH = 730;

/** gp3 includes these for free; only what is provisioned above them is charged. */
export const GP3_FREE_IOPS = 3000;
export const GP3_FREE_THROUGHPUT_MIBPS = 125;

/** Volume types whose every provisioned IOPS is charged. */
const ALL_IOPS_CHARGED = new Set(['io1', 'io2']);

/** A money amount in USD, or the reason it cannot be known. */
export type Cost = { status: 'priced'; usd: number } | { status: 'unpriced'; reason: string };

export const ZERO: Cost = Object.freeze({ status: 'priced', usd: 0 }) as Cost;

/** A known amount or rate, as given (rates such as $0.0104/h must keep their digits). */
export function priced(usd: number): Cost {
  return { status: 'priced', usd };
}

export function unpriced(reason: string): Cost {
  return { status: 'unpriced', reason };
}

export function isPriced(cost: Cost): cost is { status: 'priced'; usd: number } {
  return cost.status === 'priced';
}

/** Relative nudge that absorbs binary noise (1.005 × 100 = 100.49999…) before rounding; far below a cent. */
const ROUNDING_NUDGE = 1 + 8 * Number.EPSILON;

/** Whole cents of a USD amount, half-cents away from zero. */
export function toCents(usd: number): number {
  const cents = Math.round(Math.abs(usd) * 100 * ROUNDING_NUDGE);
  return usd < 0 ? -cents : cents;
}

export function roundCents(usd: number): number {
  return toCents(usd) / 100;
}

/** Sum of amounts already in USD, added as whole cents so a column of cents sums exactly. */
export function sumUsd(amounts: Iterable<number>): number {
  let cents = 0;
  for (const usd of amounts) cents += toCents(usd);
  return cents / 100;
}

/**
 * The USD sum of the priced costs: unpriced and absent ones are left out, as the report shows them
 * blank and counts them apart. Every total of the report and every TOTAL row of the workbook is this.
 */
export function pricedSum(costs: Iterable<Cost | undefined>): number {
  const amounts: number[] = [];
  for (const cost of costs) if (cost?.status === 'priced') amounts.push(cost.usd);
  return sumUsd(amounts);
}

/** The sum of costs; unpriced as soon as one part is, with every part's reason. */
export function sumCosts(costs: readonly Cost[]): Cost {
  const reasons = costs.filter((c): c is { status: 'unpriced'; reason: string } => c.status === 'unpriced').map((c) => c.reason);
  if (reasons.length > 0) return unpriced([...new Set(reasons)].join('; '));
  return { status: 'priced', usd: sumUsd(costs.map((c) => (c as { usd: number }).usd)) };
}

/** A rate (USD per unit) times a quantity, rounded to cents. A zero quantity costs nothing even when the rate is unknown. */
export function charge(quantity: number, rate: Cost): Cost {
  if (quantity === 0) return ZERO;
  if (rate.status === 'unpriced') return rate;
  return priced(roundCents(quantity * rate.usd));
}

/** Monthly cost of something billed by the hour, for `hours` hours (a full 730-hour month by default). */
export function monthlyFromHourly(hourly: Cost, hours: number = HOURS_PER_MONTH): Cost {
  return charge(hours, hourly);
}

/** Instance states that bill compute: running, and pending (on its way to running). */
export function computeIsBilled(state: string): boolean {
  return state === 'running' || state === 'pending';
}

export function chargeableIops(volumeType: string, iops: number | undefined): number {
  const provisioned = iops ?? 0;
  if (ALL_IOPS_CHARGED.has(volumeType)) return provisioned;
  if (volumeType === 'gp3') return Math.max(0, provisioned - GP3_FREE_IOPS);
  return 0;
}

export function chargeableThroughputMiBps(volumeType: string, throughputMiBps: number | undefined): number {
  if (volumeType !== 'gp3') return 0;
  return Math.max(0, (throughputMiBps ?? 0) - GP3_FREE_THROUGHPUT_MIBPS);
}

export interface VolumeSpec {
  volumeType: string;
  sizeGiB: number;
  iops?: number;
  throughputMiBps?: number;
}

export interface VolumeRates {
  /** USD per GB-month. */
  storage: Cost;
  /** USD per provisioned IOPS-month. */
  iops: Cost;
  /** USD per provisioned MiB/s-month. */
  throughput: Cost;
}

export interface VolumeMonthlyCost {
  storage: Cost;
  iops: Cost;
  throughput: Cost;
  /** storage + iops + throughput, each already rounded to cents, so the row adds up as shown. */
  total: Cost;
  chargeableIops: number;
  chargeableThroughputMiBps: number;
}

/** One EBS volume's month: size × GB-month, plus IOPS and throughput above the free baselines. */
export function volumeMonthly(volume: VolumeSpec, rates: VolumeRates): VolumeMonthlyCost {
  const iopsQuantity = chargeableIops(volume.volumeType, volume.iops);
  const throughputQuantity = chargeableThroughputMiBps(volume.volumeType, volume.throughputMiBps);
  const storage = charge(volume.sizeGiB, rates.storage);
  const iops = charge(iopsQuantity, rates.iops);
  const throughput = charge(throughputQuantity, rates.throughput);
  return {
    storage,
    iops,
    throughput,
    total: sumCosts([storage, iops, throughput]),
    chargeableIops: iopsQuantity,
    chargeableThroughputMiBps: throughputQuantity,
  };
}
