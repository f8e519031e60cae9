/**
 * price-items against the project's local Pricing endpoint (real protocol, real-format fixtures
 * with the decoys real data has), reached the way production reaches AWS: AWS_ENDPOINT_URL_PRICING.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPricingServer, DEFAULT_FIXTURES_DIR, type PricingServer } from '../../scripts/local/pricing-server';
import { withId, type PriceKey, type PriceKeyFields, type PriceResult } from '../../functions/shared/cost-types';
import { ThrottlingError } from '../../functions/shared/errors';

type Handler = (event: unknown) => Promise<PriceResult>;

interface FixtureItem {
  product: { sku: string; attributes: Record<string, string> };
}

function fixtureItemBySku(sku: string): FixtureItem | undefined {
  for (const file of ['AmazonEC2.ap-northeast-2.jsonl', 'AmazonEC2.us-east-1.jsonl', 'AmazonVPC.ap-northeast-2.jsonl']) {
    for (const line of readFileSync(join(DEFAULT_FIXTURES_DIR, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as FixtureItem;
      if (item.product.sku === sku) return item;
    }
  }
  return undefined;
}

const SEOUL = 'ap-northeast-2';

function instanceKey(instanceType: string, fields: Partial<Extract<PriceKeyFields, { kind: 'ec2' }>> = {}): PriceKey {
  return withId({
    kind: 'ec2',
    region: SEOUL,
    instanceType,
    operatingSystem: 'Linux',
    preInstalledSw: 'NA',
    licenseModel: 'No License required',
    tenancy: 'Shared',
    ...fields,
  });
}

describe('price-items against the local Pricing endpoint', () => {
  let server: PricingServer;
  let handler: Handler;

  beforeAll(async () => {
    server = await startPricingServer({ port: 0 });
    process.env.AWS_ENDPOINT_URL_PRICING = server.url;
    process.env.TARGET_REGIONS = SEOUL;
    process.env.REPORT_BUCKET = 'price-items-test-unused';
    delete process.env.PRICING_REGION;
    handler = (await import('../../functions/price-items/handler')).handler;
  });

  beforeEach(() => server.reset());

  afterAll(async () => {
    await server.close();
  });

  it('prices a Seoul m5.large Linux at the fixture price, with its SKU, in exactly one GetProducts call', async () => {
    // Act
    const result = await handler({ key: instanceKey('m5.large') });

    // Assess
    expect(result).toMatchObject({
      id: 'ec2|ap-northeast-2|m5.large|Linux|NA|No License required|Shared',
      status: 'priced',
      usd: 0.118,
      unit: 'Hrs',
      vcpu: 2,
      memory: '8 GiB',
    });
    expect(fixtureItemBySku(result.sku!)?.product.attributes).toMatchObject({
      regionCode: SEOUL,
      instanceType: 'm5.large',
      capacitystatus: 'Used',
      tenancy: 'Shared',
      operatingSystem: 'Linux',
    });
    expect(server.counters().getProducts).toBe(1);
  });

  it.each<[string, PriceKey, number, Record<string, string>]>([
    [
      'Windows (not BYOL, whose Reserved term comes first in the JSON)',
      instanceKey('m5.large', { operatingSystem: 'Windows' }),
      0.21,
      { licenseModel: 'No License required', capacitystatus: 'Used' },
    ],
    ['Windows with SQL Server Standard', instanceKey('m5.large', { operatingSystem: 'Windows', preInstalledSw: 'SQL Std' }), 0.69, { preInstalledSw: 'SQL Std' }],
    ['Windows with SQL Server Enterprise', instanceKey('m5.large', { operatingSystem: 'Windows', preInstalledSw: 'SQL Ent' }), 1.71, { preInstalledSw: 'SQL Ent' }],
    ['RHEL', instanceKey('m5.large', { operatingSystem: 'RHEL' }), 0.1468, { operatingSystem: 'RHEL' }],
    ['Dedicated tenancy (not the shared)', instanceKey('m5.large', { tenancy: 'Dedicated' }), 0.1298, { tenancy: 'Dedicated' }],
  ])('picks the on-demand %s price among the decoys', async (_what, key, usd, attributes) => {
    const result = await handler({ key });

    expect(result).toMatchObject({ status: 'priced', usd });
    expect(fixtureItemBySku(result.sku!)?.product.attributes).toMatchObject(attributes);
  });

  const volumeAndAddressPrices: [PriceKey, number, string][] = [
    [withId({ kind: 'ebs-storage', region: SEOUL, volumeType: 'gp3' }), 0.0912, 'GB-Mo'],
    [withId({ kind: 'ebs-storage', region: SEOUL, volumeType: 'io2' }), 0.1425, 'GB-Mo'],
    [withId({ kind: 'ebs-iops', region: SEOUL, volumeType: 'io2' }), 0.0741, 'IOPS-Mo'],
    [withId({ kind: 'ebs-iops', region: SEOUL, volumeType: 'gp3' }), 0.0057, 'IOPS-Mo'],
    [withId({ kind: 'ebs-throughput', region: SEOUL, volumeType: 'gp3' }), 0.0456, 'MiBps-Mo'],
    [withId({ kind: 'snapshot', region: SEOUL }), 0.05, 'GB-Mo'],
    [withId({ kind: 'ipv4', region: SEOUL, usage: 'InUse' }), 0.005, 'Hrs'],
    [withId({ kind: 'ipv4', region: SEOUL, usage: 'Idle' }), 0.005, 'Hrs'],
  ];
  it.each(volumeAndAddressPrices.map(([key, usd, unit]) => [key.id, key, usd, unit] as const))(
    'prices %s from its own product, in one call (io2 IOPS tiers and snapshot archive are not mistaken for it)',
    async (_id, key, usd, unit) => {
      const result = await handler({ key });

      expect(result).toMatchObject({ id: key.id, status: 'priced', usd, unit });
      expect(server.counters().getProducts).toBe(1);
    },
  );

  it('reports an unknown instance type as unpriced, saying which filters matched nothing', async () => {
    const result = await handler({ key: instanceKey('m99.huge') });

    expect(result).toEqual({
      id: 'ec2|ap-northeast-2|m99.huge|Linux|NA|No License required|Shared',
      status: 'unpriced',
      reason: expect.stringMatching(/^no SKU matched AmazonEC2 .*instanceType="m99.huge"/),
    });
  });

  it('raises the retryable ThrottlingError when the Pricing API keeps throttling', async () => {
    // Prepare: more throttles than the SDK's own retries absorb
    server.setFaults({ throttleNext: 100 });

    // Act
    const call = handler({ key: instanceKey('m5.large') });

    // Assess
    await expect(call).rejects.toThrow(ThrottlingError);
    await expect(call).rejects.toMatchObject({
      name: 'ThrottlingError',
      message: expect.stringContaining('GetProducts for ec2|ap-northeast-2|m5.large'),
    });
    expect(server.counters().throttled).toBeGreaterThan(0);
  });

  it('refuses a malformed Map item by name, before calling the Pricing API', async () => {
    const call = handler({ key: { kind: 'ec2', region: SEOUL, id: 'x' } });

    await expect(call).rejects.toMatchObject({ name: 'InvalidInputError', message: expect.stringContaining('key.instanceType') });
    expect(server.counters().getProducts).toBe(0);
  });
});
