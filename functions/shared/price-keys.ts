/**
 * Which prices each inventory item needs, as price keys: collect-inventory asks for exactly these
 * (one Pricing call per distinct key), and the report looks its rates up with the same functions,
 * so the two never disagree about which key holds a rate.
 */
import { chargeableIops, chargeableThroughputMiBps, io2IopsByTier, MAGNETIC_VOLUME_TYPE, rdsChargeableIopsAndThroughput } from './cost-math';
import {
  UNKNOWN_PLATFORM,
  type InventoryAddress,
  type InventoryDatabase,
  type InventoryInstance,
  type InventorySnapshot,
  type InventoryVolume,
  type PriceKeyFields,
  type PurchaseOption,
  type Tenancy,
} from './cost-types';
import { inMultiAzDbCluster, MULTI_AZ_DB_CLUSTER_DEPLOYMENT } from './db-clusters';
import { priceListAttributes, spotProductDescription } from './platform';

type InstanceFields = Pick<InventoryInstance, 'region' | 'instanceType' | 'platform' | 'tenancy' | 'platformDetails' | 'usageOperation'>;

/** The compute price of an instance; for licensing with no Price List mapping, a key that stays unpriced with the reason. */
export function instancePriceKey(instance: InstanceFields): PriceKeyFields {
  const { region, instanceType, platform, tenancy } = instance;
  if (platform === UNKNOWN_PLATFORM) {
    return { kind: 'ec2-unmapped', region, platformDetails: instance.platformDetails ?? '', usageOperation: instance.usageOperation ?? '' };
  }
  return { kind: 'ec2', region, instanceType, ...priceListAttributes(platform), tenancy };
}

/**
 * How EC2 bills an instance's hours, which decides which price it needs: a Spot instance its Spot
 * price, an instance on a Dedicated Host none of its own (the host is billed), a Dedicated
 * Instance its dedicated rate plus the region fee.
 */
export function purchaseOptionOf(instanceLifecycle: string | undefined, tenancy: Tenancy): PurchaseOption {
  if (instanceLifecycle === 'spot') return 'Spot';
  if (tenancy === 'Host') return 'Dedicated Host';
  if (tenancy === 'Dedicated') return 'Dedicated Instance';
  return 'On-Demand';
}

/** A Spot price: per Availability Zone, instance type and Spot product description (DescribeSpotPriceHistory), not a Price List product. */
export interface SpotPriceKey {
  id: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  /** Undefined for licensing Spot has no price for; the price then stays unpriced. */
  productDescription?: string;
  platform: InventoryInstance['platform'];
}

export function spotPriceKey(instance: Pick<InventoryInstance, 'region' | 'az' | 'instanceType' | 'platform'>): SpotPriceKey {
  const productDescription = spotProductDescription(instance.platform);
  return {
    id: ['spot', instance.az, instance.instanceType, productDescription ?? instance.platform].join('|'),
    region: instance.region,
    availabilityZone: instance.az,
    instanceType: instance.instanceType,
    productDescription,
    platform: instance.platform,
  };
}

/** `m5` for `m5.large`: Dedicated Hosts are priced per instance family. */
export function instanceFamilyOf(instanceType: string): string {
  return instanceType.split('.')[0] ?? instanceType;
}

/**
 * Burstable performance families whose surplus CPU credits are billed (`CPUCredits:<family>`): T4g,
 * T3a and T3 launch in unlimited mode by default, T2 when set to it (EC2 User Guide, "Burstable
 * performance instances" and "Unlimited mode for burstable performance instances").
 */
export const BURSTABLE_FAMILIES = ['t2', 't3', 't3a', 't4g'] as const;

export function isBurstable(instanceType: string): boolean {
  return (BURSTABLE_FAMILIES as readonly string[]).includes(instanceFamilyOf(instanceType));
}

/**
 * The vCPU-hour rate of a burstable instance's surplus credits: the Price List lists them per family
 * and operating system (`Linux`, `Windows`), productFamily `CPU Credits`. Windows licensing of any
 * kind (with SQL Server too) is `Windows`; other licensing keeps its own operatingSystem, which stays
 * unpriced with the query in its reason if the Price List has no such item. Undefined for an instance
 * that is not burstable or whose licensing is unknown.
 */
