/**
 * The compact price table the Price List fixtures are generated from (generate-fixtures.ts).
 * Approximations of public on-demand list prices, USD; see test/fixtures/pricing/README.md.
 * Edit here, then run `npx tsx scripts/local/pricing/generate-fixtures.ts`.
 */

export interface RegionInfo {
  regionCode: string;
  location: string;
  /** Usage-type prefix: none in us-east-1, e.g. `APN2-` elsewhere. */
  usagePrefix: string;
}

export const REGIONS: readonly RegionInfo[] = [
  { regionCode: 'us-east-1', location: 'US East (N. Virginia)', usagePrefix: '' },
  { regionCode: 'ap-northeast-2', location: 'Asia Pacific (Seoul)', usagePrefix: 'APN2-' },
];

export interface InstanceTypeRow {
  instanceType: string;
  vcpu: number;
  memoryGiB: number;
  /** Linux, Shared tenancy, per hour, by region code. */
  linuxHourly: Record<string, number>;
  /** Windows licence per hour; default WINDOWS_PER_VCPU_HOUR × vCPU (burstable types differ). */
  windowsSurcharge?: number;
}

const perRegion = (usEast1: number, seoul: number): Record<string, number> => ({
  'us-east-1': usEast1,
  'ap-northeast-2': seoul,
});

export const INSTANCE_TYPES: readonly InstanceTypeRow[] = [
  { instanceType: 't3.micro', vcpu: 2, memoryGiB: 1, linuxHourly: perRegion(0.0104, 0.013), windowsSurcharge: 0.0092 },
  { instanceType: 't3.small', vcpu: 2, memoryGiB: 2, linuxHourly: perRegion(0.0208, 0.026), windowsSurcharge: 0.0184 },
  { instanceType: 't3.medium', vcpu: 2, memoryGiB: 4, linuxHourly: perRegion(0.0416, 0.052), windowsSurcharge: 0.0184 },
  { instanceType: 't3.large', vcpu: 2, memoryGiB: 8, linuxHourly: perRegion(0.0832, 0.104), windowsSurcharge: 0.0276 },
  { instanceType: 't3.xlarge', vcpu: 4, memoryGiB: 16, linuxHourly: perRegion(0.1664, 0.208), windowsSurcharge: 0.0736 },
  { instanceType: 'm5.large', vcpu: 2, memoryGiB: 8, linuxHourly: perRegion(0.096, 0.118) },
  { instanceType: 'm5.xlarge', vcpu: 4, memoryGiB: 16, linuxHourly: perRegion(0.192, 0.236) },
  { instanceType: 'm5.2xlarge', vcpu: 8, memoryGiB: 32, linuxHourly: perRegion(0.384, 0.472) },
  { instanceType: 'm6i.large', vcpu: 2, memoryGiB: 8, linuxHourly: perRegion(0.096, 0.118) },
  { instanceType: 'm6i.xlarge', vcpu: 4, memoryGiB: 16, linuxHourly: perRegion(0.192, 0.236) },
  { instanceType: 'c5.large', vcpu: 2, memoryGiB: 4, linuxHourly: perRegion(0.085, 0.104) },
  { instanceType: 'c5.xlarge', vcpu: 4, memoryGiB: 8, linuxHourly: perRegion(0.17, 0.208) },
  { instanceType: 'c6i.large', vcpu: 2, memoryGiB: 4, linuxHourly: perRegion(0.085, 0.104) },
  { instanceType: 'c6i.xlarge', vcpu: 4, memoryGiB: 8, linuxHourly: perRegion(0.17, 0.208) },
  { instanceType: 'r5.large', vcpu: 2, memoryGiB: 16, linuxHourly: perRegion(0.126, 0.152) },
  { instanceType: 'r5.xlarge', vcpu: 4, memoryGiB: 32, linuxHourly: perRegion(0.252, 0.304) },
  { instanceType: 'r6i.large', vcpu: 2, memoryGiB: 16, linuxHourly: perRegion(0.126, 0.152) },
];

