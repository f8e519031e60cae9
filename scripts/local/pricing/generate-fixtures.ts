/**
 * Generates the local Pricing endpoint's fixtures (test/fixtures/pricing/*.jsonl) from the compact
 * table in fixture-table.ts: Price List items in the real format — product families, attribute
 * sets, usage types and units as real items have them (test/fixtures/pricing/README.md says where
 * each shape comes from; test/unit/pricing-fixture-contract.test.ts holds them to it) — with the
 * decoys real data has (capacity-reservation SKUs, Dedicated and Host tenancy, Windows BYOL,
 * Reserved terms and Reserved host offers, io2 IOPS tiers, snapshot archive). Deterministic: the
 * same table gives byte-identical files.
 *   npx tsx scripts/local/pricing/generate-fixtures.ts [--out DIR]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MULTI_AZ_DB_CLUSTER_DEPLOYMENT } from '../../../functions/shared/db-clusters';
import { FIXTURE_EXTENSION, type PriceDimension, type PriceListItem, type PriceTerm } from './price-list';
import {
  AURORA_IO_OPTIMIZED_FACTOR,
  AURORA_IO_OPTIMIZED_STORAGE_GB_MONTH,
  AURORA_IO_PER_MILLION,
  AURORA_SERVERLESS_V2_ACU_HOURLY,
  AURORA_STORAGE_GB_MONTH,
  CPU_CREDIT_FAMILIES,
  DATABASE_CLASSES,
  DATABASE_ENGINES,
  DATABASE_SEOUL_FACTOR,
  DATABASE_STORAGE,
  DEDICATED_FACTOR,
  DEDICATED_REGION_FEE_HOURLY,
  GP3_THROUGHPUT_MIBPS_MONTH,
  HOST_FAMILIES,
  INSTANCE_TYPES,
  IOPS_PRODUCTS,
  MAGNETIC_IO_PER_MILLION,
  MULTI_AZ_DB_CLUSTER_STORAGE_FACTOR,
  DATABASE_IOPS,
  MULTI_AZ_DB_CLUSTER_STORAGE_USAGE,
  OS_VARIANTS,
  PUBLIC_IPV4_HOURLY,
  REGIONS,
  RESERVED_1YR_FACTOR,
  RESERVED_3YR_UPFRONT_FACTOR,
  SNAPSHOT_ARCHIVE_GB_MONTH,
  SNAPSHOT_GB_MONTH,
  VOLUME_TYPES,
  type DatabaseClassRow,
  type DatabaseEngineRow,
  type HostFamilyRow,
  type InstanceTypeRow,
  type OsVariant,
  type RegionInfo,
} from './fixture-table';

export const ON_DEMAND_TERM_CODE = 'JRTCKXETXF';
const HOURLY_RATE_CODE = '6YS6EN2CT7';
const UPFRONT_RATE_CODE = '2TG2D8R56U';
const RESERVED_1YR_NO_UPFRONT = '4NA7Y494T4';
const RESERVED_3YR_ALL_UPFRONT = 'NQ3QZPMQV9';
const HOURS_IN_3_YEARS = 26280;
const VERSION = '20251101000000';
const EFFECTIVE_DATE = '2025-11-01T00:00:00Z';
const SKU_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const DEFAULT_OUT_DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pricing');

/** A 16-character SKU derived from what the product is, so regeneration keeps SKUs stable. */
export function skuFor(identity: string): string {
  const digest = createHash('sha256').update(identity).digest();
  return [...digest.subarray(0, 16)].map((byte) => SKU_ALPHABET[byte % SKU_ALPHABET.length]).join('');
}

/** Prices are kept to 10 decimals (no float noise; magnetic I/O is 0.00000005 per request) and written like AWS: 10 decimals. */
function roundPrice(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}

function usdString(usd: number): string {
  return roundPrice(usd).toFixed(10);
}

function dollars(usd: number): string {
  return `$${roundPrice(usd)}`;
}

function onDemandTerms(sku: string, usd: number, unit: string, description: string): Record<string, PriceTerm> {
  const termKey = `${sku}.${ON_DEMAND_TERM_CODE}`;
  const rateCode = `${termKey}.${HOURLY_RATE_CODE}`;
  return {
    [termKey]: {
      priceDimensions: {
        [rateCode]: { unit, endRange: 'Inf', description, appliesTo: [], rateCode, beginRange: '0', pricePerUnit: { USD: usdString(usd) } },
      },
      sku,
      effectiveDate: EFFECTIVE_DATE,
      offerTermCode: ON_DEMAND_TERM_CODE,
      termAttributes: {},
    },
  };
}

