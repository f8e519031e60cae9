import {
  dedicatedRegionFeeMonthly,
  GP3_FREE_IOPS,
  GP3_FREE_THROUGHPUT_MIBPS,
  HOURS_PER_MONTH,
  io2IopsByTier,
  monthlyFromHourly,
  priced,
  roundCents,
  snapshotMonthly,
  sumCosts,
  sumUsd,
  timeWeightedAverage,
  unpriced,
  volumeMonthly,
  type Cost,
  type VolumeRates,
} from '../../functions/shared/cost-math';
import { toCostUnit } from '../../functions/price-items/units';

/** A rate as price-items hands it over: the listed price converted from its listed unit. */
function listed(kind: Parameters<typeof toCostUnit>[0], usd: number, unit: string): Cost {
  const converted = toCostUnit(kind, usd, unit);
  if (!converted.ok) throw new Error(converted.reason);
  return priced(converted.usd);
}

// us-east-1 list prices from the Price List reference.
const gp3Rates: VolumeRates = { storage: priced(0.08), iops: priced(0.005), throughput: priced(0.04) };
const io2Rates: VolumeRates = { storage: priced(0.125), iops: priced(0.065), throughput: unpriced('io2 has no throughput price') };

describe('the 730-hour month', () => {
  it('monthly is hourly × 730, to the cent: m5.large at $0.118/h costs $86.14', () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(monthlyFromHourly(priced(0.118))).toEqual({ status: 'priced', usd: 86.14 });
    expect(monthlyFromHourly(priced(0.0104))).toEqual({ status: 'priced', usd: 7.59 });
  });

  it('rounds half-cents away from binary noise', () => {
    expect(roundCents(0.005 * 730)).toBe(3.65);
    expect(roundCents(1.005)).toBe(1.01);
    expect(sumUsd([0.1, 0.2, 0.3])).toBe(0.6);
  });
});

describe('EBS volume monthly', () => {
  it('gp3 within the free 3,000 IOPS and 125 MiB/s costs only its storage', () => {
    const cost = volumeMonthly({ volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughputMiBps: 125 }, gp3Rates);

    expect(cost.total).toEqual({ status: 'priced', usd: 8 });
    expect(cost.chargeableIops).toBe(0);
    expect(cost.chargeableThroughputMiBps).toBe(0);
  });

  it('gp3 pays for IOPS above 3,000 and throughput above 125 MiB/s', () => {
    const cost = volumeMonthly({ volumeType: 'gp3', sizeGiB: 100, iops: 6000, throughputMiBps: 250 }, gp3Rates);

    expect(cost.storage).toEqual(priced(8));
    expect(cost.iops).toEqual(priced(15)); // 3,000 × 0.005
    expect(cost.throughput).toEqual(priced(5)); // 125 × 0.04
    expect(cost.total).toEqual(priced(28));
  });

  it('io1/io2 pay for every provisioned IOPS', () => {
    const cost = volumeMonthly({ volumeType: 'io2', sizeGiB: 50, iops: 1000 }, io2Rates);

    expect(cost.iops).toEqual(priced(65));
    expect(cost.total).toEqual(priced(6.25 + 65));
  });

  it('gp2 has no IOPS charge even with IOPS reported', () => {
    const cost = volumeMonthly({ volumeType: 'gp2', sizeGiB: 10, iops: 100 }, { storage: priced(0.1), iops: unpriced('none'), throughput: unpriced('none') });

    expect(cost.total).toEqual(priced(1));
  });
});

