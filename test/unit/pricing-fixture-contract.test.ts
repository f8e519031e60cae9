/**
 * Contract between the local Pricing fixtures and what AWS really returns: every fixture item must
 * be of a kind real Price List data has, with that kind's product family (or none), usage type,
 * unit, attribute names and price-dimension structure. The shapes come from real items — the
 * reference items in test/fixtures/pricing-reference/ (copies of ../shared/reference/pricing/) and
 * the public captures named per shape (test/fixtures/pricing/README.md) — so the fixtures cannot
 * drift into a format AWS never returns, as they once did (IPv4 under an invented productFamily,
 * gp3 throughput in an invented unit).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureFiles } from '../../scripts/local/pricing/generate-fixtures';
import { parsePriceListLines, type PriceListItem, type PriceTerm } from '../../scripts/local/pricing/price-list';

const REFERENCE_DIR = join(__dirname, '..', 'fixtures', 'pricing-reference');
const referenceCompute = JSON.parse(readFileSync(join(REFERENCE_DIR, 'getproducts-m5.large-us-east-1.json'), 'utf8')) as PriceListItem;
const referenceIpv4 = JSON.parse(readFileSync(join(REFERENCE_DIR, 'getproducts-public-ipv4-ap-south-1.json'), 'utf8')) as PriceListItem[];
/** Real AmazonRDS products from offer files (their sources are in the file), in the offer file's shape. */
const referenceRds = JSON.parse(readFileSync(join(REFERENCE_DIR, 'amazonrds-products.json'), 'utf8')) as {
  products: Record<string, { sku: string; productFamily: string; attributes: Record<string, string> }>;
  onDemandTerms: Record<string, Record<string, PriceTerm>>;
};
/** The region each RDS capture's location names (the older ones predate regionCode). */
const RDS_REGION: Readonly<Record<string, string>> = { 'US West (Oregon)': 'us-west-2', 'Asia Pacific (Tokyo)': 'ap-northeast-1', 'US East (N. Virginia)': 'us-east-1' };
/** The captures as GetProducts items: the offer file's product and its on-demand term. */
const referenceRdsItems: PriceListItem[] = Object.values(referenceRds.products).map((product) => ({
  product: { ...product, attributes: { regionCode: RDS_REGION[product.attributes.location ?? ''] ?? '', ...product.attributes } },
  serviceCode: 'AmazonRDS',
  terms: referenceRds.onDemandTerms[product.sku] ? { OnDemand: referenceRds.onDemandTerms[product.sku] } : {},
}));

/** Usage-type region prefixes (AWS Region billing codes): none in us-east-1. */
const USAGE_PREFIX: Readonly<Record<string, string>> = { 'us-east-1': '', 'ap-northeast-2': 'APN2-', 'ap-south-1': 'APS3-', 'us-west-2': 'USW2-', 'ap-northeast-1': 'APN1-' };

/** Attributes every current item carries that older captures predate (the reference README: newer items carry regionCode). */
const NEWER = ['regionCode', 'servicename'];
const COMMON = ['servicecode', 'location', 'locationType', 'usagetype', 'operation', ...NEWER];

interface Shape {
  kind: string;
  serviceCode: 'AmazonEC2' | 'AmazonVPC' | 'AmazonRDS';
  /** undefined: the item must have no productFamily at all. */
  productFamily: string | undefined;
  /** The usage type after its region prefix. */
  usageType: RegExp;
  unit: string;
  /** Attribute names a real item of this kind has; a fixture may leave some out, never add one. */
  attributes: readonly string[];
  /** Attribute names our queries filter on: the fixture must have them. */
  filtered: readonly string[];
  source: string;
}

const COMPUTE_ATTRIBUTES = [...Object.keys(referenceCompute.product.attributes), ...NEWER];
const COMPUTE_FILTERED = ['regionCode', 'instanceType', 'operatingSystem', 'preInstalledSw', 'licenseModel', 'tenancy', 'capacitystatus'];
const DATABASE_INSTANCE_ATTRIBUTES = [...new Set([...Object.values(referenceRds.products).flatMap((p) => Object.keys(p.attributes)), ...NEWER])];

