/** Public IPv4: every Elastic IP (associated or idle) and every instance's primary public IP, by the hour for the month. */
import { monthlyFromHourly, type Cost } from '../../shared/cost-math';
import { priceKeyId, type InventoryAddress, type InventoryInstance } from '../../shared/cost-types';
import { priceStatus, type PriceBook } from './prices';

export interface AddressRow {
  address: InventoryAddress;
  usage: 'InUse' | 'Idle';
  hourly: Cost;
  monthly: Cost;
  priceStatus: string;
}

export function addressRows(addresses: readonly InventoryAddress[], instances: readonly InventoryInstance[], prices: PriceBook): AddressRow[] {
  // Auto-assigned public IPv4 belongs in `addresses`; an instance's publicIp missing there is added so it is still charged.
  const listedIps = new Set(addresses.map((a) => `${a.region}|${a.publicIp}`));
  const charged: InventoryAddress[] = [
    ...addresses,
    ...instances
      .filter((i) => i.publicIp && !listedIps.has(`${i.region}|${i.publicIp}`))
      .map((i) => ({ accountId: i.accountId, region: i.region, publicIp: i.publicIp as string, kind: 'instance' as const, instanceId: i.instanceId, associated: true })),
  ];
  return charged.map((address) => {
    const usage = address.associated ? ('InUse' as const) : ('Idle' as const);
    const hourly = prices.rate(priceKeyId({ kind: 'ipv4', region: address.region, usage }));
    const monthly = monthlyFromHourly(hourly);
    return { address, usage, hourly, monthly, priceStatus: priceStatus([monthly]) };
  });
}
