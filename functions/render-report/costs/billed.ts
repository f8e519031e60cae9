/**
 * Billed beside estimated: Cost Explorer's amounts per region and cost category, for the last full
 * week and the month to date, next to the list-price estimate for the same days (the monthly
 * estimate × days × 24 / 730) and the variance (amortized − estimate).
 */
import { HOURS_PER_MONTH, pricedSum, roundCents, sumUsd, type Cost } from '../../shared/cost-math';
import type { BilledCosts, BilledLine, BilledPeriod, BilledPeriodName } from '../../shared/cost-types';
import { MULTI_AZ_DB_CLUSTER_DEPLOYMENT } from '../../shared/db-clusters';
import {
  AURORA_IO_OPTIMIZED_INSTANCE,
  AURORA_IO_USAGE,
  AURORA_SERVERLESS_V2_USAGE,
  AURORA_STORAGE_USAGE,
  DATABASE_DEPLOYMENT_USAGE,
  DATABASE_IOPS_USAGE,
  DATABASE_STORAGE_USAGE,
  DATABASE_THROUGHPUT_USAGE,
} from '../../shared/price-keys';
import type { AddressRow } from './addresses';
import type { DatabaseRow } from './databases';
import type { DedicatedRow } from './dedicated';
import type { InstanceRow } from './instances';
import type { SnapshotRow } from './snapshots';
import type { VolumeRow } from './volumes';

export const BILLED_CATEGORIES = ['EC2 compute', 'EC2 CPU credits', 'EBS volumes', 'Snapshots', 'Public IPv4', 'RDS instances', 'RDS storage', 'RDS IOPS and throughput', 'Aurora storage and I/O'] as const;
export type BilledCategory = (typeof BILLED_CATEGORIES)[number];

/** Why billed and estimated differ, in one sentence (the Summary and the Billed sheet say it). */
export const VARIANCE_EXPLAINED =
  'Billed differs from the list-price estimate through Reserved Instances and Savings Plans (amortized cost spreads their fees over the hours they cover), credits and refunds, instances that ran only part of the period or changed since (the estimate prices the fleet as collected), Spot price changes, and charges the estimate leaves out (magnetic volumes\' I/O and data transfer); Aurora storage and I/O are estimated from CloudWatch\'s latest day of volume size and last week of I/O, Aurora Serverless v2 from its last week of capacity, T-instance CPU credits from their last week of surplus credits charged.';

// Usage types carry a region prefix outside us-east-1 (APN2-BoxUsage:m5.large); the category reads the rest.
const REGION_PREFIX = /^[A-Z]{2,4}[0-9]*-/;
/**
 * RDS usage types as billed (the AmazonRDS Price List's usagetype; test/fixtures/pricing/README.md
 * cites the captures): instance hours `InstanceUsage:<class>`, `Multi-AZUsage:<class>`, a Multi-AZ DB
 * cluster's `Multi-AZClusterUsage:<class>` (one per hour of the whole cluster), and Aurora
 * I/O-Optimized's `InstanceUsageIOOptimized:<class>` (Aurora members bill as `InstanceUsage:` otherwise;
 * the estimate prices each at its own product's rate); classes abbreviated (`db.r5b.16xl`); T-class
 * CPU credits `CPUCredits:db.t3` (public Cost Explorer exports); Aurora Serverless v2's ACU-hours
 * `Aurora:ServerlessV2Usage` and `Aurora:ServerlessV2IOOptimizedUsage` (instance compute, estimated
 * from CloudWatch capacity; v1's `Aurora:ServerlessUsage` is not estimated). Storage: the
 * allocated-storage usage types the estimate prices (price-keys' DATABASE_STORAGE_USAGE behind each
 * deployment's prefix: `RDS:Multi-AZ-`, `RDS:Multi-AZCluster-`; io2 included: `RDS:PIOPS-Storage-IO2`,
 * `RDS:Multi-AZCluster-PIOPS-Storage-IO2`). A DB instance's Provisioned IOPS and gp3 throughput
 * (price-keys' DATABASE_IOPS_USAGE and DATABASE_THROUGHPUT_USAGE, Single-AZ and `Multi-AZ-`):
 * `RDS:PIOPS`, `RDS:IO2-PIOPS`, `RDS:GP3-PIOPS`, `RDS:GP3-Throughput`.
 * Aurora clusters' volumes: `Aurora:StorageUsage`, `Aurora:IO-OptimizedStorageUsage` and
 * `Aurora:StorageIOUsage` (GB used and I/O requests, estimated from CloudWatch; AWS's "DB instance
 * billing for Aurora"). Everything else RDS bills is not estimated and stays out of the rows:
 * `RDS:ChargedBackupUsage` and `Aurora:BackupUsage` (backup storage beyond the free allowance; AWS
 * Database Blog "Amazon RDS now supports detailed backup storage billing"), Performance Insights,
 * Aurora Serverless v1 (`Aurora:ServerlessUsage`), a Multi-AZ DB cluster's Provisioned IOPS
 * (`RDS:Multi-AZCluster-PIOPS`, as a name: no capture confirms it) and RDS data transfer.
 */
