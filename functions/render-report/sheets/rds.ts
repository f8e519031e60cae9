/** RDS: each DB instance, Aurora cluster and Multi-AZ DB cluster, what it costs a month, and what its schedule saves. */
import { CLOUDWATCH_WINDOW_DAYS, HOURS_PER_MONTH } from '../../shared/cost-math';
import type { DatabaseRow } from '../costs/databases';
import { unpricedRows } from './highlights';
import { accountRegionColumns, defineSheet, scheduleColumns } from './sheet';

const schedule = scheduleColumns((r: DatabaseRow) => r.schedule);

function deploymentOf(r: DatabaseRow): string | undefined {
  if (r.kind === 'Multi-AZ DB cluster' || r.kind === 'Multi-AZ DB cluster instance') return 'Multi-AZ DB cluster';
  if (r.database.kind === 'cluster') return undefined;
  return r.database.multiAz && !r.database.cluster ? 'Multi-AZ' : 'Single-AZ';
}

export const rdsSheet = defineSheet({
  name: 'RDS',
  rows: ({ report }) => report.databases,
  columns: [
    { key: 'kind', header: 'Kind', width: 16, value: (r: DatabaseRow) => r.kind },
    { key: 'name', header: 'Identifier', width: 28, value: (r) => r.database.name },
    ...accountRegionColumns((r: DatabaseRow) => r.database),
    { key: 'engine', header: 'Engine', width: 18, value: (r) => r.database.engine },
    { key: 'instanceClass', header: 'InstanceClass', width: 15, value: (r) => r.database.instanceClass },
    { key: 'deployment', header: 'Deployment', width: 11, value: deploymentOf },
    { key: 'licenseModel', header: 'LicenseModel', width: 22, value: (r) => r.database.licenseModel },
    { key: 'status', header: 'Status', width: 11, value: (r) => r.database.status },
    { key: 'cluster', header: 'Cluster', width: 22, value: (r) => r.database.cluster },
    { key: 'storageType', header: 'StorageType', width: 12, value: (r) => r.database.storageType },
    { key: 'allocatedGiB', header: 'AllocatedStorage(GB)', width: 20, value: (r) => r.database.allocatedGiB },
    { key: 'averageAcu', header: 'AverageACU', width: 11, value: (r) => (r.database.serverlessV2Usage?.averageAcu === undefined ? undefined : Math.round(r.database.serverlessV2Usage.averageAcu * 100) / 100) },
    { key: 'hourly', header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
    { key: 'computeMonthly', header: 'InstanceMonthly(USD)', width: 20, format: 'usd', value: (r) => r.computeMonthly },
    { key: 'usedGiB', header: 'UsedStorage(GB)', width: 16, value: (r) => (r.database.auroraUsage?.volumeGiB === undefined ? undefined : Math.round(r.database.auroraUsage.volumeGiB * 100) / 100) },
    { key: 'storageMonthly', header: 'StorageMonthly(USD)', width: 19, format: 'usd', value: (r) => r.storageMonthly },
    { key: 'ioMonthly', header: 'IOMonthly(USD)', width: 15, format: 'usd', value: (r) => r.ioMonthly },
    // As RDS reports them (a gp3 DB's include its baseline; a Multi-AZ DB cluster's are per instance).
    { key: 'provisionedIops', header: 'ProvisionedIOPS', width: 15, value: (r) => r.database.iops },
    { key: 'billedIops', header: 'BilledIOPS', width: 11, value: (r) => r.billedIops },
    { key: 'iopsMonthly', header: 'IOPSMonthly(USD)', width: 17, format: 'usd', value: (r) => r.iopsMonthly },
    { key: 'throughput', header: 'Throughput(MiBps)', width: 17, value: (r) => r.database.storageThroughputMiBps },
    { key: 'billedThroughput', header: 'BilledThroughput(MiBps)', width: 23, value: (r) => r.billedThroughputMiBps },
    { key: 'throughputMonthly', header: 'ThroughputMonthly(USD)', width: 22, format: 'usd', value: (r) => r.throughputMonthly },
    { key: 'totalMonthly', header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totalMonthly },
    { key: 'scheduleTag', header: 'Schedule', width: 14, value: (r) => r.database.scheduleTagValue },
    schedule.hours,
    schedule.monthly,
    schedule.savings,
    { key: 'priceStatus', header: 'PriceStatus', width: 40, value: (r) => r.priceStatus },
    { key: 'note', header: 'Note', width: 60, value: (r) => r.notes.join('; ') || undefined },
  ],
  totals: {
    name: { count: 'databases' },
    allocatedGiB: 'sum',
    computeMonthly: 'sum',
    storageMonthly: 'sum',
    ioMonthly: 'sum',
    iopsMonthly: 'sum',
    throughputMonthly: 'sum',
    totalMonthly: 'sum',
    scheduledMonthly: 'sum',
    scheduleSavings: 'sum',
    priceStatus: { unpricedIn: 'totalMonthly' },
  },
  highlights: (at) => unpricedRows(at, 'priceStatus'),
  notes: ({ report }) => [
    `InstanceMonthly = HourlyUSD × ${HOURS_PER_MONTH} unless stopped; StorageMonthly = allocated GB × the GB-month rate, billed stopped or not (backup storage is not estimated).`,
    'IOPSMonthly = BilledIOPS × the IOPS-month rate and ThroughputMonthly = BilledThroughput × the MiBps-month rate, billed stopped or not. BilledIOPS is every ProvisionedIOPS of io1 and io2; gp3 storage includes 3,000 IOPS and 125 MiBps (12,000 and 500 from 400 GB for MySQL, MariaDB and PostgreSQL, from 200 GB for Oracle; SQL Server 3,000 and 125 at any size), and only what is provisioned above that is billed. A Multi-AZ DB cluster\'s Provisioned IOPS are not estimated (its Note says why): its total leaves them out.',
    `An Aurora cluster is billed through its instances (one row each, Kind "Aurora instance") and, on its own row, for the storage it uses (UsedStorage = the latest daily average of CloudWatch VolumeBytesUsed × the GB-month rate) and, on Aurora Standard, its I/O requests (VolumeReadIOPs + VolumeWriteIOPs over the last ${CLOUDWATCH_WINDOW_DAYS} days, scaled to the month, × the per-request rate); both are billed stopped or not, so the schedule saves neither. A cluster CloudWatch has no datapoints for, or whose metrics could not be read, says so in PriceStatus.`,
    `An Aurora instance is priced at its cluster's rate: Aurora Standard (InstanceUsage) or, in an I/O-Optimized cluster (StorageType aurora-iopt1), the I/O-Optimized rate (InstanceUsageIOOptimized, about 30% higher). An Aurora Serverless v2 instance (InstanceClass db.serverless) is billed per ACU-hour: AverageACU = CloudWatch ServerlessDatabaseCapacity averaged over the last ${CLOUDWATCH_WINDOW_DAYS} days, HourlyUSD = AverageACU × the ACU-hour rate; one CloudWatch has no datapoints for, or whose capacity could not be read, is left unpriced with the reason.`,
    'A Multi-AZ DB cluster (a writer and two readable standbys) is billed as a whole: its row has one hourly rate for the three instances and its allocated storage at the rate for three copies; its instances\' rows carry no figure. RDS cannot stop it, so a schedule saves nothing on it.',
    'ScheduleSavings = InstanceMonthly − HourlyUSD × ScheduledHours: a stopped DB saves its instance hours only. Read replicas, Multi-AZ SQL Server and tagged instances of an untagged cluster are left alone by the schedule and save nothing (PriceStatus says why).',
    ...report.databaseNotes.map((note) => `Not read: ${note}`),
  ],
});
