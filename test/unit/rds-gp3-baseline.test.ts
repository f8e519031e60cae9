/**
 * The RDS gp3 baseline (functions/shared/cost-math.ts rdsGp3Baseline, AWS RDS User Guide "Amazon RDS
 * DB instance storage"): what a gp3 DB's storage price includes, by engine and allocated storage, and
 * so what RDS bills of its provisioned IOPS and throughput. Different from an EBS gp3 volume's flat
 * 3,000 IOPS and 125 MiB/s, which stays as it was.
 */
import { chargeableIops, chargeableThroughputMiBps, rdsChargeableIopsAndThroughput, rdsGp3Baseline } from '../../functions/shared/cost-math';
import { toCostUnit } from '../../functions/price-items/units';

describe('RDS gp3 baseline', () => {
  it.each([
    ['mysql', 399, { iops: 3000, throughputMiBps: 125 }],
    ['mysql', 400, { iops: 12_000, throughputMiBps: 500 }],
    ['mariadb', 20, { iops: 3000, throughputMiBps: 125 }],
    ['mariadb', 1000, { iops: 12_000, throughputMiBps: 500 }],
    ['postgres', 399, { iops: 3000, throughputMiBps: 125 }],
    ['postgres', 400, { iops: 12_000, throughputMiBps: 500 }],
    // Oracle stripes from 200 GiB
    ['oracle-ee', 199, { iops: 3000, throughputMiBps: 125 }],
    ['oracle-se2', 200, { iops: 12_000, throughputMiBps: 500 }],
    // SQL Server does not stripe: 3,000 / 125 at any size
    ['sqlserver-se', 400, { iops: 3000, throughputMiBps: 125 }],
    ['sqlserver-ee', 16_384, { iops: 3000, throughputMiBps: 125 }],
  ])('%s at %d GiB includes %j', (engine, allocatedGiB, baseline) => {
    expect(rdsGp3Baseline(engine, allocatedGiB)).toEqual(baseline);
  });

  it('is unknown for an engine the User Guide was not read for (Db2): its gp3 IOPS stay unestimated, not guessed', () => {
    expect(rdsGp3Baseline('db2-se', 500)).toBeUndefined();
    expect(rdsChargeableIopsAndThroughput({ engine: 'db2-se', storageType: 'gp3', allocatedGiB: 500, iops: 20_000 })).toEqual({ unknownBaseline: true });
  });
});

describe('what RDS bills of a DB’s provisioned IOPS and throughput', () => {
  it('bills every IOPS of io1 and io2, and no throughput', () => {
    expect(rdsChargeableIopsAndThroughput({ engine: 'postgres', storageType: 'io1', allocatedGiB: 100, iops: 3000 })).toEqual({ iops: 3000, throughputMiBps: 0 });
    expect(rdsChargeableIopsAndThroughput({ engine: 'mysql', storageType: 'io2', allocatedGiB: 500, iops: 20_000 })).toEqual({ iops: 20_000, throughputMiBps: 0 });
  });

  it('bills gp3 only above the baseline for its size: none at or below it', () => {
    const small = { iops: 3000, throughputMiBps: 125 };
    const striped = { iops: 12_000, throughputMiBps: 500 };
    expect(rdsChargeableIopsAndThroughput({ engine: 'postgres', storageType: 'gp3', allocatedGiB: 100 })).toEqual({ iops: 0, throughputMiBps: 0, baseline: small });
    expect(rdsChargeableIopsAndThroughput({ engine: 'postgres', storageType: 'gp3', allocatedGiB: 100, iops: 3000, storageThroughputMiBps: 125 })).toEqual({ iops: 0, throughputMiBps: 0, baseline: small });
    expect(rdsChargeableIopsAndThroughput({ engine: 'postgres', storageType: 'gp3', allocatedGiB: 400, iops: 12_000, storageThroughputMiBps: 500 })).toEqual({ iops: 0, throughputMiBps: 0, baseline: striped });
    expect(rdsChargeableIopsAndThroughput({ engine: 'postgres', storageType: 'gp3', allocatedGiB: 500, iops: 15_000, storageThroughputMiBps: 600 })).toEqual({ iops: 3000, throughputMiBps: 100, baseline: striped });
    expect(rdsChargeableIopsAndThroughput({ engine: 'sqlserver-se', storageType: 'gp3', allocatedGiB: 500, iops: 12_000, storageThroughputMiBps: 500 })).toEqual({ iops: 9000, throughputMiBps: 375, baseline: small });
  });

  it('bills nothing for gp2 and magnetic', () => {
    expect(rdsChargeableIopsAndThroughput({ engine: 'mysql', storageType: 'gp2', allocatedGiB: 1000, iops: 3000 })).toEqual({ iops: 0, throughputMiBps: 0 });
    expect(rdsChargeableIopsAndThroughput({ engine: 'mysql', storageType: 'standard', allocatedGiB: 100, iops: 1000 })).toEqual({ iops: 0, throughputMiBps: 0 });
  });

  it('leaves EBS’s own gp3 rule alone: an EBS volume of 500 GiB still includes 3,000 IOPS and 125 MiB/s', () => {
    expect(chargeableIops('gp3', 15_000)).toBe(12_000);
    expect(chargeableThroughputMiBps('gp3', 600)).toBe(475);
  });
});

describe('the unit of RDS gp3 throughput', () => {
  it('takes MiBps-Mo as listed and GiBps-mo converted, for RDS throughput only; anything else stays unpriced with its name', () => {
    expect(toCostUnit('rds-throughput', 0.08, 'MiBps-Mo')).toEqual({ ok: true, usd: 0.08, unit: 'MiBps-Mo' });
    expect(toCostUnit('rds-throughput', 81.92, 'GiBps-mo')).toEqual({ ok: true, usd: 0.08, unit: 'MiBps-Mo' });
    expect(toCostUnit('rds-throughput', 0.08, 'MBps-Mo')).toMatchObject({ ok: false, reason: expect.stringContaining('unit "MBps-Mo" is not one the report can convert') });
    expect(toCostUnit('ebs-throughput', 0.04, 'MiBps-Mo')).toMatchObject({ ok: false });
    expect(toCostUnit('rds-iops', 0.1, 'IOPS-Mo')).toEqual({ ok: true, usd: 0.1, unit: 'IOPS-Mo' });
  });
});
