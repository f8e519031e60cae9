/**
 * What Dedicated tenancy adds: each Dedicated Host by the hour while allocated (the instances on it
 * are billed through it), and the region fee of Dedicated Instances for every hour at least one of
 * them runs in the region, however many.
 */
import { computeIsBilled, dedicatedRegionFeeMonthly, monthlyFromHourly, type Cost } from '../../shared/cost-math';
import { priceKeyId, type InventoryHost, type InventoryInstance } from '../../shared/cost-types';
import { dedicatedFeePriceKey, dedicatedHostPriceKey, purchaseOptionOf } from '../../shared/price-keys';
import { priceStatus, type PriceBook } from './prices';

export interface DedicatedRow {
  /** The account billed (absent in inventories collected before targets). */
  accountId?: string;
  kind: 'Dedicated Host' | 'Dedicated Instance fee';
  /** The host id, or the region of the fee. */
  id: string;
  region: string;
  az?: string;
  instanceFamily?: string;
  state?: string;
  instanceIds: string[];
  hourly: Cost;
  monthly: Cost;
  priceStatus: string;
  note?: string;
}

export function dedicatedRows(hosts: readonly InventoryHost[], instances: readonly InventoryInstance[], prices: PriceBook): DedicatedRow[] {
  const hostRows: DedicatedRow[] = hosts.map((host) => {
    const hourly = prices.rate(priceKeyId(dedicatedHostPriceKey(host.region, host.instanceFamily)));
    const monthly = monthlyFromHourly(hourly);
    return {
      accountId: host.accountId,
      kind: 'Dedicated Host',
      id: host.hostId,
      region: host.region,
      az: host.az,
      instanceFamily: host.instanceFamily,
      state: host.state,
      instanceIds: host.instanceIds,
      hourly,
      monthly,
      priceStatus: priceStatus([monthly]),
      note: host.instanceIds.length === 0 ? 'no instance on it: billed all the same until released' : undefined,
    };
  });

  // The fee is charged per account and region.
  const dedicatedByRegion = new Map<string, InventoryInstance[]>();
  for (const instance of instances) {
    if ((instance.purchaseOption ?? purchaseOptionOf(undefined, instance.tenancy)) !== 'Dedicated Instance') continue;
    const key = `${instance.accountId ?? ''}|${instance.region}`;
    dedicatedByRegion.set(key, [...(dedicatedByRegion.get(key) ?? []), instance]);
  }
  const feeRows: DedicatedRow[] = [...dedicatedByRegion.values()].map((list) => {
    const { accountId, region } = list[0]!;
    const running = list.filter((i) => computeIsBilled(i.state)).length;
    const hourly = prices.rate(priceKeyId(dedicatedFeePriceKey(region)));
    const monthly = dedicatedRegionFeeMonthly(running, hourly);
    return {
      accountId,
      kind: 'Dedicated Instance fee',
      id: region,
      region,
      instanceIds: list.map((i) => i.instanceId),
      hourly,
      monthly,
      priceStatus: priceStatus([monthly]),
      note: running === 0 ? 'no Dedicated Instance running now: no fee while none runs' : `${running} running: one fee for the region, however many`,
    };
  });
  return [...hostRows, ...feeRows.sort((a, b) => a.region.localeCompare(b.region) || (a.accountId ?? '').localeCompare(b.accountId ?? ''))];
}