function reservedTerms(sku: string, onDemandHourly: number, description: string): Record<string, PriceTerm> {
  const term = (code: string, dimensions: PriceDimension[], termAttributes: Record<string, string>): [string, PriceTerm] => [
    `${sku}.${code}`,
    {
      priceDimensions: Object.fromEntries(dimensions.map((dimension) => [dimension.rateCode, dimension])),
      sku,
      effectiveDate: EFFECTIVE_DATE,
      offerTermCode: code,
      termAttributes,
    },
  ];
  const hourly = (code: string, usd: number): PriceDimension => ({
    unit: 'Hrs',
    endRange: 'Inf',
    description,
    appliesTo: [],
    rateCode: `${sku}.${code}.${HOURLY_RATE_CODE}`,
    beginRange: '0',
    pricePerUnit: { USD: usdString(usd) },
  });
  const upfront = (code: string, usd: number): PriceDimension => ({
    unit: 'Quantity',
    description: 'Upfront Fee',
    appliesTo: [],
    rateCode: `${sku}.${code}.${UPFRONT_RATE_CODE}`,
    pricePerUnit: { USD: String(Math.round(usd)) },
  });
  return Object.fromEntries([
    term(RESERVED_1YR_NO_UPFRONT, [hourly(RESERVED_1YR_NO_UPFRONT, onDemandHourly * RESERVED_1YR_FACTOR)], {
      LeaseContractLength: '1yr',
      OfferingClass: 'standard',
      PurchaseOption: 'No Upfront',
    }),
    term(
      RESERVED_3YR_ALL_UPFRONT,
      [
        upfront(RESERVED_3YR_ALL_UPFRONT, onDemandHourly * HOURS_IN_3_YEARS * RESERVED_3YR_UPFRONT_FACTOR),
        hourly(RESERVED_3YR_ALL_UPFRONT, 0),
      ],
      { LeaseContractLength: '3yr', OfferingClass: 'standard', PurchaseOption: 'All Upfront' },
    ),
  ]);
}

const INSTANCE_FAMILIES: Record<string, { instanceFamily: string; physicalProcessor: string; networkPerformance: string }> = {
  t3: { instanceFamily: 'General purpose', physicalProcessor: 'Intel Skylake E5 2686 v5', networkPerformance: 'Up to 5 Gigabit' },
  m5: { instanceFamily: 'General purpose', physicalProcessor: 'Intel Xeon Platinum 8175', networkPerformance: 'Up to 10 Gigabit' },
  m6i: { instanceFamily: 'General purpose', physicalProcessor: 'Intel Xeon 8375C (Ice Lake)', networkPerformance: 'Up to 12.5 Gigabit' },
  c5: { instanceFamily: 'Compute optimized', physicalProcessor: 'Intel Xeon Platinum 8124M', networkPerformance: 'Up to 10 Gigabit' },
  c6i: { instanceFamily: 'Compute optimized', physicalProcessor: 'Intel Xeon 8375C (Ice Lake)', networkPerformance: 'Up to 12.5 Gigabit' },
  r5: { instanceFamily: 'Memory optimized', physicalProcessor: 'Intel Xeon Platinum 8175', networkPerformance: 'Up to 10 Gigabit' },
  r6i: { instanceFamily: 'Memory optimized', physicalProcessor: 'Intel Xeon 8375C (Ice Lake)', networkPerformance: 'Up to 12.5 Gigabit' },
};

const NORMALIZATION_FACTORS: Record<string, string> = { micro: '0.5', small: '1', medium: '2', large: '4', xlarge: '8', '2xlarge': '16' };

const SERVICE_NAMES = {
  AmazonEC2: 'Amazon Elastic Compute Cloud',
  AmazonVPC: 'Amazon Virtual Private Cloud',
  AmazonRDS: 'Amazon Relational Database Service',
} as const;

/** The attributes every item of a service and region carries. */
function commonAttributes(serviceCode: keyof typeof SERVICE_NAMES, region: RegionInfo): Record<string, string> {
  return { servicecode: serviceCode, servicename: SERVICE_NAMES[serviceCode], location: region.location, locationType: 'AWS Region', regionCode: region.regionCode };
}

type Tenancy = 'Shared' | 'Dedicated' | 'Host';
type CapacityStatus = 'Used' | 'AllocatedCapacityReservation' | 'UnusedCapacityReservation';

/**
 * Real usage-type stems per tenancy and capacity status (`BoxUsage:m5.large`, `UnusedBox:m5.large`,
 * `HostBoxUsage:m5.large`: AWS's "codes for Amazon EC2 in billing and usage reports").
 */
const USAGE_STEMS: Record<Tenancy, Partial<Record<CapacityStatus, { stem: string; describe: string }>>> = {
  Shared: {
    Used: { stem: 'BoxUsage', describe: 'On Demand' },
    AllocatedCapacityReservation: { stem: 'Reservation', describe: 'Reservation' },
    UnusedCapacityReservation: { stem: 'UnusedBox', describe: 'Unused Reservation' },
  },
  Dedicated: { Used: { stem: 'DedicatedUsage', describe: 'Dedicated Usage' } },
  Host: { Used: { stem: 'HostBoxUsage', describe: 'Dedicated Host Instance' } },
};