const STORAGE_PREFIXES = Object.values(DATABASE_DEPLOYMENT_USAGE).map((usage) => usage.storagePrefix).filter((prefix) => prefix !== '');
const RDS_STORAGE = new RegExp(`^RDS:(${STORAGE_PREFIXES.join('|')})?(${Object.values(DATABASE_STORAGE_USAGE).join('|')})$`);
// The deployments whose IOPS the estimate prices: not a Multi-AZ DB cluster's (costs/databases.ts says why).
const IOPS_PREFIXES = Object.entries(DATABASE_DEPLOYMENT_USAGE)
  .filter(([deployment, usage]) => deployment !== MULTI_AZ_DB_CLUSTER_DEPLOYMENT && usage.storagePrefix !== '')
  .map(([, usage]) => usage.storagePrefix);
const RDS_IOPS = new RegExp(`^RDS:(${IOPS_PREFIXES.join('|')})?(${[...Object.values(DATABASE_IOPS_USAGE), DATABASE_THROUGHPUT_USAGE].join('|')})$`);
const RDS_INSTANCE_STEMS = [...Object.values(DATABASE_DEPLOYMENT_USAGE).map((usage) => usage.instance.replace(/:$/, '')), AURORA_IO_OPTIMIZED_INSTANCE.usagePrefix.replace(/:$/, ''), 'CPUCredits'];
/**
 * EC2's surplus CPU credits are billed per family (`CPUCredits:t3`, `USE2-CPUCredits:t3a`; public
 * Cost Explorer exports and CUR captures, unit vCPU-Hours) beside their estimate from CloudWatch;
 * RDS's T-class credits (`CPUCredits:db.t3`) stay with the RDS instances.
 */
const CATEGORY_PATTERNS: readonly [BilledCategory, RegExp][] = [
  ['EC2 compute', /^(BoxUsage|SpotUsage|DedicatedUsage|HostUsage|HostBoxUsage)\b/],
  ['EC2 CPU credits', /^CPUCredits:(?!db\.)/],
  ['EBS volumes', /^EBS:Volume/],
  ['Snapshots', /^EBS:Snapshot/],
  ['Public IPv4', /^(PublicIPv4|ElasticIP):/],
  ['RDS instances', new RegExp(`^(${RDS_INSTANCE_STEMS.join('|')}):db\\.|^(${Object.values(AURORA_SERVERLESS_V2_USAGE).join('|')})$`)],
  ['RDS storage', RDS_STORAGE],
  ['RDS IOPS and throughput', RDS_IOPS],
  ['Aurora storage and I/O', new RegExp(`^(${[...Object.values(AURORA_STORAGE_USAGE), AURORA_IO_USAGE].join('|')})$`)],
];

