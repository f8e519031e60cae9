/**
 * The cost arithmetic of the report, in one place: the 730-hour month, EBS charges above the free
 * baselines, io2's IOPS tiers, snapshot tiers, the Dedicated Instance region fee, rounding to
 * cents, and how an unpriced input makes a result unpriced (never $0). Pure: numbers in, numbers
 * out; the report joins prices to items and calls these. Rates are in the units price-items
 * converts to (shared/cost-types.ts CostUnit).
 */

/** The AWS convention for a month of on-demand usage (8,760 hours a year / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * The window of the CloudWatch figures the report scales to a month (Aurora I/O requests summed over
 * it, the latest of VolumeBytesUsed's daily averages in it, Serverless v2 capacity averaged over it):
 * a week holds weekday and weekend load. Collect-inventory queries it; the report's notes name it.
 */
export const CLOUDWATCH_WINDOW_DAYS = 7;
export const CLOUDWATCH_WINDOW_HOURS = CLOUDWATCH_WINDOW_DAYS * 24;

/**
 * gp3 includes 3,000 IOPS and 125 MiB/s in its storage price; only what is provisioned above them
 * is billed. io1 and io2 bill every provisioned IOPS. The one place these rules live.
 */
export const GP3_FREE_IOPS = 3000;
export const GP3_FREE_THROUGHPUT_MIBPS = 125;

/** Volume types whose every provisioned IOPS is charged. */
const ALL_IOPS_CHARGED = new Set(['io1', 'io2']);

/**
 * io2 IOPS are billed in tiers, each its own Price List product: the first 32,000 at the tier 1
 * rate, 32,001-64,000 at tier 2, above 64,000 at tier 3 (usage types `EBS:VolumeP-IOPS.io2`,
 * `.io2.tier2`, `.io2.tier3`).
 */
export const IO2_TIER_UPPER_BOUNDS = [32_000, 64_000] as const;

/** Magnetic (standard) volumes also bill every I/O request; EC2 does not report how many there were. */
export const MAGNETIC_VOLUME_TYPE = 'standard';

const BYTES_PER_GIB = 1024 ** 3;

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