/** What one instance-hour costs: an instance on a Dedicated Host reads $0.000 (the host is billed instead). */
function instanceHourly(region: RegionInfo, row: InstanceTypeRow, os: OsVariant, tenancy: Tenancy): number {
  const linuxHourly = row.linuxHourly[region.regionCode];
  if (linuxHourly === undefined) throw new Error(`no price for ${row.instanceType} in ${region.regionCode}`);
  if (tenancy === 'Host') return 0;
  return roundPrice((tenancy === 'Dedicated' ? linuxHourly * DEDICATED_FACTOR : linuxHourly) + os.surchargePerHour(row));
}

function computeItem(region: RegionInfo, row: InstanceTypeRow, os: OsVariant, tenancy: Tenancy, capacitystatus: CapacityStatus): PriceListItem {
  const usage = USAGE_STEMS[tenancy][capacitystatus];
  if (!usage) throw new Error(`no usage type for ${tenancy} ${capacitystatus}`);
  const [family = '', size = ''] = row.instanceType.split('.');
  const familyInfo = INSTANCE_FAMILIES[family];
  if (!familyInfo) throw new Error(`no family description for ${row.instanceType}`);
  const hourly = instanceHourly(region, row, os, tenancy);
  const sku = skuFor(['AmazonEC2', region.regionCode, row.instanceType, os.key, tenancy, capacitystatus].join('|'));
  const onDemand = onDemandTerms(sku, hourly, 'Hrs', `${dollars(hourly)} per ${usage.describe} ${os.label} ${row.instanceType} Instance Hour`);
  const withReserved = os.withReservedTerms && tenancy === 'Shared' && capacitystatus === 'Used';
  const reserved = withReserved ? reservedTerms(sku, hourly, `${os.reservedLabel}, ${row.instanceType} reserved instance applied`) : undefined;
  return {
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        ...commonAttributes('AmazonEC2', region),
        instanceType: row.instanceType,
        instanceFamily: familyInfo.instanceFamily,
        currentGeneration: 'Yes',
        vcpu: String(row.vcpu),
        memory: `${row.memoryGiB} GiB`,
        storage: 'EBS only',
        networkPerformance: familyInfo.networkPerformance,
        physicalProcessor: familyInfo.physicalProcessor,
        processorArchitecture: '64-bit',
        normalizationSizeFactor: NORMALIZATION_FACTORS[size] ?? '1',
        tenancy,
        operatingSystem: os.operatingSystem,
        licenseModel: os.licenseModel,
        preInstalledSw: os.preInstalledSw,
        capacitystatus,
        usagetype: `${region.usagePrefix}${usage.stem}:${row.instanceType}`,
        operation: os.operation,
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    // Decoy for code that takes the first term it sees: Windows items list Reserved before OnDemand
    // (JSON key order is not a contract).
    terms: reserved && os.operatingSystem === 'Windows' ? { Reserved: reserved, OnDemand: onDemand } : { OnDemand: onDemand, ...(reserved ? { Reserved: reserved } : {}) },
    version: VERSION,
    publicationDate: EFFECTIVE_DATE,
  };
}

function simpleItem(
  serviceCode: keyof typeof SERVICE_NAMES,
  region: RegionInfo,
  productFamily: string | undefined,
  attributes: Record<string, string>,
  price: { usd: number; unit: string; description: string },
): PriceListItem {
  const usagetype = attributes.usagetype ?? '';
  // RDS lists one storage product per engine under the same usage type.
  const sku = skuFor([serviceCode, region.regionCode, productFamily ?? '(none)', usagetype, ...(attributes.databaseEngine ? [attributes.databaseEngine] : [])].join('|'));
  return {
    product: {
      ...(productFamily === undefined ? {} : { productFamily }),
      attributes: {
        ...commonAttributes(serviceCode, region),
        ...attributes,
        operation: attributes.operation ?? '',
      },
      sku,
    },
    serviceCode,
    terms: { OnDemand: onDemandTerms(sku, price.usd, price.unit, price.description) },
    version: VERSION,
    publicationDate: EFFECTIVE_DATE,
  };
}

function priceIn(table: Record<string, number>, region: RegionInfo): number {
  const usd = table[region.regionCode];
  if (usd === undefined) throw new Error(`no price for ${region.regionCode}`);
  return usd;
}

/** Instance types a host of this family runs, e.g. m5.large and m5.xlarge on an m5 host. */
function typesOnHost(host: HostFamilyRow): InstanceTypeRow[] {
  return INSTANCE_TYPES.filter((row) => row.instanceType.startsWith(`${host.instanceFamily}.`));
}

