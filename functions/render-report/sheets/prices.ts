/** Prices: every price key the report looked up or used, with its SKU, unit and USD, or why it has none. */
import type { PriceRow } from '../costs/prices';
import { unpricedRows } from './highlights';
import { defineSheet } from './sheet';

export const pricesSheet = defineSheet({
  name: 'Prices',
  rows: ({ report }) => report.prices,
  columns: [
    { key: 'priceKey', header: 'PriceKey', width: 70, value: (r: PriceRow) => r.id },
    { key: 'status', header: 'Status', width: 10, value: (r) => r.result?.status ?? 'missing' },
    { key: 'sku', header: 'SKU', width: 18, value: (r) => r.result?.sku },
    { key: 'description', header: 'Description', width: 60, value: (r) => r.result?.description },
    { key: 'unit', header: 'Unit', width: 10, value: (r) => r.result?.unit },
    {
      key: 'usd',
      header: 'USD',
      width: 12,
      format: 'rate',
      value: (r) =>
        r.result?.status === 'priced' && typeof r.result.usd === 'number'
          ? r.result.usd
          : { status: 'unpriced', reason: r.result?.reason ?? 'not looked up' },
    },
    { key: 'effectiveDate', header: 'EffectiveDate', width: 22, value: (r) => r.result?.effectiveDate },
    { key: 'usedBy', header: 'UsedBy', width: 8, value: (r) => r.usedBy },
    { key: 'reason', header: 'Reason', width: 50, value: (r) => (r.result ? r.result.reason : 'no price was looked up for this key') },
  ],
  highlights: (at) => unpricedRows(at, 'status'),
  notes: ({ report }) => [report.priceSource],
});
