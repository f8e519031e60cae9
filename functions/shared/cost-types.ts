/** The data contract of the cost-report workflow: the inventory stored in S3 and what travels between states. */
import type { BackupSummary, InventoryBackups } from './backup-types';

/**
 * Licensing as the report names it; the `Platform` tag accepts the same spellings. Each is one
 * on-demand Price List product (shared/platform.ts maps them to its attributes).
 */
export const PLATFORM_NAMES = [
  'Linux',
  'Linux+SQLWeb',
  'Linux+SQLStd',
  'Linux+SQLEnt',
  'Windows',
  'Windows-BYOL',
  'Windows+SQLWeb',
  'Windows+SQLStd',
  'Windows+SQLEnt',
  'RHEL',
  'RHEL+HA',
  'RHEL+SQLWeb',
  'RHEL+SQLStd',
  'RHEL+SQLEnt',
  'RHEL+HA+SQLStd',
  'RHEL+HA+SQLEnt',
  'SUSE',
  'UbuntuPro',
] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];
/** What the report shows for an instance whose licensing has no Price List mapping: it stays unpriced. */
export const UNKNOWN_PLATFORM = 'Unknown';
export type Tenancy = 'Shared' | 'Dedicated' | 'Host';

export interface InventoryInstance {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  instanceId: string;
  name: string;
  instanceType: string;
  state: string;
  az: string;
  /** `Unknown` when EC2 reports licensing that no Price List product matches (priceKeyId then names why). */
  platform: PlatformName | typeof UNKNOWN_PLATFORM;
  /** Where `platform` came from: the Platform tag, PlatformDetails, UsageOperation, the Platform field, or the Linux default. */
  platformSource: 'tag' | 'PlatformDetails' | 'UsageOperation' | 'Platform' | 'default';
  /** For `Unknown` licensing: what EC2 reported (DescribeInstances PlatformDetails / UsageOperation), which the unpriced reason names. */
  platformDetails?: string;
  usageOperation?: string;
  tenancy: Tenancy;
  launchTime?: string;
  /** ISO time the instance was stopped, parsed from StateTransitionReason; only for stopped instances. */
  stoppedSince?: string;
  /** vCPUs from CpuOptions, when EC2 reports them. */
  vcpu?: number;
  /** Public IPv4 that is not an Elastic IP (those are listed in addresses). */
  publicIp?: string;
  /** Value of the opt-in schedule tag (TAG_KEY), when present. */
  scheduleTagValue?: string;
  /** Why the power schedule leaves this instance alone (shared/schedule-eligibility.ts): it then saves nothing. */
  scheduleSkipReason?: string;
  volumeIds: string[];
  /**
   * For an Auto Scaling group member: its EBS volumes with DeleteOnTermination (DescribeInstances
   * BlockDeviceMappings[].Ebs): deleted when the group terminates it, so not billed while its group is stopped.
   */
  deleteOnTerminationVolumeIds?: string[];
  /** `PriceKey.id` of this instance's on-demand price (for a Spot instance: only its vCPU and memory are read from it). */
  priceKeyId: string;
  /** How the instance's compute is billed; absent means On-Demand (inventories collected before this field). */
  purchaseOption?: PurchaseOption;
  /** The Dedicated Host it runs on (Placement.HostId): the host is billed, not the instance. */
  hostId?: string;
  /** For Spot: the id of its Spot price in `Inventory.spotPrices` (average of the last 7 days in its AZ). */
  spotPriceId?: string;
  /**
   * A running burstable instance's (t2, t3, t3a, t4g) surplus CPU credits as CloudWatch reports them
   * (collect-inventory/cpu-credits.ts); absent for other instances and in inventories collected before.
   */
  cpuCredits?: CpuCreditUsage;
}

/**
 * What a burstable instance was charged in surplus CPU credits: 0 in standard mode (never charged),
 * else what CloudWatch says. Each figure is absent when there was no datapoint; `reason` then says
 * why none was read (no datapoints, or the read was refused), so the report never shows a silent 0.
 */
