/** The data contract of the cost-report workflow: the inventory stored in S3 and what travels between states. */

/** Platforms as the report names them; the `Platform` tag uses the same spelling. */
export type PlatformName = 'Linux' | 'Windows' | 'Windows+SQLStd' | 'Windows+SQLEnt' | 'Windows+SQLWeb' | 'RHEL' | 'SUSE';
export type Tenancy = 'Shared' | 'Dedicated' | 'Host';

export interface InventoryInstance {
  region: string;
  instanceId: string;
  name: string;
  instanceType: string;
  state: string;
  az: string;
  platform: PlatformName;
  /** Where `platform` came from: the Platform tag, PlatformDetails, UsageOperation, the Platform field, or the Linux default. */
  platformSource: 'tag' | 'PlatformDetails' | 'UsageOperation' | 'Platform' | 'default';
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
  volumeIds: string[];
  /** `PriceKey.id` of this instance's compute price. */
  priceKeyId: string;
}

export interface InventoryVolume {
  region: string;
  volumeId: string;
  name: string;
  volumeType: string;
  sizeGiB: number;
  iops?: number;
  throughputMiBps?: number;
  state: string;
  az: string;
  /** Instance id when attached; absent for unattached (available) volumes. */
  attachedTo?: string;
  createTime?: string;
}

export interface InventoryAddress {
  region: string;
  publicIp: string;
  /** 'elastic' for Elastic IPs (associated or idle); 'instance' for auto-assigned public IPv4. */
  kind: 'elastic' | 'instance';
  allocationId?: string;
  instanceId?: string;
  associated: boolean;
}

export interface InventorySnapshot {
  region: string;
  snapshotId: string;
  volumeId?: string;
  volumeSizeGiB: number;
  startTime?: string;
  description?: string;
}

export interface ExcludedInstance {
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
  excluded: ExcludedInstance[];
}

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
  | { id: string; kind: 'ebs-storage'; region: string; volumeType: string }
  | { id: string; kind: 'ebs-iops'; region: string; volumeType: string }
  | { id: string; kind: 'ebs-throughput'; region: string; volumeType: string }
  | { id: string; kind: 'snapshot'; region: string }
  | { id: string; kind: 'ipv4'; region: string; usage: 'InUse' | 'Idle' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type PriceKeyFields = WithoutId<PriceKey>;

/** The one spelling of a price key's id: readable in the console and in the Prices sheet. */
export function priceKeyId(key: PriceKeyFields): string {
  switch (key.kind) {
    case 'ec2':
      return ['ec2', key.region, key.instanceType, key.operatingSystem, key.preInstalledSw, key.licenseModel, key.tenancy].join('|');
    case 'ebs-storage':
    case 'ebs-iops':
    case 'ebs-throughput':
      return [key.kind, key.region, key.volumeType].join('|');
    case 'snapshot':
      return ['snapshot', key.region].join('|');
    case 'ipv4':
      return ['ipv4', key.region, key.usage].join('|');
  }
}

export function withId(key: PriceKeyFields): PriceKey {
  return { ...key, id: priceKeyId(key) } as PriceKey;
}

export interface PriceResult {
  id: string;
  status: 'priced' | 'unpriced';
  /** USD per `unit` (Hrs, GB-Mo, IOPS-Mo, MiBps-Mo), from the on-demand term. */
  usd?: number;
  unit?: string;
  sku?: string;
  description?: string;
  effectiveDate?: string;
  /** Why it is unpriced: no SKU matched, or several did (with how many). */
  reason?: string;
  /** For instance prices: vCPU and memory from the Price List product. */
  vcpu?: number;
  memory?: string;
}

/** Output of CollectInventory: small, whatever the fleet's size. */
export interface CollectResult {
  executionName: string;
  reportDate: string;
  regions: string[];
  inventoryKey: string;
  priceKeys: PriceKey[];
  counts: { instances: number; volumes: number; addresses: number; snapshots: number; excluded: number };
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
