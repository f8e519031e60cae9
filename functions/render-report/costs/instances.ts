/**
 * EC2 instances: compute by the hour for the month when the state bills it (at the Spot price for
 * Spot, through the host for a Dedicated Host), the EBS volumes charged to it, the schedule
 * estimate, and how long it has been stopped. A total with an unpriced part shows what is priced
 * and says it is partial.
 */
import { charge, computeIsBilled, isPriced, monthlyFromHourly, priced, pricedSum, sumCosts, unpriced, ZERO, type Cost } from '../../shared/cost-math';
import { priceKeyId, STANDARD_MODE_NOTE, type InventoryInstance, type PurchaseOption } from '../../shared/cost-types';
import { cpuCreditPriceKey, purchaseOptionOf } from '../../shared/price-keys';
import { priceStatus, type PriceBook } from './prices';
import type { ScheduleColumns, ScheduleSavings } from './schedule';
import type { VolumeRow } from './volumes';

export interface InstanceRow {
  instance: InventoryInstance;
  purchaseOption: PurchaseOption;
  /** USD per hour; absent for an instance on a Dedicated Host (its host is billed). */
  hourly?: Cost;
  vcpu?: number;
  memory?: string;
  /** Every volume attached to it, including multi-attach volumes charged to another instance. */
  volumeIds: string[];
  volumeSizeGiB: number;
  /** Absent for an instance on a Dedicated Host: its compute is the host's (Dedicated sheet), never $0 "priced". */
  ec2Monthly?: Cost;
  ebsMonthly: Cost;
  /** Surplus CPU credits CloudWatch says were charged in the last 7 days (a running burstable instance with datapoints). */
  cpuCreditsCharged?: number;
  /**
   * Those credits in a 730-hour month × the vCPU-hour rate; unpriced with the reason when there is no
   * figure (no datapoints, a refused read, no rate). Absent for instances that are not burstable or
   * not running, which accrue none.
   */
  cpuCreditsMonthly?: Cost;
  /** EC2 + EBS (+ CPU credits when estimated); when EC2 or EBS is unpriced, the priced part alone (and `partial` says so). */
  totalMonthly: Cost;
  /** Set when totalMonthly leaves out an unpriced part: what is missing. */
  partial?: string;
  schedule?: ScheduleColumns;
  stoppedDays?: number;
  priceStatus: string;
  /** How it is billed, when that is not plain On-Demand; multi-attach volumes charged elsewhere. */
  notes: string[];
}

export interface InstanceContext {
  volumes: readonly VolumeRow[];
  prices: PriceBook;
  scheduleSavings: ScheduleSavings;
  /** When the inventory was collected: how long a stopped instance has been stopped is counted to then. */
  collectedAt: string;
  /** Dedicated Hosts that were described, by id. */
  hostIds: ReadonlySet<string>;
}

/** EC2 + EBS as far as they are priced: unpriced only when nothing is. */
function partialTotal(parts: { name: string; cost: Cost | undefined }[]): { total: Cost; partial?: string } {
  const present = parts.filter((p): p is { name: string; cost: Cost } => p.cost !== undefined);
  const missing = present.filter((p) => !isPriced(p.cost));
  if (missing.length === 0 || missing.length === present.length) return { total: sumCosts(present.map((p) => p.cost)) };
  const shown = present.filter((p) => isPriced(p.cost)).map((p) => p.name);
  return {
    total: priced(pricedSum(present.map((p) => p.cost))),
    partial: `${missing.map((p) => p.name).join(' and ')} unpriced: the total is ${shown.join(' + ')} only`,
  };
}