export interface CpuCreditUsage {
  /**
   * The instance's credit option as DescribeInstanceCreditSpecifications reports it. `standard`: no
   * surplus credits are ever charged, so the figures are a real 0 and CloudWatch is not asked.
   * Absent when the option was not read (see `creditOptionReadError`) or in older inventories.
   */
  creditOption?: 'standard' | 'unlimited';
  /** Why the credit option was not read (a refused DescribeInstanceCreditSpecifications): the figures then come from CloudWatch as for unlimited mode. */
  creditOptionReadError?: string;
  /** CPUSurplusCreditsCharged summed over the last 7 days: credits, one credit = one vCPU-minute. */
  creditsCharged?: number;
  /** Those credits as vCPU-hours (÷ 60), scaled to a 730-hour month (× 730 / 168): what the vCPU-hour rate multiplies. */
  vcpuHoursMonthly?: number;
  reason?: string;
}

/** Why a standard-mode burstable instance's credits are a real 0 (the report's Note says it, never highlighted). */
export const STANDARD_MODE_NOTE = 'standard mode: no surplus credits are charged';

/** How EC2 bills an instance's compute hours. */
export type PurchaseOption = 'On-Demand' | 'Spot' | 'Dedicated Instance' | 'Dedicated Host';

export interface InventoryVolume {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  volumeId: string;
  name: string;
  volumeType: string;
  sizeGiB: number;
  iops?: number;
  throughputMiBps?: number;
  state: string;
  az: string;
  /** Instance id when attached; absent for unattached (available) volumes. A multi-attach volume names its first instance here, by attach time: the one it is charged to. */
  attachedTo?: string;
  /** The other instances a multi-attach (io1/io2) volume is attached to: listed there, charged once, to `attachedTo`. */
  alsoAttachedTo?: string[];
  createTime?: string;
}

export interface InventoryAddress {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  publicIp: string;
  /** 'elastic' for Elastic IPs (associated or idle); 'instance' for auto-assigned public IPv4. */
  kind: 'elastic' | 'instance';
  allocationId?: string;
  instanceId?: string;
  associated: boolean;
}

export interface InventorySnapshot {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  snapshotId: string;
  volumeId?: string;
  volumeSizeGiB: number;
  /** `archive` snapshots are full copies billed at the archive rate; absent means standard (EC2 omits it for standard). */
  storageTier?: 'standard' | 'archive';
  /** DescribeSnapshots' FullSnapshotSizeInBytes: the blocks written at snapshot time, what an archived snapshot is billed on. */
  fullSnapshotSizeBytes?: number;
  startTime?: string;
  description?: string;
}

/** A Dedicated Host (DescribeHosts): billed per host by the hour, whatever runs on it. */
export interface InventoryHost {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  hostId: string;
  /** HostProperties.InstanceFamily, e.g. `m5`: the Price List prices a host per family. */
  instanceFamily: string;
  state: string;
  az: string;
  instanceIds: string[];
}

/**
 * An RDS DB instance or Aurora cluster (DescribeDBInstances / DescribeDBClusters). Every DB of the
 * target is listed, tagged or not: the RDS sheet shows what the databases cost, and the schedule
 * savings need the untagged ones too (a tagged instance of an untagged cluster saves nothing).
 * An Aurora cluster carries no compute of its own (its instances are billed); its storage is billed
 * per GB used and, on Aurora Standard, per I/O request, which RDS does not report: CloudWatch's
 * cluster metrics do (collect-inventory/aurora-usage.ts).
 * A Multi-AZ DB cluster is billed as a whole, its instances not on their own (db-clusters.ts).
 */