const SHAPES: readonly Shape[] = [
  {
    kind: 'instance',
    serviceCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    // On demand, capacity reservations, Dedicated, on a Dedicated Host (billing codes for Amazon EC2).
    usageType: /^(BoxUsage|Reservation|UnusedBox|DedicatedUsage|HostBoxUsage):[a-z0-9-]+\.[a-z0-9]+$/,
    unit: 'Hrs',
    attributes: COMPUTE_ATTRIBUTES,
    filtered: COMPUTE_FILTERED,
    source: 'reference getproducts-m5.large-us-east-1.json',
  },
  {
    kind: 'public IPv4',
    serviceCode: 'AmazonVPC',
    productFamily: undefined,
    usageType: /^PublicIPv4:(InUse|Idle)Address$/,
    unit: 'Hrs',
    attributes: Object.keys(referenceIpv4[0]!.product.attributes),
    filtered: ['regionCode', 'group', 'usagetype'],
    source: 'reference getproducts-public-ipv4-ap-south-1.json',
  },
  {
    kind: 'volume storage',
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage',
    usageType: /^EBS:VolumeUsage(\.(gp2|gp3|piops|io2|st1|sc1))?$/,
    unit: 'GB-Mo',
    attributes: [...COMMON, 'storageMedia', 'volumeType', 'maxVolumeSize', 'maxIopsvolume', 'maxIopsBurstPerformance', 'maxThroughputvolume', 'volumeApiName'],
    filtered: ['regionCode', 'volumeApiName'],
    source: 'lyft/awspricing tests/data/ebs_offer.py, SKU HY3BZPP2B6K8MSJF (gp2); volumeApiName as public pricing code filters on it (infracost ebs_volume.go)',
  },
  {
    kind: 'provisioned IOPS',
    serviceCode: 'AmazonEC2',
    productFamily: 'System Operation',
    usageType: /^EBS:VolumeP-IOPS\.(piops|gp3|io2|io2\.tier2|io2\.tier3)$/,
    unit: 'IOPS-Mo',
    attributes: [...COMMON, 'provisioned', 'group', 'groupDescription', 'volumeApiName'],
    filtered: ['regionCode', 'volumeApiName', 'usagetype'],
    source: 'lyft/awspricing tests/data/ebs_offer.py, SKU D8RDVC722HKNR55G (io1); usage types per the reference table',
  },
  {
    kind: 'gp3 throughput',
    serviceCode: 'AmazonEC2',
    productFamily: 'Provisioned Throughput',
    usageType: /^EBS:VolumeP-Throughput\.gp3$/,
    unit: 'GiBps-mo',
    attributes: [...COMMON, 'volumeApiName'],
    filtered: ['regionCode', 'volumeApiName', 'usagetype'],
    source: 'reference table (GiBps-mo, 40.96 USD in us-east-1; SKU ZDC2V7MBY9Z73F7V); attributes: only those every item has plus what infracost filters on',
  },
  {
    kind: 'magnetic I/O',
    serviceCode: 'AmazonEC2',
    productFamily: 'System Operation',
    usageType: /^EBS:VolumeIOUsage$/,
    // Per request: public pricing code multiplies the listed price by 1,000,000 to show it per million requests.
    unit: 'IOs',
    attributes: [...COMMON, 'volumeApiName'],
    filtered: ['regionCode', 'volumeApiName', 'usagetype'],
    source: 'reference table; unit per request as infracost ebs_volume.go reads it (UnitMultiplier 1,000,000) and bills count it ("IOs")',
  },
  {
    kind: 'snapshot',
    serviceCode: 'AmazonEC2',
    productFamily: 'Storage Snapshot',
    usageType: /^EBS:(SnapshotUsage|SnapshotArchiveStorage)$/,
    unit: 'GB-Mo',
    attributes: [...COMMON, 'storageMedia'],
    filtered: ['regionCode', 'usagetype'],
    source: 'lyft/awspricing tests/data/ec2_offer.py, SKU 7U7TWP44UP36AT3R (standard); archive usage type per the reference table',
  },
  {
    kind: 'Dedicated Host',
    serviceCode: 'AmazonEC2',
    productFamily: 'Dedicated Host',
    usageType: /^(Reserved)?HostUsage:[a-z0-9-]+$/,
    unit: 'Hrs',
    attributes: [
      ...COMMON,
      'instanceType', 'instanceFamily', 'currentGeneration', 'vcpu', 'physicalCores', 'memory', 'storage', 'ecu', 'networkPerformance',
      'normalizationSizeFactor', 'physicalProcessor', 'clockSpeed', 'processorFeatures', 'processorArchitecture', 'tenancy', 'operatingSystem',
      'licenseModel', 'preInstalledSw', 'capacitystatus',
      'instanceCapacityMedium', 'instanceCapacityLarge', 'instanceCapacityXlarge', 'instanceCapacity2xlarge', 'instanceCapacity4xlarge',
      'instanceCapacity8xlarge', 'instanceCapacity9xlarge', 'instanceCapacity12xlarge', 'instanceCapacity16xlarge', 'instanceCapacity18xlarge',
      'instanceCapacity24xlarge',
    ],
    filtered: ['regionCode', 'instanceType', 'tenancy', 'usagetype'],
    source: 'lyft/awspricing tests/data/ec2_offer.py, SKU 92WGTJSJZEKKZQCW (on demand, tenancy Host); asheiduk/as-scripts x (Reserved offers)',
  },
  {
    kind: 'DB instance',
    serviceCode: 'AmazonRDS',
    productFamily: 'Database Instance',
    // Single-AZ, Multi-AZ, Multi-AZ DB cluster (per hour of the whole cluster), and Aurora I/O-Optimized (the decoy the
    // query keeps out); large classes abbreviated (db.r5b.16xl).
    usageType: /^(InstanceUsage|Multi-AZUsage|Multi-AZClusterUsage|InstanceUsageIOOptimized):db\.[a-z0-9]+\.[a-z0-9]+$/,
    unit: 'Hrs',
    attributes: DATABASE_INSTANCE_ATTRIBUTES,
    // storage: "EBS Only", or "Aurora IO Optimization Mode" on Aurora I/O-Optimized products (the I/O-Optimized query pins it).
    filtered: ['regionCode', 'instanceType', 'databaseEngine', 'deploymentOption', 'licenseModel', 'usagetype', 'storage'],
    source: 'test/fixtures/pricing-reference/amazonrds-products.json: lyft/awspricing rds_offer.py SKUs UHQB4SMCY7W62UNV, RYXYA7XK2PDKTNV4; FOCUS example SKU 6ERZSWKKAH5TDEQ2; Multi-AZ DB clusters: APN2-Multi-AZClusterUsage:db.m6gd.large, deploymentOption "Multi-AZ (readable standbys)" in public captures (functions/shared/db-clusters.ts); Aurora I/O-Optimized: InstanceUsageIOOptimized:<class> with storage "Aurora IO Optimization Mode" in public Pricing API clients and captures (functions/shared/price-keys.ts)',
  },
  {
    kind: 'Aurora Serverless v2',
    serviceCode: 'AmazonRDS',
    productFamily: 'ServerlessV2',
    usageType: /^Aurora:ServerlessV2(IOOptimized)?Usage$/,
    unit: 'ACU-Hr',
    // A public listing of the real items' attribute names shows databaseEngine, engineCode, location, locationType,
    // operation, regionCode and four more (servicecode, servicename, usagetype, and one not named there).
    attributes: [...COMMON, 'engineCode', 'databaseEngine'],
    filtered: ['regionCode', 'usagetype', 'databaseEngine'],
    source: 'productFamily ServerlessV2, databaseEngine, usagetype Aurora:ServerlessV2Usage / Aurora:ServerlessV2IOOptimizedUsage and unit ACU-Hr as public pricing code queries them (infracost rds_cluster_instance.go auroraServerlessV2CostComponent); a 2025 Pricing API capture for Aurora PostgreSQL us-east-1 (SKUs AVKW7ZJP8D72HNQC 0.12, KG668U3YXJQ6YH9Y 0.16 per ACU-Hr); no full item captured',
  },
  {
    kind: 'DB storage',
    serviceCode: 'AmazonRDS',
    productFamily: 'Database Storage',
    usageType: /^RDS:(Multi-AZ-)?(GP2-Storage|GP3-Storage|PIOPS-Storage|PIOPS-Storage-IO2|StorageUsage)$|^RDS:Multi-AZCluster-(GP3-Storage|PIOPS-Storage|PIOPS-Storage-IO2)$/,
    unit: 'GB-Mo',
    attributes: [...COMMON, 'storageMedia', 'volumeType', 'volumeName', 'minVolumeSize', 'maxVolumeSize', 'engineCode', 'databaseEngine', 'databaseEdition', 'deploymentOption'],
    filtered: ['regionCode', 'deploymentOption', 'usagetype', 'databaseEngine'],
    source: 'usage types as billed (RDS:GP2-Storage, RDS:Multi-AZ-GP3-Storage in public Cost Explorer and CUR captures; RDS:Multi-AZCluster-GP3-Storage, -PIOPS-Storage with deploymentOption "Multi-AZ (readable standbys)" in public pricing code and captures); volumeType, databaseEngine (an engine or Any) and deploymentOption as public pricing code filters on them; no full item captured',
  },
  {
    kind: 'RDS Provisioned IOPS',
    serviceCode: 'AmazonRDS',
    productFamily: 'Provisioned IOPS',
    usageType: /^RDS:(Multi-AZ-)?(PIOPS|GP3-PIOPS|IO2-PIOPS)$/,
    unit: 'IOPS-Mo',
    attributes: [...COMMON, 'group', 'groupDescription', 'volumeType', 'databaseEngine', 'deploymentOption'],
    filtered: ['regionCode', 'deploymentOption', 'usagetype'],
    source: 'a 2026 capture of the live us-east-1 Price List (RDS:GP3-PIOPS 0.02, RDS:Multi-AZ-GP3-PIOPS 0.04, RDS:PIOPS and RDS:IO2-PIOPS 0.10, unit IOPS-Mo, groupDescription, deploymentOption); infracost db_instance.go (productFamily "Provisioned IOPS", groupDescription "RDS Provisioned IOPS" / "RDS Provisioned GP3 IOPS", databaseEngine Any); a public AmazonRDS GetProducts client (groupDescription "RDS Provisioned IO2 IOPS", volumeType on io2 only); group "RDS-PIOPS" in a public spec of AmazonRDS attributes; no full item captured',
  },
  {
    kind: 'RDS gp3 throughput',
    serviceCode: 'AmazonRDS',
    productFamily: 'Provisioned Throughput',
    usageType: /^RDS:(Multi-AZ-)?GP3-Throughput$/,
    // Not captured: per MiBps-month as the RDS pricing page words it; price-items leaves any unit other than MiBps-Mo or GiBps-mo unpriced.
    unit: 'MiBps-Mo',
    attributes: [...COMMON, 'deploymentOption', 'databaseEngine'],
    filtered: ['regionCode', 'deploymentOption', 'usagetype'],
    source: 'RDS:GP3-Throughput in public offer-file readers (use1-rds:gp3-throughput); productFamily "Provisioned Throughput" with deploymentOption in a public AmazonRDS GetProducts client; unit not captured; Multi-AZ- prefix by the rule every other Multi-AZ RDS usage type follows',
  },
  {
    kind: 'Aurora storage',
    serviceCode: 'AmazonRDS',
    productFamily: 'Database Storage',
    usageType: /^Aurora:(StorageUsage|IO-OptimizedStorageUsage)$/,
    unit: 'GB-Mo',
    attributes: [...COMMON, 'storageMedia', 'volumeType', 'engineCode', 'databaseEngine', 'deploymentOption'],
    filtered: ['regionCode', 'usagetype', 'databaseEngine'],
    source: 'usage types as billed (Aurora:StorageUsage, Aurora:IO-OptimizedStorageUsage in public CUR queries and pricing code: infracost rds_cluster.go filters productFamily "Database Storage", usagetype and databaseEngine an Aurora engine or Any, unit GB); volumeType General Purpose-Aurora as public pricing code filters on it; no full item captured',
  },
  {
    kind: 'Aurora I/O',
    serviceCode: 'AmazonRDS',
    productFamily: 'System Operation',
    usageType: /^Aurora:StorageIOUsage$/,
    // Per request, as public pricing code reads it (unit "IOs", shown per 1,000,000) and AWS prices it per million requests.
    unit: 'IOs',
    attributes: [...COMMON, 'group', 'groupDescription', 'databaseEngine'],
    filtered: ['regionCode', 'usagetype', 'databaseEngine'],
    source: 'usage type as billed (Aurora:StorageIOUsage in public Cost Explorer captures); productFamily System Operation, unit IOs and databaseEngine Any as public pricing code filters on them (infracost rds_cluster.go; c3x PreferUnit "IOs"); group attributes not captured',
  },
  {
    kind: 'CPU credits',
    serviceCode: 'AmazonEC2',
    productFamily: 'CPU Credits',
    usageType: /^CPUCredits:(t2|t3|t3a|t4g)$/,
    unit: 'vCPU-Hours',
    attributes: [...COMMON, 'operatingSystem'],
    filtered: ['regionCode', 'operatingSystem', 'usagetype'],
    source: 'usage type and unit as billed (CPUCredits:t3, USE2-CPUCredits:t3a in vCPU-Hours in public Cost Explorer and CUR exports); productFamily "CPU Credits", operatingSystem and usagetype as public pricing code filters on them (infracost instance.go cpuCreditCostComponent); no full item captured',
  },
  {
    kind: 'Dedicated Instance region fee',
    serviceCode: 'AmazonEC2',
    productFamily: 'Fee',
    usageType: /^DedicatedUsage$/,
    unit: 'Hrs',
    attributes: [...COMMON, 'group', 'groupDescription'],
    filtered: ['regionCode', 'group'],
    source: 'lyft/awspricing tests/data/ec2_offer.py, SKU URVAJM83XJ7HC9TD',
  },
];