/** The hourly rate of something billed by the month (an EBS volume's GB-month charges accrue by the hour), unrounded. */
export function hourlyFromMonthly(monthly: Cost): Cost {
  return isPriced(monthly) ? priced(monthly.usd / HOURS_PER_MONTH) : monthly;
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

/** How many of an io2 volume's IOPS fall in tiers 1, 2 and 3: 80,000 IOPS are 32,000 + 32,000 + 16,000. */
export function io2IopsByTier(iops: number | undefined): [number, number, number] {
  const provisioned = Math.max(0, iops ?? 0);
  const [tier1Top, tier2Top] = IO2_TIER_UPPER_BOUNDS;
  return [Math.min(provisioned, tier1Top), Math.min(Math.max(provisioned - tier1Top, 0), tier2Top - tier1Top), Math.max(provisioned - tier2Top, 0)];
}

export function chargeableThroughputMiBps(volumeType: string, throughputMiBps: number | undefined): number {
  if (volumeType !== 'gp3') return 0;
  return Math.max(0, (throughputMiBps ?? 0) - GP3_FREE_THROUGHPUT_MIBPS);
}

/**
 * RDS gp3 storage includes a baseline of IOPS and throughput that depends on the engine and the
 * allocated storage, unlike an EBS gp3 volume's flat 3,000 / 125 (AWS RDS User Guide, "Amazon RDS
 * DB instance storage", gp3 storage: 3,000 IOPS and 125 MiBps below 400 GiB, 12,000 IOPS and 500
 * MiBps at 400 GiB and above for MariaDB, MySQL and PostgreSQL, whose storage RDS stripes across
 * four volumes from 400 GiB; Oracle's threshold is 200 GiB; SQL Server does not stripe, so its
 * baseline stays 3,000 / 125 at any size; "For GP3 Storage volumes, all IOPS and throughput use
 * below the baseline is included at no additional charge", as infracost's db_instance.go quotes
 * the pricing page). Db2 and engines not listed: not confirmed here, so `undefined` and their gp3
 * IOPS and throughput stay unestimated with the reason. The one place this rule lives.
 */
export interface RdsGp3Baseline {
  iops: number;
  throughputMiBps: number;
}

const RDS_GP3_SMALL: RdsGp3Baseline = Object.freeze({ iops: 3000, throughputMiBps: 125 });
const RDS_GP3_STRIPED: RdsGp3Baseline = Object.freeze({ iops: 12_000, throughputMiBps: 500 });

/** RDS engine name (CreateDBInstance's Engine) → the allocated GiB from which gp3 is striped, or null when it never is. */
function rdsGp3StripeThresholdGiB(engine: string): number | null | undefined {
  if (engine === 'mysql' || engine === 'mariadb' || engine === 'postgres') return 400;
  if (engine.startsWith('oracle-')) return 200;
  if (engine.startsWith('sqlserver-')) return null;
  return undefined;
}

/** The IOPS and throughput an RDS gp3 volume includes, or undefined for an engine whose baseline is not confirmed. */
export function rdsGp3Baseline(engine: string, allocatedGiB: number): RdsGp3Baseline | undefined {
  const threshold = rdsGp3StripeThresholdGiB(engine);
  if (threshold === undefined) return undefined;
  return threshold !== null && allocatedGiB >= threshold ? RDS_GP3_STRIPED : RDS_GP3_SMALL;
}

/** What RDS bills of a DB's provisioned IOPS and throughput a month: every IOPS of io1 and io2, gp3's above its baseline. */
export type RdsChargeable = { iops: number; throughputMiBps: number; baseline?: RdsGp3Baseline } | { unknownBaseline: true };

export function rdsChargeableIopsAndThroughput(db: { storageType?: string; engine: string; allocatedGiB?: number; iops?: number; storageThroughputMiBps?: number }): RdsChargeable {
  const iops = db.iops ?? 0;
  if (db.storageType === 'io1' || db.storageType === 'io2') return { iops, throughputMiBps: 0 };
  if (db.storageType !== 'gp3') return { iops: 0, throughputMiBps: 0 };
  const baseline = rdsGp3Baseline(db.engine, db.allocatedGiB ?? 0);
  if (!baseline) return { unknownBaseline: true };
  // A gp3 DB that reports no Iops/StorageThroughput runs at its baseline (real RDS always reports them).
  return {
    iops: Math.max(0, iops - baseline.iops),
    throughputMiBps: Math.max(0, (db.storageThroughputMiBps ?? 0) - baseline.throughputMiBps),
    baseline,
  };
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
  /** USD per provisioned IOPS-month; for io2, the tier 1 rate (IOPS up to 32,000). */
  iops: Cost;
  /** io2 only, USD per IOPS-month for IOPS 32,001-64,000 and above 64,000; needed only when the volume reaches them. */
  iopsTier2?: Cost;
  iopsTier3?: Cost;
  /** USD per provisioned MiB/s-month. */
  throughput: Cost;
  /** Magnetic only, USD per million I/O requests: named in the volume's note, not charged (no usage data). */
  ioRequests?: Cost;
}

export interface IopsTierCost {
  tier: 1 | 2 | 3;
  quantity: number;
  cost: Cost;
}

export interface VolumeMonthlyCost {
  storage: Cost;
  /** Every IOPS charge of the volume; for io2 the sum of its tiers (each rounded to cents). */
  iops: Cost;
  /** io2 only: each tier's IOPS and cost, tiers with no IOPS left out. */
  iopsTiers?: IopsTierCost[];
  throughput: Cost;
  /** storage + iops + throughput, each already rounded to cents, so the row adds up as shown. */
  total: Cost;
  chargeableIops: number;
  chargeableThroughputMiBps: number;
  /** What the total leaves out, per volume (e.g. a magnetic volume's per-I/O charges). */
  notes: string[];
}

function io2Tiers(iops: number | undefined, rates: VolumeRates): IopsTierCost[] {
  const tierRates: (Cost | undefined)[] = [rates.iops, rates.iopsTier2, rates.iopsTier3];
  const ranges = ['0-32,000', '32,001-64,000', 'above 64,000'];
  return io2IopsByTier(iops).flatMap((quantity, index) => {
    if (quantity === 0) return [];
    const tier = (index + 1) as 1 | 2 | 3;
    const rate = tierRates[index] ?? unpriced(`io2 IOPS ${ranges[index]} are billed at the tier ${tier} rate, which was not looked up`);
    return [{ tier, quantity, cost: charge(quantity, rate) }];
  });
}

function formatRate(rate: Cost | undefined): string {
  return rate?.status === 'priced' ? `${rate.usd} USD per million I/O requests` : 'billed per million I/O requests';
}

/** One EBS volume's month: size × GB-month, plus IOPS (per tier for io2) and throughput above the free baselines. */
export function volumeMonthly(volume: VolumeSpec, rates: VolumeRates): VolumeMonthlyCost {
  const iopsQuantity = chargeableIops(volume.volumeType, volume.iops);
  const throughputQuantity = chargeableThroughputMiBps(volume.volumeType, volume.throughputMiBps);
  const storage = charge(volume.sizeGiB, rates.storage);
  const iopsTiers = volume.volumeType === 'io2' ? io2Tiers(volume.iops, rates) : undefined;
  const iops = iopsTiers ? (iopsTiers.length === 0 ? ZERO : sumCosts(iopsTiers.map((t) => t.cost))) : charge(iopsQuantity, rates.iops);
  const throughput = charge(throughputQuantity, rates.throughput);
  const notes =
    volume.volumeType === MAGNETIC_VOLUME_TYPE
      ? [`per-I/O charges not included: magnetic volumes are ${formatRate(rates.ioRequests)}, and EC2 reports no I/O counts`]
      : [];
  return {
    storage,
    iops,
    ...(iopsTiers ? { iopsTiers } : {}),
    throughput,
    total: sumCosts([storage, iops, throughput]),
    chargeableIops: iopsQuantity,
    chargeableThroughputMiBps: throughputQuantity,
    notes,
  };
}

export interface SnapshotSpec {
  volumeSizeGiB: number;
  storageTier?: 'standard' | 'archive';
  fullSnapshotSizeBytes?: number;
}

export interface SnapshotMonthlyCost {
  monthly: Cost;
  /** The GB-months charged. */
  sizeGiB: number;
  /** True when the real charge can only be lower (standard snapshots store changed blocks only, which EC2 does not report). */
  upperBound: boolean;
  tier: 'standard' | 'archive';
}

/**
 * A standard snapshot is incremental, so its volume's size is an upper bound of what it stores. An
 * archived snapshot is a full copy billed on its full size (FullSnapshotSizeInBytes) at the archive
 * rate; without that size, the volume's size is again an upper bound.
 */
export function snapshotMonthly(snapshot: SnapshotSpec, rates: { standard: Cost; archive?: Cost }): SnapshotMonthlyCost {
  const { sizeGiB, upperBound } = snapshotStoredGiB(snapshot);
  if (snapshot.storageTier !== 'archive') return { monthly: charge(sizeGiB, rates.standard), sizeGiB, upperBound, tier: 'standard' };
  const rate = rates.archive ?? unpriced('archived snapshot: the archive tier rate was not looked up');
  return { monthly: charge(sizeGiB, rate), sizeGiB, upperBound, tier: 'archive' };
}

/** The GiB a snapshot is billed on, by the rule above, and whether that is only an upper bound. */
export function snapshotStoredGiB(snapshot: SnapshotSpec): { sizeGiB: number; upperBound: boolean } {
  if (snapshot.storageTier === 'archive' && snapshot.fullSnapshotSizeBytes !== undefined) {
    return { sizeGiB: snapshot.fullSnapshotSizeBytes / BYTES_PER_GIB, upperBound: false };
  }
  return { sizeGiB: snapshot.volumeSizeGiB, upperBound: true };
}

/**
 * Dedicated Instances add a flat fee per region for every hour at least one of them runs there,
 * whatever their number: a month with one running costs the hourly fee × 730.
 */
export function dedicatedRegionFeeMonthly(runningDedicatedInstances: number, hourlyFee: Cost): Cost {
  return runningDedicatedInstances > 0 ? monthlyFromHourly(hourlyFee) : ZERO;
}

/** A price that took effect at `at` (ms since the epoch) and held until the next one. */
export interface PriceChange {
  at: number;
  usd: number;
}

/**
 * The average of a changing price over [from, to), each price weighted by how long it held: what
 * an instance running the whole window paid per hour on average. The price in effect at `from` is
 * the last change before it (DescribeSpotPriceHistory returns that one too); with no change before
 * `from`, the window starts at the first change. Undefined when no price held inside the window.
 */
export function timeWeightedAverage(changes: readonly PriceChange[], from: number, to: number): { usd: number; coveredFrom: number } | undefined {
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  const startIndex = Math.max(0, ordered.findLastIndex((c) => c.at <= from));
  let weighted = 0;
  let covered = 0;
  let coveredFrom: number | undefined;
  for (let i = startIndex; i < ordered.length; i += 1) {
    const change = ordered[i] as PriceChange;
    const start = Math.max(change.at, from);
    const end = Math.min(ordered[i + 1]?.at ?? to, to);
    if (end <= start) continue;
    coveredFrom ??= start;
    weighted += change.usd * (end - start);
    covered += end - start;
  }
  // Binary noise aside (0.1 × 3 h ...), list and Spot prices carry few digits; 12 significant digits keep them.
  return covered > 0 && coveredFrom !== undefined ? { usd: Number((weighted / covered).toPrecision(12)), coveredFrom } : undefined;
}