/** A running burstable instance's surplus CPU credits for the month, or why they are not estimated. */
function cpuCreditsOf(instance: InventoryInstance, prices: PriceBook): { charged?: number; monthly?: Cost; note?: string } {
  const usage = instance.cpuCredits;
  if (!usage || !computeIsBilled(instance.state)) return {};
  // Standard mode is never charged surplus credits: a real 0, whatever the rate.
  if (usage.creditOption === 'standard') return { charged: 0, monthly: ZERO, note: `CPU credits 0: ${STANDARD_MODE_NOTE}` };
  const unread = usage.creditOptionReadError === undefined ? undefined : `credit option not read, CloudWatch read as for unlimited mode (${usage.creditOptionReadError})`;
  const key = cpuCreditPriceKey(instance);
  if (usage.vcpuHoursMonthly === undefined || usage.creditsCharged === undefined || !key) {
    const reason = usage.reason ?? 'CloudWatch gave no figure';
    return { monthly: unpriced(reason), note: `CPU credits not estimated: ${reason}${unread ? `; ${unread}` : ''}` };
  }
  const monthly = charge(usage.vcpuHoursMonthly, prices.rate(priceKeyId(key)));
  const notes = [...(monthly.status === 'unpriced' ? [`CPU credits not priced: ${monthly.reason}`] : []), ...(unread ? [`CPU credits: ${unread}`] : [])];
  return {
    charged: usage.creditsCharged,
    monthly,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

function computeOf(instance: InventoryInstance, prices: PriceBook, hostIds: ReadonlySet<string>): { purchaseOption: PurchaseOption; hourly?: Cost; notes: string[] } {
  // Inventories collected before purchase options were recorded: tenancy still tells hosts and Dedicated Instances apart.
  const purchaseOption = instance.purchaseOption ?? purchaseOptionOf(undefined, instance.tenancy);
  switch (purchaseOption) {
    case 'Dedicated Host': {
      const host = instance.hostId ?? 'its host';
      const described = instance.hostId !== undefined && hostIds.has(instance.hostId);
      return {
        purchaseOption,
        notes: [`compute billed per host: runs on Dedicated Host ${host}${described ? ' (Dedicated sheet)' : ', which this account does not list (a host shared from another account is billed there)'}`],
      };
    }
    case 'Spot':
      return {
        purchaseOption,
        hourly: prices.rate(instance.spotPriceId ?? `spot price of ${instance.instanceId} not collected`),
        notes: ['Spot: priced at the average Spot price of the last 7 days in its Availability Zone, not on-demand'],
      };
    case 'Dedicated Instance':
      return {
        purchaseOption,
        hourly: prices.rate(instance.priceKeyId),
        notes: [`Dedicated Instance: the region fee for ${instance.region} is billed once beside it (Dedicated sheet)`],
      };
    case 'On-Demand':
      return { purchaseOption, hourly: prices.rate(instance.priceKeyId), notes: [] };
  }
}

export function instanceRows(
  instances: readonly InventoryInstance[],
  { volumes, prices, scheduleSavings, collectedAt, hostIds }: InstanceContext,
): InstanceRow[] {
  const volumeById = new Map(volumes.map((row) => [row.volume.volumeId, row]));
  // A volume can name its instance without the instance listing it (and the other way round): both count.
  const volumeIdsByInstance = new Map<string, string[]>();
  for (const { volume } of volumes) {
    for (const instanceId of [volume.attachedTo, ...(volume.alsoAttachedTo ?? [])]) {
      if (instanceId) volumeIdsByInstance.set(instanceId, [...(volumeIdsByInstance.get(instanceId) ?? []), volume.volumeId]);
    }
  }
  const collectedAtMs = Date.parse(collectedAt);

  return instances.map((instance) => {
    const { purchaseOption, hourly, notes } = computeOf(instance, prices, hostIds);
    const price = prices.result(instance.priceKeyId);
    const volumeIds = [...new Set([...instance.volumeIds, ...(volumeIdsByInstance.get(instance.instanceId) ?? [])])].sort();
    const attached = volumeIds.map((id) => volumeById.get(id));
    // A multi-attach volume is charged once, to the instance it names first; the others list it.
    const charged = attached.filter((v) => v === undefined || v.volume.attachedTo === undefined || v.volume.attachedTo === instance.instanceId);
    for (const shared of attached) {
      if (shared && !charged.includes(shared)) notes.push(`${shared.volume.volumeId} (multi-attach) is charged to ${shared.volume.attachedTo}`);
    }
    const billed = computeIsBilled(instance.state);
    const ec2Monthly = hourly === undefined ? undefined : billed ? monthlyFromHourly(hourly) : ZERO;
    const ebsMonthly = sumCosts(charged.map((v) => v?.cost.total ?? ZERO));
    const credits = cpuCreditsOf(instance, prices);
    if (credits.note) notes.push(credits.note);
    // Credits CloudWatch gave no figure for stay out of the total, named in the Note and the
    // highlighted CPUCreditsMonthly cell, never counted as 0.
    const { total: ownTotal, partial } = partialTotal([
      { name: 'EC2', cost: ec2Monthly },
      { name: 'EBS', cost: ebsMonthly },
    ]);
    const totalMonthly = credits.monthly && isPriced(credits.monthly) && isPriced(ownTotal) ? priced(pricedSum([ownTotal, credits.monthly])) : ownTotal;
    const schedule = scheduleSavings({ ...instance, computeBilled: billed }, hourly, ec2Monthly);

    const stoppedDays =
      instance.state === 'stopped' && instance.stoppedSince && Number.isFinite(collectedAtMs)
        ? (collectedAtMs - Date.parse(instance.stoppedSince)) / 86_400_000
        : undefined;

    const statuses = [priceStatus([ec2Monthly, ebsMonthly])];
    if (!billed && hourly?.status === 'unpriced') statuses.push(`${instance.state}: compute not billed (hourly price unknown: ${hourly.reason})`);
    if (schedule?.note) statuses.push(schedule.note);

    return {
      instance,
      purchaseOption,
      hourly,
      vcpu: instance.vcpu ?? price?.vcpu,
      memory: price?.memory,
      volumeIds,
      volumeSizeGiB: attached.reduce((sum, v) => sum + (v?.volume.sizeGiB ?? 0), 0),
      ec2Monthly,
      ebsMonthly,
      cpuCreditsCharged: credits.charged,
      cpuCreditsMonthly: credits.monthly,
      totalMonthly,
      partial,
      schedule,
      stoppedDays: stoppedDays !== undefined && Number.isFinite(stoppedDays) ? stoppedDays : undefined,
      priceStatus: statuses.join('; '),
      notes,
    };
  });
}
