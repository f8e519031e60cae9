/**
 * The local Pricing endpoint as the real @aws-sdk/client-pricing sees it: each test file runs its
 * own instance (own port, own counters) over the committed fixtures, so parallel runs never share
 * request counts with the dev stack on 4567.
 */
import {
  DescribeServicesCommand,
  GetAttributeValuesCommand,
  GetProductsCommand,
  PricingClient,
  paginateGetProducts,
  type Filter,
} from '@aws-sdk/client-pricing';
import { startPricingServer, type PricingServer } from '../../scripts/local/pricing-server';
import type { PriceListItem } from '../../scripts/local/pricing/price-list';

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

/** The DESIGN.md filter set that must pin one on-demand SKU: a Seoul m5.large running Linux. */
const SEOUL_M5_LARGE_LINUX: Filter[] = [
  term('productFamily', 'Compute Instance'),
  term('regionCode', 'ap-northeast-2'),
  term('instanceType', 'm5.large'),
  term('operatingSystem', 'Linux'),
  term('preInstalledSw', 'NA'),
  term('licenseModel', 'No License required'),
  term('tenancy', 'Shared'),
  term('capacitystatus', 'Used'),
];

function parsePriceList(priceList: string[] | undefined): PriceListItem[] {
  return (priceList ?? []).map((json) => JSON.parse(json) as PriceListItem);
}

function onDemandUsd(item: PriceListItem): string | undefined {
  const [termEntry] = Object.values(item.terms.OnDemand ?? {});
  const [dimension] = Object.values(termEntry?.priceDimensions ?? {});
  return dimension?.pricePerUnit.USD;
}

let server: PricingServer;
let pricing: PricingClient;

beforeAll(async () => {
  server = await startPricingServer({ host: '127.0.0.1', port: 0 });
  pricing = new PricingClient({ region: 'us-east-1', endpoint: server.url });
});

afterAll(async () => {
  pricing.destroy();
  await server.close();
});

beforeEach(() => server.reset());