describe('the AWS rules, each with its USD worked out by hand', () => {
  it('gp3: 3,000 IOPS and 125 MiB/s are free; a Seoul 200 GiB volume with 4,000 IOPS and 250 MiB/s costs 29.64 USD a month', () => {
    // Prepare: the Seoul rates as the Price List lists them (local fixtures, ap-northeast-2):
    //   storage 0.0912 per GB-Mo, IOPS 0.0057 per IOPS-Mo, throughput 46.6944 per GiBps-mo = 0.0456 per MiBps-month.
    const seoul: VolumeRates = {
      storage: listed('ebs-storage', 0.0912, 'GB-Mo'),
      iops: listed('ebs-iops', 0.0057, 'IOPS-Mo'),
      throughput: listed('ebs-throughput', 46.6944, 'GiBps-mo'),
    };

    // Act
    const cost = volumeMonthly({ volumeType: 'gp3', sizeGiB: 200, iops: 4000, throughputMiBps: 250 }, seoul);

    // Assess: 200 × 0.0912 = 18.24; (4,000 − 3,000) × 0.0057 = 5.70; (250 − 125) × 0.0456 = 5.70; total 29.64.
    // (Multiplying the listed 46.6944 by MiB/s, as the report did before units were read, gives 5,836.80 for throughput alone.)
    expect([GP3_FREE_IOPS, GP3_FREE_THROUGHPUT_MIBPS]).toEqual([3000, 125]);
    expect(cost).toMatchObject({ storage: priced(18.24), iops: priced(5.7), throughput: priced(5.7), total: priced(29.64), chargeableIops: 1000, chargeableThroughputMiBps: 125 });
  });

  it('io1: every provisioned IOPS is billed, none free: 4,000 IOPS at 0.065 = 260.00 USD', () => {
    const cost = volumeMonthly({ volumeType: 'io1', sizeGiB: 200, iops: 4000 }, { storage: priced(0.125), iops: priced(0.065), throughput: unpriced('none') });

    // 200 × 0.125 = 25.00; 4,000 × 0.065 = 260.00
    expect(cost).toMatchObject({ storage: priced(25), iops: priced(260), total: priced(285) });
    expect(cost.iopsTiers).toBeUndefined();
  });

  // us-east-1 io2 IOPS (reference): 0.065 up to 32,000, 0.0455 for 32,001-64,000, 0.032 above 64,000.
  const io2Tiered: VolumeRates = { storage: priced(0.125), iops: priced(0.065), iopsTier2: priced(0.0455), iopsTier3: priced(0.032), throughput: unpriced('none') };

  it('io2: an 80,000-IOPS volume uses all three tiers: 32,000 × 0.065 + 32,000 × 0.0455 + 16,000 × 0.032 = 4,048.00 USD', () => {
    // Act
    const cost = volumeMonthly({ volumeType: 'io2', sizeGiB: 1000, iops: 80_000 }, io2Tiered);

    // Assess: 2,080.00 + 1,456.00 + 512.00 = 4,048.00 for IOPS; 1,000 × 0.125 = 125.00 storage; 4,173.00 in all
    expect(io2IopsByTier(80_000)).toEqual([32_000, 32_000, 16_000]);
    expect(cost.iopsTiers).toEqual([
      { tier: 1, quantity: 32_000, cost: priced(2080) },
      { tier: 2, quantity: 32_000, cost: priced(1456) },
      { tier: 3, quantity: 16_000, cost: priced(512) },
    ]);
    expect(cost.iops).toEqual(priced(4048));
    expect(cost.total).toEqual(priced(4173));
  });

  it('io2: 40,000 IOPS stop in tier 2 (32,000 × 0.065 + 8,000 × 0.0455 = 2,444.00); 32,000 stay in tier 1 (2,080.00)', () => {
    expect(volumeMonthly({ volumeType: 'io2', sizeGiB: 100, iops: 40_000 }, io2Tiered).iops).toEqual(priced(2444));
    expect(io2IopsByTier(32_000)).toEqual([32_000, 0, 0]);
    expect(volumeMonthly({ volumeType: 'io2', sizeGiB: 100, iops: 32_000 }, { ...io2Tiered, iopsTier2: undefined, iopsTier3: undefined }).iops).toEqual(priced(2080));
  });

  it('io2: IOPS in a tier whose rate was not looked up leave the volume unpriced, never priced at the tier 1 rate', () => {
    const cost = volumeMonthly({ volumeType: 'io2', sizeGiB: 100, iops: 40_000 }, { ...io2Tiered, iopsTier2: undefined });

    expect(cost.iops).toEqual(unpriced('io2 IOPS 32,001-64,000 are billed at the tier 2 rate, which was not looked up'));
    expect(cost.total.status).toBe('unpriced');
  });

  it('magnetic: storage is billed and the per-I/O charge is named in a note, not guessed (EC2 reports no I/O counts)', () => {
    const cost = volumeMonthly(
      { volumeType: 'standard', sizeGiB: 100 },
      { storage: priced(0.05), iops: unpriced('none'), throughput: unpriced('none'), ioRequests: listed('ebs-io-requests', 0.00000005, 'IOs') },
    );

    // 100 × 0.05 = 5.00; I/O at 0.05 USD per million requests, count unknown
    expect(cost.total).toEqual(priced(5));
    expect(cost.notes).toEqual(['per-I/O charges not included: magnetic volumes are 0.05 USD per million I/O requests, and EC2 reports no I/O counts']);
    expect(volumeMonthly({ volumeType: 'gp3', sizeGiB: 1 }, gp3Rates).notes).toEqual([]);
  });

  it('snapshots: a standard one at its volume size is an upper bound (25.00 for 500 GiB at 0.05)', () => {
    expect(snapshotMonthly({ volumeSizeGiB: 500 }, { standard: priced(0.05) })).toEqual({ monthly: priced(25), sizeGiB: 500, upperBound: true, tier: 'standard' });
  });

  it('snapshots: an archived one is a full copy billed on its full size at the archive rate: 200 GiB × 0.0125 = 2.50 USD', () => {
    // Prepare: a 500 GiB volume whose archived snapshot holds 200 GiB of written blocks
    const archived = { volumeSizeGiB: 500, storageTier: 'archive' as const, fullSnapshotSizeBytes: 200 * 1024 ** 3 };

    // Act / Assess
    expect(snapshotMonthly(archived, { standard: priced(0.05), archive: priced(0.0125) })).toEqual({ monthly: priced(2.5), sizeGiB: 200, upperBound: false, tier: 'archive' });
    // Without its full size, the volume size bounds it: 500 × 0.0125 = 6.25
    expect(snapshotMonthly({ ...archived, fullSnapshotSizeBytes: undefined }, { standard: priced(0.05), archive: priced(0.0125) })).toMatchObject({ monthly: priced(6.25), upperBound: true });
    expect(snapshotMonthly(archived, { standard: priced(0.05) }).monthly.status).toBe('unpriced');
  });

  it('Dedicated Instances: one region fee for any hour at least one runs, however many: 2.00 × 730 = 1,460.00 USD', () => {
    expect(dedicatedRegionFeeMonthly(3, listed('dedicated-fee', 2, 'Hrs'))).toEqual(priced(1460));
    expect(dedicatedRegionFeeMonthly(0, priced(2))).toEqual(priced(0));
  });
});

