/**
 * Joins the inventory to its prices and computes every figure the workbook shows, one cost kind per
 * module beside this one: volumes, instances (compute and attached EBS), their schedule savings,
 * public IPv4, snapshots, waste, and the totals. Pure: the arithmetic itself lives in
 * shared/cost-math and shared/schedule-hours.
 */
import type { PowerScheduleEntry } from '../../shared/config';
import type { BackupCoverage, Inventory, PriceResult, ReportSummary, ReportTotals } from '../../shared/cost-types';
import { addressRows, type AddressRow } from './addresses';
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
  waste: WasteRow[];
  prices: PriceRow[];
  volumeTypes: VolumeTypeRow[];
  byState: GroupCount[];
  byInstanceType: GroupCount[];
  byRegion: GroupCount[];
  totals: ReportTotals;
  counts: ReportSummary['counts'];
  excludedInstances: number;
  /** Filled by the report's backup view, when it has one: the summary, metrics and notification carry it. */
  backupCoverage?: BackupCoverage;
}

export interface CostOptions {
  schedules: readonly PowerScheduleEntry[];
  pricingRegion: string;
}

export function computeCosts(inventory: Inventory, prices: readonly PriceResult[], options: CostOptions): CostReport {
  const book = priceBook(prices);
  const volumes = volumeRows(inventory.volumes, book);
  const instances = instanceRows(inventory.instances, {
    volumes,
    prices: book,
    scheduleSavings: scheduleSavings(options.schedules, inventory.reportDate),
    collectedAt: inventory.collectedAt,
  });
  const addresses = addressRows(inventory.addresses, inventory.instances, book);
  const snapshots = snapshotRows(inventory.snapshots, book);
  const waste = wasteRows({ volumes, addresses, instances });
  const rows = { instances, volumes, addresses, snapshots, waste };

  return {
    reportDate: inventory.reportDate,
    collectedAt: inventory.collectedAt,
    regions: inventory.regions,
    priceSource: priceSource(options.pricingRegion, prices),
    instances,
    volumes,
    addresses,
    snapshots,
    waste,
    // After every cost kind has looked its rates up: the rows carry how often each price was used.
    prices: book.rows(),
    volumeTypes: volumeTypeRows(volumes),
    byState: groupCounts(instances, (r) => r.instance.state),
    byInstanceType: groupCounts(instances, (r) => r.instance.instanceType),
    byRegion: groupCounts(instances, (r) => r.instance.region),
    totals: reportTotals(rows),
    counts: reportCounts(rows),
    excludedInstances: inventory.excluded.length,
  };
}
