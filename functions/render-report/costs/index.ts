/**
 * Joins the inventory to its prices and computes every figure the workbook shows, one cost kind per
 * module beside this one: volumes, instances (compute and attached EBS), their schedule savings,
 * Dedicated Hosts and fees, public IPv4, snapshots, RDS and Aurora databases (with theirs), Auto
 * Scaling groups on a schedule (what stopping them saves), backup
 * coverage and storage, waste, the totals,
 * and what Cost Explorer says was billed beside them. Backup storage is a share of the snapshots
 * already counted, so it stays out of the totals. Pure: the arithmetic itself lives in
 * shared/cost-math and shared/schedule-hours.
 */
import type { PowerScheduleEntry } from '../../shared/config';
import type { Inventory, PriceResult, ReportSummary, ReportTotals, TargetCollection } from '../../shared/cost-types';
import { accountRows, uncollectedTargets, type AccountRow } from './accounts';
import { addressRows, type AddressRow } from './addresses';
import { backupReport, backupRiskRows, type BackupReport } from './backups';
import { billedReport, type BilledReport } from './billed';
import { databaseRows, type DatabaseRow } from './databases';
import { dedicatedRows, type DedicatedRow } from './dedicated';
import { groupRows, withGroupSavings, type GroupRow } from './groups';
import { instanceRows, type InstanceRow } from './instances';
import { priceBook, priceSource, type PriceRow } from './prices';
import { scheduleSavings } from './schedule';
import { snapshotRows, type SnapshotRow } from './snapshots';
import { groupCounts, reportCounts, reportTotals, type GroupCount } from './totals';
import { volumeRows, volumeTypeRows, type VolumeRow, type VolumeTypeRow } from './volumes';
import { wasteRows, type WasteRow } from './waste';

export interface CostReport {
  reportDate: string;
  collectedAt: string;
  regions: string[];
  priceSource: string;
  instances: InstanceRow[];
  volumes: VolumeRow[];
  addresses: AddressRow[];
  snapshots: SnapshotRow[];
  dedicated: DedicatedRow[];
  /** RDS DB instances and Aurora clusters (RDS sheet). */
  databases: DatabaseRow[];
  /** Targets whose databases could not be read, with RDS's error. */
  databaseNotes: string[];
  /** Auto Scaling groups on a schedule and what it saves on each. */
  groups: GroupRow[];
  /** Targets whose Auto Scaling groups could not be read, with the error. */
  groupNotes: string[];
  waste: WasteRow[];
  billed: BilledReport;
  backups: BackupReport;
  prices: PriceRow[];
  volumeTypes: VolumeTypeRow[];
  byState: GroupCount[];
  byInstanceType: GroupCount[];
  byRegion: GroupCount[];
  totals: ReportTotals;
  counts: ReportSummary['counts'];
  excludedInstances: number;
  /** Per account, largest total first (one row, without an id, for an inventory from before targets). */
  accounts: AccountRow[];
  /** Targets the run could not collect (unreachable, or their child failed): listed on Summary, never silently missing. */
  uncollected: TargetCollection[];
}

export interface CostOptions {
  schedules: readonly PowerScheduleEntry[];
  pricingRegion: string;
}

export function computeCosts(inventory: Inventory, prices: readonly PriceResult[], options: CostOptions): CostReport {
  // Spot prices come with the inventory (DescribeSpotPriceHistory); they price like any other.
  const book = priceBook([...prices, ...(inventory.spotPrices ?? [])]);
  const hosts = inventory.hosts ?? [];
  const volumes = volumeRows(inventory.volumes, book);
  const savings = scheduleSavings(options.schedules, inventory.reportDate);
  const ownInstances = instanceRows(inventory.instances, {
    volumes,
    prices: book,
    scheduleSavings: savings,
    collectedAt: inventory.collectedAt,
    hostIds: new Set(hosts.map((h) => h.hostId)),
  });
  const dedicated = dedicatedRows(hosts, inventory.instances, book);
  const addresses = addressRows(inventory.addresses, inventory.instances, book);
  const snapshots = snapshotRows(inventory.snapshots, book);
  const databases = databaseRows(inventory.databases ?? [], { prices: book, scheduleSavings: savings });
  const groups = groupRows(inventory.autoScalingGroups ?? [], { instances: ownInstances, volumes, addresses, scheduleSavings: savings });
  const instances = withGroupSavings(ownInstances, groups);
  const backups = backupReport(inventory.backups, instances, book, inventory.collectedAt);
  const waste = [...backupRiskRows(backups), ...wasteRows({ volumes, addresses, instances, dedicated })];
  const rows = { instances, volumes, addresses, snapshots, dedicated, waste, databases, groups };

  return {
    reportDate: inventory.reportDate,
    collectedAt: inventory.collectedAt,
    regions: inventory.regions,
    priceSource: priceSource(options.pricingRegion, prices),
    instances,
    volumes,
    addresses,
    snapshots,
    dedicated,
    databases,
    databaseNotes: inventory.databaseNotes ?? [],
    groups,
    groupNotes: inventory.autoScalingGroupNotes ?? [],
    waste,
    billed: billedReport(inventory.billed, rows, inventory.regions),
    backups,
    // After every cost kind has looked its rates up: the rows carry how often each price was used.
    prices: book.rows(),
    volumeTypes: volumeTypeRows(volumes),
    byState: groupCounts(instances, (r) => r.instance.state),
    byInstanceType: groupCounts(instances, (r) => r.instance.instanceType),
    byRegion: groupCounts(instances, (r) => r.instance.region),
    totals: reportTotals(rows),
    counts: reportCounts(rows),
    excludedInstances: inventory.excluded.length,
    accounts: accountRows(rows, inventory.targets, inventory.accountNames),
    uncollected: uncollectedTargets(inventory.targets),
  };
}
