/**
 * The prices of one report: the USD rate behind each price key (or why there is none), how often
 * each was used, and the source line the workbook prints. Every cost kind looks its rates up here.
 */
import { priced, sumCosts, unpriced, type Cost } from '../../shared/cost-math';
import type { PriceResult } from '../../shared/cost-types';

export interface PriceRow {
  id: string;
  result?: PriceResult;
  usedBy: number;
}

export interface PriceBook {
  /** The USD rate behind a price key, or why there is none. Counts the use for the Prices sheet. */
  rate(id: string): Cost;
  result(id: string): PriceResult | undefined;
  /** Every price looked up or used, by key, with how many items used it: call after the last `rate`. */
  rows(): PriceRow[];
}

export function priceBook(prices: readonly PriceResult[]): PriceBook {
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const usedBy = new Map<string, number>();
  return {
    rate(id) {
      usedBy.set(id, (usedBy.get(id) ?? 0) + 1);
      const result = priceById.get(id);
      if (!result) return unpriced(`no price was looked up for ${id}`);
      if (result.status !== 'priced') return unpriced(`${id}: ${result.reason ?? 'no price'}`);
      if (typeof result.usd !== 'number' || !Number.isFinite(result.usd)) return unpriced(`${id}: the price has no USD amount`);
      return priced(result.usd);
    },
    result: (id) => priceById.get(id),
    rows() {
      const ids = new Set([...prices.map((p) => p.id), ...usedBy.keys()]);
      return [...ids].sort().map((id) => ({ id, result: priceById.get(id), usedBy: usedBy.get(id) ?? 0 }));
    },
  };
}

/** A row's PriceStatus: `priced`, or `unpriced: ` with every reason of its costs. */
export function priceStatus(costs: readonly (Cost | undefined)[]): string {
  const combined = sumCosts(costs.filter((c): c is Cost => c !== undefined));
  return combined.status === 'priced' ? 'priced' : `unpriced: ${combined.reason}`;
}

/** Where the prices come from and how current they are, as the Summary and Prices sheets say it. */
export function priceSource(pricingRegion: string, prices: readonly PriceResult[]): string {
  const dates = [...new Set(prices.map((p) => p.effectiveDate?.slice(0, 10)).filter((d): d is string => Boolean(d)))].sort();
  const effective =
    dates.length === 0 ? 'effective dates not reported' : dates.length === 1 ? `effective ${dates[0]}` : `effective ${dates[0]} to ${dates[dates.length - 1]}`;
  return `AWS Price List API, ${pricingRegion}, ${effective}`;
}