export interface InventoryDatabase {
  /** The account it is in (set when the targets' inventories are merged). */
  accountId?: string;
  region: string;
  arn: string;
  kind: 'instance' | 'cluster';
  /** The DB instance or cluster identifier. */
  name: string;
  /** RDS's engine name, e.g. `mysql`, `aurora-postgresql`, `sqlserver-se`. */
  engine: string;
  status: string;
  /** DB instances, and a Multi-AZ DB cluster's DBClusterInstanceClass, e.g. `db.t3.micro`. */
  instanceClass?: string;
  multiAz: boolean;
  /** RDS's license model, e.g. `general-public-license`, `license-included`. */
  licenseModel?: string;
  /**
   * DB instances outside a cluster and Multi-AZ DB clusters: `gp2`, `gp3`, `io1`, `io2`, `standard`;
   * Aurora clusters and their instances: the cluster's `aurora` (Standard) or `aurora-iopt1`
   * (I/O-Optimized), which decides the instances' hourly rate too.
   */
  storageType?: string;
  allocatedGiB?: number;
  /** Provisioned IOPS as RDS reports them (`Iops`; a gp3 DB's include its baseline; a Multi-AZ DB cluster's are per instance). */
  iops?: number;
  /** gp3 storage throughput in MiBps (`StorageThroughput`; includes the baseline). */
  storageThroughputMiBps?: number;
  /** The cluster a DB instance belongs to. */
  cluster?: string;
  /** The status of that cluster: a stopped cluster's instances are not billed. */
  clusterStatus?: string;
  /** The opt-in schedule tag's value: on the DB, or for a cluster's instance on its cluster. */
  scheduleTagValue?: string;
  /** Why the power schedule leaves this DB alone (shared/databases.ts): it then saves nothing. */
  scheduleSkipReason?: string;
  /** `PriceKey.id` of its instance hours (DB instances outside a Multi-AZ DB cluster; a Multi-AZ DB cluster's whole hours). */
  priceKeyId?: string;
  /** `PriceKey.id` of its storage (DB instances outside a cluster, Multi-AZ DB clusters, Aurora clusters' GB used). */
  storagePriceKeyId?: string;
  /** `PriceKey.id` of an Aurora Standard cluster's I/O requests. */
  ioPriceKeyId?: string;
  /** `PriceKey.id` of its Provisioned IOPS (io1, io2; gp3 above the baseline): DB instances outside a cluster. */
  iopsPriceKeyId?: string;
  /** `PriceKey.id` of its gp3 throughput above the baseline: DB instances outside a cluster. */
  throughputPriceKeyId?: string;
  /** An Aurora cluster's use of its volume as CloudWatch reports it (absent in inventories collected before it was read). */
  auroraUsage?: AuroraUsage;
  /** An Aurora Serverless v2 instance's (class `db.serverless`) capacity as CloudWatch reports it (absent when not read). */
  serverlessV2Usage?: ServerlessV2Usage;
}

/**
 * What CloudWatch says an Aurora Serverless v2 instance ran at: `averageAcu` is absent when CloudWatch
 * had no datapoint in the window, and `readError` says why none was read at all.
 */
export interface ServerlessV2Usage {
  /** ServerlessDatabaseCapacity averaged over every datapoint of the CloudWatch window (ACUs while the instance ran). */
  averageAcu?: number;
  readError?: string;
}

/**
 * What CloudWatch says an Aurora cluster's volume used: each figure is absent when CloudWatch had
 * no datapoint (a new cluster), and `readError` says why none was read at all.
 */
export interface AuroraUsage {
  /** Billed storage: the latest daily average of VolumeBytesUsed in the last 7 days, in GiB (the GB-month AWS bills). */
  volumeGiB?: number;
  /** Billed I/O requests (Aurora Standard): VolumeReadIOPs + VolumeWriteIOPs over the last 7 days, scaled to a 730-hour month. */
  ioRequestsMonthly?: number;
  readError?: string;
}

/**
 * An Auto Scaling group carrying the opt-in tag key (DescribeAutoScalingGroups). The schedule stops
 * it by setting its sizes to 0 (its instances are terminated) and restores the recorded sizes: what
 * it saves is what its in-service members cost outside the schedule.
 */
