import { withId, type PriceKey } from '../../functions/shared/cost-types';
import { describeQuery, priceQuery } from '../../functions/price-items/filters';
import { extractPrice, parsePriceListItem, type PriceListItem } from '../../functions/price-items/extract';
import { priceItem } from '../../functions/price-items/price';
import { silentLog } from '../../functions/shared/logger';
import { GetProductsCommand, type PricingClient } from '@aws-sdk/client-pricing';

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

describe('priceQuery', () => {
  const terms = (key: PriceKey): Record<string, string> =>
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
  });

  const cases: [PriceKey, string, Record<string, string>][] = [
    [
      withId({ kind: 'ebs-storage', region: 'ap-northeast-2', volumeType: 'gp3' }),
      'AmazonEC2',
      { 'TERM_MATCH productFamily': 'Storage', 'TERM_MATCH regionCode': 'ap-northeast-2', 'TERM_MATCH volumeApiName': 'gp3' },
    ],
    [
      withId({ kind: 'ebs-iops', region: 'ap-northeast-2', volumeType: 'io2' }),
      'AmazonEC2',
      {
        'TERM_MATCH productFamily': 'System Operation',
        'TERM_MATCH group': 'EBS IOPS',
        'TERM_MATCH regionCode': 'ap-northeast-2',
        'TERM_MATCH volumeApiName': 'io2',
      },
    ],
    [
      withId({ kind: 'ebs-throughput', region: 'ap-northeast-2', volumeType: 'gp3' }),
      'AmazonEC2',
      {
        'TERM_MATCH productFamily': 'Provisioned Throughput',
        'TERM_MATCH group': 'EBS Throughput',
        'TERM_MATCH regionCode': 'ap-northeast-2',
        'TERM_MATCH volumeApiName': 'gp3',
      },
    ],
    [
      withId({ kind: 'snapshot', region: 'ap-northeast-2' }),
      'AmazonEC2',
      {
        'TERM_MATCH productFamily': 'Storage Snapshot',
        'TERM_MATCH regionCode': 'ap-northeast-2',
        'TERM_MATCH storageMedia': 'Amazon S3',
        'CONTAINS usagetype': 'SnapshotUsage',
      },
    ],
    [
      withId({ kind: 'ipv4', region: 'ap-northeast-2', usage: 'Idle' }),
      'AmazonVPC',
      {
        'TERM_MATCH productFamily': 'IP Address',
        'TERM_MATCH group': 'VPCPublicIPv4Address',
        'TERM_MATCH regionCode': 'ap-northeast-2',
        'CONTAINS usagetype': 'PublicIPv4:IdleAddress',
      },
    ],
  ];
  it.each(cases.map(([key, serviceCode, expected]) => [key.id, key, serviceCode, expected] as const))(
    'queries %s with its own product family and attributes',
    (_id, key, serviceCode, expected) => {
      expect(priceQuery(key).serviceCode).toBe(serviceCode);
      expect(terms(key)).toEqual(expected);
    },
  );

  it('asks for the in-use IPv4 rate for associated addresses', () => {
    const key = withId({ kind: 'ipv4', region: 'us-east-1', usage: 'InUse' });

    expect(terms(key)['CONTAINS usagetype']).toBe('PublicIPv4:InUseAddress');
  });
});

describe('priceItem', () => {
  it('reads every page before applying the exact-one-SKU rule, so a second SKU on page 2 is not missed', async () => {
    // Prepare: a Pricing API that splits two matching SKUs over two pages
    const tokensSent: (string | undefined)[] = [];
    const pages: Record<string, { PriceList: string[]; NextToken?: string }> = {
      first: { PriceList: [JSON.stringify(m5LargeItem())], NextToken: 'page-2' },
      'page-2': { PriceList: [JSON.stringify(m5LargeItem({ sku: 'SECONDSKU0000000' }))] },
    };
    const pricing = {
      send: async (command: GetProductsCommand) => {
        tokensSent.push(command.input.NextToken);
        return pages[command.input.NextToken ?? 'first'];
      },
    } as unknown as Pick<PricingClient, 'send'>;

    // Act
    const result = await priceItem(m5LargeKey, { pricing, log: silentLog });

    // Assess
    expect(tokensSent).toEqual([undefined, 'page-2']);
    expect(result).toMatchObject({ status: 'unpriced', reason: expect.stringMatching(/^2 SKUs matched/) });
  });
});