/**
 * A Dedicated Host of one family, on demand (tenancy Host, `HostUsage:<family>`), or the Reserved
 * host offer real data lists beside it (tenancy Reserved, `ReservedHostUsage:<family>`, no
 * on-demand term): shape of the real items in lyft/awspricing tests/data/ec2_offer.py and
 * asheiduk/as-scripts.
 */
function hostItem(region: RegionInfo, host: HostFamilyRow, offer: 'OnDemand' | 'Reserved'): PriceListItem {
  const hourly = priceIn(host.hourly, region);
  const stem = offer === 'OnDemand' ? 'HostUsage' : 'ReservedHostUsage';
  const usagetype = `${region.usagePrefix}${stem}:${host.instanceFamily}`;
  const sku = skuFor(['AmazonEC2', region.regionCode, 'Dedicated Host', usagetype].join('|'));
  const familyInfo = INSTANCE_FAMILIES[host.instanceFamily];
  if (!familyInfo) throw new Error(`no family description for ${host.instanceFamily}`);
  const capacity = Object.fromEntries(Object.entries(host.capacity).map(([size, count]) => [`instanceCapacity${size}`, String(count)]));
  const name = host.instanceFamily.toUpperCase();
  return {
    product: {
      productFamily: 'Dedicated Host',
      attributes: {
        ...commonAttributes('AmazonEC2', region),
        instanceType: host.instanceFamily,
        instanceFamily: familyInfo.instanceFamily,
        currentGeneration: 'Yes',
        vcpu: String(host.vcpu),
        physicalCores: String(host.physicalCores),
        ...capacity,
        memory: 'NA',
        storage: 'NA',
        ecu: 'NA',
        networkPerformance: 'NA',
        normalizationSizeFactor: 'NA',
        physicalProcessor: familyInfo.physicalProcessor,
        processorArchitecture: '64-bit',
        tenancy: offer === 'OnDemand' ? 'Host' : 'Reserved',
        operatingSystem: 'Linux',
        licenseModel: 'No License required',
        preInstalledSw: 'NA',
        usagetype,
        operation: 'RunInstances',
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    terms:
      offer === 'OnDemand'
        ? { OnDemand: onDemandTerms(sku, hourly, 'Hrs', `${dollars(hourly)} per On Demand ${name} Dedicated Host Hour`) }
        : { Reserved: reservedTerms(sku, hourly, `${name} Dedicated Host Reservation applied`) },
    version: VERSION,
    publicationDate: EFFECTIVE_DATE,
  };
}

function ec2Items(region: RegionInfo): PriceListItem[] {
  const items: PriceListItem[] = [];
  const hostTypes = new Set(HOST_FAMILIES.flatMap((host) => typesOnHost(host).map((row) => row.instanceType)));
  for (const row of INSTANCE_TYPES) {
    for (const os of OS_VARIANTS) {
      items.push(computeItem(region, row, os, 'Shared', 'Used'));
      if (os.withCapacityDecoys) {
        items.push(computeItem(region, row, os, 'Shared', 'AllocatedCapacityReservation'));
        items.push(computeItem(region, row, os, 'Shared', 'UnusedCapacityReservation'));
      }
      items.push(computeItem(region, row, os, 'Dedicated', 'Used'));
      if (hostTypes.has(row.instanceType)) items.push(computeItem(region, row, os, 'Host', 'Used'));
    }
  }
  for (const host of HOST_FAMILIES) items.push(hostItem(region, host, 'OnDemand'), hostItem(region, host, 'Reserved'));
  const fee = priceIn(DEDICATED_REGION_FEE_HOURLY, region);
  // Shape of the real item in lyft/awspricing tests/data/ec2_offer.py (SKU URVAJM83XJ7HC9TD).
  items.push(
    simpleItem('AmazonEC2', region, 'Fee', {
      group: 'EC2-Dedicated Usage',
      groupDescription: 'Fee for running at least one Dedicated Instance in the region',
      usagetype: `${region.usagePrefix}DedicatedUsage`,
      operation: 'Surcharge',
    }, { usd: fee, unit: 'Hrs', description: `${dollars(fee)} once per hour when you're running at least one Dedicated Instance in the ${region.location} Region` }),
  );
  const p = region.usagePrefix;
  for (const volume of VOLUME_TYPES) {
    const usd = priceIn(volume.gbMonth, region);
    items.push(
      simpleItem('AmazonEC2', region, 'Storage', {
        volumeApiName: volume.volumeApiName,
        volumeType: volume.volumeType,
        storageMedia: volume.storageMedia,
        maxVolumeSize: volume.maxVolumeSize,
        maxIopsvolume: volume.maxIopsvolume,
        maxThroughputvolume: volume.maxThroughputvolume,
        usagetype: `${p}${volume.usageSuffix}`,
      }, { usd, unit: 'GB-Mo', description: `${dollars(usd)} per GB-month of ${volume.volumeType} (${volume.volumeApiName}) provisioned storage - ${region.location}` }),
    );
  }
  for (const iops of IOPS_PRODUCTS) {
    const usd = priceIn(iops.iopsMonth, region);
    // Shape of the real io1 item in lyft/awspricing tests/data/ebs_offer.py (SKU D8RDVC722HKNR55G), plus volumeApiName.
    items.push(
      simpleItem('AmazonEC2', region, 'System Operation', {
        provisioned: 'Yes',
        group: 'EBS IOPS',
        groupDescription: 'IOPS',
        volumeApiName: iops.volumeApiName,
        usagetype: `${p}${iops.usageSuffix}`,
      }, { usd, unit: 'IOPS-Mo', description: `${dollars(usd)} per IOPS-month provisioned (${iops.usageSuffix.replace('EBS:VolumeP-IOPS.', '')}) - ${region.location}` }),
    );
  }
  // Listed per GiBps-month although its description speaks per MiBps-month, as the real items do
  // (e.g. SKU ZDC2V7MBY9Z73F7V: 49.152 USD, "$0.048 per provisioned MiBps-month of gp3").
  const throughputPerMiBps = priceIn(GP3_THROUGHPUT_MIBPS_MONTH, region);
  items.push(
    simpleItem('AmazonEC2', region, 'Provisioned Throughput', { volumeApiName: 'gp3', usagetype: `${p}EBS:VolumeP-Throughput.gp3` }, {
      usd: throughputPerMiBps * 1024,
      unit: 'GiBps-mo',
      description: `${dollars(throughputPerMiBps)} per provisioned MiBps-month of gp3 - ${region.location}`,
    }),
  );
  // Listed per request; real bills read "$0.05 per 1 million I/O requests" over a quantity in IOs.
  const ioPerMillion = priceIn(MAGNETIC_IO_PER_MILLION, region);
  items.push(
    simpleItem('AmazonEC2', region, 'System Operation', { volumeApiName: 'standard', usagetype: `${p}EBS:VolumeIOUsage` }, {
      usd: ioPerMillion / 1_000_000,
      unit: 'IOs',
      description: `${dollars(ioPerMillion)} per 1 million I/O requests - ${region.location}`,
    }),
  );
  const snapshot = priceIn(SNAPSHOT_GB_MONTH, region);
  // Shape of the real item in lyft/awspricing tests/data/ec2_offer.py (SKU 7U7TWP44UP36AT3R).
  items.push(
    simpleItem('AmazonEC2', region, 'Storage Snapshot', { storageMedia: 'Amazon S3', usagetype: `${p}EBS:SnapshotUsage` }, {
      usd: snapshot,
      unit: 'GB-Mo',
      description: `${dollars(snapshot)} per GB-Month of snapshot data stored - ${region.location}`,
    }),
  );
  const archive = priceIn(SNAPSHOT_ARCHIVE_GB_MONTH, region);
  items.push(
    simpleItem('AmazonEC2', region, 'Storage Snapshot', { usagetype: `${p}EBS:SnapshotArchiveStorage` }, {
      usd: archive,
      unit: 'GB-Mo',
      description: `${dollars(archive)} per GB-Month of snapshot archive storage - ${region.location}`,
    }),
  );
  items.push(...cpuCreditItems(region));
  return items;
}

// ---- T-instance CPU credits: fixture-table.ts CPU_CREDIT_FAMILIES says where the shape and rates come from ----
function cpuCreditItems(region: RegionInfo): PriceListItem[] {
  return CPU_CREDIT_FAMILIES.map((row) => {
    const usd = priceIn(row.linuxPerVcpuHour, region);
    return simpleItem('AmazonEC2', region, 'CPU Credits', { operatingSystem: 'Linux', usagetype: `${region.usagePrefix}CPUCredits:${row.instanceFamily}` }, {
      usd,
      unit: 'vCPU-Hours',
      description: `${dollars(usd)} per vCPU-Hour for ${row.instanceFamily.toUpperCase()} Unlimited Linux CPU Credits - ${region.location}`,
    });
  });
}

/** The two public IPv4 items, shaped exactly like ../shared/reference/pricing/getproducts-public-ipv4-ap-south-1.json: no productFamily. */
function vpcItems(region: RegionInfo): PriceListItem[] {
  const usd = priceIn(PUBLIC_IPV4_HOURLY, region);
  return (['InUse', 'Idle'] as const).map((usage) => {
    const words = usage === 'InUse' ? 'In-use' : 'Idle';
    return simpleItem('AmazonVPC', region, undefined, {
      group: 'VPCPublicIPv4Address',
      groupDescription: `Hourly charge for ${words} Public IPv4 Addresses`,
      usagetype: `${region.usagePrefix}PublicIPv4:${usage}Address`,
    }, { usd, unit: 'Hrs', description: `${dollars(usd)} per ${words} public IPv4 address per hour` });
  });
}

const DATABASE_FAMILIES: Record<string, { instanceFamily: string; instanceTypeFamily: string; physicalProcessor: string; networkPerformance: string }> = {
  t3: { instanceFamily: 'General purpose', instanceTypeFamily: 'T3', physicalProcessor: 'Intel Xeon Platinum 8175', networkPerformance: 'Up to 5 Gigabit' },
  t4g: { instanceFamily: 'General purpose', instanceTypeFamily: 'T4G', physicalProcessor: 'AWS Graviton2', networkPerformance: 'Up to 5 Gigabit' },
  m5: { instanceFamily: 'General purpose', instanceTypeFamily: 'M5', physicalProcessor: 'Intel Xeon Platinum 8175', networkPerformance: 'Up to 10 Gigabit' },
  r5: { instanceFamily: 'Memory optimized', instanceTypeFamily: 'R5', physicalProcessor: 'Intel Xeon Platinum 8175', networkPerformance: 'Up to 10 Gigabit' },
  r6g: { instanceFamily: 'Memory optimized', instanceTypeFamily: 'R6G', physicalProcessor: 'AWS Graviton2', networkPerformance: 'Up to 10 Gigabit' },
  m6gd: { instanceFamily: 'General purpose', instanceTypeFamily: 'M6GD', physicalProcessor: 'AWS Graviton2', networkPerformance: 'Up to 10 Gigabit' },
};

type DatabaseOffer = 'Single-AZ' | 'Multi-AZ' | 'IOOptimized' | 'MultiAZCluster';

/** `InstanceUsage:` / `Multi-AZUsage:` / `InstanceUsageIOOptimized:` / `Multi-AZClusterUsage:` and the class, as the real items write it: large classes abbreviated (`db.r5b.16xl`). */
function databaseUsageType(region: RegionInfo, instanceType: string, offer: DatabaseOffer): string {
  const stem = { 'Single-AZ': 'InstanceUsage', 'Multi-AZ': 'Multi-AZUsage', IOOptimized: 'InstanceUsageIOOptimized', MultiAZCluster: 'Multi-AZClusterUsage' }[offer];
  return `${region.usagePrefix}${stem}:${instanceType.replace(/xlarge$/, 'xl')}`;
}

/**
 * A DB instance product, shaped like the real AmazonRDS items cited in test/fixtures/pricing/README.md:
 * Single-AZ and Multi-AZ for RDS engines; Aurora has Single-AZ and its I/O-Optimized twin (same
 * class, engine and deployment; only the usage type and `storage` tell them apart).
 */
function databaseInstanceItem(region: RegionInfo, row: DatabaseClassRow, engine: DatabaseEngineRow, offer: DatabaseOffer): PriceListItem {
  // A Multi-AZ DB cluster's price is per hour of the whole cluster (writer and two readable standbys).
  const base = (offer === 'MultiAZCluster' ? row.clusterUsEast1Hourly ?? {} : row.usEast1Hourly)[engine.databaseEngine];
  if (base === undefined) throw new Error(`${engine.databaseEngine} does not run ${row.instanceType} (${offer})`);
  const regional = region.regionCode === 'us-east-1' ? base : base * DATABASE_SEOUL_FACTOR;
  const hourly = roundPrice(offer === 'Multi-AZ' ? regional * 2 : offer === 'IOOptimized' ? regional * AURORA_IO_OPTIMIZED_FACTOR : regional);
  const family = DATABASE_FAMILIES[row.instanceType.split('.')[1] ?? ''];
  if (!family) throw new Error(`no family description for ${row.instanceType}`);
  const deploymentOption = { 'Single-AZ': 'Single-AZ', IOOptimized: 'Single-AZ', 'Multi-AZ': 'Multi-AZ', MultiAZCluster: MULTI_AZ_DB_CLUSTER_DEPLOYMENT }[offer];
  const usagetype = databaseUsageType(region, row.instanceType, offer);
  const sku = skuFor(['AmazonRDS', region.regionCode, 'Database Instance', engine.databaseEngine, usagetype].join('|'));
  const size = row.instanceType.split('.')[2] ?? '';
  return {
    product: {
      productFamily: 'Database Instance',
      attributes: {
        ...commonAttributes('AmazonRDS', region),
        instanceType: row.instanceType,
        currentGeneration: 'Yes',
        instanceFamily: family.instanceFamily,
        instanceTypeFamily: family.instanceTypeFamily,
        vcpu: String(row.vcpu),
        physicalProcessor: family.physicalProcessor,
        memory: `${row.memoryGiB} GiB`,
        storage: offer === 'IOOptimized' ? 'Aurora IO Optimization Mode' : row.storage ?? 'EBS Only',
        networkPerformance: family.networkPerformance,
        processorArchitecture: '64-bit',
        engineCode: engine.engineCode,
        databaseEngine: engine.databaseEngine,
        licenseModel: 'No license required',
        deploymentOption,
        usagetype,
        operation: `CreateDBInstance:${engine.engineCode.padStart(4, '0')}`,
        normalizationSizeFactor: NORMALIZATION_FACTORS[size] ?? '1',
      },
      sku,
    },
    serviceCode: 'AmazonRDS',
    terms: {
      OnDemand: onDemandTerms(
        sku,
        hourly,
        'Hrs',
        `USD ${roundPrice(hourly)} per ${row.instanceType} ${deploymentOption}${offer === 'IOOptimized' ? ' I/O-Optimized' : ''} instance hour (or partial hour) running ${engine.databaseEngine}`,
      ),
    },
    version: VERSION,
    publicationDate: EFFECTIVE_DATE,
  };
}

function rdsItems(region: RegionInfo): PriceListItem[] {
  const items: PriceListItem[] = [];
  for (const row of DATABASE_CLASSES) {
    for (const engine of DATABASE_ENGINES) {
      if (row.usEast1Hourly[engine.databaseEngine] === undefined) continue;
      const offers: DatabaseOffer[] = engine.aurora ? ['Single-AZ', 'IOOptimized'] : ['Single-AZ', 'Multi-AZ'];
      for (const offer of offers) items.push(databaseInstanceItem(region, row, engine, offer));
    }
    for (const engine of DATABASE_ENGINES) {
      if (row.clusterUsEast1Hourly?.[engine.databaseEngine] !== undefined) items.push(databaseInstanceItem(region, row, engine, 'MultiAZCluster'));
    }
  }
  const p = region.usagePrefix;
  // Per engine, and once for Any engine (what some regions list instead): the query prefers the engine's own.
  const anyEngine: DatabaseEngineRow = { databaseEngine: 'Any', engineCode: '0', aurora: false };
  for (const engine of [...DATABASE_ENGINES.filter((e) => !e.aurora && e.databaseEngine !== 'MariaDB'), anyEngine]) {
    for (const storage of DATABASE_STORAGE) {
      const deployments = [
        { deploymentOption: 'Single-AZ', copies: 1, prefix: '', words: 'Single-AZ' },
        { deploymentOption: 'Multi-AZ', copies: 2, prefix: 'Multi-AZ-', words: 'Multi-AZ' },
        ...(MULTI_AZ_DB_CLUSTER_STORAGE_USAGE.has(storage.usageSuffix)
          ? [{ deploymentOption: MULTI_AZ_DB_CLUSTER_DEPLOYMENT, copies: MULTI_AZ_DB_CLUSTER_STORAGE_FACTOR, prefix: 'Multi-AZCluster-', words: MULTI_AZ_DB_CLUSTER_DEPLOYMENT }]
          : []),
      ];
      for (const { deploymentOption, copies, prefix, words } of deployments) {
        const usd = priceIn(storage.gbMonth, region) * copies;
        const usageSuffix = storage.usageSuffix.replace('RDS:', `RDS:${prefix}`);
        items.push(
          simpleItem('AmazonRDS', region, 'Database Storage', {
            storageMedia: storage.storageMedia,
            volumeType: storage.volumeType,
            minVolumeSize: storage.minVolumeSize,
            maxVolumeSize: storage.maxVolumeSize,
            ...(engine === anyEngine ? {} : { engineCode: engine.engineCode }),
            databaseEngine: engine.databaseEngine,
            deploymentOption,
            usagetype: `${p}${usageSuffix}`,
            operation: engine === anyEngine ? 'CreateDBInstance' : `CreateDBInstance:${engine.engineCode.padStart(4, '0')}`,
          }, {
            usd,
            unit: 'GB-Mo',
            description: `${dollars(usd)} per GB-month of ${storage.volumeType} storage for ${words} ${engine === anyEngine ? '' : `${engine.databaseEngine} `}deployments`,
          }),
        );
      }
    }
  }
  // Provisioned IOPS and gp3 throughput: one item per deployment for Any engine. No Multi-AZ DB cluster
  // item: its usage type was not captured, and the report does not query one.
  for (const row of DATABASE_IOPS) {
    for (const { deploymentOption, copies, prefix } of [
      { deploymentOption: 'Single-AZ', copies: 1, prefix: '' },
      { deploymentOption: 'Multi-AZ', copies: 2, prefix: 'Multi-AZ-' },
    ]) {
      const usd = priceIn(row.monthly, region) * copies;
      items.push(
        simpleItem('AmazonRDS', region, row.productFamily, {
          ...row.attributes,
          deploymentOption,
          usagetype: `${p}${row.usageSuffix.replace('RDS:', `RDS:${prefix}`)}`,
          operation: 'CreateDBInstance',
        }, { usd, unit: row.unit, description: `${dollars(usd)} per ${row.words} for ${deploymentOption} deployments` }),
      );
    }
  }
  for (const engine of DATABASE_ENGINES.filter((e) => e.aurora)) {
    const offers = [
      { usageType: 'Aurora:StorageUsage', usd: priceIn(AURORA_STORAGE_GB_MONTH, region), words: '' },
      { usageType: 'Aurora:IO-OptimizedStorageUsage', usd: priceIn(AURORA_IO_OPTIMIZED_STORAGE_GB_MONTH, region), words: ' (I/O-Optimized)' },
    ];
    for (const { usageType, usd, words } of offers) {
      items.push(
        simpleItem('AmazonRDS', region, 'Database Storage', {
          storageMedia: 'SSD',
          volumeType: 'General Purpose-Aurora',
          engineCode: engine.engineCode,
          databaseEngine: engine.databaseEngine,
          deploymentOption: 'Single-AZ',
          usagetype: `${p}${usageType}`,
          operation: `CreateDBInstance:${engine.engineCode.padStart(4, '0')}`,
        }, { usd, unit: 'GB-Mo', description: `${dollars(usd)} per GB-month of storage used by ${engine.databaseEngine}${words}` }),
      );
    }
  }
  // Aurora Serverless v2 capacity, per engine, one product per storage configuration. Not a full
  // captured item: productFamily ServerlessV2, databaseEngine, usage types and unit ACU-Hr as public
  // pricing code queries the real Price List (infracost rds_cluster_instance.go) and a 2025 Pricing
  // API capture quotes them ("Aurora Capacity Unit hour running Aurora PostgreSQL Serverless v2",
  // "... Serverless v2 IO-Optimized"); engineCode and the operation as on the engine's storage items.
  for (const engine of DATABASE_ENGINES.filter((e) => e.aurora)) {
    const offers = [
      { usageType: 'Aurora:ServerlessV2Usage', base: AURORA_SERVERLESS_V2_ACU_HOURLY.standard, words: '' },
      { usageType: 'Aurora:ServerlessV2IOOptimizedUsage', base: AURORA_SERVERLESS_V2_ACU_HOURLY.ioOptimized, words: ' IO-Optimized' },
    ];
    for (const { usageType, base, words } of offers) {
      const usd = roundPrice(region.regionCode === 'us-east-1' ? base : base * DATABASE_SEOUL_FACTOR);
      items.push(
        simpleItem('AmazonRDS', region, 'ServerlessV2', {
          engineCode: engine.engineCode,
          databaseEngine: engine.databaseEngine,
          usagetype: `${p}${usageType}`,
          operation: `CreateDBInstance:${engine.engineCode.padStart(4, '0')}`,
        }, { usd, unit: 'ACU-Hr', description: `${dollars(usd)} per Aurora Capacity Unit hour running ${engine.databaseEngine} Serverless v2${words}` }),
      );
    }
  }
  // Aurora Standard I/O: one item for Any engine, listed per request like EBS magnetic I/O.
  const auroraIoPerMillion = priceIn(AURORA_IO_PER_MILLION, region);
  items.push(
    simpleItem('AmazonRDS', region, 'System Operation', {
      group: 'Aurora I/O Operation',
      groupDescription: 'Input/Output Operation',
      databaseEngine: 'Any',
      usagetype: `${p}Aurora:StorageIOUsage`,
      operation: 'CreateDBInstance',
    }, { usd: auroraIoPerMillion / 1_000_000, unit: 'IOs', description: `${dollars(auroraIoPerMillion)} per 1 million I/O requests - ${region.location}` }),
  );
  return items;
}

/** File name → contents (one JSON item per line). */
export function fixtureFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const toLines = (items: PriceListItem[]): string => items.map((item) => JSON.stringify(item)).join('\n') + '\n';
  for (const region of REGIONS) {
    files.set(`AmazonEC2.${region.regionCode}${FIXTURE_EXTENSION}`, toLines(ec2Items(region)));
    files.set(`AmazonVPC.${region.regionCode}${FIXTURE_EXTENSION}`, toLines(vpcItems(region)));
    files.set(`AmazonRDS.${region.regionCode}${FIXTURE_EXTENSION}`, toLines(rdsItems(region)));
  }
  return files;
}

/** Writes the fixtures and removes stale ones, so the directory holds exactly what the table says. */
export function writeFixtures(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files = fixtureFiles();
  for (const name of readdirSync(outDir)) {
    if (name.endsWith(FIXTURE_EXTENSION) && !files.has(name)) rmSync(join(outDir, name));
  }
  for (const [name, contents] of files) writeFileSync(join(outDir, name), contents);
  return [...files.keys()];
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DEFAULT_OUT_DIR } } });
  const outDir = values.out ?? DEFAULT_OUT_DIR;
  for (const name of writeFixtures(outDir)) process.stdout.write(`wrote ${join(outDir, name)}\n`);
}
