/**
 * RDS DB instances, Aurora clusters and Multi-AZ DB clusters: instance hours for the month unless
 * stopped, allocated storage for the month whatever the state (a stopped DB's storage is still
 * billed), and the schedule estimate, which saves instance hours only. An Aurora cluster is billed
 * through its instances (each priced like a DB instance) and on its own row for the GB its volume
 * uses and, on Aurora Standard, its I/O requests, as CloudWatch reports them
 * (../../collect-inventory/aurora-usage.ts): billed whether the cluster is stopped or not (I/O is
 * what happened), so the schedule saves none of them. A figure CloudWatch did not give stays
 * unpriced with the reason, never a zero. A Multi-AZ DB cluster is billed as a whole
 * (one hourly rate for the writer and both readable standbys, one GB-month rate for the three copies
 * of its allocated storage: ../../shared/db-clusters.ts), so its row carries the figures and its
 * instances' rows none. A member of an Aurora I/O-Optimized cluster is priced at the I/O-Optimized
 * instance rate (its own Price List product). An Aurora Serverless v2 instance is billed per ACU-hour
 * of the capacity it runs at: its hourly figure is its average ACUs over the CloudWatch window
 * (../../collect-inventory/aurora-usage.ts) × the ACU-hour rate, an hour at that average, and the
 * month and the schedule follow from it as for a provisioned member (the schedule stops its cluster,
 * and a stopped instance runs no ACUs). No datapoints, or a refused read, leave it unpriced with why.
 */
import { charge, CLOUDWATCH_WINDOW_DAYS, isPriced, CLOUDWATCH_WINDOW_HOURS, HOURS_PER_MONTH, monthlyFromHourly, sumCosts, unpriced, ZERO, type Cost } from '../../shared/cost-math';
import type { InventoryDatabase } from '../../shared/cost-types';
import { isAuroraIoOptimized, isAuroraServerlessV2 } from '../../shared/price-keys';
import { inMultiAzDbCluster } from '../../shared/db-clusters';
import { priceStatus, type PriceBook } from './prices';
import type { ScheduleColumns, ScheduleSavings } from './schedule';

/** How the workbook names each kind of DB, and whose schedule savings line it counts on. */
export type DatabaseKind = 'RDS DB instance' | 'Aurora instance' | 'Aurora cluster' | 'Multi-AZ DB cluster' | 'Multi-AZ DB cluster instance';

/** The kinds whose schedule savings count as RDS's (not Aurora's). */
export const RDS_SAVINGS_KINDS: readonly DatabaseKind[] = ['RDS DB instance', 'Multi-AZ DB cluster'];

export interface DatabaseRow {
  database: InventoryDatabase;
  kind: DatabaseKind;
  /**
   * USD per instance hour (per hour of the whole Multi-AZ DB cluster; an Aurora Serverless v2
   * instance: its average ACUs × the ACU-hour rate); absent where the instances or the cluster are billed instead.
   */
  hourly?: Cost;
  computeMonthly?: Cost;
  /** Allocated GB × GB-month, billed stopped or not (an Aurora cluster: GB used); absent for Aurora instances and a Multi-AZ DB cluster's instances. */
  storageMonthly?: Cost;
  /** An Aurora Standard cluster's I/O requests a month × the per-request rate. */
  ioMonthly?: Cost;
  totalMonthly: Cost;
  schedule?: ScheduleColumns;
  priceStatus: string;
  notes: string[];
}

export interface DatabaseContext {
  prices: PriceBook;
  scheduleSavings: ScheduleSavings;
}

export const AURORA_IO_OPTIMIZED_NOTE = 'Aurora I/O-Optimized: no charge per I/O request, storage at the I/O-Optimized GB-month rate';
export const AURORA_IO_OPTIMIZED_INSTANCE_NOTE = 'Aurora I/O-Optimized cluster: its instance hours are billed at the I/O-Optimized rate (InstanceUsageIOOptimized)';
export const MULTI_AZ_DB_CLUSTER_NOTE = 'Multi-AZ DB cluster: one hourly rate for the writer and both readable standbys, one GB-month rate for the three copies of its allocated storage';

