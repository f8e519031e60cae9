/** Auto_Scaling: each Auto Scaling group on a schedule, where the schedule has it now, and what stopping it saves. */
import { AUTO_SCALING_SHEET, type GroupRow } from '../costs/groups';
import { accountRegionColumns, defineSheet, scheduleColumns } from './sheet';

const schedule = scheduleColumns((r: GroupRow) => ({ tagValue: r.group.scheduleTagValue, ...r }));

export const autoScalingSheet = defineSheet({
  name: AUTO_SCALING_SHEET,
  rows: ({ report }) => report.groups,
  columns: [
    { key: 'state', header: 'ScheduleState', width: 14, value: (r: GroupRow) => r.group.scheduleState },
    { key: 'name', header: 'Group', width: 28, value: (r) => r.group.name },
    ...accountRegionColumns((r: GroupRow) => r.group),
    { key: 'scheduleTag', header: 'Schedule', width: 14, value: (r) => r.group.scheduleTagValue },
    { key: 'sizes', header: 'Sizes', width: 24, value: (r) => `min=${r.group.min} max=${r.group.max} desired=${r.group.desired}` },
    { key: 'savedSizes', header: 'SavedSizes', width: 24, value: (r) => r.group.savedSizes },
    { key: 'members', header: 'InServiceMembers', width: 17, value: (r) => r.members },
    { key: 'volumes', header: 'VolumesDeletedOnTermination', width: 27, value: (r) => r.volumes },
    { key: 'publicIps', header: 'PublicIPv4', width: 11, value: (r) => r.publicIps },
    { key: 'allMonthMonthly', header: 'AllMonth(USD)', width: 14, format: 'usd', value: (r) => r.allMonthMonthly },
    schedule.hours,
    schedule.monthly,
    schedule.savings,
    { key: 'note', header: 'Note', width: 80, value: (r) => r.note },
  ],
  totals: {
    name: { count: 'groups' },
    members: 'sum',
    volumes: 'sum',
    publicIps: 'sum',
    allMonthMonthly: 'sum',
    scheduledMonthly: 'sum',
    scheduleSavings: 'sum',
  },
  notes: ({ report }) => [
    'The schedule stops a group by setting min, max and desired to 0 (its instances are terminated) and restores the recorded sizes in the morning.',
    "AllMonth = what its in-service members cost all month: instance hours (at the rate of their EC2_Detail_Costs rows), their EBS volumes with DeleteOnTermination (deleted with them) and their auto-assigned public IPv4 (released with them). Volumes kept on termination and Elastic IPs stay billed and save nothing.",
    'ScheduleSavings = AllMonth − the same under the schedule (hourly × ScheduledHours). A group stopped now has nothing running to price; a mixed-instances group is estimated from the members running now. Its members save nothing as instances: counted once, here.',
    ...report.groupNotes.map((note) => `Not read: ${note}`),
  ],
});