export function cpuCreditPriceKey(instance: Pick<InventoryInstance, 'region' | 'instanceType' | 'platform'>): PriceKeyFields | undefined {
  if (!isBurstable(instance.instanceType) || instance.platform === UNKNOWN_PLATFORM) return undefined;
  const operatingSystem = instance.platform.startsWith('Windows') ? 'Windows' : priceListAttributes(instance.platform).operatingSystem;
  return { kind: 'ec2-cpu-credits', region: instance.region, instanceFamily: instanceFamilyOf(instance.instanceType), operatingSystem };
}

export function dedicatedHostPriceKey(region: string, instanceFamily: string): PriceKeyFields {
  return { kind: 'dedicated-host', region, instanceFamily };
}

export function dedicatedFeePriceKey(region: string): PriceKeyFields {
  return { kind: 'dedicated-fee', region };
}

export interface VolumePriceKeys {
  storage: PriceKeyFields;
  /** gp3 IOPS above 3,000; io1 IOPS; io2 IOPS up to 32,000. */
  iops?: PriceKeyFields;
  /** io2 IOPS 32,001-64,000 and above 64,000, when the volume has some. */
  iopsTier2?: PriceKeyFields;
  iopsTier3?: PriceKeyFields;
  /** gp3 throughput above 125 MiB/s. */
  throughput?: PriceKeyFields;
  /** Magnetic volumes' per-request rate (shown in a note: EC2 reports no I/O counts). */
  ioRequests?: PriceKeyFields;
}

/** The prices a volume pays for, and only those: a gp3 volume at its baseline needs no IOPS price. */
export function volumePriceKeys(volume: Pick<InventoryVolume, 'region' | 'volumeType' | 'iops' | 'throughputMiBps'>): VolumePriceKeys {
  const { region, volumeType } = volume;
  const keys: VolumePriceKeys = { storage: { kind: 'ebs-storage', region, volumeType } };
  if (volumeType === 'io2') {
    const [tier1, tier2, tier3] = io2IopsByTier(volume.iops);
    if (tier1 > 0) keys.iops = { kind: 'ebs-iops', region, volumeType };
    if (tier2 > 0) keys.iopsTier2 = { kind: 'ebs-iops', region, volumeType, tier: 'tier2' };
    if (tier3 > 0) keys.iopsTier3 = { kind: 'ebs-iops', region, volumeType, tier: 'tier3' };
  } else if (chargeableIops(volumeType, volume.iops) > 0) {
    keys.iops = { kind: 'ebs-iops', region, volumeType };
  }
  if (chargeableThroughputMiBps(volumeType, volume.throughputMiBps) > 0) keys.throughput = { kind: 'ebs-throughput', region, volumeType };
  if (volumeType === MAGNETIC_VOLUME_TYPE) keys.ioRequests = { kind: 'ebs-io-requests', region };
  return keys;
}

/** Standard snapshots and archived ones are different products. */
export function snapshotPriceKey(snapshot: Pick<InventorySnapshot, 'region' | 'storageTier'>): PriceKeyFields {
  return { kind: snapshot.storageTier === 'archive' ? 'snapshot-archive' : 'snapshot', region: snapshot.region };
}

/** Every public IPv4 address costs the same hourly rate, in use or idle, but they are separate products. */
export function addressPriceKey(address: Pick<InventoryAddress, 'region' | 'associated'>): PriceKeyFields {
  return { kind: 'ipv4', region: address.region, usage: address.associated ? 'InUse' : 'Idle' };
}

/**
 * RDS engine names (CreateDBInstance's Engine) → the Price List's databaseEngine and, for the
 * licensed engines, databaseEdition. An engine not listed keeps its own name, which matches no
 * product: the price then stays unpriced with the query in its reason, never a guess.
 */
const DATABASE_ENGINES: Readonly<Record<string, { databaseEngine: string; databaseEdition?: string }>> = {
  mysql: { databaseEngine: 'MySQL' },
  mariadb: { databaseEngine: 'MariaDB' },
  postgres: { databaseEngine: 'PostgreSQL' },
  'aurora-mysql': { databaseEngine: 'Aurora MySQL' },
  'aurora-postgresql': { databaseEngine: 'Aurora PostgreSQL' },
  'oracle-ee': { databaseEngine: 'Oracle', databaseEdition: 'Enterprise' },
  'oracle-se2': { databaseEngine: 'Oracle', databaseEdition: 'Standard Two' },
  'sqlserver-ee': { databaseEngine: 'SQL Server', databaseEdition: 'Enterprise' },
  'sqlserver-se': { databaseEngine: 'SQL Server', databaseEdition: 'Standard' },
  'sqlserver-web': { databaseEngine: 'SQL Server', databaseEdition: 'Web' },
  'sqlserver-ex': { databaseEngine: 'SQL Server', databaseEdition: 'Express' },
};

