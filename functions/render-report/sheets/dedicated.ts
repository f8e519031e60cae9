/** Dedicated: each Dedicated Host (billed per host-hour, with the instances on it) and each region's Dedicated Instance fee. */
import { HOURS_PER_MONTH } from '../../shared/cost-math';
import type { DedicatedRow } from '../costs/dedicated';
import { unpricedRows, wasteRows } from './highlights';
import { accountRegionColumns, defineSheet } from './sheet';

export const dedicatedSheet = defineSheet({
  name: 'Dedicated',
  rows: ({ report }) => report.dedicated,
  columns: [
    { key: 'kind', header: 'Kind', width: 22, value: (r: DedicatedRow) => r.kind },
    { key: 'id', header: 'HostId / Region', width: 21, value: (r) => r.id },
    ...accountRegionColumns((r: DedicatedRow) => r),
    { key: 'az', header: 'AZ', width: 16, value: (r) => r.az },
    { key: 'instanceFamily', header: 'InstanceFamily', width: 15, value: (r) => r.instanceFamily },
    { key: 'state', header: 'State', width: 11, value: (r) => r.state },
    { key: 'instances', header: 'Instances', width: 10, value: (r) => r.instanceIds.length },
    { key: 'instanceIds', header: 'InstanceIds', width: 44, value: (r) => r.instanceIds.join(', ') },
    { key: 'hourly', header: 'HourlyUSD', width: 11, format: 'rate', value: (r) => r.hourly },
    { key: 'monthly', header: 'Monthly(USD)', width: 14, format: 'usd', value: (r) => r.monthly },
    { key: 'priceStatus', header: 'PriceStatus', width: 30, value: (r) => r.priceStatus },
    { key: 'note', header: 'Note', width: 50, value: (r) => r.note },
  ],
  totals: { id: { count: 'items' }, instances: 'sum', monthly: 'sum', priceStatus: { unpricedIn: 'monthly' } },
  highlights: (at, input) => [...unpricedRows(at, 'priceStatus'), ...wasteRows(at, 'id', input)],
  notes: [
    `A Dedicated Host is billed per host-hour while allocated, whatever runs on it: Monthly = HourlyUSD × ${HOURS_PER_MONTH}; the instances on it show no EC2Monthly of their own (EC2_Detail_Costs, HostId).`,
    `Dedicated Instances add one fee per region for every hour at least one of them runs there, however many: Monthly = HourlyUSD × ${HOURS_PER_MONTH} while one runs.`,
  ],
});
