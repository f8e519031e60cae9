/**
 * Auto Scaling groups on a schedule. The schedule stops a group by setting its sizes to 0, so its
 * instances are terminated, and restores them in the morning: what it saves is what the group's
 * in-service members cost all month minus what they cost under the schedule (the same hours as an
 * instance on that schedule, shared/schedule-hours), for what termination stops billing:
 *   - their instance hours (at the rate their own rows use: On-Demand, Spot, Dedicated Instance);
 *   - their EBS volumes with DeleteOnTermination (deleted with them, created again at launch);
 *   - their auto-assigned public IPv4 (released on termination; an Elastic IP stays allocated and billed).
 * Volumes kept on termination and Elastic IPs save nothing. A group stopped now has nothing running
 * to price; a mixed-instances group is estimated from the members running now. Members are never
 * scheduled as instances (shared/schedule-eligibility.ts), so nothing is counted twice: a member's
 * own row keeps its ScheduleSavings empty and names the group whose saving counts its hours
 * (`withGroupSavings`), so a reader adding up EC2_Detail_Costs is not told nothing is saved.
 */
import { computeIsBilled, hourlyFromMonthly, isPriced, priced, pricedSum, sumCosts, ZERO, type Cost } from '../../shared/cost-math';
import type { InventoryAutoScalingGroup } from '../../shared/cost-types';
import type { AddressRow } from './addresses';
import type { InstanceRow } from './instances';
import { leftAloneNote, type ScheduleColumns, type ScheduledResource, type ScheduleSavings } from './schedule';
import type { VolumeRow } from './volumes';

/** The workbook sheet of the group rows, named in their members' rows. */
export const AUTO_SCALING_SHEET = 'Auto_Scaling';

export interface GroupRow {
  group: InventoryAutoScalingGroup;
  /** The members whose instance hours are in `savings`. */
  countedInstanceIds: string[];
  /** In-service members priced, their instance types, and what of theirs termination stops billing. */
  members: number;
  instanceTypes: string[];
  volumes: number;
  publicIps: number;
  hoursPerMonth?: number;
  /** What those members cost all month (instance hours, volumes deleted with them, public IPv4); absent when nothing runs. */
  allMonthMonthly?: Cost;
  scheduledMonthly?: Cost;
  savings?: Cost;
  note: string;
}

export interface GroupContext {
  instances: readonly InstanceRow[];
  volumes: readonly VolumeRow[];
  addresses: readonly AddressRow[];
  scheduleSavings: ScheduleSavings;
}

const key = (accountId: string | undefined, id: string | undefined) => `${accountId ?? ''}|${id ?? ''}`;

/** "t3.micro ×2, m5.large" */
function typesText(types: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts.entries()].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ');
}

/** The priced parts' sum when some are unpriced (as the totals count them), unpriced only when all are. */
function pricedPart(costs: readonly Cost[]): Cost {
  return costs.some(isPriced) ? priced(pricedSum(costs)) : sumCosts(costs);
}