/** RDS's LicenseModel → the Price List's licenseModel (RDS writes "No license required", lower-case l, unlike EC2). */
function priceListLicenseModel(licenseModel: string | undefined): string {
  if (licenseModel === 'license-included') return 'License included';
  if (licenseModel === 'bring-your-own-license') return 'Bring your own license';
  return 'No license required';
}

/**
 * Storage usage types without the region prefix (AWS's "codes for Amazon RDS in billing reports"); the
 * deployment inserts its prefix after `RDS:`. io2: `RDS:PIOPS-Storage-IO2`, `RDS:Multi-AZ-PIOPS-Storage-IO2`,
 * `RDS:Multi-AZCluster-PIOPS-Storage-IO2` (public pricing code listing AmazonRDS usage types, and a Go
 * offer-file reader's test of AmazonRDS items with volumeType "Provisioned IOPS-IO2"; one public note
 * writes `RDS:IO2-PIOPS-Storage`, which no other source has).
 */
export const DATABASE_STORAGE_USAGE: Readonly<Record<string, string>> = { gp2: 'GP2-Storage', gp3: 'GP3-Storage', io1: 'PIOPS-Storage', io2: 'PIOPS-Storage-IO2', standard: 'StorageUsage' };

/**
 * Provisioned IOPS usage types by storage type, without the region prefix; the deployment inserts its
 * prefix after `RDS:` as for storage. productFamily "Provisioned IOPS", unit IOPS-Mo: `RDS:PIOPS` and
 * `RDS:Multi-AZ-PIOPS` (io1, groupDescription "RDS Provisioned IOPS"), `RDS:GP3-PIOPS` and
 * `RDS:Multi-AZ-GP3-PIOPS` (gp3 above the baseline, "RDS Provisioned GP3 IOPS": us-east-1 0.02 and 0.04
 * per IOPS-month in a 2026 capture of the live Price List), `RDS:IO2-PIOPS` and `RDS:Multi-AZ-IO2-PIOPS`
 * (io2, "RDS Provisioned IO2 IOPS"): infracost's db_instance.go filters, public CUR mappers and a public
 * pricing client that parses GetProducts for AmazonRDS (its IOPS_GROUP_MAP).
 */
export const DATABASE_IOPS_USAGE: Readonly<Record<string, string>> = { io1: 'PIOPS', io2: 'IO2-PIOPS', gp3: 'GP3-PIOPS' };
/**
 * gp3 throughput above the baseline: productFamily "Provisioned Throughput" (the same public pricing
 * client), usage type `RDS:GP3-Throughput` (public offer-file readers; `use1-rds:gp3-throughput` in one's
 * comments). The Multi-AZ one, `RDS:Multi-AZ-GP3-Throughput`, follows the prefix every other Multi-AZ
 * RDS usage type has but was not seen in a capture: if AWS names it otherwise, its query matches nothing
 * and the figure stays unpriced with the query in its reason.
 */
export const DATABASE_THROUGHPUT_USAGE = 'GP3-Throughput';

/**
 * Per Price List deploymentOption: the instance-hour usage type's stem and the storage usage type's
 * prefix, as billed (`Multi-AZUsage:db.m5.large`, `RDS:Multi-AZ-GP3-Storage`;
 * `Multi-AZClusterUsage:db.m6gd.large`, `RDS:Multi-AZCluster-GP3-Storage` for a Multi-AZ DB cluster:
 * ./db-clusters.ts cites the captures).
 */
export const DATABASE_DEPLOYMENT_USAGE: Readonly<Record<string, { instance: string; storagePrefix: string }>> = {
  'Single-AZ': { instance: 'InstanceUsage:', storagePrefix: '' },
  'Multi-AZ': { instance: 'Multi-AZUsage:', storagePrefix: 'Multi-AZ-' },
  [MULTI_AZ_DB_CLUSTER_DEPLOYMENT]: { instance: 'Multi-AZClusterUsage:', storagePrefix: 'Multi-AZCluster-' },
};