describe('GetProducts through the real PricingClient', () => {
  it('pins exactly one on-demand SKU for a Seoul m5.large Linux with the exact-one filter set', async () => {
    // Act
    const response = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: SEOUL_M5_LARGE_LINUX, FormatVersion: 'aws_v1' }));

    // Assess
    const items = parsePriceList(response.PriceList);
    expect(response.FormatVersion).toBe('aws_v1');
    expect(items).toHaveLength(1);
    expect(items[0]?.product.attributes).toMatchObject({ usagetype: 'APN2-BoxUsage:m5.large', location: 'Asia Pacific (Seoul)', vcpu: '2', memory: '8 GiB' });
    expect(onDemandUsd(items[0] as PriceListItem)).toBe('0.1180000000');
    expect(response.NextToken).toBeUndefined();
  });

  it('returns the capacity-reservation decoys too when capacitystatus is left out', async () => {
    // Prepare
    const withoutCapacityStatus = SEOUL_M5_LARGE_LINUX.filter((filter) => filter.Field !== 'capacitystatus');

    // Act
    const response = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: withoutCapacityStatus }));

    // Assess
    const statuses = parsePriceList(response.PriceList).map((item) => item.product.attributes.capacitystatus);
    expect(statuses.sort()).toEqual(['AllocatedCapacityReservation', 'UnusedCapacityReservation', 'Used']);
  });

  it('pages with MaxResults/NextToken and returns every product exactly once', async () => {
    // Prepare: all us-east-1 m5.large SKUs (18 licensings × Shared/Dedicated/Host = 54, plus the
    // Allocated/Unused capacity-reservation decoys of the 5 licensings that keep them = 64)
    const filters = [term('regionCode', 'us-east-1'), term('instanceType', 'm5.large')];

    // Act
    const skus: string[] = [];
    let pages = 0;
    for await (const page of paginateGetProducts({ client: pricing, pageSize: 7 }, { ServiceCode: 'AmazonEC2', Filters: filters })) {
      pages += 1;
      expect(page.PriceList?.length).toBeLessThanOrEqual(7);
      skus.push(...parsePriceList(page.PriceList).map((item) => item.product.sku));
    }

    // Assess
    const unpaged = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: filters, MaxResults: 100 }));
    expect(skus).toHaveLength(64);
    expect(new Set(skus).size).toBe(64);
    expect(skus).toEqual(parsePriceList(unpaged.PriceList).map((item) => item.product.sku));
    expect(pages).toBe(10);
    expect(server.counters().getProducts).toBe(11);
  });

  it('matches nothing for a value in the wrong case, rather than guessing', async () => {
    // Act
    const response = await pricing.send(
      new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [term('regionCode', 'ap-northeast-2'), term('instanceType', 'm5.large'), term('operatingSystem', 'linux')] }),
    );

    // Assess
    expect(response.PriceList).toEqual([]);
  });

  it('serves public IPv4 prices under AmazonVPC', async () => {
    // Act
    const response = await pricing.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonVPC',
        Filters: [term('regionCode', 'ap-northeast-2'), term('group', 'VPCPublicIPv4Address'), { Type: 'CONTAINS', Field: 'usagetype', Value: 'IdleAddress' }],
      }),
    );

    // Assess
    const items = parsePriceList(response.PriceList);
    expect(items.map((item) => [item.product.attributes.usagetype, onDemandUsd(item)])).toEqual([['APN2-PublicIPv4:IdleAddress', '0.0050000000']]);
  });

  it('is reached through AWS_ENDPOINT_URL_PRICING without an endpoint in code', async () => {
    // Prepare
    const saved = process.env.AWS_ENDPOINT_URL_PRICING;
    process.env.AWS_ENDPOINT_URL_PRICING = server.url;
    const fromEnvironment = new PricingClient({ region: 'us-east-1' });

    // Act
    let response;
    try {
      response = await fromEnvironment.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: SEOUL_M5_LARGE_LINUX }));
    } finally {
      fromEnvironment.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_PRICING;
      else process.env.AWS_ENDPOINT_URL_PRICING = saved;
    }

    // Assess
    expect(response.PriceList).toHaveLength(1);
    expect(server.counters().getProducts).toBe(1);
  });
});

describe('test-harness controls', () => {
  it('counts GetProducts requests per service code and records their filters', async () => {
    // Act
    await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: SEOUL_M5_LARGE_LINUX }));
    await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [term('volumeApiName', 'gp3')] }));
    await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonVPC' }));

    // Assess
    const counters = server.counters();
    expect(counters.getProducts).toBe(3);
    expect(counters.byServiceCode).toEqual({ AmazonEC2: 2, AmazonVPC: 1 });
    expect(counters.requests[1]).toEqual({ ServiceCode: 'AmazonEC2', Filters: [{ Type: 'TERM_MATCH', Field: 'volumeApiName', Value: 'gp3' }] });
    const overHttp = (await (await fetch(`${server.url}/_counters`)).json()) as { getProducts: number };
    expect(overHttp.getProducts).toBe(3);
  });

  it('POST /_reset clears the counters', async () => {
    // Prepare
    await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonVPC' }));

    // Act
    const reset = await fetch(`${server.url}/_reset`, { method: 'POST' });

    // Assess
    expect(reset.status).toBe(200);
    expect(server.counters()).toMatchObject({ getProducts: 0, byServiceCode: {}, requests: [] });
  });

  it('injected throttling surfaces in the SDK as a ThrottlingException once its retries are spent', async () => {
    // Prepare
    const noRetries = new PricingClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1 });
    server.setFaults({ throttleNext: 1 });

    // Act
    const call = noRetries.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: SEOUL_M5_LARGE_LINUX }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    noRetries.destroy();
    expect(server.counters()).toMatchObject({ getProducts: 1, throttled: 1 });
  });

  it('the SDK retries an injected throttle by itself and then gets the price', async () => {
    // Prepare
    server.setFaults({ throttleNext: 1 });

    // Act
    const response = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: SEOUL_M5_LARGE_LINUX }));

    // Assess
    expect(response.PriceList).toHaveLength(1);
    expect(server.counters()).toMatchObject({ getProducts: 2, throttled: 1 });
  });

  it('POST /_faults {"throttle":{"every":2}} throttles every second GetProducts', async () => {
    // Prepare
    const noRetries = new PricingClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1 });
    const faults = await fetch(`${server.url}/_faults`, { method: 'POST', body: JSON.stringify({ throttle: { every: 2 } }) });
    expect(faults.status).toBe(200);
    const get = () => noRetries.send(new GetProductsCommand({ ServiceCode: 'AmazonVPC' })).then(() => 'ok', (error: Error) => error.name);

    // Act
    const outcomes = [await get(), await get(), await get(), await get()];

    // Assess
    noRetries.destroy();
    expect(outcomes).toEqual(['ok', 'ThrottlingException', 'ok', 'ThrottlingException']);
  });

  it('rejects a malformed fault with the reason', async () => {
    // Act
    const response = await fetch(`${server.url}/_faults`, { method: 'POST', body: JSON.stringify({ throttle: { every: 0 } }) });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('throttle.every must be a positive integer');
  });

  it('GET /health answers 200', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
  });
});