/** One row per group on a schedule (its tag value names a schedule); other tagged groups save nothing and are left out. */
export function groupRows(groups: readonly InventoryAutoScalingGroup[], { instances, volumes, addresses, scheduleSavings }: GroupContext): GroupRow[] {
  const instanceById = new Map(instances.map((r) => [key(r.instance.accountId, r.instance.instanceId), r]));
  const volumeById = new Map(volumes.map((r) => [key(r.volume.accountId, r.volume.volumeId), r]));
  const ipsByInstance = new Map<string, AddressRow[]>();
  for (const row of addresses) {
    // Only the address EC2 assigned at launch goes with the instance; an Elastic IP stays allocated (and billed) after it.
    if (row.address.kind !== 'instance' || !row.address.instanceId) continue;
    const at = key(row.address.accountId, row.address.instanceId);
    ipsByInstance.set(at, [...(ipsByInstance.get(at) ?? []), row]);
  }

  return groups.flatMap((group): GroupRow[] => {
    const resource: ScheduledResource = {
      scheduleTagValue: group.scheduleTagValue,
      scheduleSkipReason: group.scheduleSkipReason,
      state: group.scheduleState,
      computeBilled: group.scheduleState === 'running',
    };
    const empty = { group, countedInstanceIds: [], members: 0, instanceTypes: [], volumes: 0, publicIps: 0 };
    const probe = scheduleSavings(resource, ZERO, ZERO);
    if (!probe) return [];
    if (probe.hoursPerMonth === undefined) return [{ ...empty, note: probe.note ?? 'no schedule estimate' }];
    const hours = { hoursPerMonth: probe.hoursPerMonth };
    if (group.scheduleState === 'stopped') {
      return [{ ...empty, ...hours, note: `stopped now by the schedule (recorded ${group.savedSizes ?? 'sizes'}): nothing running to price` }];
    }
    if (group.scheduleState === 'left alone') return [{ ...empty, ...hours, note: probe.note ?? 'the schedule leaves it alone: no savings' }];

    const parts: ScheduleColumns[] = [];
    const allMonth: Cost[] = [];
    const notes: string[] = [];
    const instanceTypes: string[] = [];
    const countedInstanceIds: string[] = [];
    let volumeCount = 0;
    let ipCount = 0;
    const add = (monthly: Cost, hourly: Cost, state = 'running', billed = true): boolean => {
      const columns = scheduleSavings({ ...resource, state, computeBilled: billed }, hourly, monthly);
      if (!columns?.savings) return false;
      parts.push(columns);
      allMonth.push(monthly);
      return true;
    };
    for (const instanceId of group.inServiceInstanceIds) {
      const member = instanceById.get(key(group.accountId, instanceId));
      if (!member) {
        notes.push(`member ${instanceId} is not in the inventory (excluded or launched after it was read): not priced`);
        continue;
      }
      instanceTypes.push(member.instance.instanceType);
      if (member.hourly === undefined || member.ec2Monthly === undefined) {
        notes.push(`member ${instanceId} runs on a Dedicated Host, whose bill its termination does not stop: its instance hours save nothing`);
      } else if (add(member.ec2Monthly, member.hourly, member.instance.state, computeIsBilled(member.instance.state))) {
        countedInstanceIds.push(instanceId);
      }
      for (const volumeId of member.instance.deleteOnTerminationVolumeIds ?? []) {
        const volume = volumeById.get(key(group.accountId, volumeId));
        // A multi-attach volume charged to another instance is that instance's cost.
        if (!volume || (volume.volume.attachedTo !== undefined && volume.volume.attachedTo !== instanceId)) continue;
        add(volume.cost.total, hourlyFromMonthly(volume.cost.total));
        volumeCount += 1;
      }
      for (const ip of ipsByInstance.get(key(group.accountId, instanceId)) ?? []) {
        add(ip.monthly, ip.hourly);
        ipCount += 1;
      }
    }
    const missing = sumCosts(parts.map((p) => p.savings ?? ZERO).filter((c) => !isPriced(c)));
    if (!isPriced(missing) && parts.some((p) => p.savings && isPriced(p.savings))) {
      notes.push(`partial: the figures are the priced parts only (unpriced: ${missing.reason})`);
    }
    const members = instanceTypes.length;
    const what = `${members} in-service member(s): instance hours, ${volumeCount} EBS volume(s) deleted on termination, ${ipCount} public IPv4 address(es)`;
    if (group.mixedInstances) notes.unshift(`mixed instances policy: estimated from the members running now (${typesText(instanceTypes) || 'none'})`);
    return [
      {
        group,
        countedInstanceIds,
        members,
        instanceTypes,
        volumes: volumeCount,
        publicIps: ipCount,
        ...hours,
        allMonthMonthly: pricedPart(allMonth),
        scheduledMonthly: pricedPart(parts.map((p) => p.scheduledMonthly ?? ZERO)),
        savings: pricedPart(parts.map((p) => p.savings ?? ZERO)),
        note: [what, ...notes].join('; '),
      },
    ];
  });
}

/**
 * The instance rows, each member whose hours a group's saving counts pointing to that group instead
 * of reading "no savings"; its own ScheduleSavings stays empty. Other members keep their note.
 */
export function withGroupSavings(instances: readonly InstanceRow[], groups: readonly GroupRow[]): InstanceRow[] {
  const groupByMember = new Map(groups.flatMap((g) => g.countedInstanceIds.map((id) => [key(g.group.accountId, id), g.group.name] as const)));
  return instances.map((row) => {
    const group = groupByMember.get(key(row.instance.accountId, row.instance.instanceId));
    const reason = row.instance.scheduleSkipReason;
    if (group === undefined || reason === undefined || !row.schedule?.note) return row;
    const note = leftAloneNote(reason, `its saving is counted with its group ${group} on ${AUTO_SCALING_SHEET}`);
    return { ...row, schedule: { ...row.schedule, note }, priceStatus: row.priceStatus.replace(row.schedule.note, note) };
  });
}