/** What an item's usage type is once its region's prefix is removed; undefined when the prefix is wrong. */
function withoutRegionPrefix(item: PriceListItem): string | undefined {
  const { regionCode = '', usagetype = '' } = item.product.attributes;
  const prefix = USAGE_PREFIX[regionCode];
  if (prefix === undefined) return undefined;
  if (prefix === '') return /^[A-Z]{2,4}[0-9]?-/.test(usagetype) ? undefined : usagetype;
  return usagetype.startsWith(prefix) ? usagetype.slice(prefix.length) : undefined;
}

function shapeOf(item: PriceListItem): Shape | undefined {
  const usageType = withoutRegionPrefix(item);
  if (usageType === undefined) return undefined;
  return SHAPES.find((shape) => shape.serviceCode === item.serviceCode && shape.productFamily === item.product.productFamily && shape.usageType.test(usageType));
}

const DIMENSION_KEYS = ['appliesTo', 'beginRange', 'description', 'endRange', 'pricePerUnit', 'rateCode', 'unit'];
const TERM_KEYS = ['effectiveDate', 'offerTermCode', 'priceDimensions', 'sku', 'termAttributes'];

/** Everything about an item's structure that differs from a real GetProducts item, as readable lines. */
function structureProblems(item: PriceListItem): string[] {
  const problems: string[] = [];
  const sku = item.product.sku;
  const keys = (value: object) => Object.keys(value).sort().join(',');
  if (keys(item) !== 'product,publicationDate,serviceCode,terms,version') problems.push(`item keys ${keys(item)}`);
  const expectedProduct = item.product.productFamily === undefined ? 'attributes,sku' : 'attributes,productFamily,sku';
  if (keys(item.product) !== expectedProduct) problems.push(`product keys ${keys(item.product)}`);
  const onDemand = Object.entries(item.terms.OnDemand ?? {});
  const reserved = Object.entries(item.terms.Reserved ?? {});
  if (onDemand.length === 0 && reserved.length === 0) problems.push('no terms');
  for (const [termKey, term] of [...onDemand, ...reserved] as [string, PriceTerm][]) {
    if (keys(term) !== TERM_KEYS.join(',')) problems.push(`term keys ${keys(term)}`);
    if (termKey !== `${sku}.${term.offerTermCode}` || term.sku !== sku) problems.push(`term key ${termKey}`);
    for (const [rateCode, dimension] of Object.entries(term.priceDimensions)) {
      if (rateCode !== dimension.rateCode || !rateCode.startsWith(`${termKey}.`)) problems.push(`rate code ${rateCode}`);
      // Upfront fees have no range, as in the reference's Reserved offers.
      const expected = dimension.unit === 'Quantity' ? DIMENSION_KEYS.filter((k) => !k.endsWith('Range')) : DIMENSION_KEYS;
      if (keys(dimension) !== expected.join(',')) problems.push(`dimension keys ${keys(dimension)}`);
      if (keys(dimension.pricePerUnit) !== 'USD' || !/^\d+(\.\d{10})?$/.test(dimension.pricePerUnit.USD)) problems.push(`price ${JSON.stringify(dimension.pricePerUnit)}`);
    }
  }
  if (onDemand.length > 1) problems.push(`${onDemand.length} on-demand terms`);
  return problems;
}