export interface InventoryAutoScalingGroup {
  /** The account it is in (set when the targets' inventories are merged). */
  accountId?: string;
  region: string;
  name: string;
  /** The opt-in schedule tag's value on the group. */
  scheduleTagValue: string;
  /** Where the schedule has it now (shared/auto-scaling-groups.ts `groupScheduleState`). */
  scheduleState: 'running' | 'stopped' | 'left alone';
  /** Why the schedule never starts it (state `left alone`). */
  scheduleSkipReason?: string;
  min: number;
  max: number;
  desired: number;
  /** The sizes the schedule recorded when it stopped the group (state `stopped`). */
  savedSizes?: string;
  /** Its members in service (LifecycleState InService), by instance id: what the estimate prices. */
  inServiceInstanceIds: string[];
  /** A mixed instances policy: its members' types vary, so the estimate is of the members running now. */
  mixedInstances: boolean;
}

export interface ExcludedInstance {
  /** The account it is in (set when the targets' inventories are merged; absent in older inventories). */
  accountId?: string;
  region: string;
  instanceId: string;
  reason: string;
}

export interface Inventory {
  collectedAt: string;
  reportDate: string;
  regions: string[];
  instances: InventoryInstance[];
  volumes: InventoryVolume[];
  addresses: InventoryAddress[];
  snapshots: InventorySnapshot[];
  /** Dedicated Hosts; absent in inventories collected before hosts were described. */
  hosts?: InventoryHost[];
  /** RDS DB instances and Aurora clusters; absent in inventories collected before databases were read. */
  databases?: InventoryDatabase[];
  /** Targets whose databases could not be read, each with RDS's error: the workbook says so. */
  databaseNotes?: string[];
  /** Auto Scaling groups carrying the opt-in tag key; absent in inventories collected before groups were read. */
  autoScalingGroups?: InventoryAutoScalingGroup[];
  /** Targets whose Auto Scaling groups could not be read, each with the error: the workbook says so. */
  autoScalingGroupNotes?: string[];
  /** Spot prices of the Spot instances (DescribeSpotPriceHistory), in the PriceItems result shape: the report prices from them like any other. */
  spotPrices?: PriceResult[];
  /** What Cost Explorer says was billed; absent when collected before it was read. */
  billed?: BilledCosts;
  excluded: ExcludedInstance[];
  /** Backup plans, restore points per volume and failed jobs; absent in inventories collected before backups were read. */
  backups?: InventoryBackups;
  /** Every (account, region) target of the run and how its collection went; absent in inventories collected before targets. */
  targets?: TargetCollection[];
  /** Account names (AWS Organizations ListAccounts), when the deployment account may read them. */
  accountNames?: Record<string, string>;
}

/**
 * How one target's collection went. `unreachable`: the member role is missing or refuses, or the
 * region is not enabled; `failed`: its child execution failed after its retries. The report lists
 * every target that was not collected, by name, beside the others' figures.
 */
export interface TargetCollection {
  accountId: string;
  region: string;
  status: 'collected' | 'unreachable' | 'failed';
  /** The AWS error code (or step error name) and its message, when not collected. */
  error?: string;
  message?: string;
}

/** The two periods the report compares with Cost Explorer: the last full week (Monday-Sunday) and the month to date. */
export type BilledPeriodName = 'lastWeek' | 'monthToDate';

export interface BilledPeriod {
  name: BilledPeriodName;
  /** First day, inclusive, and last day, exclusive (Cost Explorer's convention), YYYY-MM-DD in UTC. */
  start: string;
  end: string;
  days: number;
}

/** One usage type in one region and period, as Cost Explorer's GetCostAndUsage groups it (USD). */
export interface BilledLine {
  period: BilledPeriodName;
  region: string;
  usageType: string;
  unblended: number;
  amortized: number;
}

