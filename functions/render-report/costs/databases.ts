/**
 * RDS DB instances, Aurora clusters and Multi-AZ DB clusters: instance hours for the month unless
 * stopped, allocated storage and Provisioned IOPS (io1, io2; gp3 IOPS and throughput above the
 * baseline) for the month whatever the state (a stopped DB's storage and IOPS are still billed), and
 * the schedule estimate, which saves instance hours only. An Aurora cluster is billed
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
import {
  charge,
  CLOUDWATCH_WINDOW_DAYS,
  CLOUDWATCH_WINDOW_HOURS,
  HOURS_PER_MONTH,
  isPriced,
  monthlyFromHourly,
  rdsChargeableIopsAndThroughput,
  sumCosts,
  unpriced,
  ZERO,
  type Cost,
  type RdsGp3Baseline,
} from '../../shared/cost-math';
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
  /**
   * Provisioned IOPS as RDS bills them, billed stopped or not: every IOPS of io1 and io2, gp3's above
   * the baseline its storage includes (shared/cost-math.ts rdsGp3Baseline); absent for other storage.
   */
  billedIops?: number;
  iopsMonthly?: Cost;
  /** gp3 throughput above the baseline, in MiBps, and what it costs a month; absent for other storage. */
  billedThroughputMiBps?: number;
  throughputMonthly?: Cost;
  /** The IOPS and throughput a gp3 DB's storage includes. */
  gp3Baseline?: RdsGp3Baseline;
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

/**
 * Why a Multi-AZ DB cluster's Provisioned IOPS stay unestimated (README, Limits: Databases): left out
 * of its row like backup storage, with this note, rather than a guessed usage type or rate.
 */
export const MULTI_AZ_DB_CLUSTER_IOPS_NOTE =
  'its Provisioned IOPS (and gp3 throughput above the baseline) are not estimated: no capture confirms their Price List usage type (RDS:Multi-AZCluster-PIOPS?) or rate, so the total leaves them out';

type IopsFigures = Pick<DatabaseRow, 'billedIops' | 'iopsMonthly' | 'billedThroughputMiBps' | 'throughputMonthly' | 'gp3Baseline'> & { clusterIopsLeftOut?: true };

/**
 * Provisioned IOPS and gp3 throughput of a DB instance outside a cluster or a Multi-AZ DB cluster,
 * billed like its storage (AWS RDS User Guide, "On-Demand DB instances": "While your DB instance is
 * stopped, you're charged for provisioned storage, including Provisioned IOPS"), so whatever its state.
 */
function iopsFiguresOf(db: InventoryDatabase, kind: DatabaseKind, prices: PriceBook): IopsFigures {
  if (kind !== 'RDS DB instance' && kind !== 'Multi-AZ DB cluster') return {};
  if (db.storageType !== 'io1' && db.storageType !== 'io2' && db.storageType !== 'gp3') return {};
  const gp3 = db.storageType === 'gp3';
  const chargeable = rdsChargeableIopsAndThroughput(db);
  if ('unknownBaseline' in chargeable) {
    const reason = `the IOPS and throughput that gp3 storage includes for engine ${db.engine} are not confirmed (known: MySQL, MariaDB, PostgreSQL, Oracle, SQL Server): not estimated`;
    return { iopsMonthly: unpriced(reason), throughputMonthly: unpriced(reason) };
  }
  if (kind === 'Multi-AZ DB cluster') return chargeable.iops > 0 || chargeable.throughputMiBps > 0 ? { clusterIopsLeftOut: true } : {};
  const figure = (quantity: number, priceKeyId: string | undefined, what: string): Cost => {
    if (quantity === 0) return ZERO;
    return priceKeyId ? charge(quantity, prices.rate(priceKeyId)) : unpriced(`${what} of ${db.name} has no price key`);
  };
  return {
    billedIops: chargeable.iops,
    iopsMonthly: figure(chargeable.iops, db.iopsPriceKeyId, 'Provisioned IOPS'),
    ...(gp3
      ? {
          billedThroughputMiBps: chargeable.throughputMiBps,
          throughputMonthly: figure(chargeable.throughputMiBps, db.throughputPriceKeyId, 'gp3 throughput'),
          ...(chargeable.baseline ? { gp3Baseline: chargeable.baseline } : {}),
        }
      : {}),
  };
}

function kindOf(db: InventoryDatabase): DatabaseKind {
  if (inMultiAzDbCluster(db)) return db.kind === 'cluster' ? 'Multi-AZ DB cluster' : 'Multi-AZ DB cluster instance';
  if (db.kind === 'cluster') return 'Aurora cluster';
  return db.cluster ? 'Aurora instance' : 'RDS DB instance';
}

function storageOf(db: InventoryDatabase, kind: DatabaseKind, prices: PriceBook): Cost | undefined {
  if (kind === 'Aurora instance') return undefined;
  if (!db.storagePriceKeyId) return unpriced(`storage type ${db.storageType ?? '(not reported)'} is not one the report prices (gp2, gp3, io1, io2, standard)`);
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
    const { clusterIopsLeftOut, ...iops } = iopsFiguresOf(db, kind, prices);
    const schedule = scheduleSavings({ ...db, state: db.clusterStatus === 'stopped' ? 'stopped' : db.status, computeBilled: billed }, hourly, computeMonthly);
    const billsIops = [iops.iopsMonthly, iops.throughputMonthly].some((cost) => cost !== undefined && !(cost.status === 'priced' && cost.usd === 0));
    // Only where the schedule stops it: a DB it leaves alone says why in its PriceStatus.
    if (storageMonthly && db.scheduleTagValue !== undefined && !db.scheduleSkipReason) {
      notes.push(billsIops ? 'storage and Provisioned IOPS/throughput are billed while stopped: the schedule saves instance hours only' : 'storage is billed while stopped: the schedule saves instance hours only');
    }
    if (iops.gp3Baseline && ((iops.billedIops ?? 0) > 0 || (iops.billedThroughputMiBps ?? 0) > 0)) {
      notes.push(`gp3 at ${db.allocatedGiB ?? 0} GB includes ${iops.gp3Baseline.iops.toLocaleString('en-US')} IOPS and ${iops.gp3Baseline.throughputMiBps} MiBps: only what is provisioned above them is billed`);
    }
    if (kind === 'Aurora instance') notes.push(`instance of Aurora cluster ${db.cluster}: the cluster's storage and I/O are on its row`);
    if (kind === 'Multi-AZ DB cluster') notes.push(MULTI_AZ_DB_CLUSTER_NOTE);
    if (clusterIopsLeftOut) notes.push(MULTI_AZ_DB_CLUSTER_IOPS_NOTE);
    const costs = [computeMonthly, ...[storageMonthly, iops.iopsMonthly, iops.throughputMonthly].filter((cost): cost is Cost => cost !== undefined)];
    const statuses = [priceStatus(costs)];
    if (!billed && hourly.status === 'unpriced') statuses.push(`stopped: instance hours not billed (hourly price unknown: ${hourly.reason})`);
    if (schedule?.note) statuses.push(schedule.note);
    return {
      database: db,
      kind,
      hourly,
      computeMonthly,
      storageMonthly,
      ...iops,
      totalMonthly: sumCosts(costs),
      schedule,
      priceStatus: statuses.join('; '),
      notes,
    };
  });
}