/** The estimate's category of a Cost Explorer usage type, or undefined for what the estimate does not price (data transfer, NAT, Aurora backup storage, ...). */
export function usageCategory(usageType: string): BilledCategory | undefined {
  const bare = usageType.replace(REGION_PREFIX, '');
  return CATEGORY_PATTERNS.find(([, pattern]) => pattern.test(bare))?.[0];
}

export interface PeriodFigures {
  unblended: number;
  amortized: number;
  /** The list-price estimate for the period's days; undefined when the category has unpriced items. */
  estimate: Cost;
  variance: Cost;
}

export interface BilledRow {
  region: string;
  category: BilledCategory;
  periods: Partial<Record<BilledPeriodName, PeriodFigures>>;
  /** The Cost Explorer usage types summed into the row, e.g. `APN2-BoxUsage:m5.large, APN2-SpotUsage:t3.medium`. */
  usageTypes: string;
}

export interface BilledReport {
  status: BilledCosts['status'];
  periods: BilledPeriod[];
  rows: BilledRow[];
  /** Per period: billed amounts of these services the estimate does not price. */
  notEstimated: Partial<Record<BilledPeriodName, number>>;
  requests: number;
  estimated: boolean;
  /** Why there are no figures (Cost Explorer unavailable or turned off). */
  unavailable?: { code?: string; reason: string };
}

export interface EstimateRows {
  instances: readonly InstanceRow[];
  dedicated: readonly DedicatedRow[];
  volumes: readonly VolumeRow[];
  snapshots: readonly SnapshotRow[];
  addresses: readonly AddressRow[];
  databases: readonly DatabaseRow[];
}

/** The monthly list-price estimate per region and category, and whether an unpriced item leaves it short. */
function monthlyEstimates(rows: EstimateRows): Map<string, { monthly: number; unpriced: number }> {
  const estimates = new Map<string, { monthly: number; unpriced: number }>();
  const add = (region: string, category: BilledCategory, cost: Cost | undefined) => {
    const key = `${region}|${category}`;
    const entry = estimates.get(key) ?? { monthly: 0, unpriced: 0 };
    if (cost?.status === 'unpriced') entry.unpriced += 1;
    else entry.monthly = sumUsd([entry.monthly, pricedSum([cost])]);
    estimates.set(key, entry);
  };
  for (const r of rows.instances) {
    add(r.instance.region, 'EC2 compute', r.ec2Monthly);
    // Running burstable instances only; credits CloudWatch gave no figure for leave the estimate short, said so.
    if (r.cpuCreditsMonthly) add(r.instance.region, 'EC2 CPU credits', r.cpuCreditsMonthly);
  }
  for (const r of rows.dedicated) add(r.region, 'EC2 compute', r.monthly);
  for (const r of rows.volumes) add(r.volume.region, 'EBS volumes', r.cost.total);
  for (const r of rows.snapshots) add(r.snapshot.region, 'Snapshots', r.monthly);
  for (const r of rows.addresses) add(r.address.region, 'Public IPv4', r.monthly);
  // An Aurora cluster's row carries its volume's storage and I/O (its instances' rows have the
  // hours); a Multi-AZ DB cluster's instances' rows carry none (the cluster's row has them).
  for (const r of rows.databases) {
    if (r.computeMonthly) add(r.database.region, 'RDS instances', r.computeMonthly);
    const aurora = r.kind === 'Aurora cluster';
    if (r.storageMonthly) add(r.database.region, aurora ? 'Aurora storage and I/O' : 'RDS storage', r.storageMonthly);
    if (r.ioMonthly) add(r.database.region, 'Aurora storage and I/O', r.ioMonthly);
    // A Multi-AZ DB cluster's IOPS are not estimated: what it was billed for them is in the note, not here.
    if (r.kind === 'RDS DB instance') {
      if (r.iopsMonthly) add(r.database.region, 'RDS IOPS and throughput', r.iopsMonthly);
      if (r.throughputMonthly) add(r.database.region, 'RDS IOPS and throughput', r.throughputMonthly);
    }
  }
  return estimates;
}