export type BilledCosts =
  | {
      status: 'collected';
      periods: BilledPeriod[];
      lines: BilledLine[];
      /** GetCostAndUsage requests made (one per page of results), 0.01 USD each. */
      requests: number;
      /** Cost Explorer marked some of the days as estimated (the most recent ones, still being billed). */
      estimated: boolean;
    }
  /** Cost Explorer could not answer (not enabled, access denied, no data yet): the workbook says why. */
  | { status: 'unavailable'; code: string; reason: string }
  /** Turned off (ENABLE_COST_EXPLORER=false): no request was made. */
  | { status: 'off' };

/** io2 IOPS above 32,000 and above 64,000 are separate products at lower rates (tier 1 has no suffix). */
export type Io2IopsTier = 'tier2' | 'tier3';

export type PriceKey =
  | {
      id: string;
      kind: 'ec2';
      region: string;
      instanceType: string;
      operatingSystem: string;
      preInstalledSw: string;
      licenseModel: string;
      tenancy: Tenancy;
    }
  /** Licensing EC2 reported that no Price List product matches: price-items answers it unpriced, with the reason, without a call. */
  | { id: string; kind: 'ec2-unmapped'; region: string; platformDetails: string; usageOperation: string }
  | { id: string; kind: 'ebs-storage'; region: string; volumeType: string }
  | { id: string; kind: 'ebs-iops'; region: string; volumeType: string; tier?: Io2IopsTier }
  | { id: string; kind: 'ebs-throughput'; region: string; volumeType: string }
  /** Magnetic (standard) volumes' per-request charge, per million I/O requests. */
  | { id: string; kind: 'ebs-io-requests'; region: string }
  | { id: string; kind: 'snapshot'; region: string }
  | { id: string; kind: 'snapshot-archive'; region: string }
  | { id: string; kind: 'ipv4'; region: string; usage: 'InUse' | 'Idle' }
  /** A Dedicated Host of one instance family, per host-hour. */
  | { id: string; kind: 'dedicated-host'; region: string; instanceFamily: string }
  /** The per-region fee for running at least one Dedicated Instance, per hour. */
  | { id: string; kind: 'dedicated-fee'; region: string }
  /**
   * An RDS DB instance's hours, in the Price List's words (databaseEdition only for Oracle and SQL
   * Server). `ioOptimized`: a member of an Aurora I/O-Optimized cluster, billed as
   * `InstanceUsageIOOptimized:<class>` at its own, higher rate (shared/price-keys.ts).
   */
  | { id: string; kind: 'rds-instance'; region: string; instanceClass: string; databaseEngine: string; databaseEdition?: string; deploymentOption: string; licenseModel: string; ioOptimized?: true }
  /** An RDS DB instance's allocated storage per GB-month, by its usage type without the region prefix, e.g. `RDS:GP2-Storage`. */
  | { id: string; kind: 'rds-storage'; region: string; databaseEngine: string; deploymentOption: string; usageType: string }
  /** An Aurora cluster's storage per GB-month used: `Aurora:StorageUsage` (Standard) or `Aurora:IO-OptimizedStorageUsage`. */
  | { id: string; kind: 'aurora-storage'; region: string; databaseEngine: string; usageType: string }
  /** An Aurora Standard cluster's I/O, per request (`Aurora:StorageIOUsage`). */
  | { id: string; kind: 'aurora-io'; region: string; databaseEngine: string }
  /** RDS Provisioned IOPS (productFamily "Provisioned IOPS") and gp3 throughput ("Provisioned Throughput"), by usage type (`RDS:PIOPS`, `RDS:Multi-AZ-GP3-PIOPS`, `RDS:GP3-Throughput`). */
  | { id: string; kind: 'rds-iops' | 'rds-throughput'; region: string; databaseEngine: string; deploymentOption: string; usageType: string }
  /** An Aurora Serverless v2 instance's capacity, per ACU-hour: `Aurora:ServerlessV2Usage` or `Aurora:ServerlessV2IOOptimizedUsage`. */
  | { id: string; kind: 'aurora-serverless-v2'; region: string; databaseEngine: string; usageType: string }
  /** A burstable family's surplus CPU credits (`CPUCredits:t3`), per vCPU-hour, for Linux or Windows (productFamily `CPU Credits`). */
  | { id: string; kind: 'ec2-cpu-credits'; region: string; instanceFamily: string; operatingSystem: string };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type PriceKeyFields = WithoutId<PriceKey>;