/** Against its shape: family, unit, attribute names. */
function shapeProblems(item: PriceListItem, shape: Shape): string[] {
  const problems: string[] = [];
  const names = Object.keys(item.product.attributes);
  const invented = names.filter((name) => !shape.attributes.includes(name));
  if (invented.length > 0) problems.push(`attributes a real ${shape.kind} item does not have: ${invented.join(', ')}`);
  const missing = shape.filtered.filter((name) => !names.includes(name));
  if (missing.length > 0) problems.push(`attributes the queries filter on are missing: ${missing.join(', ')}`);
  if (item.product.attributes.servicecode !== item.serviceCode) problems.push(`servicecode ${item.product.attributes.servicecode}`);
  const units = Object.values(item.terms.OnDemand ?? {}).flatMap((term) => Object.values(term.priceDimensions).map((d) => d.unit));
  const wrongUnits = units.filter((unit) => unit !== shape.unit);
  if (wrongUnits.length > 0) problems.push(`unit ${wrongUnits.join(', ')} where a ${shape.kind} is priced per ${shape.unit}`);
  return problems;
}

function fixtureItems(): PriceListItem[] {
  return [...fixtureFiles().entries()].flatMap(([name, text]) => parsePriceListLines(text, name));
}

describe('the contract, checked on the real reference items first', () => {
  it('accepts the real m5.large and public IPv4 items as they are', () => {
    // Prepare: the reference items as GetProducts returned them; the 2021 compute capture predates
    // regionCode (its region is us-east-1, whose usage types have no prefix)
    const compute = { ...referenceCompute, product: { ...referenceCompute.product, attributes: { regionCode: 'us-east-1', ...referenceCompute.product.attributes } } };
    const real = [compute, ...referenceIpv4];

    // Act
    const verdicts = real.map((item) => {
      const shape = shapeOf(item);
      return { sku: item.product.sku, kind: shape?.kind, problems: shape ? [...shapeProblems(item, shape), ...structureProblems(item)] : ['no shape'] };
    });

    // Assess
    expect(verdicts).toEqual([
      { sku: '6C86BEPQVG73ZGGR', kind: 'instance', problems: [] },
      { sku: 'H6SHSM3KDNNZRM9E', kind: 'public IPv4', problems: [] },
      { sku: 'CSRJTKHMAVNJSJAK', kind: 'public IPv4', problems: [] },
    ]);
  });

  it('accepts the real AmazonRDS instance products as DB instances, and sees that the 2017 one lists its price per "hrs", not "Hrs"', () => {
    // Prepare: the captured products (an older offer file, and the FOCUS example with a class whose usage type is abbreviated)
    const shape = SHAPES.find((s) => s.kind === 'DB instance')!;

    // Act
    const verdicts = referenceRdsItems.map((item) => ({ sku: item.product.sku, kind: shapeOf(item)?.kind, problems: shapeProblems(item, shape) }));

    // Assess: current items write Hrs (the fixtures do); price-items leaves an item in any other unit unpriced, naming it
    expect(verdicts).toEqual([
      { sku: 'UHQB4SMCY7W62UNV', kind: 'DB instance', problems: ['unit hrs where a DB instance is priced per Hrs'] },
      { sku: 'RYXYA7XK2PDKTNV4', kind: 'DB instance', problems: [] },
      { sku: '6ERZSWKKAH5TDEQ2', kind: 'DB instance', problems: [] },
    ]);
  });

  it('rejects the formats the old fixtures guessed: IPv4 under a productFamily, throughput per MiBps-Mo', () => {
    const [inUse] = structuredClone(referenceIpv4);
    const guessedIpv4 = { ...inUse!, product: { ...inUse!.product, productFamily: 'IP Address' } };
    const throughputShape = SHAPES.find((s) => s.kind === 'gp3 throughput')!;
    const guessedThroughput: PriceListItem = {
      product: { productFamily: 'Provisioned Throughput', sku: 'X', attributes: { regionCode: 'us-east-1', servicecode: 'AmazonEC2', volumeApiName: 'gp3', usagetype: 'EBS:VolumeP-Throughput.gp3' } },
      serviceCode: 'AmazonEC2',
      terms: { OnDemand: { 'X.JRTCKXETXF': { sku: 'X', offerTermCode: 'JRTCKXETXF', effectiveDate: '', termAttributes: {}, priceDimensions: { d: { unit: 'MiBps-Mo', rateCode: 'd', description: '', appliesTo: [], pricePerUnit: { USD: '0.0400000000' } } } } } },
    };

    expect(shapeOf(guessedIpv4)).toBeUndefined();
    expect(shapeProblems(guessedThroughput, throughputShape)).toContain('unit MiBps-Mo where a gp3 throughput is priced per GiBps-mo');
  });
});

