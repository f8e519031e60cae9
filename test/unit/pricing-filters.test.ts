/**
 * The local Pricing endpoint's filter rules (scripts/local/pricing/filters.ts) and the committed
 * Price List fixtures they run over: the fixtures must be what the generator produces, and the
 * filter sets the cost report relies on must pin exactly one SKU while the decoys stay reachable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchesAllFilters, matchesFilter, productFields, type ProductFilter } from '../../scripts/local/pricing/filters';
import { INSTANCE_TYPES, OS_VARIANTS, REGIONS, VOLUME_TYPES } from '../../scripts/local/pricing/fixture-table';
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

  it('give every item a unique SKU and one on-demand term with the JRTCKXETXF code', () => {
    expect(new Set(items.map((item) => item.product.sku)).size).toBe(items.length);
    const malformed = items.filter((item) => {
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
        for (const os of OS_VARIANTS) {
          for (const tenancy of ['Shared', 'Dedicated']) {
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

  it.each(REGIONS.map((region) => [region.regionCode]))('pin exactly one EBS, IOPS, throughput, snapshot and IPv4 product in %s', (regionCode) => {
    const region = term('regionCode', regionCode);
    const one = (serviceCode: string, filters: ProductFilter[]): { usd: number; unit: string } => {
      const matches = query(serviceCode, [region, ...filters]);
      expect({ filters, count: matches.length }).toEqual({ filters, count: 1 });
      return onDemandUsd(matches[0] as PriceListItem);
    };
    const storage = VOLUME_TYPES.map((volume) => one('AmazonEC2', [term('productFamily', 'Storage'), term('volumeApiName', volume.volumeApiName)]));
    expect(new Set(storage.map((price) => price.unit))).toEqual(new Set(['GB-Mo']));
    for (const volumeApiName of ['io1', 'io2', 'gp3']) {
      expect(one('AmazonEC2', [term('productFamily', 'System Operation'), term('group', 'EBS IOPS'), term('volumeApiName', volumeApiName)]).unit).toBe('IOPS-Mo');
    }
    expect(query('AmazonEC2', [region, term('productFamily', 'System Operation'), term('volumeApiName', 'io2')])).toHaveLength(3);
    expect(one('AmazonEC2', [term('productFamily', 'Provisioned Throughput'), term('group', 'EBS Throughput'), term('volumeApiName', 'gp3')]).unit).toBe('MiBps-Mo');
    expect(one('AmazonEC2', [term('productFamily', 'Storage Snapshot'), term('storageMedia', 'Amazon S3')])).toEqual({ usd: 0.05, unit: 'GB-Mo' });
    expect(query('AmazonEC2', [region, term('productFamily', 'Storage Snapshot')])).toHaveLength(2);
    for (const usage of ['InUseAddress', 'IdleAddress']) {
      const filters = [term('productFamily', 'IP Address'), term('group', 'VPCPublicIPv4Address'), { Type: 'CONTAINS' as const, Field: 'usagetype', Value: `PublicIPv4:${usage}` }];
      expect(one('AmazonVPC', filters)).toEqual({ usd: 0.005, unit: 'Hrs' });
    }
  });
});
