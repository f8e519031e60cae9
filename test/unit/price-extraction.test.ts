import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { withId } from '../../functions/shared/cost-types';
import { describeQuery, hasUsageType, priceQuery, type QueriedPriceKey } from '../../functions/price-items/filters';
import { extractPrice, parsePriceListItem, type PriceListItem } from '../../functions/price-items/extract';
import { validatePriceKey } from '../../functions/price-items/key';
import { priceItem } from '../../functions/price-items/price';
import { toCostUnit } from '../../functions/price-items/units';
import { silentLog } from '../../functions/shared/logger';
import { matchesAllFilters, productFields, type ProductFilter } from '../../scripts/local/pricing/filters';
import type { PriceListItem as FixtureItem } from '../../scripts/local/pricing/price-list';

const REFERENCE_DIR = join(__dirname, '..', 'fixtures', 'pricing-reference');
/** The two real public IPv4 items of ../shared/reference/pricing (no productFamily). */
const referenceIpv4 = JSON.parse(readFileSync(join(REFERENCE_DIR, 'getproducts-public-ipv4-ap-south-1.json'), 'utf8')) as FixtureItem[];

/** A one-dimension on-demand item in the real GetProducts layout (see the reference m5.large item). */
function realFormatItem(productFamily: string, usagetype: string, unit: string, usd: string, attributes: Record<string, string> = {}): PriceListItem {
  const sku = `SKU${usagetype.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
  return {
    product: { productFamily, sku, attributes: { servicecode: 'AmazonEC2', usagetype, ...attributes } },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          sku,
          effectiveDate: '2025-11-01T00:00:00Z',
          priceDimensions: { [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: { unit, description: `${usagetype} price`, pricePerUnit: { USD: usd } } },
        },
      },
    },
  };
}

const m5LargeKey = withId({
  kind: 'ec2',
  region: 'us-east-1',
  instanceType: 'm5.large',
  operatingSystem: 'Linux',
  preInstalledSw: 'NA',
  licenseModel: 'No License required',
  tenancy: 'Shared',
});
const QUERY_TEXT = describeQuery(priceQuery(m5LargeKey));

/**
 * The m5.large us-east-1 item from ../shared/reference/pricing (the real GetProducts format),
 * trimmed to the attributes we read plus two of its Reserved offers, which must be ignored.
 */
function m5LargeItem(overrides: { sku?: string; onDemandUsd?: string } = {}): PriceListItem {
  const sku = overrides.sku ?? '6C86BEPQVG73ZGGR';
  return {
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        memory: '8 GiB',
        vcpu: '2',
        capacitystatus: 'Used',
        operatingSystem: 'Linux',
        instanceType: 'm5.large',
        tenancy: 'Shared',
        usagetype: 'BoxUsage:m5.large',
        licenseModel: 'No License required',
        preInstalledSw: 'NA',
        location: 'US East (N. Virginia)',
        operation: 'RunInstances',
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: 'Hrs',
              description: '$0.096 per On Demand Linux m5.large Instance Hour',
              pricePerUnit: { USD: overrides.onDemandUsd ?? '0.0960000000' },
            },
          },
          sku,
          effectiveDate: '2021-02-01T00:00:00Z',
        },
      },
      Reserved: {
        [`${sku}.4NA7Y494T4`]: {
          priceDimensions: {
            [`${sku}.4NA7Y494T4.6YS6EN2CT7`]: {
              unit: 'Hrs',
              description: 'Linux/UNIX (Amazon VPC), m5.large reserved instance applied',
              pricePerUnit: { USD: '0.0600000000' },
            },
          },
          sku,
          effectiveDate: '2020-04-01T00:00:00Z',
        },
        [`${sku}.CUZHX8X6JH`]: {
          priceDimensions: {
            [`${sku}.CUZHX8X6JH.2TG2D8R56U`]: { unit: 'Quantity', description: 'Upfront Fee', pricePerUnit: { USD: '294' } },
            [`${sku}.CUZHX8X6JH.6YS6EN2CT7`]: { unit: 'Hrs', description: 'reserved instance applied', pricePerUnit: { USD: '0.0340000000' } },
          },
          sku,
          effectiveDate: '2017-10-31T23:59:59Z',
        },
      },
    },
  };
}

describe('extractPrice', () => {
  it('prices the one matching SKU from its on-demand term, with unit, SKU, description, date, vCPU and memory', () => {
    // Prepare: GetProducts hands each item over as a JSON string
    const item = parsePriceListItem(JSON.stringify(m5LargeItem()));

    // Act
    const result = extractPrice(m5LargeKey, [item], QUERY_TEXT);

    // Assess: 0.096, not one of the Reserved rates (0.06, 0.034) nor the upfront fee
    expect(result).toEqual({
      id: m5LargeKey.id,
      status: 'priced',
      usd: 0.096,
      unit: 'Hrs',
      sku: '6C86BEPQVG73ZGGR',
      description: '$0.096 per On Demand Linux m5.large Instance Hour',
      effectiveDate: '2021-02-01T00:00:00Z',
      vcpu: 2,
      memory: '8 GiB',
    });
  });

  it('reports an unpriced item, naming the filters, when no SKU matched (never $0)', () => {
    const result = extractPrice(m5LargeKey, [], QUERY_TEXT);

    expect(result).toEqual({ id: m5LargeKey.id, status: 'unpriced', reason: `no SKU matched ${QUERY_TEXT}` });
    expect(result.usd).toBeUndefined();
    expect(result.reason).toContain('capacitystatus="Used"');
  });

  it('refuses to choose when several SKUs matched, saying how many', () => {
    const items = [m5LargeItem(), m5LargeItem({ sku: 'AAAAAAAAAAAAAAAA' }), m5LargeItem({ sku: 'BBBBBBBBBBBBBBBB' })];

    const result = extractPrice(m5LargeKey, items, QUERY_TEXT);

    expect(result.status).toBe('unpriced');
    expect(result.usd).toBeUndefined();
    expect(result.reason).toMatch(/^3 SKUs matched AmazonEC2 productFamily="Compute Instance"/);
  });

  it('keeps a listed price of exactly 0 as a real price', () => {
    const result = extractPrice(m5LargeKey, [m5LargeItem({ onDemandUsd: '0.0000000000' })], QUERY_TEXT);

    expect(result).toMatchObject({ status: 'priced', usd: 0, sku: '6C86BEPQVG73ZGGR' });
  });

  it('reports a SKU without an on-demand term as unpriced rather than using a Reserved rate', () => {
    const item = m5LargeItem();
    delete item.terms!.OnDemand;

    const result = extractPrice(m5LargeKey, [item], QUERY_TEXT);

    expect(result).toEqual({ id: m5LargeKey.id, status: 'unpriced', reason: expect.stringContaining('no on-demand price') });
  });

  it('reports a tiered on-demand price (several dimensions) as unpriced rather than picking one', () => {
    const item = m5LargeItem();
    const [offer] = Object.values(item.terms!.OnDemand!);
    offer!.priceDimensions!['second.tier'] = { unit: 'Hrs', pricePerUnit: { USD: '0.05' } };

    const result = extractPrice(m5LargeKey, [item], QUERY_TEXT);

    expect(result).toEqual({ id: m5LargeKey.id, status: 'unpriced', reason: expect.stringContaining('2 on-demand price dimensions') });
  });

  it('reports a price that is not a number as unpriced', () => {
    const result = extractPrice(m5LargeKey, [m5LargeItem({ onDemandUsd: '' })], QUERY_TEXT);

    expect(result.status).toBe('unpriced');
  });

  it('leaves vCPU and memory out of non-instance prices', () => {
    const storageKey = withId({ kind: 'ebs-storage', region: 'us-east-1', volumeType: 'gp3' });
    const item: PriceListItem = {
      product: { sku: 'GP3SKU', productFamily: 'Storage', attributes: { volumeApiName: 'gp3', vcpu: '2' } },
      terms: { OnDemand: { 'GP3SKU.T': { effectiveDate: '2024-01-01T00:00:00Z', priceDimensions: { d: { unit: 'GB-Mo', pricePerUnit: { USD: '0.08' } } } } } },
    };

    expect(extractPrice(storageKey, [item], 'q')).toEqual({
      id: storageKey.id,
      status: 'priced',
      usd: 0.08,
      unit: 'GB-Mo',
      sku: 'GP3SKU',
      effectiveDate: '2024-01-01T00:00:00Z',
    });
  });
});

describe('units are data: each listed unit is converted to the unit the cost math uses', () => {
  const US_EAST_1_THROUGHPUT = withId({ kind: 'ebs-throughput', region: 'us-east-1', volumeType: 'gp3' });

  it('reads the real public IPv4 items (no productFamily) as their hourly price, unconverted', () => {
    // Prepare: the real ap-south-1 in-use item, as GetProducts returns it (a JSON string)
    const key = withId({ kind: 'ipv4', region: 'ap-south-1', usage: 'InUse' });
    const item = parsePriceListItem(JSON.stringify(referenceIpv4[0]));

    // Act
    const result = extractPrice(key, [item], 'q');

    // Assess
    expect(result).toEqual({
      id: key.id,
      status: 'priced',
      usd: 0.005,
      unit: 'Hrs',
      sku: 'H6SHSM3KDNNZRM9E',
      description: '$0.005 per In-use public IPv4 address per hour',
      effectiveDate: '2024-06-01T00:00:00Z',
    });
  });

  it.each([
    // AWS lists gp3 throughput per GiBps-month; 1 GiB/s is 1,024 MiB/s, so the MiBps-month rate is the price ÷ 1,024.
    ['us-east-1 (the reference: 40.96 = 0.04 per MiBps-month)', '40.9600000000', 0.04],
    ['us-west-1 (SKU ZDC2V7MBY9Z73F7V: 49.152 = "$0.048 per provisioned MiBps-month")', '49.1520000000', 0.048],
    ['Seoul, in the local fixtures (46.6944 = 0.0456)', '46.6944000000', 0.0456],
  ])('converts gp3 throughput listed per GiBps-mo to USD per MiBps-month: %s', (_where, listed, perMiBps) => {
    const item = realFormatItem('Provisioned Throughput', 'EBS:VolumeP-Throughput.gp3', 'GiBps-mo', listed, { volumeApiName: 'gp3' });

    const result = extractPrice(US_EAST_1_THROUGHPUT, [item], 'q');

    expect(result).toMatchObject({ status: 'priced', usd: perMiBps, unit: 'MiBps-Mo', listedUsd: Number(listed), listedUnit: 'GiBps-mo' });
  });

  it('converts magnetic I/O listed per request (IOs) to USD per million requests: 0.00000005 → 0.05', () => {
    const key = withId({ kind: 'ebs-io-requests', region: 'us-east-1' });
    const item = realFormatItem('System Operation', 'EBS:VolumeIOUsage', 'IOs', '0.0000000500', { volumeApiName: 'standard' });

    expect(extractPrice(key, [item], 'q')).toMatchObject({ status: 'priced', usd: 0.05, unit: 'Million-IOs', listedUsd: 0.00000005, listedUnit: 'IOs' });
  });

  it('refuses a unit it does not know, naming it — the per-MiBps-Mo throughput the old fixtures invented is one', () => {
    const item = realFormatItem('Provisioned Throughput', 'EBS:VolumeP-Throughput.gp3', 'MiBps-Mo', '0.0400000000');

    const result = extractPrice(US_EAST_1_THROUGHPUT, [item], 'q');

    expect(result).toEqual({
      id: US_EAST_1_THROUGHPUT.id,
      status: 'unpriced',
      reason: 'SKU SKUEBSVOLUMEPTHROUGHPUTGP3: unit "MiBps-Mo" is not one the report can convert (known: Hrs, GB-Mo, IOPS-Mo, GiBps-mo, IOs, ACU-Hr, vCPU-Hours) (q)',
    });
  });

  it('refuses a known unit that does not fit the price: throughput per hour is not a number to multiply by MiB/s', () => {
    const item = realFormatItem('Provisioned Throughput', 'EBS:VolumeP-Throughput.gp3', 'Hrs', '0.0400000000');

    expect(extractPrice(US_EAST_1_THROUGHPUT, [item], 'q')).toMatchObject({
      status: 'unpriced',
      reason: expect.stringContaining('unit "Hrs" is unexpected for a ebs-throughput price, which must be per GiBps-mo'),
    });
    expect(extractPrice(US_EAST_1_THROUGHPUT, [item], 'q').usd).toBeUndefined();
  });

  it('leaves a DB instance listed per "hrs" (as 2017 AmazonRDS offer files wrote it) unpriced, naming the unit, rather than guess', () => {
    const key = withId({ kind: 'rds-instance', region: 'us-west-2', instanceClass: 'db.m4.large', databaseEngine: 'Oracle', databaseEdition: 'Standard One', deploymentOption: 'Multi-AZ', licenseModel: 'Bring your own license' });
    const item = realFormatItem('Database Instance', 'USW2-Multi-AZUsage:db.m4.large', 'hrs', '0.3500000000');

    expect(extractPrice(key, [item], 'q')).toMatchObject({ status: 'unpriced', reason: expect.stringContaining('unit "hrs" is not one the report can convert') });
  });

  it('refuses a price without a unit', () => {
    expect(toCostUnit('ebs-storage', 0.08, undefined)).toEqual({ ok: false, reason: 'the price has no unit; a ebs-storage price must be per GB-Mo' });
  });

  it.each<[QueriedPriceKey['kind'] | 'ec2-unmapped', string]>([
    ['ec2', 'Hrs'],
    ['ebs-storage', 'GB-Mo'],
    ['ebs-iops', 'IOPS-Mo'],
    ['snapshot', 'GB-Mo'],
    ['snapshot-archive', 'GB-Mo'],
    ['ipv4', 'Hrs'],
    ['dedicated-host', 'Hrs'],
    ['dedicated-fee', 'Hrs'],
    ['rds-instance', 'Hrs'],
    ['rds-storage', 'GB-Mo'],
  ])('passes a %s price listed per %s through as it is', (kind, unit) => {
    expect(toCostUnit(kind, 0.125, unit)).toEqual({ ok: true, usd: 0.125, unit });
  });
});

describe('priceQuery', () => {
  const terms = (key: QueriedPriceKey): Record<string, string> =>
    Object.fromEntries(priceQuery(key).filters.map((f) => [`${f.Type} ${f.Field}`, f.Value!]));

  it('pins an instance price on every attribute that separates on-demand SKUs', () => {
    const query = priceQuery(m5LargeKey);

    expect(query.serviceCode).toBe('AmazonEC2');
    expect(terms(m5LargeKey)).toEqual({
      'TERM_MATCH productFamily': 'Compute Instance',
      'TERM_MATCH regionCode': 'us-east-1',
      'TERM_MATCH instanceType': 'm5.large',
      'TERM_MATCH operatingSystem': 'Linux',
      'TERM_MATCH preInstalledSw': 'NA',
      'TERM_MATCH licenseModel': 'No License required',
      'TERM_MATCH tenancy': 'Shared',
      'TERM_MATCH capacitystatus': 'Used',
    });
    expect(query.usageTypeSuffix).toBeUndefined();
  });

  const SEOUL = 'ap-northeast-2';
  const cases: [QueriedPriceKey, string, Record<string, string>, string | undefined][] = [
    [withId({ kind: 'ebs-storage', region: SEOUL, volumeType: 'gp3' }), 'AmazonEC2', { 'TERM_MATCH productFamily': 'Storage', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'gp3' }, undefined],
    [
      withId({ kind: 'ebs-iops', region: SEOUL, volumeType: 'io1' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'System Operation', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'io1', 'CONTAINS usagetype': 'EBS:VolumeP-IOPS.piops' },
      'EBS:VolumeP-IOPS.piops',
    ],
    [
      withId({ kind: 'ebs-iops', region: SEOUL, volumeType: 'io2' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'System Operation', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'io2', 'CONTAINS usagetype': 'EBS:VolumeP-IOPS.io2' },
      'EBS:VolumeP-IOPS.io2',
    ],
    [
      withId({ kind: 'ebs-iops', region: SEOUL, volumeType: 'io2', tier: 'tier3' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'System Operation', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'io2', 'CONTAINS usagetype': 'EBS:VolumeP-IOPS.io2.tier3' },
      'EBS:VolumeP-IOPS.io2.tier3',
    ],
    [
      withId({ kind: 'ebs-throughput', region: SEOUL, volumeType: 'gp3' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Provisioned Throughput', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'gp3', 'CONTAINS usagetype': 'EBS:VolumeP-Throughput.gp3' },
      'EBS:VolumeP-Throughput.gp3',
    ],
    [
      withId({ kind: 'ebs-io-requests', region: SEOUL }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'System Operation', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH volumeApiName': 'standard', 'CONTAINS usagetype': 'EBS:VolumeIOUsage' },
      'EBS:VolumeIOUsage',
    ],
    [
      withId({ kind: 'snapshot', region: SEOUL }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Storage Snapshot', 'TERM_MATCH regionCode': SEOUL, 'CONTAINS usagetype': 'EBS:SnapshotUsage' },
      'EBS:SnapshotUsage',
    ],
    [
      withId({ kind: 'snapshot-archive', region: SEOUL }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Storage Snapshot', 'TERM_MATCH regionCode': SEOUL, 'CONTAINS usagetype': 'EBS:SnapshotArchiveStorage' },
      'EBS:SnapshotArchiveStorage',
    ],
    [
      withId({ kind: 'ipv4', region: SEOUL, usage: 'Idle' }),
      'AmazonVPC',
      { 'TERM_MATCH group': 'VPCPublicIPv4Address', 'TERM_MATCH regionCode': SEOUL, 'CONTAINS usagetype': 'PublicIPv4:IdleAddress' },
      'PublicIPv4:IdleAddress',
    ],
    [
      withId({ kind: 'dedicated-host', region: SEOUL, instanceFamily: 'm5' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Dedicated Host', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH instanceType': 'm5', 'TERM_MATCH tenancy': 'Host', 'CONTAINS usagetype': 'HostUsage:m5' },
      'HostUsage:m5',
    ],
    [
      withId({ kind: 'dedicated-fee', region: SEOUL }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Fee', 'TERM_MATCH regionCode': SEOUL, 'TERM_MATCH group': 'EC2-Dedicated Usage' },
      undefined,
    ],
  ];
  it.each(cases.map(([key, serviceCode, expected, suffix]) => [key.id, key, serviceCode, expected, suffix] as const))(
    'queries %s with its own product family, attributes and usage type',
    (_id, key, serviceCode, expected, suffix) => {
      const query = priceQuery(key);

      expect(query.serviceCode).toBe(serviceCode);
      expect(terms(key)).toEqual(expected);
      expect(query.usageTypeSuffix).toBe(suffix);
    },
  );

  it('never filters public IPv4 on productFamily, which real AmazonVPC IPv4 items do not have', () => {
    for (const usage of ['InUse', 'Idle'] as const) {
      const query = priceQuery(withId({ kind: 'ipv4', region: 'ap-south-1', usage }));

      expect(query.filters.map((f) => f.Field)).not.toContain('productFamily');
    }
  });

  it('finds the real ap-south-1 IPv4 items with the local matcher, each by its usage type', () => {
    // Prepare: the two real items of ../shared/reference/pricing, and the endpoint's own filter matcher
    const fields = referenceIpv4.map((item) => ({ item, fields: productFields(item) }));
    const matching = (key: QueriedPriceKey) => {
      const query = priceQuery(key);
      return fields
        .filter((entry) => matchesAllFilters(entry.fields, query.filters as ProductFilter[]))
        .filter((entry) => hasUsageType(entry.item.product.attributes.usagetype, query.usageTypeSuffix!))
        .map((entry) => entry.item.product.sku);
    };

    // Act / Assess
    expect(matching(withId({ kind: 'ipv4', region: 'ap-south-1', usage: 'InUse' }))).toEqual(['H6SHSM3KDNNZRM9E']);
    expect(matching(withId({ kind: 'ipv4', region: 'ap-south-1', usage: 'Idle' }))).toEqual(['CSRJTKHMAVNJSJAK']);
  });

  it('tells a usage type from the longer ones it starts (io2 tier 1 is not tier 2), behind any region prefix', () => {
    expect(hasUsageType('APN2-EBS:VolumeP-IOPS.io2', 'EBS:VolumeP-IOPS.io2')).toBe(true);
    expect(hasUsageType('EBS:VolumeP-IOPS.io2', 'EBS:VolumeP-IOPS.io2')).toBe(true);
    expect(hasUsageType('APN2-EBS:VolumeP-IOPS.io2.tier2', 'EBS:VolumeP-IOPS.io2')).toBe(false);
    expect(hasUsageType('APN2-ReservedHostUsage:m5', 'HostUsage:m5')).toBe(false);
    expect(hasUsageType('HostUsage:m5d', 'HostUsage:m5')).toBe(false);
  });
});

/** A real PricingClient (the SDK paginator accepts nothing else) whose send is replaced by pages we cut. */
function pricingServing(pages: Record<string, { PriceList: string[]; NextToken?: string }>, tokensSent: (string | undefined)[]): PricingClient {
  const pricing = new PricingClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  pricing.send = (async (command: GetProductsCommand) => {
    tokensSent.push(command.input.NextToken);
    return pages[command.input.NextToken ?? 'first'];
  }) as unknown as PricingClient['send'];
  return pricing;
}

describe('priceItem', () => {
  it('reads every page through the SDK paginator before applying the exact-one-SKU rule, so a second SKU on page 2 is not missed', async () => {
    // Prepare: a Pricing API that splits two matching SKUs over two pages
    const tokensSent: (string | undefined)[] = [];
    const pricing = pricingServing(
      {
        first: { PriceList: [JSON.stringify(m5LargeItem())], NextToken: 'page-2' },
        'page-2': { PriceList: [JSON.stringify(m5LargeItem({ sku: 'SECONDSKU0000000' }))] },
      },
      tokensSent,
    );

    // Act
    const result = await priceItem(m5LargeKey, { pricing, log: silentLog });

    // Assess
    expect(tokensSent).toEqual([undefined, 'page-2']);
    expect(result).toMatchObject({ status: 'unpriced', reason: expect.stringMatching(/^2 SKUs matched/) });
  });

  it('keeps only the item whose usage type is the key’s, so io2 tier 1 is priced among its three tiers', async () => {
    // Prepare: what CONTAINS "EBS:VolumeP-IOPS.io2" returns in Seoul: all three tiers
    const tier = (suffix: string, usd: string) => realFormatItem('System Operation', `APN2-EBS:VolumeP-IOPS.io2${suffix}`, 'IOPS-Mo', usd, { volumeApiName: 'io2' });
    const pricing = pricingServing({ first: { PriceList: [tier('', '0.0741000000'), tier('.tier2', '0.0518700000'), tier('.tier3', '0.0363100000')].map((i) => JSON.stringify(i)) } }, []);

    // Act
    const tier1 = await priceItem(withId({ kind: 'ebs-iops', region: 'ap-northeast-2', volumeType: 'io2' }), { pricing, log: silentLog });
    const tier3 = await priceItem(withId({ kind: 'ebs-iops', region: 'ap-northeast-2', volumeType: 'io2', tier: 'tier3' }), { pricing, log: silentLog });

    // Assess
    expect(tier1).toMatchObject({ status: 'priced', usd: 0.0741, unit: 'IOPS-Mo', sku: 'SKUAPN2EBSVOLUMEPIOPSIO2' });
    expect(tier3).toMatchObject({ status: 'priced', usd: 0.03631, unit: 'IOPS-Mo' });
  });

  it('answers licensing EC2 reported but no product is mapped to as unpriced, without calling the Pricing API', async () => {
    const tokensSent: (string | undefined)[] = [];
    const key = withId({ kind: 'ec2-unmapped', region: 'us-east-1', platformDetails: 'Windows with SQL Server Express', usageOperation: 'RunInstances:0999' });

    const result = await priceItem(key, { pricing: pricingServing({}, tokensSent), log: silentLog });

    expect(result).toEqual({ id: key.id, status: 'unpriced', reason: expect.stringMatching(/^EC2 reports PlatformDetails "Windows with SQL Server Express" and UsageOperation "RunInstances:0999".*rather than priced as Linux$/) });
    expect(tokensSent).toEqual([]);
  });
});

describe('validatePriceKey', () => {
  it.each([
    withId({ kind: 'ebs-iops', region: 'us-east-1', volumeType: 'io2', tier: 'tier2' }),
    withId({ kind: 'ebs-io-requests', region: 'us-east-1' }),
    withId({ kind: 'snapshot-archive', region: 'us-east-1' }),
    withId({ kind: 'dedicated-host', region: 'us-east-1', instanceFamily: 'm5' }),
    withId({ kind: 'dedicated-fee', region: 'us-east-1' }),
    withId({ kind: 'ec2-unmapped', region: 'us-east-1', platformDetails: '', usageOperation: 'RunInstances:0999' }),
    withId({ kind: 'rds-instance', region: 'us-east-1', instanceClass: 'db.m6gd.large', databaseEngine: 'PostgreSQL', deploymentOption: 'Multi-AZ (readable standbys)', licenseModel: 'No license required' }),
    withId({ kind: 'rds-storage', region: 'us-east-1', databaseEngine: 'PostgreSQL', deploymentOption: 'Multi-AZ (readable standbys)', usageType: 'RDS:Multi-AZCluster-GP3-Storage' }),
  ])('accepts the %s key collect-inventory writes', (key) => {
    expect(validatePriceKey({ key })).toEqual(key);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a tier on gp3 IOPS', { kind: 'ebs-iops', region: 'us-east-1', volumeType: 'gp3', tier: 'tier2', id: 'ebs-iops|us-east-1|gp3|tier2' }, 'key.tier: only io2 IOPS are tiered'],
    ['an unknown tier', { kind: 'ebs-iops', region: 'us-east-1', volumeType: 'io2', tier: 'tier4', id: 'ebs-iops|us-east-1|io2|tier4' }, 'key.tier: must be tier2 or tier3, got "tier4"'],
    ['a host without its family', { kind: 'dedicated-host', region: 'us-east-1', id: 'dedicated-host|us-east-1|' }, 'key.instanceFamily: is required'],
    ['unmapped licensing without the fields EC2 reported', { kind: 'ec2-unmapped', region: 'us-east-1', id: 'x' }, 'key.platformDetails: must be a string'],
    ['an unknown tenancy', { ...withId({ kind: 'ec2', region: 'us-east-1', instanceType: 'm5.large', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', tenancy: 'Shared' }), tenancy: 'host' }, 'key.tenancy: must be Shared, Dedicated or Host, got "host"'],
    ['a deployment the Price List does not have', { ...withId({ kind: 'rds-instance', region: 'us-east-1', instanceClass: 'db.m6gd.large', databaseEngine: 'MySQL', deploymentOption: 'Single-AZ', licenseModel: 'No license required' }), deploymentOption: 'Multi-AZ cluster' }, 'key.deploymentOption: must be Single-AZ, Multi-AZ or Multi-AZ (readable standbys), got "Multi-AZ cluster"'],
  ])('refuses %s, naming the field', (_what, key, message) => {
    expect(() => validatePriceKey({ key })).toThrow(expect.objectContaining({ name: 'InvalidInputError', message: expect.stringContaining(message) }));
  });
});