function kindOf(db: InventoryDatabase): DatabaseKind {
  if (inMultiAzDbCluster(db)) return db.kind === 'cluster' ? 'Multi-AZ DB cluster' : 'Multi-AZ DB cluster instance';
  if (db.kind === 'cluster') return 'Aurora cluster';
  return db.cluster ? 'Aurora instance' : 'RDS DB instance';
}

function storageOf(db: InventoryDatabase, kind: DatabaseKind, prices: PriceBook): Cost | undefined {
  if (kind === 'Aurora instance') return undefined;
  if (!db.storagePriceKeyId) return unpriced(`storage type ${db.storageType ?? '(not reported)'} is not one the report prices (gp2, gp3, io1, standard)`);
  return charge(db.allocatedGiB ?? 0, prices.rate(db.storagePriceKeyId));
}

/** A figure CloudWatch gave, or why there is none. */
function auroraFigure(db: InventoryDatabase, quantity: number | undefined, metric: string, what: string): number | Cost {
  const usage = db.auroraUsage;
  if (usage?.readError !== undefined) return unpriced(`${what} not read: ${usage.readError}`);
  if (!usage) return unpriced(`${what} not read: the inventory was collected without CloudWatch ${metric}`);
  if (quantity === undefined) return unpriced(`${what}: CloudWatch has no ${metric} datapoints for ${db.name} (a new cluster, or metrics not yet published): not estimated`);
  return quantity;
}

/**
 * An Aurora Serverless v2 instance's USD per hour at its average capacity, or why it has none. The
 * note says how it was worked out.
 */
function serverlessV2Hourly(db: InventoryDatabase, prices: PriceBook, notes: string[]): Cost {
  const usage = db.serverlessV2Usage;
  const what = 'Aurora Serverless v2 capacity';
  if (usage?.readError !== undefined) return unpriced(`${what} not read: ${usage.readError}`);
  if (!usage) return unpriced(`${what} not read: the inventory was collected without CloudWatch ServerlessDatabaseCapacity`);
  if (usage.averageAcu === undefined) {
    return unpriced(`${what}: CloudWatch has no ServerlessDatabaseCapacity datapoints for ${db.name} in the last ${CLOUDWATCH_WINDOW_DAYS} days (a new instance, or one stopped all week): not estimated`);
  }
  const rate = prices.rate(db.priceKeyId!);
  const ioOptimized = isAuroraIoOptimized(db) ? ' (I/O-Optimized)' : '';
  const perAcu = isPriced(rate) ? ` × ${rate.usd} USD per ACU-hour${ioOptimized}` : '';
  notes.push(
    `Aurora Serverless v2: billed per ACU-hour; ${usage.averageAcu.toFixed(2)} ACUs on average (CloudWatch ServerlessDatabaseCapacity, every datapoint of the last ${CLOUDWATCH_WINDOW_DAYS} days)${perAcu} = HourlyUSD, × ${HOURS_PER_MONTH} h a month`,
  );
  return charge(usage.averageAcu, rate);
}