/** Licence surcharges per vCPU-hour, the same in every region (as AWS's are). */
export const WINDOWS_PER_VCPU_HOUR = 0.046;
export const SQL_WEB_PER_VCPU_HOUR = 0.034;
export const SQL_STD_PER_VCPU_HOUR = 0.24;
export const SQL_ENT_PER_VCPU_HOUR = 0.75;
export const RHEL_PER_VCPU_HOUR = 0.0144;
export const RHEL_HA_PER_VCPU_HOUR = 0.0345;
export const SUSE_PER_VCPU_HOUR = 0.015;
export const UBUNTU_PRO_PER_VCPU_HOUR = 0.0035;
/** Dedicated tenancy: the Linux price × this, plus the same licence surcharge. */
export const DEDICATED_FACTOR = 1.1;
/** Reserved-term decoys: 1-year No Upfront hourly = on-demand × this; 3-year All Upfront fee = on-demand × hours × this. */
export const RESERVED_1YR_FACTOR = 0.63;
export const RESERVED_3YR_UPFRONT_FACTOR = 0.4;

export interface OsVariant {
  /** The report's platform name (PlatformName in functions/shared/cost-types.ts). */
  key: string;
  operatingSystem: 'Linux' | 'Windows' | 'RHEL' | 'Red Hat Enterprise Linux with HA' | 'SUSE' | 'Ubuntu Pro';
  preInstalledSw: 'NA' | 'SQL Std' | 'SQL Ent' | 'SQL Web';
  licenseModel: 'No License required' | 'Bring your own license';
  operation: string;
  /** As it appears in price descriptions. */
  label: string;
  /** Name in Reserved-term descriptions. */
  reservedLabel: string;
  surchargePerHour(row: InstanceTypeRow): number;
  withReservedTerms: boolean;
  /**
   * Real data has capacity-reservation SKUs for every licensing; the fixtures keep them for the
   * licensing the decoy tests need, so the files stay small.
   */
  withCapacityDecoys: boolean;
}

const windows = (row: InstanceTypeRow): number => row.windowsSurcharge ?? WINDOWS_PER_VCPU_HOUR * row.vcpu;
const perVcpu = (rate: number) => (row: InstanceTypeRow): number => rate * row.vcpu;
const plus = (...parts: ((row: InstanceTypeRow) => number)[]) => (row: InstanceTypeRow): number => parts.reduce((sum, part) => sum + part(row), 0);
const sqlWeb = perVcpu(SQL_WEB_PER_VCPU_HOUR);
const sqlStd = perVcpu(SQL_STD_PER_VCPU_HOUR);
const sqlEnt = perVcpu(SQL_ENT_PER_VCPU_HOUR);
const rhel = perVcpu(RHEL_PER_VCPU_HOUR);
const rhelHa = perVcpu(RHEL_HA_PER_VCPU_HOUR);
const none = (): number => 0;
const NO_LICENSE = 'No License required';
const HA = 'Red Hat Enterprise Linux with HA';

