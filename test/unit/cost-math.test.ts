import {
  HOURS_PER_MONTH,
  monthlyFromHourly,
  priced,
  roundCents,
  sumCosts,
  sumUsd,
  unpriced,
  volumeMonthly,
  type VolumeRates,
} from '../../functions/shared/cost-math';

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