function auroraClusterRow(db: InventoryDatabase, prices: PriceBook): DatabaseRow {
  const notes: string[] = [];
  const usage = db.auroraUsage;
  const gib = auroraFigure(db, usage?.volumeGiB, 'VolumeBytesUsed', 'storage used');
  const storageMonthly = typeof gib === 'number' ? charge(gib, prices.rate(db.storagePriceKeyId!)) : gib;
  let ioMonthly: Cost | undefined;
  if (db.ioPriceKeyId) {
    const requests = auroraFigure(db, usage?.ioRequestsMonthly, 'VolumeReadIOPs/VolumeWriteIOPs', 'I/O requests');
    ioMonthly = typeof requests === 'number' ? charge(requests / 1_000_000, prices.rate(db.ioPriceKeyId)) : requests;
    if (typeof requests === 'number') notes.push(`${Math.round(requests).toLocaleString('en-US')} I/O requests a month (the last ${CLOUDWATCH_WINDOW_DAYS} days' VolumeReadIOPs + VolumeWriteIOPs × ${HOURS_PER_MONTH}/${CLOUDWATCH_WINDOW_HOURS})`);
  } else {
    notes.push(AURORA_IO_OPTIMIZED_NOTE);
  }
  if (typeof gib === 'number') notes.push(`${gib.toFixed(2)} GB used (the latest daily average of VolumeBytesUsed in the last ${CLOUDWATCH_WINDOW_DAYS} days)`);
  notes.push('storage and I/O are billed whether the cluster is stopped or not; its instance hours are on its instances\' rows');
  if (db.scheduleTagValue !== undefined) notes.push('schedule savings are shown on its instances');
  const costs = [storageMonthly, ...(ioMonthly ? [ioMonthly] : [])];
  return { database: db, kind: 'Aurora cluster', storageMonthly, ...(ioMonthly ? { ioMonthly } : {}), totalMonthly: sumCosts(costs), priceStatus: priceStatus(costs), notes };
}

export function databaseRows(databases: readonly InventoryDatabase[], { prices, scheduleSavings }: DatabaseContext): DatabaseRow[] {
  return databases.map((db) => {
    const kind = kindOf(db);
    const notes: string[] = [];
    if (kind === 'Multi-AZ DB cluster instance') {
      notes.push(`instance of Multi-AZ DB cluster ${db.cluster}: billed on the cluster's row, whose rate covers all three instances`);
      // A tagged instance (or one of a tagged cluster) says why the schedule leaves it alone, as the power schedule does.
      const schedule = db.scheduleSkipReason ? scheduleSavings({ ...db, state: db.status, computeBilled: false }, undefined, undefined) : undefined;
      return { database: db, kind, totalMonthly: ZERO, ...(schedule ? { schedule } : {}), priceStatus: ['priced', ...(schedule?.note ? [schedule.note] : [])].join('; '), notes };
    }
    if (kind === 'Aurora cluster') return auroraClusterRow(db, prices);
    const hourly = !db.priceKeyId
      ? unpriced(`${db.name} reports no instance class`)
      : isAuroraServerlessV2(db)
        ? serverlessV2Hourly(db, prices, notes)
        : prices.rate(db.priceKeyId);
    if (kind === 'Aurora instance' && !isAuroraServerlessV2(db) && isAuroraIoOptimized(db)) notes.push(AURORA_IO_OPTIMIZED_INSTANCE_NOTE);
    // A cluster's instances stop with their cluster.
    const billed = db.status !== 'stopped' && db.clusterStatus !== 'stopped';
    const computeMonthly = billed ? monthlyFromHourly(hourly) : ZERO;
    const storageMonthly = storageOf(db, kind, prices);
    const schedule = scheduleSavings({ ...db, state: db.clusterStatus === 'stopped' ? 'stopped' : db.status, computeBilled: billed }, hourly, computeMonthly);
    // Only where the schedule stops it: a DB it leaves alone says why in its PriceStatus.
    if (storageMonthly && db.scheduleTagValue !== undefined && !db.scheduleSkipReason) notes.push('storage is billed while stopped: the schedule saves instance hours only');
    if (kind === 'Aurora instance') notes.push(`instance of Aurora cluster ${db.cluster}: the cluster's storage and I/O are on its row`);
    if (kind === 'Multi-AZ DB cluster') notes.push(MULTI_AZ_DB_CLUSTER_NOTE);
    const costs = [computeMonthly, ...(storageMonthly ? [storageMonthly] : [])];
    const statuses = [priceStatus(costs)];
    if (!billed && hourly.status === 'unpriced') statuses.push(`stopped: instance hours not billed (hourly price unknown: ${hourly.reason})`);
    if (schedule?.note) statuses.push(schedule.note);
    return {
      database: db,
      kind,
      hourly,
      computeMonthly,
      storageMonthly,
      totalMonthly: sumCosts(costs),
      schedule,
      priceStatus: statuses.join('; '),
      notes,
    };
  });
}