/** Operation codes: AWS's "AMI billing information fields" (../shared/reference/pricing/README.md). */
export const OS_VARIANTS: readonly OsVariant[] = [
  { key: 'Linux', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances', label: 'Linux', reservedLabel: 'Linux/UNIX (Amazon VPC)', surchargePerHour: none, withReservedTerms: true, withCapacityDecoys: true },
  { key: 'Linux+SQLWeb', operatingSystem: 'Linux', preInstalledSw: 'SQL Web', licenseModel: NO_LICENSE, operation: 'RunInstances:0200', label: 'Linux with SQL Web', reservedLabel: 'Linux with SQL Server Web (Amazon VPC)', surchargePerHour: sqlWeb, withReservedTerms: false, withCapacityDecoys: false },
  { key: 'Linux+SQLStd', operatingSystem: 'Linux', preInstalledSw: 'SQL Std', licenseModel: NO_LICENSE, operation: 'RunInstances:0004', label: 'Linux with SQL Std', reservedLabel: 'Linux with SQL Server Standard (Amazon VPC)', surchargePerHour: sqlStd, withReservedTerms: false, withCapacityDecoys: false },
  { key: 'Linux+SQLEnt', operatingSystem: 'Linux', preInstalledSw: 'SQL Ent', licenseModel: NO_LICENSE, operation: 'RunInstances:0100', label: 'Linux with SQL Ent', reservedLabel: 'Linux with SQL Server Enterprise (Amazon VPC)', surchargePerHour: sqlEnt, withReservedTerms: false, withCapacityDecoys: false },
  { key: 'Windows', operatingSystem: 'Windows', preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances:0002', label: 'Windows', reservedLabel: 'Windows (Amazon VPC)', surchargePerHour: windows, withReservedTerms: true, withCapacityDecoys: true },
  // BYOL Windows matches operatingSystem=Windows, preInstalledSw=NA; only licenseModel tells it apart. Near the Linux price.
  { key: 'Windows-BYOL', operatingSystem: 'Windows', preInstalledSw: 'NA', licenseModel: 'Bring your own license', operation: 'RunInstances:0800', label: 'Windows BYOL', reservedLabel: 'Windows BYOL (Amazon VPC)', surchargePerHour: none, withReservedTerms: false, withCapacityDecoys: true },
  { key: 'Windows+SQLWeb', operatingSystem: 'Windows', preInstalledSw: 'SQL Web', licenseModel: NO_LICENSE, operation: 'RunInstances:0202', label: 'Windows with SQL Web', reservedLabel: 'Windows with SQL Server Web (Amazon VPC)', surchargePerHour: plus(windows, sqlWeb), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'Windows+SQLStd', operatingSystem: 'Windows', preInstalledSw: 'SQL Std', licenseModel: NO_LICENSE, operation: 'RunInstances:0006', label: 'Windows with SQL Std', reservedLabel: 'Windows with SQL Server Standard (Amazon VPC)', surchargePerHour: plus(windows, sqlStd), withReservedTerms: false, withCapacityDecoys: true },
  { key: 'Windows+SQLEnt', operatingSystem: 'Windows', preInstalledSw: 'SQL Ent', licenseModel: NO_LICENSE, operation: 'RunInstances:0102', label: 'Windows with SQL Ent', reservedLabel: 'Windows with SQL Server Enterprise (Amazon VPC)', surchargePerHour: plus(windows, sqlEnt), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL', operatingSystem: 'RHEL', preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances:0010', label: 'RHEL', reservedLabel: 'Red Hat Enterprise Linux (Amazon VPC)', surchargePerHour: rhel, withReservedTerms: true, withCapacityDecoys: true },
  { key: 'RHEL+HA', operatingSystem: HA, preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances:1010', label: 'RHEL with HA', reservedLabel: 'Red Hat Enterprise Linux with HA (Amazon VPC)', surchargePerHour: plus(rhel, rhelHa), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL+SQLWeb', operatingSystem: 'RHEL', preInstalledSw: 'SQL Web', licenseModel: NO_LICENSE, operation: 'RunInstances:0210', label: 'RHEL with SQL Web', reservedLabel: 'Red Hat Enterprise Linux with SQL Server Web (Amazon VPC)', surchargePerHour: plus(rhel, sqlWeb), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL+SQLStd', operatingSystem: 'RHEL', preInstalledSw: 'SQL Std', licenseModel: NO_LICENSE, operation: 'RunInstances:0014', label: 'RHEL with SQL Std', reservedLabel: 'Red Hat Enterprise Linux with SQL Server Standard (Amazon VPC)', surchargePerHour: plus(rhel, sqlStd), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL+SQLEnt', operatingSystem: 'RHEL', preInstalledSw: 'SQL Ent', licenseModel: NO_LICENSE, operation: 'RunInstances:0110', label: 'RHEL with SQL Ent', reservedLabel: 'Red Hat Enterprise Linux with SQL Server Enterprise (Amazon VPC)', surchargePerHour: plus(rhel, sqlEnt), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL+HA+SQLStd', operatingSystem: HA, preInstalledSw: 'SQL Std', licenseModel: NO_LICENSE, operation: 'RunInstances:1014', label: 'RHEL with HA and SQL Std', reservedLabel: 'Red Hat Enterprise Linux with HA and SQL Server Standard (Amazon VPC)', surchargePerHour: plus(rhel, rhelHa, sqlStd), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'RHEL+HA+SQLEnt', operatingSystem: HA, preInstalledSw: 'SQL Ent', licenseModel: NO_LICENSE, operation: 'RunInstances:1110', label: 'RHEL with HA and SQL Ent', reservedLabel: 'Red Hat Enterprise Linux with HA and SQL Server Enterprise (Amazon VPC)', surchargePerHour: plus(rhel, rhelHa, sqlEnt), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'SUSE', operatingSystem: 'SUSE', preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances:000g', label: 'SUSE', reservedLabel: 'SUSE Linux (Amazon VPC)', surchargePerHour: perVcpu(SUSE_PER_VCPU_HOUR), withReservedTerms: false, withCapacityDecoys: false },
  { key: 'UbuntuPro', operatingSystem: 'Ubuntu Pro', preInstalledSw: 'NA', licenseModel: NO_LICENSE, operation: 'RunInstances:0g00', label: 'Ubuntu Pro', reservedLabel: 'Ubuntu Pro (Amazon VPC)', surchargePerHour: perVcpu(UBUNTU_PRO_PER_VCPU_HOUR), withReservedTerms: false, withCapacityDecoys: false },
];

/** Dedicated Hosts, per instance family: one on-demand host-hour price, and the instance types a host of it runs (their own items read $0.000). */
export interface HostFamilyRow {
  instanceFamily: string;
  physicalCores: number;
  vcpu: number;
  /** Instances of each size one host holds (attributes instanceCapacity<Size>). */
  capacity: Record<string, number>;
  hourly: Record<string, number>;
}

export const HOST_FAMILIES: readonly HostFamilyRow[] = [
  { instanceFamily: 'm5', physicalCores: 48, vcpu: 96, capacity: { Large: 48, Xlarge: 24, '2xlarge': 12, '4xlarge': 6, '12xlarge': 2, '24xlarge': 1 }, hourly: perRegion(5.069, 6.232) },
  { instanceFamily: 'c5', physicalCores: 36, vcpu: 72, capacity: { Large: 36, Xlarge: 18, '2xlarge': 8, '4xlarge': 4, '9xlarge': 2, '18xlarge': 1 }, hourly: perRegion(4.08, 4.896) },
  { instanceFamily: 'r5', physicalCores: 48, vcpu: 96, capacity: { Large: 48, Xlarge: 24, '2xlarge': 12, '4xlarge': 6, '12xlarge': 2, '24xlarge': 1 }, hourly: perRegion(6.653, 7.987) },
];

/** The fee for any hour with at least one Dedicated Instance running in the region. */
export const DEDICATED_REGION_FEE_HOURLY = perRegion(2, 2);

export interface VolumeRow {
  volumeApiName: string;
  volumeType: string;
  storageMedia: string;
  usageSuffix: string;
  maxVolumeSize: string;
  maxIopsvolume: string;
  maxThroughputvolume: string;
  gbMonth: Record<string, number>;
}

export const VOLUME_TYPES: readonly VolumeRow[] = [
  { volumeApiName: 'gp2', volumeType: 'General Purpose', storageMedia: 'SSD-backed', usageSuffix: 'EBS:VolumeUsage.gp2', maxVolumeSize: '16 TiB', maxIopsvolume: '16000', maxThroughputvolume: '250 MiB/s', gbMonth: perRegion(0.1, 0.114) },
  { volumeApiName: 'gp3', volumeType: 'General Purpose', storageMedia: 'SSD-backed', usageSuffix: 'EBS:VolumeUsage.gp3', maxVolumeSize: '16 TiB', maxIopsvolume: '16000', maxThroughputvolume: '1000 MiB/s', gbMonth: perRegion(0.08, 0.0912) },
  { volumeApiName: 'io1', volumeType: 'Provisioned IOPS', storageMedia: 'SSD-backed', usageSuffix: 'EBS:VolumeUsage.piops', maxVolumeSize: '16 TiB', maxIopsvolume: '64000', maxThroughputvolume: '1000 MiB/s', gbMonth: perRegion(0.125, 0.1425) },
  { volumeApiName: 'io2', volumeType: 'Provisioned IOPS', storageMedia: 'SSD-backed', usageSuffix: 'EBS:VolumeUsage.io2', maxVolumeSize: '64 TiB', maxIopsvolume: '256000', maxThroughputvolume: '4000 MiB/s', gbMonth: perRegion(0.125, 0.1425) },
  { volumeApiName: 'st1', volumeType: 'Throughput Optimized HDD', storageMedia: 'HDD-backed', usageSuffix: 'EBS:VolumeUsage.st1', maxVolumeSize: '16 TiB', maxIopsvolume: '500', maxThroughputvolume: '500 MiB/s', gbMonth: perRegion(0.045, 0.0513) },
  { volumeApiName: 'sc1', volumeType: 'Cold HDD', storageMedia: 'HDD-backed', usageSuffix: 'EBS:VolumeUsage.sc1', maxVolumeSize: '16 TiB', maxIopsvolume: '250', maxThroughputvolume: '250 MiB/s', gbMonth: perRegion(0.015, 0.0171) },
  { volumeApiName: 'standard', volumeType: 'Magnetic', storageMedia: 'HDD-backed', usageSuffix: 'EBS:VolumeUsage', maxVolumeSize: '1 TiB', maxIopsvolume: '40 - 200', maxThroughputvolume: '40 - 90 MB/sec', gbMonth: perRegion(0.05, 0.057) },
];

export interface IopsRow {
  volumeApiName: string;
  usageSuffix: string;
  iopsMonth: Record<string, number>;
}

/** Provisioned IOPS, per IOPS-month. io2's tiers are products of their own with the same volumeApiName. */
export const IOPS_PRODUCTS: readonly IopsRow[] = [
  { volumeApiName: 'io1', usageSuffix: 'EBS:VolumeP-IOPS.piops', iopsMonth: perRegion(0.065, 0.0741) },
  { volumeApiName: 'io2', usageSuffix: 'EBS:VolumeP-IOPS.io2', iopsMonth: perRegion(0.065, 0.0741) },
  { volumeApiName: 'io2', usageSuffix: 'EBS:VolumeP-IOPS.io2.tier2', iopsMonth: perRegion(0.0455, 0.05187) },
  { volumeApiName: 'io2', usageSuffix: 'EBS:VolumeP-IOPS.io2.tier3', iopsMonth: perRegion(0.032, 0.03631) },
  { volumeApiName: 'gp3', usageSuffix: 'EBS:VolumeP-IOPS.gp3', iopsMonth: perRegion(0.005, 0.0057) },
];

/** gp3 throughput above 125 MiB/s, per MiBps-month; the Price List writes it per GiBps-month (× 1,024: 40.96 in us-east-1). */
export const GP3_THROUGHPUT_MIBPS_MONTH = perRegion(0.04, 0.0456);

/**
 * Magnetic volume I/O, per million requests; the Price List writes it per request (`IOs`).
 * us-east-1's 0.05 is the list price bills show; Seoul's 0.05 is unverified (no Seoul item or bill
 * line was found), kept equal rather than guessed from the storage ratio.
 */
export const MAGNETIC_IO_PER_MILLION = perRegion(0.05, 0.05);

export const SNAPSHOT_GB_MONTH = perRegion(0.05, 0.05);
/** The archive tier is also productFamily "Storage Snapshot"; archived snapshots are full copies. */
export const SNAPSHOT_ARCHIVE_GB_MONTH = perRegion(0.0125, 0.0125);

export const PUBLIC_IPV4_HOURLY = perRegion(0.005, 0.005);

/**
 * RDS engines as the AmazonRDS Price List names them: databaseEngine, engineCode (the number in
 * the operation `CreateDBInstance:00NN`) and licenseModel, as the real items in
 * test/fixtures/pricing/README.md ("AmazonRDS") have them.
 */
export interface DatabaseEngineRow {
  databaseEngine: string;
  engineCode: string;
  aurora: boolean;
}

export const DATABASE_ENGINES: readonly DatabaseEngineRow[] = [
  { databaseEngine: 'MySQL', engineCode: '2', aurora: false },
  { databaseEngine: 'PostgreSQL', engineCode: '14', aurora: false },
  { databaseEngine: 'MariaDB', engineCode: '18', aurora: false },
  { databaseEngine: 'Aurora MySQL', engineCode: '16', aurora: true },
  { databaseEngine: 'Aurora PostgreSQL', engineCode: '21', aurora: true },
];

export interface DatabaseClassRow {
  instanceType: string;
  vcpu: number;
  memoryGiB: number;
  /** Single-AZ per hour in us-east-1, by databaseEngine; an engine not listed does not run this class. Multi-AZ is twice that. */
  usEast1Hourly: Record<string, number>;
  /**
   * Multi-AZ DB cluster (deploymentOption "Multi-AZ (readable standbys)") per hour of the whole
   * cluster, writer and two readable standbys together, in us-east-1, by databaseEngine.
   */
  clusterUsEast1Hourly?: Record<string, number>;
  /** The `storage` attribute: `EBS Only`, or the local NVMe of the `d` classes. */
  storage?: string;
}

/**
 * us-east-1 Single-AZ on-demand list prices. Checked against public captures (see the README):
 * db.t3.micro MySQL 0.017 (Multi-AZ 0.034), PostgreSQL 0.018 (0.036); db.r6g.large MySQL 0.215,
 * PostgreSQL 0.225 (Multi-AZ 0.45). The others are the public pricing pages' figures as we know
 * them, not captured; Aurora db.t3.medium 0.082 is pinned by a test as such.
 */
export const DATABASE_CLASSES: readonly DatabaseClassRow[] = [
  { instanceType: 'db.t3.micro', vcpu: 2, memoryGiB: 1, usEast1Hourly: { MySQL: 0.017, PostgreSQL: 0.018, MariaDB: 0.017 } },
  { instanceType: 'db.t3.small', vcpu: 2, memoryGiB: 2, usEast1Hourly: { MySQL: 0.034, PostgreSQL: 0.036, MariaDB: 0.034 } },
  { instanceType: 'db.t3.medium', vcpu: 2, memoryGiB: 4, usEast1Hourly: { MySQL: 0.068, PostgreSQL: 0.072, MariaDB: 0.068, 'Aurora MySQL': 0.082, 'Aurora PostgreSQL': 0.082 } },
  { instanceType: 'db.t4g.micro', vcpu: 2, memoryGiB: 1, usEast1Hourly: { MySQL: 0.016, PostgreSQL: 0.016, MariaDB: 0.016 } },
  { instanceType: 'db.t4g.medium', vcpu: 2, memoryGiB: 4, usEast1Hourly: { MySQL: 0.065, PostgreSQL: 0.065, MariaDB: 0.065, 'Aurora MySQL': 0.073, 'Aurora PostgreSQL': 0.073 } },
  { instanceType: 'db.m5.large', vcpu: 2, memoryGiB: 8, usEast1Hourly: { MySQL: 0.171, PostgreSQL: 0.178, MariaDB: 0.171 } },
  { instanceType: 'db.r5.large', vcpu: 2, memoryGiB: 16, usEast1Hourly: { MySQL: 0.24, PostgreSQL: 0.25, MariaDB: 0.24, 'Aurora MySQL': 0.29, 'Aurora PostgreSQL': 0.29 } },
  { instanceType: 'db.r6g.large', vcpu: 2, memoryGiB: 16, usEast1Hourly: { MySQL: 0.215, PostgreSQL: 0.225, MariaDB: 0.215, 'Aurora MySQL': 0.26, 'Aurora PostgreSQL': 0.26 } },
  // Multi-AZ DB clusters only. Not captured in us-east-1: a 2026 public note quotes the Seoul item
  // `APN2-Multi-AZClusterUsage:db.m6gd.large` PostgreSQL at 0.783 per hour, which the Seoul rule
  // (× 1.3) gives from 0.602 (0.7826); MySQL at PostgreSQL's × 0.215 / 0.225, as for db.r6g.large.
  { instanceType: 'db.m6gd.large', vcpu: 2, memoryGiB: 8, usEast1Hourly: {}, clusterUsEast1Hourly: { MySQL: 0.575, PostgreSQL: 0.602 }, storage: '1 x 118 NVMe SSD' },
];

/** Seoul's RDS prices as a share of us-east-1's: a rule, not captured prices. */
export const DATABASE_SEOUL_FACTOR = 1.3;
/**
 * Aurora I/O-Optimized instances (`InstanceUsageIOOptimized:<class>`, `storage` "Aurora IO
 * Optimization Mode": a product of its own, which members of an I/O-Optimized cluster are priced at
 * and a Standard member's query must not match) cost this much more: public captures of the real
 * Price List read 0.338 against 0.26 for db.r6g.large in us-east-1 and 0.407 against 0.313 in Seoul
 * (× 1.30), 0.719 against 0.553 for db.r7g.xlarge (functions/shared/price-keys.ts cites them).
 */
export const AURORA_IO_OPTIMIZED_FACTOR = 1.3;

/**
 * Aurora Serverless v2 per ACU-hour (productFamily "ServerlessV2", unit `ACU-Hr`), by databaseEngine:
 * Aurora Standard (`Aurora:ServerlessV2Usage`) and I/O-Optimized
 * (`Aurora:ServerlessV2IOOptimizedUsage`). us-east-1: 0.12 and 0.16, a 2025 Pricing API capture for
 * Aurora PostgreSQL (SKUs AVKW7ZJP8D72HNQC, KG668U3YXJQ6YH9Y) and the public pricing page for both
 * engines. Seoul: us-east-1's × DATABASE_SEOUL_FACTOR, a rule, not captured.
 */
export const AURORA_SERVERLESS_V2_ACU_HOURLY = { standard: 0.12, ioOptimized: 0.16 } as const;

export interface DatabaseStorageRow {
  volumeType: string;
  /** The usage type after the region prefix, Single-AZ; Multi-AZ inserts `Multi-AZ-` after `RDS:`. */
  usageSuffix: string;
  storageMedia: string;
  minVolumeSize: string;
  maxVolumeSize: string;
  /** Single-AZ per GB-month; Multi-AZ is twice that. */
  gbMonth: Record<string, number>;
}

/**
 * gp2 and gp3 0.115 per GB-month Single-AZ in us-east-1 (0.23 Multi-AZ): public captures; Seoul's gp3
 * 0.131 matches public Seoul quotes (Multi-AZ 0.262, Multi-AZ DB cluster 0.393), the rest of Seoul's are guesses.
 */
export const DATABASE_STORAGE: readonly DatabaseStorageRow[] = [
  { volumeType: 'General Purpose', usageSuffix: 'RDS:GP2-Storage', storageMedia: 'SSD', minVolumeSize: '20 GB', maxVolumeSize: '64 TB', gbMonth: perRegion(0.115, 0.131) },
  { volumeType: 'General Purpose-GP3', usageSuffix: 'RDS:GP3-Storage', storageMedia: 'SSD', minVolumeSize: '20 GB', maxVolumeSize: '64 TB', gbMonth: perRegion(0.115, 0.131) },
  { volumeType: 'Provisioned IOPS', usageSuffix: 'RDS:PIOPS-Storage', storageMedia: 'SSD', minVolumeSize: '100 GB', maxVolumeSize: '64 TB', gbMonth: perRegion(0.125, 0.143) },
  // io2: volumeType "Provisioned IOPS-IO2" and `RDS:PIOPS-Storage-IO2` (public Go offer-file reader's test of
  // AmazonRDS items; public pricing code lists the Multi-AZ and Multi-AZCluster usage types); 0.125 Single-AZ in
  // us-east-1 as a 2026 capture of the live Price List quotes it (another public test reads 0.126).
  { volumeType: 'Provisioned IOPS-IO2', usageSuffix: 'RDS:PIOPS-Storage-IO2', storageMedia: 'SSD', minVolumeSize: '100 GB', maxVolumeSize: '64 TB', gbMonth: perRegion(0.125, 0.143) },
  { volumeType: 'Magnetic', usageSuffix: 'RDS:StorageUsage', storageMedia: 'Magnetic', minVolumeSize: '5 GB', maxVolumeSize: '3 TB', gbMonth: perRegion(0.1, 0.115) },
];

/**
 * A Multi-AZ DB cluster's allocated storage costs this many times the Single-AZ rate per GB-month
 * (three copies): captured for gp3 (us-east-1 0.345 against 0.115, sa-east-1 3.0 ×, Seoul 0.393 against
 * 0.131), applied to io1 as a rule. Multi-AZ DB clusters run gp3, io1 and io2 only.
 */
export const MULTI_AZ_DB_CLUSTER_STORAGE_FACTOR = 3;
export const MULTI_AZ_DB_CLUSTER_STORAGE_USAGE: ReadonlySet<string> = new Set(['RDS:GP3-Storage', 'RDS:PIOPS-Storage', 'RDS:PIOPS-Storage-IO2']);

export interface DatabaseIopsRow {
  /** The usage type after the region prefix, Single-AZ; Multi-AZ inserts `Multi-AZ-` after `RDS:`. */
  usageSuffix: string;
  productFamily: 'Provisioned IOPS' | 'Provisioned Throughput';
  /** Attributes beyond the common ones, as captured (none invented). */
  attributes: Record<string, string>;
  unit: string;
  /** Single-AZ per unit-month; Multi-AZ is twice that. */
  monthly: Record<string, number>;
  words: string;
}

/**
 * RDS Provisioned IOPS and gp3 throughput (functions/shared/price-keys.ts cites the usage types).
 * IOPS: productFamily "Provisioned IOPS", unit IOPS-Mo, databaseEngine Any, groupDescription "RDS
 * Provisioned IOPS" (io1) / "RDS Provisioned GP3 IOPS" / "RDS Provisioned IO2 IOPS" with volumeType
 * "Provisioned IOPS-IO2" (infracost db_instance.go filters; a public AmazonRDS GetProducts client's
 * IOPS_GROUP_MAP, which notes volumeType only on io2); us-east-1 io1 0.10, gp3 0.02 (Multi-AZ 0.04),
 * io2 0.10 per IOPS-month as a 2026 capture of the live Price List quotes them. Throughput:
 * productFamily "Provisioned Throughput" with a deploymentOption (the same client), `RDS:GP3-Throughput`;
 * its unit and price were not captured: per MiBps-month as the RDS pricing page words it, 0.08 the
 * figure as we know it. Seoul's are guesses (× ~1.15 like storage).
 */
export const DATABASE_IOPS: readonly DatabaseIopsRow[] = [
  { usageSuffix: 'RDS:PIOPS', productFamily: 'Provisioned IOPS', attributes: { groupDescription: 'RDS Provisioned IOPS', databaseEngine: 'Any' }, unit: 'IOPS-Mo', monthly: perRegion(0.1, 0.115), words: 'IOPS-month of Provisioned IOPS (io1)' },
  { usageSuffix: 'RDS:GP3-PIOPS', productFamily: 'Provisioned IOPS', attributes: { groupDescription: 'RDS Provisioned GP3 IOPS', databaseEngine: 'Any' }, unit: 'IOPS-Mo', monthly: perRegion(0.02, 0.023), words: 'IOPS-month of GP3 IOPS provisioned above the baseline' },
  { usageSuffix: 'RDS:IO2-PIOPS', productFamily: 'Provisioned IOPS', attributes: { groupDescription: 'RDS Provisioned IO2 IOPS', volumeType: 'Provisioned IOPS-IO2', databaseEngine: 'Any' }, unit: 'IOPS-Mo', monthly: perRegion(0.1, 0.115), words: 'IOPS-month of Provisioned IOPS (io2)' },
  { usageSuffix: 'RDS:GP3-Throughput', productFamily: 'Provisioned Throughput', attributes: {}, unit: 'MiBps-Mo', monthly: perRegion(0.08, 0.092), words: 'MiBps-month of GP3 throughput provisioned above the baseline' },
];

/**
 * Aurora cluster storage per GB-month used (`Aurora:StorageUsage`), I/O-Optimized storage
 * (`Aurora:IO-OptimizedStorageUsage`) and Aurora Standard I/O per million requests
 * (`Aurora:StorageIOUsage`, listed per request): the public Aurora pricing page's us-east-1 and
 * Seoul rates ($0.10, $0.225, $0.20 per million), as public pricing code quotes them.
 */
export const AURORA_STORAGE_GB_MONTH = perRegion(0.1, 0.1);
export const AURORA_IO_OPTIMIZED_STORAGE_GB_MONTH = perRegion(0.225, 0.225);
export const AURORA_IO_PER_MILLION = perRegion(0.2, 0.2);

// ---- T-instance CPU credits (productFamily "CPU Credits"); kept in their own block ----

/**
 * Surplus CPU credits of burstable families, per vCPU-hour (Price List unit `vCPU-Hours`, usagetype
 * `<prefix>CPUCredits:<family>`, operatingSystem `Linux`), as public pricing code queries them
 * (infracost internal/resources/aws/instance.go, cpuCreditCostComponent) and as Cost Explorer and
 * CUR exports bill them (`CPUCredits:t3`, `USE2-CPUCredits:t3a`, unit vCPU-Hours). Rates: AWS's
 * "T2/T3/T4g Unlimited Mode Pricing": 0.05 USD per vCPU-hour for Linux t2, t3 and t3a ("5 cents per
 * vCPU-hour", AWS News Blog "T2 Unlimited"), 0.04 for t4g (quoted from that page in GitLab
 * docker-machine MR 118). No captured Price List item was found, so the attribute set is the one
 * every EC2 item has plus those filters. Seoul's rates are unverified, kept equal to us-east-1's.
 * Windows items are left out: their rate differs and could not be confirmed, so a Windows T
 * instance's credits stay unpriced here rather than priced at a guess (real AWS answers its own).
 */
export interface CpuCreditRow {
  instanceFamily: string;
  linuxPerVcpuHour: Record<string, number>;
}

export const CPU_CREDIT_FAMILIES: readonly CpuCreditRow[] = [
  { instanceFamily: 't2', linuxPerVcpuHour: perRegion(0.05, 0.05) },
  { instanceFamily: 't3', linuxPerVcpuHour: perRegion(0.05, 0.05) },
  { instanceFamily: 't3a', linuxPerVcpuHour: perRegion(0.05, 0.05) },
  { instanceFamily: 't4g', linuxPerVcpuHour: perRegion(0.04, 0.04) },
];