/** The one spelling of a price key's id: readable in the console and in the Prices sheet. */
export function priceKeyId(key: PriceKeyFields): string {
  switch (key.kind) {
    case 'ec2':
      return ['ec2', key.region, key.instanceType, key.operatingSystem, key.preInstalledSw, key.licenseModel, key.tenancy].join('|');
    case 'ec2-unmapped':
      return ['ec2-unmapped', key.region, key.platformDetails, key.usageOperation].join('|');
    case 'ebs-iops':
      return [key.kind, key.region, key.volumeType, ...(key.tier ? [key.tier] : [])].join('|');
    case 'ebs-storage':
    case 'ebs-throughput':
      return [key.kind, key.region, key.volumeType].join('|');
    case 'ebs-io-requests':
    case 'snapshot':
    case 'snapshot-archive':
    case 'dedicated-fee':
      return [key.kind, key.region].join('|');
    case 'ipv4':
      return ['ipv4', key.region, key.usage].join('|');
    case 'dedicated-host':
      return [key.kind, key.region, key.instanceFamily].join('|');
    case 'rds-instance':
      return [key.kind, key.region, key.instanceClass, key.databaseEngine, ...(key.databaseEdition ? [key.databaseEdition] : []), key.deploymentOption, key.licenseModel, ...(key.ioOptimized ? ['IOOptimized'] : [])].join('|');
    case 'rds-storage':
    case 'rds-iops':
    case 'rds-throughput':
      return [key.kind, key.region, key.databaseEngine, key.deploymentOption, key.usageType].join('|');
    case 'aurora-storage':
    case 'aurora-serverless-v2':
      return [key.kind, key.region, key.databaseEngine, key.usageType].join('|');
    case 'aurora-io':
      return [key.kind, key.region, key.databaseEngine].join('|');
    case 'ec2-cpu-credits':
      return [key.kind, key.region, key.instanceFamily, key.operatingSystem].join('|');
  }
}

export function withId<Fields extends PriceKeyFields>(key: Fields): Fields & { id: string } {
  return { ...key, id: priceKeyId(key) };
}

/**
 * The units the cost math multiplies by: what `PriceResult.usd` is per, whatever unit the Price
 * List wrote (price-items/units.ts converts, e.g. GiBps-mo → MiBps-Mo by dividing by 1,024).
 */
export type CostUnit = 'Hrs' | 'GB-Mo' | 'IOPS-Mo' | 'MiBps-Mo' | 'Million-IOs' | 'ACU-Hr' | 'vCPU-Hours';

export interface PriceResult {
  id: string;
  status: 'priced' | 'unpriced';
  /** USD per `unit`, from the on-demand term, converted to the unit the cost math uses. */
  usd?: number;
  unit?: CostUnit;
  /** The price and unit exactly as the Price List wrote them (e.g. 40.96 per GiBps-mo), so a reader can check the conversion. */
  listedUsd?: number;
  listedUnit?: string;
  sku?: string;
  description?: string;
  effectiveDate?: string;
  /** Why it is unpriced: no SKU matched, or several did (with how many). */
  reason?: string;
  /** For instance prices: vCPU and memory from the Price List product. */
  vcpu?: number;
  memory?: string;
}

export interface InventoryCounts {
  instances: number;
  volumes: number;
  addresses: number;
  snapshots: number;
  excluded: number;
}

