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
export const SUSE_PER_VCPU_HOUR = 0.015;
/** Dedicated tenancy: the Linux price × this, plus the same licence surcharge. */
export const DEDICATED_FACTOR = 1.1;
/** Reserved-term decoys: 1-year No Upfront hourly = on-demand × this; 3-year All Upfront fee = on-demand × hours × this. */
export const RESERVED_1YR_FACTOR = 0.63;
export const RESERVED_3YR_UPFRONT_FACTOR = 0.4;

export interface OsVariant {
  /** The report's platform name (PlatformName in functions/shared/cost-types.ts), or Windows-BYOL. */
  key: string;
  operatingSystem: 'Linux' | 'Windows' | 'RHEL' | 'SUSE';
  preInstalledSw: 'NA' | 'SQL Std' | 'SQL Ent' | 'SQL Web';
  licenseModel: 'No License required' | 'Bring your own license';
  operation: string;
  /** As it appears in price descriptions. */
  label: string;
  /** Name in Reserved-term descriptions. */
  reservedLabel: string;
  surchargePerHour(row: InstanceTypeRow): number;
  withReservedTerms: boolean;
}

const windows = (row: InstanceTypeRow): number => row.windowsSurcharge ?? WINDOWS_PER_VCPU_HOUR * row.vcpu;

export const OS_VARIANTS: readonly OsVariant[] = [
  { key: 'Linux', operatingSystem: 'Linux', preInstalledSw: 'NA', licenseModel: 'No License required', operation: 'RunInstances', label: 'Linux', reservedLabel: 'Linux/UNIX (Amazon VPC)', surchargePerHour: () => 0, withReservedTerms: true },
  { key: 'Windows', operatingSystem: 'Windows', preInstalledSw: 'NA', licenseModel: 'No License required', operation: 'RunInstances:0002', label: 'Windows', reservedLabel: 'Windows (Amazon VPC)', surchargePerHour: windows, withReservedTerms: true },
  { key: 'Windows+SQLStd', operatingSystem: 'Windows', preInstalledSw: 'SQL Std', licenseModel: 'No License required', operation: 'RunInstances:0006', label: 'Windows with SQL Std', reservedLabel: 'Windows with SQL Server Standard (Amazon VPC)', surchargePerHour: (row) => windows(row) + SQL_STD_PER_VCPU_HOUR * row.vcpu, withReservedTerms: false },
  { key: 'Windows+SQLEnt', operatingSystem: 'Windows', preInstalledSw: 'SQL Ent', licenseModel: 'No License required', operation: 'RunInstances:0102', label: 'Windows with SQL Ent', reservedLabel: 'Windows with SQL Server Enterprise (Amazon VPC)', surchargePerHour: (row) => windows(row) + SQL_ENT_PER_VCPU_HOUR * row.vcpu, withReservedTerms: false },
  { key: 'Windows+SQLWeb', operatingSystem: 'Windows', preInstalledSw: 'SQL Web', licenseModel: 'No License required', operation: 'RunInstances:0202', label: 'Windows with SQL Web', reservedLabel: 'Windows with SQL Server Web (Amazon VPC)', surchargePerHour: (row) => windows(row) + SQL_WEB_PER_VCPU_HOUR * row.vcpu, withReservedTerms: false },
  { key: 'RHEL', operatingSystem: 'RHEL', preInstalledSw: 'NA', licenseModel: 'No License required', operation: 'RunInstances:0010', label: 'RHEL', reservedLabel: 'Red Hat Enterprise Linux (Amazon VPC)', surchargePerHour: (row) => RHEL_PER_VCPU_HOUR * row.vcpu, withReservedTerms: true },
  { key: 'SUSE', operatingSystem: 'SUSE', preInstalledSw: 'NA', licenseModel: 'No License required', operation: 'RunInstances:000g', label: 'SUSE', reservedLabel: 'SUSE Linux (Amazon VPC)', surchargePerHour: (row) => SUSE_PER_VCPU_HOUR * row.vcpu, withReservedTerms: false },
  // Decoy: BYOL Windows matches operatingSystem=Windows, preInstalledSw=NA; only licenseModel tells it apart.
  { key: 'Windows-BYOL', operatingSystem: 'Windows', preInstalledSw: 'NA', licenseModel: 'Bring your own license', operation: 'RunInstances:0800', label: 'Windows BYOL', reservedLabel: 'Windows BYOL (Amazon VPC)', surchargePerHour: () => 0, withReservedTerms: false },
];

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
  group: string;
  groupDescription: string;
  usageSuffix: string;
  iopsMonth: Record<string, number>;
}

export const IOPS_PRODUCTS: readonly IopsRow[] = [
  { volumeApiName: 'io1', group: 'EBS IOPS', groupDescription: 'IOPS', usageSuffix: 'EBS:VolumeP-IOPS.piops', iopsMonth: perRegion(0.065, 0.0741) },
  { volumeApiName: 'io2', group: 'EBS IOPS', groupDescription: 'IOPS', usageSuffix: 'EBS:VolumeP-IOPS.io2', iopsMonth: perRegion(0.065, 0.0741) },
  // Decoys: io2's cheaper tiers (IOPS above 32,000 and 64,000) share volumeApiName io2.
  { volumeApiName: 'io2', group: 'EBS IOPS Tier 2', groupDescription: 'IOPS Tier 2 (32,001 - 64,000)', usageSuffix: 'EBS:VolumeP-IOPS.io2.tier2', iopsMonth: perRegion(0.0455, 0.05187) },
  { volumeApiName: 'io2', group: 'EBS IOPS Tier 3', groupDescription: 'IOPS Tier 3 (over 64,000)', usageSuffix: 'EBS:VolumeP-IOPS.io2.tier3', iopsMonth: perRegion(0.03185, 0.03631) },
  { volumeApiName: 'gp3', group: 'EBS IOPS', groupDescription: 'IOPS', usageSuffix: 'EBS:VolumeP-IOPS.gp3', iopsMonth: perRegion(0.005, 0.0057) },
];

export const GP3_THROUGHPUT_MIBPS_MONTH = perRegion(0.04, 0.0456);

export const SNAPSHOT_GB_MONTH = perRegion(0.05, 0.05);
/** Decoy: the archive tier is also productFamily "Storage Snapshot". */
export const SNAPSHOT_ARCHIVE_GB_MONTH = perRegion(0.0125, 0.0125);

export const PUBLIC_IPV4_HOURLY = perRegion(0.005, 0.005);
