/**
 * EC2 instances: compute by the hour for the month when the state bills it, the EBS volumes attached
 * to it, the schedule estimate, and how long it has been stopped.
 */
import { computeIsBilled, monthlyFromHourly, sumCosts, ZERO, type Cost } from '../../shared/cost-math';
import type { InventoryInstance } from '../../shared/cost-types';
import { priceStatus, type PriceBook } from './prices';
import type { ScheduleColumns, ScheduleSavings } from './schedule';
import type { VolumeRow } from './volumes';

export interface InstanceRow {
  instance: InventoryInstance;
  hourly: Cost;
  vcpu?: number;
  memory?: string;
  volumeIds: string[];
  volumeSizeGiB: number;
  ec2Monthly: Cost;
  ebsMonthly: Cost;
  totalMonthly: Cost;
  schedule?: ScheduleColumns;
  stoppedDays?: number;
  priceStatus: string;
}

export interface InstanceContext {
  volumes: readonly VolumeRow[];
  prices: PriceBook;
  scheduleSavings: ScheduleSavings;
  /** When the inventory was collected: how long a stopped instance has been stopped is counted to then. */
  collectedAt: string;
}

export function instanceRows(instances: readonly InventoryInstance[], { volumes, prices, scheduleSavings, collectedAt }: InstanceContext): InstanceRow[] {
  const volumeById = new Map(volumes.map((row) => [row.volume.volumeId, row]));
  // A volume can name its instance without the instance listing it (and the other way round): both count.
  const volumeIdsByInstance = new Map<string, string[]>();
  for (const { volume } of volumes) {
    if (volume.attachedTo) volumeIdsByInstance.set(volume.attachedTo, [...(volumeIdsByInstance.get(volume.attachedTo) ?? []), volume.volumeId]);
  }
  const collectedAtMs = Date.parse(collectedAt);

  return instances.map((instance) => {
    const hourly = prices.rate(instance.priceKeyId);
    const price = prices.result(instance.priceKeyId);
    const volumeIds = [...new Set([...instance.volumeIds, ...(volumeIdsByInstance.get(instance.instanceId) ?? [])])].sort();
    const attached = volumeIds.map((id) => volumeById.get(id));
    const billed = computeIsBilled(instance.state);
    const ec2Monthly = billed ? monthlyFromHourly(hourly) : ZERO;
    const ebsMonthly = sumCosts(attached.map((v) => v?.cost.total ?? ZERO));
    const totalMonthly = sumCosts([ec2Monthly, ebsMonthly]);
    const schedule = scheduleSavings(instance, hourly, ec2Monthly);

    const stoppedDays =
      instance.state === 'stopped' && instance.stoppedSince && Number.isFinite(collectedAtMs)
        ? (collectedAtMs - Date.parse(instance.stoppedSince)) / 86_400_000
        : undefined;

    const notes = [priceStatus([ec2Monthly, ebsMonthly])];
    if (!billed && hourly.status === 'unpriced') notes.push(`${instance.state}: compute not billed (hourly price unknown: ${hourly.reason})`);
    if (schedule?.note) notes.push(schedule.note);

    return {
      instance,
      hourly,
      vcpu: instance.vcpu ?? price?.vcpu,
      memory: price?.memory,
      volumeIds,
      volumeSizeGiB: attached.reduce((sum, v) => sum + (v?.volume.sizeGiB ?? 0), 0),
      ec2Monthly,
      ebsMonthly,
      totalMonthly,
      schedule,
      stoppedDays: stoppedDays !== undefined && Number.isFinite(stoppedDays) ? stoppedDays : undefined,
      priceStatus: notes.join('; '),
    };
  });
}