/** What ResolveTargets passes on in a cost-report run: the validated request and where the target list is. */
export interface ReportRun {
  executionName: string;
  reportDate: string;
  regions: string[];
  targets: { bucket: string; key: string; count: number; resultPrefix: string };
}

/** The input of one target's child execution (the Inventories Map's ItemSelector). */
export interface TargetCollectRun {
  executionName: string;
  reportDate: string;
  target: { accountId: string; region: string };
}

/** Output of CollectInventory in one target's child execution: small, whatever the fleet's size. */
export type TargetCollectResult =
  | { target: { accountId: string; region: string }; status: 'collected'; inventoryKey: string; counts: InventoryCounts }
  | { target: { accountId: string; region: string }; status: 'unreachable'; error: { Error: string; Cause: string } };

/** Output of MergeInventories: where the merged inventory and its unique price keys are; small, whatever the fleet's size. */
export interface CollectResult {
  executionName: string;
  reportDate: string;
  regions: string[];
  inventoryKey: string;
  /** The unique price keys as the PriceItems Map's ItemReader reads them, and where its ResultWriter writes the prices. */
  priceKeys: { bucket: string; key: string; count: number; resultPrefix: string };
  counts: InventoryCounts;
  targets: { total: number; collected: number; unreachable: number; failed: number };
}

/** Totals of one report, as the JSON summary beside each workbook keeps them for the trend. */
export interface ReportTotals {
  ec2Monthly: number;
  ebsMonthly: number;
  ipv4Monthly: number;
  snapshotMonthly: number;
  totalMonthly: number;
  wasteMonthly: number;
  scheduleSavingsMonthly: number;
  unpricedItems: number;
  /** Dedicated Hosts and the Dedicated Instance region fees (inside totalMonthly); absent in summaries written before. */
  dedicatedMonthly?: number;
  /** RDS DB instances' hours and storage (inside totalMonthly); absent in summaries written before databases. */
  rdsMonthly?: number;
  /** Burstable instances' surplus CPU credits, estimated from CloudWatch (inside totalMonthly); absent in summaries written before. */
  cpuCreditsMonthly?: number;
  /** scheduleSavingsMonthly by kind (EC2 instances, RDS DB instances, Aurora clusters' instances, Auto Scaling groups); absent before databases, `asg` before groups. */
  scheduleSavingsByKind?: { ec2: number; rds: number; aurora: number; asg?: number };
  /** True when snapshotMonthly is an upper bound (some snapshot priced at its volume size); absent in older summaries, which always were. */
  snapshotUpperBound?: boolean;
}

/** One of a report's most expensive instances (EC2 + attached EBS), as its summary keeps them. */
export interface TopInstance {
  name: string;
  instanceId: string;
  instanceType: string;
  region: string;
  totalMonthly: number;
}

export interface ReportSummary {
  reportDate: string;
  generatedAt: string;
  regions: string[];
  priceSource: string;
  totals: ReportTotals;
  counts: {
    instances: number;
    running: number;
    stopped: number;
    volumes: number;
    unattachedVolumes: number;
    idleAddresses: number;
    snapshots: number;
  };
  /** The most expensive instances, largest first (absent in summaries written before it was added). */
  topInstances?: TopInstance[];
  /** Backup coverage; absent in summaries written before the Backups sheet. */
  backups?: BackupSummary;
  /** Per account, largest total first; absent in summaries written before reports covered targets. */
  accounts?: AccountSummary[];
}

/** One account's figures in a report summary: what the per-account trend reads. */
export interface AccountSummary {
  accountId: string;
  instances: number;
  totalMonthly: number;
  wasteMonthly: number;
  scheduleSavingsMonthly: number;
}

export interface RenderResult {
  executionName: string;
  reportDate: string;
  workbookKey: string;
  summaryKey: string;
  totals: ReportTotals;
}

export interface PublishResult {
  reportDate: string;
  uri: string;
  summaryUri: string;
  totals: ReportTotals;
}
