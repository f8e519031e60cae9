/**
 * Generates the local Pricing endpoint's fixtures (test/fixtures/pricing/*.jsonl) from the compact
 * table in fixture-table.ts: Price List items in the real format, with the decoys real data has
 * (capacity-reservation SKUs, Dedicated tenancy, Windows BYOL, Reserved terms, io2 IOPS tiers,
 * snapshot archive). Deterministic: the same table gives byte-identical files.
 *   npx tsx scripts/local/pricing/generate-fixtures.ts [--out DIR]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIXTURE_EXTENSION, type PriceDimension, type PriceListItem, type PriceTerm } from './price-list';
import {
  DEDICATED_FACTOR,
  GP3_THROUGHPUT_MIBPS_MONTH,
  INSTANCE_TYPES,
  IOPS_PRODUCTS,
  OS_VARIANTS,
  PUBLIC_IPV4_HOURLY,
  REGIONS,
  RESERVED_1YR_FACTOR,
  RESERVED_3YR_UPFRONT_FACTOR,
  SNAPSHOT_ARCHIVE_GB_MONTH,
  SNAPSHOT_GB_MONTH,
  VOLUME_TYPES,
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

/** Prices are kept to 6 decimals (no float noise) and written like AWS: 10 decimals. */
function roundPrice(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
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

type Tenancy = 'Shared' | 'Dedicated';
type CapacityStatus = 'Used' | 'AllocatedCapacityReservation' | 'UnusedCapacityReservation';

/** Real usage-type stems per tenancy and capacity status (`BoxUsage:m5.large`, `UnusedBox:m5.large`, ...). */
const USAGE_STEMS: Record<Tenancy, Partial<Record<CapacityStatus, { stem: string; describe: string }>>> = {
  Shared: {
    Used: { stem: 'BoxUsage', describe: 'On Demand' },
    AllocatedCapacityReservation: { stem: 'Reservation', describe: 'Reservation' },
    UnusedCapacityReservation: { stem: 'UnusedBox', describe: 'Unused Reservation' },
  },
  Dedicated: { Used: { stem: 'DedicatedUsage', describe: 'Dedicated Usage' } },
};

function computeItem(region: RegionInfo, row: InstanceTypeRow, os: OsVariant, tenancy: Tenancy, capacitystatus: CapacityStatus): PriceListItem {
  const usage = USAGE_STEMS[tenancy][capacitystatus];
  const linuxHourly = row.linuxHourly[region.regionCode];
  if (!usage || linuxHourly === undefined) throw new Error(`no price for ${row.instanceType} ${tenancy} ${capacitystatus} in ${region.regionCode}`);
  const [family = '', size = ''] = row.instanceType.split('.');
  const familyInfo = INSTANCE_FAMILIES[family];
  if (!familyInfo) throw new Error(`no family description for ${row.instanceType}`);
  const base = tenancy === 'Dedicated' ? linuxHourly * DEDICATED_FACTOR : linuxHourly;
  const hourly = roundPrice(base + os.surchargePerHour(row));
  const sku = skuFor(['AmazonEC2', region.regionCode, row.instanceType, os.key, tenancy, capacitystatus].join('|'));
  const onDemand = onDemandTerms(sku, hourly, 'Hrs', `${dollars(hourly)} per ${usage.describe} ${os.label} ${row.instanceType} Instance Hour`);
  const withReserved = os.withReservedTerms && tenancy === 'Shared' && capacitystatus === 'Used';
  const reserved = withReserved ? reservedTerms(sku, hourly, `${os.reservedLabel}, ${row.instanceType} reserved instance applied`) : undefined;
  return {
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        servicecode: 'AmazonEC2',
        servicename: 'Amazon Elastic Compute Cloud',
        location: region.location,
        locationType: 'AWS Region',
        regionCode: region.regionCode,
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
        marketoption: 'OnDemand',
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
  serviceCode: 'AmazonEC2' | 'AmazonVPC',
  region: RegionInfo,
  productFamily: string,
  attributes: Record<string, string>,
  price: { usd: number; unit: string; description: string },
): PriceListItem {
  const usagetype = attributes.usagetype ?? '';
  const sku = skuFor([serviceCode, region.regionCode, productFamily, usagetype].join('|'));
  return {
    product: {
      productFamily,
      attributes: {
        servicecode: serviceCode,
        servicename: serviceCode === 'AmazonEC2' ? 'Amazon Elastic Compute Cloud' : 'Amazon Virtual Private Cloud',
        location: region.location,
        locationType: 'AWS Region',
        regionCode: region.regionCode,
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

function ec2Items(region: RegionInfo): PriceListItem[] {
  const items: PriceListItem[] = [];
  for (const row of INSTANCE_TYPES) {
    for (const os of OS_VARIANTS) {
      for (const capacitystatus of ['Used', 'AllocatedCapacityReservation', 'UnusedCapacityReservation'] as const) {
        items.push(computeItem(region, row, os, 'Shared', capacitystatus));
      }
      items.push(computeItem(region, row, os, 'Dedicated', 'Used'));
    }
  }
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
    items.push(
      simpleItem('AmazonEC2', region, 'System Operation', {
        group: iops.group,
        groupDescription: iops.groupDescription,
        volumeApiName: iops.volumeApiName,
        usagetype: `${p}${iops.usageSuffix}`,
      }, { usd, unit: 'IOPS-Mo', description: `${dollars(usd)} per IOPS-month provisioned (${iops.volumeApiName}, ${iops.group}) - ${region.location}` }),
    );
  }
  const throughput = priceIn(GP3_THROUGHPUT_MIBPS_MONTH, region);
  items.push(
    simpleItem('AmazonEC2', region, 'Provisioned Throughput', {
      group: 'EBS Throughput',
      groupDescription: 'Provisioned Throughput',
      volumeApiName: 'gp3',
      usagetype: `${p}EBS:VolumeP-Throughput.gp3`,
    }, { usd: throughput, unit: 'MiBps-Mo', description: `${dollars(throughput)} per provisioned MiB/s-month of gp3 - ${region.location}` }),
  );
  const snapshot = priceIn(SNAPSHOT_GB_MONTH, region);
  items.push(
    simpleItem('AmazonEC2', region, 'Storage Snapshot', { storageMedia: 'Amazon S3', usagetype: `${p}EBS:SnapshotUsage` }, {
      usd: snapshot,
      unit: 'GB-Mo',
      description: `${dollars(snapshot)} per GB-Month of snapshot data stored - ${region.location}`,
    }),
  );
  const archive = priceIn(SNAPSHOT_ARCHIVE_GB_MONTH, region);
  items.push(
    simpleItem('AmazonEC2', region, 'Storage Snapshot', { storageMedia: 'Amazon S3 Glacier', usagetype: `${p}EBS:SnapshotArchiveStorage` }, {
      usd: archive,
      unit: 'GB-Mo',
      description: `${dollars(archive)} per GB-Month of snapshot archive storage - ${region.location}`,
    }),
  );
  return items;
}

function vpcItems(region: RegionInfo): PriceListItem[] {
  const usd = priceIn(PUBLIC_IPV4_HOURLY, region);
  return (['InUse', 'Idle'] as const).map((usage) => {
    const words = usage === 'InUse' ? 'In-use' : 'Idle';
    return simpleItem('AmazonVPC', region, 'IP Address', {
      group: 'VPCPublicIPv4Address',
      groupDescription: `Hourly charge for ${words} Public IPv4 Addresses`,
      usagetype: `${region.usagePrefix}PublicIPv4:${usage}Address`,
    }, { usd, unit: 'Hrs', description: `${dollars(usd)} per ${words} public IPv4 address per hour` });
  });
}

/** File name → contents (one JSON item per line). */
export function fixtureFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const toLines = (items: PriceListItem[]): string => items.map((item) => JSON.stringify(item)).join('\n') + '\n';
  for (const region of REGIONS) {
    files.set(`AmazonEC2.${region.regionCode}${FIXTURE_EXTENSION}`, toLines(ec2Items(region)));
    files.set(`AmazonVPC.${region.regionCode}${FIXTURE_EXTENSION}`, toLines(vpcItems(region)));
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