describe('protocol errors', () => {
  const post = (target: string, body: string) =>
    fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target }, body });

  it('an unknown X-Amz-Target gets an UnknownOperationException that names it', async () => {
    // Act
    const response = await post('AWSPriceListService.DeleteEverything', '{}');

    // Assess
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain('AWSPriceListService.DeleteEverything');
  });

  it('a body that is not JSON gets a SerializationException', async () => {
    // Act
    const response = await post('AWSPriceListService.GetProducts', '{"ServiceCode": ');

    // Assess
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('MaxResults above 100 and an unknown filter type are InvalidParameterException in the SDK', async () => {
    // Act
    const tooMany = pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', MaxResults: 101 }));
    const badType = pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [{ Type: 'STARTS_WITH' as Filter['Type'], Field: 'instanceType', Value: 'm5' }] }));

    // Assess
    await expect(tooMany).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('MaxResults') });
    await expect(badType).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('Type') });
  });

  it('a NextToken replayed with other filters is an InvalidNextTokenException, not a silent skip', async () => {
    // Prepare
    const first = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [term('regionCode', 'us-east-1')], MaxResults: 5 }));

    // Act
    const replay = pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [term('regionCode', 'ap-northeast-2')], MaxResults: 5, NextToken: first.NextToken }));

    // Assess
    expect(first.NextToken).toEqual(expect.any(String));
    await expect(replay).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });
});

describe('DescribeServices and GetAttributeValues', () => {
  it('list the served services and an attribute’s distinct values', async () => {
    // Act
    const services = await pricing.send(new DescribeServicesCommand({}));
    const volumeTypes = await pricing.send(new GetAttributeValuesCommand({ ServiceCode: 'AmazonEC2', AttributeName: 'volumeApiName' }));

    // Assess
    expect(services.Services?.map((service) => service.ServiceCode)).toEqual(['AmazonEC2', 'AmazonRDS', 'AmazonVPC']);
    expect(services.Services?.[0]?.AttributeNames).toEqual(expect.arrayContaining(['capacitystatus', 'instanceType', 'regionCode']));
    expect(services.Services?.[1]?.AttributeNames).toEqual(expect.arrayContaining(['databaseEngine', 'deploymentOption', 'instanceType', 'licenseModel', 'regionCode']));
    expect(volumeTypes.AttributeValues?.map((value) => value.Value)).toEqual(['gp2', 'gp3', 'io1', 'io2', 'sc1', 'st1', 'standard']);
  });
});