/** "2026-11-16 to 2026-11-22": a period's first and last day (Cost Explorer's end is exclusive). */
export function periodDays(period: BilledPeriod): string {
  const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return `${period.start} to ${last}`;
}

/** The estimate for `days` days of a month-long estimate: monthly × days × 24 / 730. */
export function estimateForDays(monthly: number, days: number): number {
  return roundCents((monthly * days * 24) / HOURS_PER_MONTH);
}

export function billedReport(billed: BilledCosts | undefined, rows: EstimateRows, regions: readonly string[]): BilledReport {
  if (!billed || billed.status === 'off') {
    return { status: 'off', periods: [], rows: [], notEstimated: {}, requests: 0, estimated: false, unavailable: { reason: 'reading Cost Explorer is turned off (ENABLE_COST_EXPLORER=false, Terraform enable_cost_explorer = false): no request made' } };
  }
  if (billed.status === 'unavailable') {
    return { status: 'unavailable', periods: [], rows: [], notEstimated: {}, requests: 0, estimated: false, unavailable: { code: billed.code, reason: billed.reason } };
  }
  const estimates = monthlyEstimates(rows);
  const linesByKey = new Map<string, BilledLine[]>();
  const notEstimated: Partial<Record<BilledPeriodName, number>> = {};
  for (const line of billed.lines) {
    const category = usageCategory(line.usageType);
    if (!category) {
      notEstimated[line.period] = sumUsd([notEstimated[line.period] ?? 0, line.amortized]);
      continue;
    }
    const key = `${line.region}|${category}`;
    linesByKey.set(key, [...(linesByKey.get(key) ?? []), line]);
  }

  const keys = new Set([...linesByKey.keys(), ...[...estimates.entries()].filter(([, e]) => e.monthly > 0 || e.unpriced > 0).map(([k]) => k)]);
  const regionOrder = (region: string) => (regions.includes(region) ? regions.indexOf(region) : regions.length);
  const billedRows: BilledRow[] = [...keys]
    .map((key) => {
      const [region, category] = key.split('|') as [string, BilledCategory];
      const lines = linesByKey.get(key) ?? [];
      const estimate = estimates.get(key) ?? { monthly: 0, unpriced: 0 };
      const periods: Partial<Record<BilledPeriodName, PeriodFigures>> = {};
      for (const period of billed.periods) {
        const inPeriod = lines.filter((l) => l.period === period.name);
        const unblended = sumUsd(inPeriod.map((l) => l.unblended));
        const amortized = sumUsd(inPeriod.map((l) => l.amortized));
        const forDays: Cost =
          estimate.unpriced > 0
            ? { status: 'unpriced', reason: `${estimate.unpriced} ${category} item(s) in ${region} are unpriced` }
            : { status: 'priced', usd: estimateForDays(estimate.monthly, period.days) };
        const variance: Cost = forDays.status === 'priced' ? { status: 'priced', usd: sumUsd([amortized, -forDays.usd]) } : forDays;
        periods[period.name] = { unblended, amortized, estimate: forDays, variance };
      }
      const usageTypes = [...new Set(lines.map((l) => l.usageType))].sort().join(', ');
      return { region, category, periods, usageTypes };
    })
    .sort((a, b) => regionOrder(a.region) - regionOrder(b.region) || a.region.localeCompare(b.region) || BILLED_CATEGORIES.indexOf(a.category) - BILLED_CATEGORIES.indexOf(b.category));
  return { status: 'collected', periods: billed.periods, rows: billedRows, notEstimated, requests: billed.requests, estimated: billed.estimated };
}
