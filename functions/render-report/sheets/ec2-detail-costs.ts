/** EC2_Detail_Costs: one row per instance, the columns people already know first, then what the report adds. */
import { HOURS_PER_MONTH } from '../../shared/cost-math';
import type { InstanceRow } from '../costs/instances';
import { costBars, topCosts, unpricedRows, wasteRows } from './highlights';
import { accountRegionColumns, defineSheet, scheduleColumns } from './sheet';

const schedule = scheduleColumns((r: InstanceRow) => r.schedule);

/** The columns people already know, in their order; new columns only ever follow them. */
export const EC2_SEED_COLUMNS = [
  'Name',
  'InstanceId',
  'InstanceType',
  'State',
  'AZ',
  'Platform',
  'vCPU',
  'Memory',
  'VolumeSize(GB)',
  'AttachedVolumes',
  'EC2Monthly(USD)',
  'EBSMonthly(USD)',
  'TotalMonthly(USD)',
] as const;

export const ec2DetailCostsSheet = defineSheet({
  name: 'EC2_Detail_Costs',
  rows: ({ report }) => report.instances,
  columns: [
    // The seed columns (EC2_SEED_COLUMNS), exactly.
    { key: 'name', header: 'Name', width: 28, value: (r: InstanceRow) => r.instance.name },
    { key: 'instanceId', header: 'InstanceId', width: 21, value: (r) => r.instance.instanceId },
    { key: 'instanceType', header: 'InstanceType', width: 14, value: (r) => r.instance.instanceType },
    { key: 'state', header: 'State', width: 10, value: (r) => r.instance.state },
    { key: 'az', header: 'AZ', width: 16, value: (r) => r.instance.az },
    { key: 'platform', header: 'Platform', width: 15, value: (r) => r.instance.platform },
    { key: 'vcpu', header: 'vCPU', width: 6, value: (r) => r.vcpu },
    { key: 'memory', header: 'Memory', width: 10, value: (r) => r.memory },
    { key: 'volumeSizeGiB', header: 'VolumeSize(GB)', width: 15, value: (r) => r.volumeSizeGiB },
    { key: 'attachedVolumes', header: 'AttachedVolumes', width: 16, value: (r) => r.volumeIds.length },
    { key: 'ec2Monthly', header: 'EC2Monthly(USD)', width: 16, format: 'usd', value: (r) => r.ec2Monthly },
    { key: 'ebsMonthly', header: 'EBSMonthly(USD)', width: 16, format: 'usd', value: (r) => r.ebsMonthly },
    // A partial total (an unpriced part left out) shows what is priced, highlighted; the Partial column says what is missing.
    { key: 'totalMonthly', header: 'TotalMonthly(USD)', width: 17, format: 'usd', value: (r) => r.totalMonthly, emphasis: (r) => (r.partial ? 'unpriced' : undefined) },
    // Added by this report.
    ...accountRegionColumns((r: InstanceRow) => r.instance),
    { key: 'hourly', header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
    schedule.monthly,
    schedule.savings,
    { key: 'priceStatus', header: 'PriceStatus', width: 40, value: (r) => r.priceStatus },
    schedule.hours,
    { key: 'volumeIds', header: 'VolumeIds', width: 30, value: (r) => r.volumeIds.join(', ') },
    { key: 'purchaseOption', header: 'PurchaseOption', width: 18, value: (r) => r.purchaseOption },
    { key: 'hostId', header: 'HostId', width: 21, value: (r) => r.instance.hostId },
    // Running burstable instances only; a blank highlighted CPUCreditsMonthly means not estimated
    // (the Note says why). Before Partial and Note, which stay last: the Note's long text runs on
    // to the right in Excel and in print only over empty cells.
    { key: 'cpuCreditsCharged', header: 'CPUCreditsCharged', width: 18, format: 'hours', value: (r) => r.cpuCreditsCharged },
    { key: 'cpuCreditsMonthly', header: 'CPUCreditsMonthly(USD)', width: 22, format: 'usd', value: (r) => r.cpuCreditsMonthly },
    { key: 'partial', header: 'Partial', width: 40, value: (r) => r.partial },
    { key: 'note', header: 'Note', width: 60, value: (r) => r.notes.join('; ') || undefined },
  ],
  totals: {
    instanceId: { count: 'instances' },
    volumeSizeGiB: 'sum',
    attachedVolumes: 'sum',
    ec2Monthly: 'sum',
    ebsMonthly: 'sum',
    totalMonthly: 'sum',
    cpuCreditsCharged: 'sum',
    cpuCreditsMonthly: 'sum',
    scheduledMonthly: 'sum',
    scheduleSavings: 'sum',
    priceStatus: { unpricedIn: 'ec2Monthly' },
  },
  highlights: (at, input) => [
    ...unpricedRows(at, 'priceStatus'),
    ...wasteRows(at, 'instanceId', input),
    ...topCosts(at, 'totalMonthly'),
    ...costBars(at, ['ec2Monthly', 'ebsMonthly', 'totalMonthly']),
  ],
  notes: [
    `EC2Monthly = HourlyUSD × ${HOURS_PER_MONTH} for running and pending instances (the cost if left running all month); stopped instances: 0, their volumes still charged.`,
    'PurchaseOption: Spot instances are priced at the average Spot price of the last 7 days in their Availability Zone; instances on a Dedicated Host leave EC2Monthly blank, as the host is billed (Dedicated sheet); Dedicated Instances add one region fee (Dedicated sheet).',
    'TotalMonthly = EC2Monthly + EBSMonthly + CPUCreditsMonthly; when EC2 or EBS is unpriced, the priced one alone, highlighted and named in Partial. A multi-attach volume is charged to the first instance it was attached to and named in the Note of the others.',
    `CPUCreditsCharged = surplus CPU credits CloudWatch says a running t2/t3/t3a/t4g instance was charged in the last 7 days (CPUSurplusCreditsCharged; one credit = one vCPU-minute); CPUCreditsMonthly = CPUCreditsCharged ÷ 60 × ${HOURS_PER_MONTH} ÷ 168 vCPU-hours × the CPUCredits vCPU-hour rate. Blank and highlighted when not estimated (no datapoints, as for a standard-mode instance, or a refused read): the Note says why, and the total leaves it out. Not a schedule saving.`,
    `ScheduledMonthly = HourlyUSD × ScheduledHours (hours per ${HOURS_PER_MONTH}-hour month the stop/start schedule keeps the instance running); ScheduleSavings = EC2Monthly − ScheduledMonthly.`,
  ],
});