describe('unpriced propagation', () => {
  it('an unpriced storage rate makes the volume unpriced, not $0, and says why', () => {
    const cost = volumeMonthly(
      { volumeType: 'gp3', sizeGiB: 100, iops: 3000 },
      { ...gp3Rates, storage: unpriced('no SKU matched gp3 in xx-east-9') },
    );

    expect(cost.total).toEqual({ status: 'unpriced', reason: 'no SKU matched gp3 in xx-east-9' });
  });

  it('an unpriced extra makes the total unpriced only when the extra is actually charged', () => {
    const rates = { ...gp3Rates, iops: unpriced('2 SKUs matched gp3 IOPS') };

    expect(volumeMonthly({ volumeType: 'gp3', sizeGiB: 10, iops: 3000 }, rates).total).toEqual(priced(0.8));
    expect(volumeMonthly({ volumeType: 'gp3', sizeGiB: 10, iops: 4000 }, rates).total.status).toBe('unpriced');
  });

  it('a sum with one unpriced part is unpriced with every reason once', () => {
    expect(sumCosts([priced(1), unpriced('a'), unpriced('b'), unpriced('a')])).toEqual(unpriced('a; b'));
    expect(sumCosts([priced(1.1), priced(2.2)])).toEqual(priced(3.3));
    expect(monthlyFromHourly(unpriced('no SKU'))).toEqual(unpriced('no SKU'));
  });
});

describe('rounding', () => {
  it('rounds half a cent away from zero, for credits too', () => {
    expect(roundCents(0.125)).toBe(0.13);
    expect(roundCents(-0.125)).toBe(-0.13);
    expect(roundCents(2.675)).toBe(2.68); // 2.67499999… in binary
    expect(roundCents(0.124999)).toBe(0.12);
  });
});

describe('a Spot price averaged over time', () => {
  const HOUR = 3_600_000;
  const from = Date.UTC(2026, 10, 16);
  const to = from + 7 * 24 * HOUR;

  it('weights each price by how long it held: 0.0150 for 3.5 days then 0.0170 for 3.5 days averages 0.0160 (11.68 USD a 730-hour month)', () => {
    // Prepare: the price in effect at the start is the last change before it (DescribeSpotPriceHistory returns that one too).
    const changes = [
      { at: from - 3 * 24 * HOUR, usd: 0.015 },
      { at: from + 84 * HOUR, usd: 0.017 },
    ];

    // Act
    const average = timeWeightedAverage(changes, from, to);

    // Assess: (0.015 × 84 h + 0.017 × 84 h) / 168 h = 0.016, not the mean of the points' prices weighted by count
    expect(average).toEqual({ usd: 0.016, coveredFrom: from });
    expect(monthlyFromHourly(priced(average?.usd ?? 0))).toEqual(priced(11.68));
  });

  it('a short-lived spike weighs by its hours, not as one of three points: 0.02 for 161 h, 0.09 for 1 h, 0.02 for 6 h averages 0.0204167', () => {
    const changes = [
      { at: from - HOUR, usd: 0.02 },
      { at: from + 161 * HOUR, usd: 0.09 },
      { at: from + 162 * HOUR, usd: 0.02 },
    ];

    // (0.02 × 167 + 0.09 × 1) / 168 = 3.43 / 168
    expect(timeWeightedAverage(changes, from, to)?.usd).toBeCloseTo(3.43 / 168, 12);
  });

  it('with no change before the window, the average covers only the hours from the first change; with none at all, there is no price', () => {
    expect(timeWeightedAverage([{ at: from + 48 * HOUR, usd: 0.03 }], from, to)).toEqual({ usd: 0.03, coveredFrom: from + 48 * HOUR });
    expect(timeWeightedAverage([], from, to)).toBeUndefined();
    expect(timeWeightedAverage([{ at: to + HOUR, usd: 0.03 }], from, to)).toBeUndefined();
  });
});