/**
 * An Aurora cluster's volume usage types by DescribeDBClusters' StorageType, as billed (AWS's "DB
 * instance billing for Aurora"; Cost Explorer and CUR captures show `Aurora:StorageUsage`,
 * `Aurora:IO-OptimizedStorageUsage`, `Aurora:StorageIOUsage`). A cluster created before
 * I/O-Optimized reports no StorageType and is Aurora Standard.
 */
export const AURORA_IO_OPTIMIZED_STORAGE_TYPE = 'aurora-iopt1';
export const AURORA_STORAGE_USAGE = { standard: 'Aurora:StorageUsage', ioOptimized: 'Aurora:IO-OptimizedStorageUsage' } as const;
/** Aurora Standard's I/O requests; I/O-Optimized pays none. */
export const AURORA_IO_USAGE = 'Aurora:StorageIOUsage';

/**
 * How the AmazonRDS Price List tells an Aurora I/O-Optimized cluster's instance hours from Aurora
 * Standard's: same productFamily "Database Instance", class, engine and deploymentOption Single-AZ;
 * the usage type `InstanceUsageIOOptimized:<class>` (Standard: `InstanceUsage:<class>`) and the
 * attribute `storage` "Aurora IO Optimization Mode" (Standard: "EBS Only"). Public pricing code that
 * queries the real Price List reads them so (infracost rds_cluster_instance.go: usagetype
 * /InstanceUsageIOOptimized:/; captures `USE2-InstanceUsageIOOptimized:db.r6g.large` with operation
 * `CreateDBInstance:0016`, `APN2-InstanceUsageIOOptimized:db.r6g.large` 0.407 beside
 * `APN2-InstanceUsage:db.r6g.large` 0.313; storage "Aurora IO Optimization Mode" as a filter in
 * several public Pricing API clients). AWS bills them at about 1.3 × the Standard rate.
 */
export const AURORA_IO_OPTIMIZED_INSTANCE = { usagePrefix: 'InstanceUsageIOOptimized:', storage: 'Aurora IO Optimization Mode' } as const;

/**
 * Aurora Serverless v2: a DB instance of class `db.serverless` in an Aurora cluster, billed per
 * ACU-hour of the capacity it runs at (AWS's Aurora pricing page). Price List: productFamily
 * "ServerlessV2", per databaseEngine, unit `ACU-Hr`, usage types `Aurora:ServerlessV2Usage` (Aurora
 * Standard) and `Aurora:ServerlessV2IOOptimizedUsage` (I/O-Optimized), as public pricing code
 * queries them (infracost rds_cluster_instance.go auroraServerlessV2CostComponent; a 2025 Pricing
 * API capture for Aurora PostgreSQL us-east-1: SKU AVKW7ZJP8D72HNQC 0.12, KG668U3YXJQ6YH9Y 0.16 per
 * ACU-hour) and Cost Explorer exports bill them (`EUW2-Aurora:ServerlessV2Usage`).
 */
export const AURORA_SERVERLESS_V2_CLASS = 'db.serverless';
export const AURORA_SERVERLESS_V2_USAGE = { standard: 'Aurora:ServerlessV2Usage', ioOptimized: 'Aurora:ServerlessV2IOOptimizedUsage' } as const;

export function isAuroraServerlessV2(db: Pick<InventoryDatabase, 'kind' | 'engine' | 'instanceClass'>): boolean {
  return db.kind === 'instance' && db.engine.startsWith('aurora') && db.instanceClass === AURORA_SERVERLESS_V2_CLASS;
}

export function isAuroraCluster(db: Pick<InventoryDatabase, 'kind' | 'engine'>): boolean {
  return db.kind === 'cluster' && db.engine.startsWith('aurora');
}

export function isAuroraIoOptimized(db: Pick<InventoryDatabase, 'storageType'>): boolean {
  return db.storageType === AURORA_IO_OPTIMIZED_STORAGE_TYPE;
}

export interface DatabasePriceKeys {
  /** Instance hours: a DB instance outside a cluster, an Aurora cluster's instance (ACU-hours for Serverless v2), a Multi-AZ DB cluster as a whole. */
  compute?: PriceKeyFields;
  /** Allocated storage: a DB instance outside a cluster or a Multi-AZ DB cluster, of a storage type the report prices; an Aurora cluster's GB used. */
  storage?: PriceKeyFields;
  /** An Aurora Standard cluster's I/O requests. */
  ioRequests?: PriceKeyFields;
  /** Provisioned IOPS that RDS bills (io1, io2; gp3 above the baseline): a DB instance outside a cluster. */
  iops?: PriceKeyFields;
  /** gp3 throughput above the baseline: a DB instance outside a cluster. */
  throughput?: PriceKeyFields;
}

