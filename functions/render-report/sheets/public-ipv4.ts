/** Public_IPv4: every charged public IPv4 address, Elastic or an instance's own, in use or idle. */
import type { AddressRow } from '../costs/addresses';
import { unpricedRows, wasteRows } from './highlights';
import { accountRegionColumns, defineSheet } from './sheet';

export const publicIpv4Sheet = defineSheet({
  name: 'Public_IPv4',
  rows: ({ report }) => report.addresses,
  columns: [
    { key: 'publicIp', header: 'PublicIp', width: 16, value: (r: AddressRow) => r.address.publicIp },
    ...accountRegionColumns((r: AddressRow) => r.address),
    { key: 'kind', header: 'Kind', width: 10, value: (r) => (r.address.kind === 'elastic' ? 'Elastic IP' : 'instance') },
    { key: 'allocationId', header: 'AllocationId', width: 27, value: (r) => r.address.allocationId },
    { key: 'instanceId', header: 'InstanceId', width: 21, value: (r) => r.address.instanceId || undefined },
    { key: 'usage', header: 'Usage', width: 8, value: (r) => r.usage },
    { key: 'hourly', header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
    { key: 'monthly', header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
    { key: 'priceStatus', header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
  ],
  highlights: (at, input) => [...unpricedRows(at, 'priceStatus'), ...wasteRows(at, 'allocationId', input)],
  totals: { region: { count: 'addresses' }, monthly: 'sum', priceStatus: { unpricedIn: 'monthly' } },
});