describe('every Price List fixture item matches a real kind', () => {
  const items = fixtureItems();

  it('is of a kind real Price List data has, with that kind’s product family (or none) and usage type behind its region prefix', () => {
    const unknown = items.filter((item) => !shapeOf(item)).map((item) => `${item.serviceCode} ${item.product.productFamily ?? '(no family)'} ${item.product.attributes.usagetype}`);

    expect(unknown).toEqual([]);
  });

  it('has the unit and attribute names of its kind, and every attribute the queries filter on', () => {
    const problems = items.flatMap((item) => {
      const shape = shapeOf(item);
      return shape ? shapeProblems(item, shape).map((p) => `${item.product.sku} ${shape.kind}: ${p}`) : [];
    });

    expect(problems).toEqual([]);
  });

  it('has the structure of a GetProducts item: keys, term and rate codes, prices with 10 decimals', () => {
    const problems = items.flatMap((item) => structureProblems(item).map((p) => `${item.product.sku}: ${p}`));

    expect(problems).toEqual([]);
  });

  it('covers every kind the report prices, in every fixture region', () => {
    const kindsByRegion = new Map<string, Set<string>>();
    for (const item of items) {
      const region = item.product.attributes.regionCode ?? '';
      kindsByRegion.set(region, (kindsByRegion.get(region) ?? new Set()).add(shapeOf(item)?.kind ?? '?'));
    }

    for (const [region, kinds] of kindsByRegion) expect({ region, kinds: [...kinds].sort() }).toEqual({ region, kinds: SHAPES.map((s) => s.kind).sort() });
  });
});