/**
 * An Aurora cluster has no hourly price of its own (its instances' hours): its keys are its
 * volume's GB used and, on Aurora Standard, its I/O requests. A Multi-AZ DB cluster is priced as a
 * whole, so its three instances have none, which keeps the writer and the standbys from being
 * counted twice.
 */
export function databasePriceKeys(
  db: Pick<InventoryDatabase, 'kind' | 'region' | 'engine' | 'instanceClass' | 'multiAz' | 'licenseModel' | 'storageType' | 'cluster' | 'allocatedGiB' | 'iops' | 'storageThroughputMiBps'>,
): DatabasePriceKeys {
  const multiAzDbCluster = inMultiAzDbCluster(db);
  if (isAuroraCluster(db) && !multiAzDbCluster) {
    const { databaseEngine } = DATABASE_ENGINES[db.engine] ?? { databaseEngine: db.engine };
    const ioOptimized = isAuroraIoOptimized(db);
    return {
      storage: { kind: 'aurora-storage', region: db.region, databaseEngine, usageType: ioOptimized ? AURORA_STORAGE_USAGE.ioOptimized : AURORA_STORAGE_USAGE.standard },
      ...(ioOptimized ? {} : { ioRequests: { kind: 'aurora-io', region: db.region, databaseEngine } }),
    };
  }
  if (db.kind === 'cluster' ? !multiAzDbCluster : multiAzDbCluster) return {};
  if (!db.instanceClass) return {};
  const { databaseEngine, databaseEdition } = DATABASE_ENGINES[db.engine] ?? { databaseEngine: db.engine };
  // An Aurora instance carries its cluster's StorageType: I/O-Optimized members bill their own products.
  const auroraIoOptimized = Boolean(db.cluster) && db.engine.startsWith('aurora') && isAuroraIoOptimized(db);
  if (isAuroraServerlessV2(db)) {
    const usageType = auroraIoOptimized ? AURORA_SERVERLESS_V2_USAGE.ioOptimized : AURORA_SERVERLESS_V2_USAGE.standard;
    return { compute: { kind: 'aurora-serverless-v2', region: db.region, databaseEngine, usageType } };
  }
  // Aurora instances have no Multi-AZ product: a cluster's availability comes from its replicas.
  const deploymentOption = multiAzDbCluster ? MULTI_AZ_DB_CLUSTER_DEPLOYMENT : db.multiAz && !db.cluster ? 'Multi-AZ' : 'Single-AZ';
  const keys: DatabasePriceKeys = {
    compute: {
      kind: 'rds-instance',
      region: db.region,
      instanceClass: db.instanceClass,
      databaseEngine,
      ...(databaseEdition ? { databaseEdition } : {}),
      deploymentOption,
      licenseModel: priceListLicenseModel(db.licenseModel),
      ...(auroraIoOptimized ? { ioOptimized: true as const } : {}),
    },
  };
  const stem = db.storageType ? DATABASE_STORAGE_USAGE[db.storageType] : undefined;
  const prefix = DATABASE_DEPLOYMENT_USAGE[deploymentOption]!.storagePrefix;
  if (!db.cluster && stem) {
    keys.storage = { kind: 'rds-storage', region: db.region, databaseEngine, deploymentOption, usageType: `RDS:${prefix}${stem}` };
  }
  // A Multi-AZ DB cluster's Provisioned IOPS usage type is not confirmed (databaseIopsUnpricedReason):
  // it gets no key, and its row says why.
  if (!db.cluster && !multiAzDbCluster) {
    const chargeable = rdsChargeableIopsAndThroughput(db);
    const iopsStem = db.storageType ? DATABASE_IOPS_USAGE[db.storageType] : undefined;
    if ('iops' in chargeable && chargeable.iops > 0 && iopsStem) {
      keys.iops = { kind: 'rds-iops', region: db.region, databaseEngine, deploymentOption, usageType: `RDS:${prefix}${iopsStem}` };
    }
    if ('throughputMiBps' in chargeable && chargeable.throughputMiBps > 0) {
      keys.throughput = { kind: 'rds-throughput', region: db.region, databaseEngine, deploymentOption, usageType: `RDS:${prefix}${DATABASE_THROUGHPUT_USAGE}` };
    }
  }
  return keys;
}
