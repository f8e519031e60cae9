/**
 * The local Pricing endpoint's filter rules (scripts/local/pricing/filters.ts) and the committed
 * Price List fixtures they run over: the fixtures must be what the generator produces, and the
 * filter sets the cost report relies on must pin exactly one SKU while the decoys stay reachable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchesAllFilters, matchesFilter, productFields, type ProductFilter } from '../../scripts/local/pricing/filters';
import { HOST_FAMILIES, INSTANCE_TYPES, OS_VARIANTS, REGIONS, VOLUME_TYPES } from '../../scripts/local/pricing/fixture-table';
import { hasUsageType, priceQuery, type QueriedPriceKey } from '../../functions/price-items/filters';
import { preferredItems } from '../../functions/price-items/price';
import { databasePriceKeys, type DatabasePriceKeys } from '../../functions/shared/price-keys';
import { withId } from '../../functions/shared/cost-types';
import { fixtureFiles, ON_DEMAND_TERM_CODE } from '../../scripts/local/pricing/generate-fixtures';
import { loadPriceList, type PriceListItem } from '../../scripts/local/pricing/price-list';

const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'pricing');

const m5LargeLinux: PriceListItem = {
  product: {
    productFamily: 'Compute Instance',
    sku: '6C86BEPQVG73ZGGR',
    attributes: {
      instanceType: 'm5.large',
      operatingSystem: 'Linux',
      capacitystatus: 'Used',
      usagetype: 'APN2-BoxUsage:m5.large',
      licenseModel: 'No License required',
    },
  },
  serviceCode: 'AmazonEC2',
  terms: {},
};
const fields = productFields(m5LargeLinux);
const filter = (Type: ProductFilter['Type'], Field: string, Value: string): ProductFilter => ({ Type, Field, Value });

describe('GetProducts filter matching', () => {
  it.each(['TERM_MATCH', 'EQUALS'] as const)('%s matches the exact value and nothing else', (type) => {
    expect(matchesFilter(fields, filter(type, 'instanceType', 'm5.large'))).toBe(true);
    expect(matchesFilter(fields, filter(type, 'instanceType', 'm5.larg'))).toBe(false);
    expect(matchesFilter(fields, filter(type, 'instanceType', 'm5.large '))).toBe(false);
  });

  it.each(['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF'] as const)('%s treats field names case-insensitively', (type) => {
    expect(matchesFilter(fields, filter(type, 'CapacityStatus', 'Used'))).toBe(true);
    expect(matchesFilter(fields, filter(type, 'INSTANCETYPE', 'm5.large'))).toBe(true);
  });

  it.each(['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF'] as const)('%s treats values case-sensitively', (type) => {
    expect(matchesFilter(fields, filter(type, 'operatingSystem', 'linux'))).toBe(false);
  });

  it('CONTAINS matches a substring anywhere in the value', () => {
    expect(matchesFilter(fields, filter('CONTAINS', 'usagetype', 'BoxUsage'))).toBe(true);
    expect(matchesFilter(fields, filter('CONTAINS', 'usagetype', 'APN2-'))).toBe(true);
    expect(matchesFilter(fields, filter('CONTAINS', 'usagetype', 'DedicatedUsage'))).toBe(false);
  });

  it('ANY_OF matches any value of a comma-separated list, ignoring spaces around commas', () => {
    expect(matchesFilter(fields, filter('ANY_OF', 'instanceType', 't3.micro,m5.large'))).toBe(true);
    expect(matchesFilter(fields, filter('ANY_OF', 'instanceType', 't3.micro , m5.large'))).toBe(true);
    expect(matchesFilter(fields, filter('ANY_OF', 'instanceType', 't3.micro,m5.xlarge'))).toBe(false);
    expect(matchesFilter(fields, filter('ANY_OF', 'instanceType', 'm5'))).toBe(false);
  });

  it('NONE_OF excludes the listed values and keeps products that lack the field', () => {
    expect(matchesFilter(fields, filter('NONE_OF', 'capacitystatus', 'AllocatedCapacityReservation,UnusedCapacityReservation'))).toBe(true);
    expect(matchesFilter(fields, filter('NONE_OF', 'capacitystatus', 'UnusedCapacityReservation, Used'))).toBe(false);
    expect(matchesFilter(fields, filter('NONE_OF', 'volumeApiName', 'gp2'))).toBe(true);
  });

  it('a field the product lacks matches no positive filter', () => {
    for (const type of ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF'] as const) {
      expect(matchesFilter(fields, filter(type, 'volumeApiName', 'gp3'))).toBe(false);
    }
  });

  it('productFamily, sku and serviceCode are filterable like attributes', () => {
    expect(matchesFilter(fields, filter('TERM_MATCH', 'productFamily', 'Compute Instance'))).toBe(true);
    expect(matchesFilter(fields, filter('TERM_MATCH', 'sku', '6C86BEPQVG73ZGGR'))).toBe(true);
    expect(matchesFilter(fields, filter('TERM_MATCH', 'ServiceCode', 'AmazonEC2'))).toBe(true);
    expect(matchesFilter(fields, filter('TERM_MATCH', 'productFamily', 'Storage'))).toBe(false);
  });

  it('combines filters with AND, and no filter matches everything', () => {
    const linux = filter('TERM_MATCH', 'operatingSystem', 'Linux');
    expect(matchesAllFilters(fields, [linux, filter('TERM_MATCH', 'instanceType', 'm5.large')])).toBe(true);
    expect(matchesAllFilters(fields, [linux, filter('TERM_MATCH', 'instanceType', 'c5.large')])).toBe(false);
    expect(matchesAllFilters(fields, [])).toBe(true);
  });
});

describe('committed Price List fixtures', () => {
  const items = loadPriceList(FIXTURES_DIR);
  const generated = fixtureFiles();
  const indexed = items.map((item) => ({ item, fields: productFields(item) }));
  const query = (serviceCode: string, filters: ProductFilter[]): PriceListItem[] =>
    indexed.filter((entry) => entry.item.serviceCode === serviceCode && matchesAllFilters(entry.fields, filters)).map((entry) => entry.item);
  const term = (Field: string, Value: string): ProductFilter => ({ Type: 'TERM_MATCH', Field, Value });
  /** The fixture items a price key's query answers with, as price-items narrows them. */
  const matched = (key: QueriedPriceKey) => {
    const q = priceQuery(key);
    return preferredItems(query(q.serviceCode, q.filters as ProductFilter[]).filter((item) => !q.usageTypeSuffix || hasUsageType(item.product.attributes.usagetype, q.usageTypeSuffix)), q.preferred) as PriceListItem[];
  };
  const onDemandUsd = (item: PriceListItem): { usd: number; unit: string } => {
    const terms = Object.values(item.terms.OnDemand ?? {});
    const dimensions = terms.flatMap((t) => Object.values(t.priceDimensions));
    expect(dimensions).toHaveLength(1);
    return { usd: Number(dimensions[0]?.pricePerUnit.USD), unit: dimensions[0]?.unit ?? '' };
  };

  it('are exactly what the generator produces from the price table', () => {
    expect(readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.jsonl')).sort()).toEqual([...generated.keys()].sort());
    for (const [name, contents] of generated) {
      expect(readFileSync(join(FIXTURES_DIR, name), 'utf8')).toBe(contents);
    }
  });

  it('stay under 3 MB in total', () => {
    const bytes = [...generated.keys()].reduce((sum, name) => sum + statSync(join(FIXTURES_DIR, name)).size, 0);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
  });

  it('give every item a unique SKU and one on-demand term with the JRTCKXETXF code (Reserved host offers have none, as in AWS)', () => {
    expect(new Set(items.map((item) => item.product.sku)).size).toBe(items.length);
    const onDemandItems = items.filter((item) => item.product.attributes.tenancy !== 'Reserved');
    expect(items.length - onDemandItems.length).toBe(REGIONS.length * HOST_FAMILIES.length);
    const malformed = onDemandItems.filter((item) => {
      const terms = Object.values(item.terms.OnDemand ?? {});
      const [only] = terms;
      return !/^[0-9A-Z]{16}$/.test(item.product.sku) || terms.length !== 1 || only?.sku !== item.product.sku || only.offerTermCode !== ON_DEMAND_TERM_CODE;
    });
    expect(malformed.map((item) => item.product.sku)).toEqual([]);
  });

  it('pin exactly one instance SKU with the cost report filter set, for every region, type, OS and tenancy', () => {
    const notExactlyOne: string[] = [];
    let combinations = 0;
    for (const region of REGIONS) {
      for (const row of INSTANCE_TYPES) {
        const candidates = query('AmazonEC2', [term('regionCode', region.regionCode), term('instanceType', row.instanceType)]);
        const scoped = indexed.filter((entry) => candidates.includes(entry.item));
        const onHost = HOST_FAMILIES.some((host) => row.instanceType.startsWith(`${host.instanceFamily}.`));
        for (const os of OS_VARIANTS) {
          for (const tenancy of ['Shared', 'Dedicated', ...(onHost ? ['Host'] : [])]) {
            combinations += 1;
            const filters = [
              term('productFamily', 'Compute Instance'),
              term('regionCode', region.regionCode),
              term('instanceType', row.instanceType),
              term('operatingSystem', os.operatingSystem),
              term('preInstalledSw', os.preInstalledSw),
              term('licenseModel', os.licenseModel),
              term('tenancy', tenancy),
              term('capacitystatus', 'Used'),
            ];
            const count = scoped.filter((entry) => matchesAllFilters(entry.fields, filters)).length;
            if (count !== 1) notExactlyOne.push(`${region.regionCode} ${row.instanceType} ${os.key} ${tenancy}: ${count}`);
          }
        }
      }
    }
    expect(combinations).toBeGreaterThanOrEqual(2 * 12 * 5);
    expect(notExactlyOne).toEqual([]);
  });

  it('keep the decoys a loose filter set would match: capacity reservations, BYOL, Dedicated', () => {
    const seoulM5 = [term('regionCode', 'ap-northeast-2'), term('instanceType', 'm5.large')];
    const withoutCapacityStatus = query('AmazonEC2', [...seoulM5, term('operatingSystem', 'Linux'), term('preInstalledSw', 'NA'), term('licenseModel', 'No License required'), term('tenancy', 'Shared')]);
    expect(withoutCapacityStatus.map((item) => item.product.attributes.capacitystatus).sort()).toEqual([
      'AllocatedCapacityReservation',
      'UnusedCapacityReservation',
      'Used',
    ]);
    const withoutLicenseModel = query('AmazonEC2', [...seoulM5, term('operatingSystem', 'Windows'), term('preInstalledSw', 'NA'), term('tenancy', 'Shared'), term('capacitystatus', 'Used')]);
    expect(withoutLicenseModel.map((item) => item.product.attributes.licenseModel).sort()).toEqual(['Bring your own license', 'No License required']);
    const [dedicated] = query('AmazonEC2', [...seoulM5, term('operatingSystem', 'Linux'), term('tenancy', 'Dedicated'), term('capacitystatus', 'Used')]);
    const [shared] = query('AmazonEC2', [...seoulM5, term('operatingSystem', 'Linux'), term('licenseModel', 'No License required'), term('tenancy', 'Shared'), term('capacitystatus', 'Used')]);
    expect(onDemandUsd(dedicated as PriceListItem).usd).toBeGreaterThan(onDemandUsd(shared as PriceListItem).usd);
    expect(shared?.terms.Reserved).toBeDefined();
  });

  it('carry the reference list prices for us-east-1 Linux and the Windows licence surcharge', () => {
    const hourly = (instanceType: string, operatingSystem: string, region = 'us-east-1'): number => {
      const matches = query('AmazonEC2', [
        term('regionCode', region),
        term('instanceType', instanceType),
        term('operatingSystem', operatingSystem),
        term('preInstalledSw', 'NA'),
        term('licenseModel', 'No License required'),
        term('tenancy', 'Shared'),
        term('capacitystatus', 'Used'),
      ]);
      expect(matches).toHaveLength(1);
      return onDemandUsd(matches[0] as PriceListItem).usd;
    };
    expect([hourly('t3.micro', 'Linux'), hourly('t3.medium', 'Linux'), hourly('m5.large', 'Linux'), hourly('m6i.large', 'Linux'), hourly('c5.xlarge', 'Linux'), hourly('r5.large', 'Linux')]).toEqual([
      0.0104, 0.0416, 0.096, 0.096, 0.17, 0.126,
    ]);
    expect(hourly('m5.large', 'Windows')).toBe(0.188);
    expect(hourly('m5.large', 'Linux', 'ap-northeast-2')).toBe(0.118);
  });

  it('price an instance on a Dedicated Host at $0.000, the host itself per host-hour', () => {
    const hostInstance = query('AmazonEC2', [
      term('regionCode', 'us-east-1'),
      term('instanceType', 'm5.large'),
      term('operatingSystem', 'Linux'),
      term('preInstalledSw', 'NA'),
      term('licenseModel', 'No License required'),
      term('tenancy', 'Host'),
      term('capacitystatus', 'Used'),
    ]);
    const hosts = query('AmazonEC2', [term('productFamily', 'Dedicated Host'), term('regionCode', 'us-east-1'), term('instanceType', 'm5')]);

    expect(hostInstance.map((item) => [item.product.attributes.usagetype, onDemandUsd(item)])).toEqual([['HostBoxUsage:m5.large', { usd: 0, unit: 'Hrs' }]]);
    // The Reserved host offer is the decoy a query without tenancy=Host would also get.
    expect(hosts.map((item) => [item.product.attributes.tenancy, item.product.attributes.usagetype]).sort()).toEqual([
      ['Host', 'HostUsage:m5'],
      ['Reserved', 'ReservedHostUsage:m5'],
    ]);
  });

  it.each(REGIONS.map((region) => [region.regionCode]))('let the cost report’s own queries pin exactly one product of each kind in %s, in its listed unit', (region) => {
    // Prepare: every non-instance key the report asks for, and what the Price List lists it in
    const keys: [QueriedPriceKey, string][] = [
      ...VOLUME_TYPES.map((volume): [QueriedPriceKey, string] => [withId({ kind: 'ebs-storage', region, volumeType: volume.volumeApiName }), 'GB-Mo']),
      [withId({ kind: 'ebs-iops', region, volumeType: 'io1' }), 'IOPS-Mo'],
      [withId({ kind: 'ebs-iops', region, volumeType: 'gp3' }), 'IOPS-Mo'],
      [withId({ kind: 'ebs-iops', region, volumeType: 'io2' }), 'IOPS-Mo'],
      [withId({ kind: 'ebs-iops', region, volumeType: 'io2', tier: 'tier2' }), 'IOPS-Mo'],
      [withId({ kind: 'ebs-iops', region, volumeType: 'io2', tier: 'tier3' }), 'IOPS-Mo'],
      [withId({ kind: 'ebs-throughput', region, volumeType: 'gp3' }), 'GiBps-mo'],
      [withId({ kind: 'ebs-io-requests', region }), 'IOs'],
      [withId({ kind: 'snapshot', region }), 'GB-Mo'],
      [withId({ kind: 'snapshot-archive', region }), 'GB-Mo'],
      [withId({ kind: 'ipv4', region, usage: 'InUse' }), 'Hrs'],
      [withId({ kind: 'ipv4', region, usage: 'Idle' }), 'Hrs'],
      ...HOST_FAMILIES.map((host): [QueriedPriceKey, string] => [withId({ kind: 'dedicated-host', region, instanceFamily: host.instanceFamily }), 'Hrs']),
      [withId({ kind: 'dedicated-fee', region }), 'Hrs'],
      // DB instances Single-AZ and Multi-AZ (beside Aurora's I/O-Optimized twin), storage per engine or else for Any engine.
      ...[
        { engine: 'mysql', instanceClass: 'db.t3.micro', multiAz: false, storageType: 'gp2' },
        { engine: 'postgres', instanceClass: 'db.r6g.large', multiAz: true, storageType: 'gp3' },
        { engine: 'mariadb', instanceClass: 'db.t4g.micro', multiAz: false, storageType: 'io1' },
        { engine: 'mysql', instanceClass: 'db.m5.large', multiAz: true, storageType: 'standard' },
        { engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', multiAz: false, cluster: 'c' },
      ].flatMap((db): [QueriedPriceKey, string][] => {
        const { compute, storage } = databasePriceKeys({ kind: 'instance', region, ...db });
        return [[withId(compute!) as QueriedPriceKey, 'Hrs'], ...(storage ? [[withId(storage) as QueriedPriceKey, 'GB-Mo'] as [QueriedPriceKey, string]] : [])];
      }),
    ];

    // Act
    const found = keys.map(([key]) => {
      const q = priceQuery(key);
      const matched = query(q.serviceCode, q.filters as ProductFilter[]).filter((item) => !q.usageTypeSuffix || hasUsageType(item.product.attributes.usagetype, q.usageTypeSuffix));
      const matches = preferredItems(matched, q.preferred) as typeof matched;
      return { id: key.id, count: matches.length, unit: matches.length === 1 ? onDemandUsd(matches[0]!).unit : undefined };
    });

    // Assess
    expect(found).toEqual(keys.map(([key, unit]) => ({ id: key.id, count: 1, unit })));
  });

  it('price a Multi-AZ DB cluster once, per hour of the whole cluster and per GB at the three-copy rate; its instances need no price of their own', () => {
    // Prepare: a PostgreSQL Multi-AZ DB cluster as DescribeDBClusters reports it, its writer as DescribeDBInstances does, an Aurora cluster.
    const region = 'us-east-1';
    const cluster = { kind: 'cluster' as const, region, engine: 'postgres', instanceClass: 'db.m6gd.large', multiAz: true, storageType: 'gp3' };
    const writer = { kind: 'instance' as const, region, engine: 'postgres', instanceClass: 'db.m6gd.large', multiAz: false, storageType: 'gp3', cluster: 'ledger' };
    const aurora = { kind: 'cluster' as const, region, engine: 'aurora-postgresql', multiAz: true };

    // Act
    const keys = databasePriceKeys(cluster);
    const compute = matched(withId(keys.compute!) as QueriedPriceKey);
    const storage = matched(withId(keys.storage!) as QueriedPriceKey);

    // Assess: exactly the Multi-AZ (readable standbys) items, never the Single-AZ or Multi-AZ DB instance ones.
    expect(keys.compute).toMatchObject({ deploymentOption: 'Multi-AZ (readable standbys)', instanceClass: 'db.m6gd.large', databaseEngine: 'PostgreSQL' });
    expect(compute.map((item) => [item.product.attributes.usagetype, onDemandUsd(item)])).toEqual([['Multi-AZClusterUsage:db.m6gd.large', { usd: 0.602, unit: 'Hrs' }]]);
    expect(keys.storage).toMatchObject({ deploymentOption: 'Multi-AZ (readable standbys)', usageType: 'RDS:Multi-AZCluster-GP3-Storage' });
    expect(storage.map((item) => [item.product.attributes.usagetype, item.product.attributes.databaseEngine, onDemandUsd(item)])).toEqual([['RDS:Multi-AZCluster-GP3-Storage', 'PostgreSQL', { usd: 0.345, unit: 'GB-Mo' }]]);
    expect(databasePriceKeys({ ...cluster, storageType: 'io1' }).storage).toMatchObject({ usageType: 'RDS:Multi-AZCluster-PIOPS-Storage' });
    expect(databasePriceKeys(writer)).toEqual({});
    expect(databasePriceKeys(aurora).compute).toBeUndefined();
  });

  it('price an Aurora Standard cluster per GB used and per I/O request, an I/O-Optimized one per GB used at its own rate and no I/O, each matching exactly one item', () => {
    // Prepare: Aurora clusters as DescribeDBClusters reports them (StorageType aurora, aurora-iopt1, or none before I/O-Optimized existed)
    const described = (region: string, engine: string, storageType?: string) => ({ kind: 'cluster' as const, region, engine, multiAz: false, ...(storageType ? { storageType } : {}) });

    // Act
    const standard = databasePriceKeys(described('ap-northeast-2', 'aurora-mysql', 'aurora'));
    const legacy = databasePriceKeys(described('us-east-1', 'aurora-postgresql'));
    const optimized = databasePriceKeys(described('us-east-1', 'aurora-postgresql', 'aurora-iopt1'));
    const found = (key: DatabasePriceKeys['storage']) => matched(withId(key!) as QueriedPriceKey).map((item) => [item.product.attributes.usagetype, item.product.attributes.databaseEngine, onDemandUsd(item)]);

    // Assess: the engine's own storage item; the Any-engine I/O item, listed per request ($0.20 per million)
    expect(standard).toEqual({
      storage: { kind: 'aurora-storage', region: 'ap-northeast-2', databaseEngine: 'Aurora MySQL', usageType: 'Aurora:StorageUsage' },
      ioRequests: { kind: 'aurora-io', region: 'ap-northeast-2', databaseEngine: 'Aurora MySQL' },
    });
    expect(found(standard.storage)).toEqual([['APN2-Aurora:StorageUsage', 'Aurora MySQL', { usd: 0.1, unit: 'GB-Mo' }]]);
    expect(found(standard.ioRequests)).toEqual([['APN2-Aurora:StorageIOUsage', 'Any', { usd: 0.0000002, unit: 'IOs' }]]);
    expect(legacy.storage).toMatchObject({ usageType: 'Aurora:StorageUsage' });
    expect(legacy.ioRequests).toBeDefined();
    expect(optimized.ioRequests).toBeUndefined();
    expect(found(optimized.storage)).toEqual([['Aurora:IO-OptimizedStorageUsage', 'Aurora PostgreSQL', { usd: 0.225, unit: 'GB-Mo' }]]);
  });

  it('price a DB instance’s Provisioned IOPS and gp3 throughput from the product of its storage type and deployment, never another’s', () => {
    // Prepare: DB instances as DescribeDBInstances reports them: io1 and io2 Single-AZ, gp3 Multi-AZ above its 12,000 / 500 baseline (500 GB).
    const db = (storageType: string, multiAz: boolean, extra: { iops?: number; storageThroughputMiBps?: number; allocatedGiB?: number }) =>
      databasePriceKeys({ kind: 'instance', region: 'ap-northeast-2', engine: 'postgres', instanceClass: 'db.m5.large', multiAz, storageType, allocatedGiB: 100, ...extra });
    const found = (key: DatabasePriceKeys['iops']) => matched(withId(key!) as QueriedPriceKey).map((item) => [item.product.productFamily, item.product.attributes.usagetype, onDemandUsd(item)]);

    // Act
    const io1 = db('io1', false, { iops: 3000 });
    const io2 = db('io2', false, { iops: 1000 });
    const gp3 = db('gp3', true, { iops: 15_000, storageThroughputMiBps: 600, allocatedGiB: 500 });

    // Assess: Seoul's items (APN2- prefix), at the fixture's Seoul rates
    expect(io1.iops).toEqual({ kind: 'rds-iops', region: 'ap-northeast-2', databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ', usageType: 'RDS:PIOPS' });
    expect(found(io1.iops)).toEqual([['Provisioned IOPS', 'APN2-RDS:PIOPS', { usd: 0.115, unit: 'IOPS-Mo' }]]);
    expect(io1.throughput).toBeUndefined();
    expect(io2.storage).toMatchObject({ usageType: 'RDS:PIOPS-Storage-IO2' });
    expect(found(io2.storage)).toEqual([['Database Storage', 'APN2-RDS:PIOPS-Storage-IO2', { usd: 0.143, unit: 'GB-Mo' }]]);
    expect(found(io2.iops)).toEqual([['Provisioned IOPS', 'APN2-RDS:IO2-PIOPS', { usd: 0.115, unit: 'IOPS-Mo' }]]);
    expect(found(gp3.iops)).toEqual([['Provisioned IOPS', 'APN2-RDS:Multi-AZ-GP3-PIOPS', { usd: 0.046, unit: 'IOPS-Mo' }]]);
    expect(found(gp3.throughput)).toEqual([['Provisioned Throughput', 'APN2-RDS:Multi-AZ-GP3-Throughput', { usd: 0.184, unit: 'MiBps-Mo' }]]);
    // At or below the baseline, and for gp2, nothing to price.
    expect(db('gp3', false, { iops: 12_000, storageThroughputMiBps: 500, allocatedGiB: 400 })).not.toHaveProperty('iops');
    expect(db('gp3', false, {})).not.toHaveProperty('throughput');
    expect(db('gp2', false, { iops: 300 })).not.toHaveProperty('iops');
  });

  it('give a Multi-AZ DB cluster no Provisioned IOPS price (its usage type is not confirmed), but its io2 storage the three-copy product', () => {
    const cluster = { kind: 'cluster' as const, region: 'us-east-1', engine: 'postgres', instanceClass: 'db.m6gd.large', multiAz: true, allocatedGiB: 200, iops: 2000 };

    expect(databasePriceKeys({ ...cluster, storageType: 'io1' })).not.toHaveProperty('iops');
    const io2 = databasePriceKeys({ ...cluster, storageType: 'io2' });
    expect(io2).not.toHaveProperty('iops');
    expect(matched(withId(io2.storage!) as QueriedPriceKey).map((item) => [item.product.attributes.usagetype, onDemandUsd(item)])).toEqual([['RDS:Multi-AZCluster-PIOPS-Storage-IO2', { usd: 0.375, unit: 'GB-Mo' }]]);
  });

  it('price an Aurora I/O-Optimized cluster’s instance at the InstanceUsageIOOptimized product (1.3 × Standard), a Standard one’s at InstanceUsage, each matching exactly one item', () => {
    // Prepare: Aurora instances as the inventory records them, carrying their cluster's StorageType.
    const member = (region: string, storageType?: string) => ({ kind: 'instance' as const, region, engine: 'aurora-postgresql', instanceClass: 'db.r6g.large', multiAz: false, cluster: 'c', ...(storageType ? { storageType } : {}) });
    const found = (db: ReturnType<typeof member>) => matched(withId(databasePriceKeys(db).compute!) as QueriedPriceKey).map((item) => [item.product.attributes.usagetype, item.product.attributes.storage, onDemandUsd(item)]);

    // Act / Assess
    expect(databasePriceKeys(member('us-east-1', 'aurora-iopt1')).compute).toMatchObject({ kind: 'rds-instance', ioOptimized: true, deploymentOption: 'Single-AZ' });
    expect(found(member('us-east-1', 'aurora-iopt1'))).toEqual([['InstanceUsageIOOptimized:db.r6g.large', 'Aurora IO Optimization Mode', { usd: 0.338, unit: 'Hrs' }]]);
    expect(found(member('ap-northeast-2', 'aurora-iopt1'))).toEqual([['APN2-InstanceUsageIOOptimized:db.r6g.large', 'Aurora IO Optimization Mode', { usd: 0.4394, unit: 'Hrs' }]]);
    expect(found(member('us-east-1', 'aurora'))).toEqual([['InstanceUsage:db.r6g.large', 'EBS Only', { usd: 0.26, unit: 'Hrs' }]]);
    expect(found(member('us-east-1'))).toEqual([['InstanceUsage:db.r6g.large', 'EBS Only', { usd: 0.26, unit: 'Hrs' }]]);
    // Two different keys: a report with both kinds of member prices each once.
    expect(withId(databasePriceKeys(member('us-east-1', 'aurora-iopt1')).compute!).id).not.toBe(withId(databasePriceKeys(member('us-east-1', 'aurora')).compute!).id);
  });

  it('price an Aurora Serverless v2 instance (db.serverless) per ACU-hour, Standard or I/O-Optimized by its cluster, each matching exactly one item', () => {
    // Prepare
    const serverless = (region: string, engine: string, storageType?: string) => ({ kind: 'instance' as const, region, engine, instanceClass: 'db.serverless', multiAz: false, cluster: 'c', ...(storageType ? { storageType } : {}) });
    const found = (db: ReturnType<typeof serverless>) => matched(withId(databasePriceKeys(db).compute!) as QueriedPriceKey).map((item) => [item.product.productFamily, item.product.attributes.usagetype, item.product.attributes.databaseEngine, onDemandUsd(item)]);

    // Act / Assess
    expect(databasePriceKeys(serverless('us-east-1', 'aurora-postgresql', 'aurora'))).toEqual({
      compute: { kind: 'aurora-serverless-v2', region: 'us-east-1', databaseEngine: 'Aurora PostgreSQL', usageType: 'Aurora:ServerlessV2Usage' },
    });
    expect(found(serverless('us-east-1', 'aurora-postgresql', 'aurora'))).toEqual([['ServerlessV2', 'Aurora:ServerlessV2Usage', 'Aurora PostgreSQL', { usd: 0.12, unit: 'ACU-Hr' }]]);
    expect(found(serverless('us-east-1', 'aurora-mysql', 'aurora-iopt1'))).toEqual([['ServerlessV2', 'Aurora:ServerlessV2IOOptimizedUsage', 'Aurora MySQL', { usd: 0.16, unit: 'ACU-Hr' }]]);
    expect(found(serverless('ap-northeast-2', 'aurora-mysql'))).toEqual([['ServerlessV2', 'APN2-Aurora:ServerlessV2Usage', 'Aurora MySQL', { usd: 0.156, unit: 'ACU-Hr' }]]);
    // db.serverless is not a provisioned class: no rds-instance query for it.
    expect(databasePriceKeys(serverless('us-east-1', 'aurora-postgresql')).compute?.kind).toBe('aurora-serverless-v2');
  });

  it('keep a DB instance’s query off the Multi-AZ DB cluster product of the same class and engine', () => {
    const single = query('AmazonRDS', priceQuery(withId({ kind: 'rds-instance', region: 'us-east-1', instanceClass: 'db.m6gd.large', databaseEngine: 'PostgreSQL', deploymentOption: 'Single-AZ', licenseModel: 'No license required' })).filters as ProductFilter[]);
    const loose = query('AmazonRDS', [term('regionCode', 'us-east-1'), term('instanceType', 'db.m6gd.large'), term('databaseEngine', 'PostgreSQL')]);

    expect(single).toEqual([]);
    expect(loose.map((item) => item.product.attributes.usagetype)).toEqual(['Multi-AZClusterUsage:db.m6gd.large']);
  });

  it('keep the decoys a usage-type CONTAINS alone would match: io2’s three tiers, both snapshot tiers', () => {
    const contains = (value: string): ProductFilter => ({ Type: 'CONTAINS', Field: 'usagetype', Value: value });

    expect(query('AmazonEC2', [term('regionCode', 'ap-northeast-2'), contains('EBS:VolumeP-IOPS.io2')])).toHaveLength(3);
    expect(query('AmazonEC2', [term('regionCode', 'ap-northeast-2'), term('productFamily', 'Storage Snapshot')])).toHaveLength(2);
    expect(query('AmazonVPC', [term('regionCode', 'ap-northeast-2'), term('productFamily', 'IP Address')])).toEqual([]);
  });
});
