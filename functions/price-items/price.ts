/** Prices one key: one GetProducts query (every page of it, through the SDK's paginator), then the exact-one-SKU rule. */
import { paginateGetProducts, type PricingClient } from '@aws-sdk/client-pricing';
import type { PriceKey, PriceResult } from '../shared/cost-types';
import { asStepError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { unmappedLicensingReason } from '../shared/platform';
import { extractPrice, parsePriceListItem, type PriceListItem } from './extract';
import { describeQuery, hasUsageType, priceQuery, type PriceQuery } from './filters';

export interface PriceDeps {
  /** A real client: the SDK's paginator accepts nothing else. */
  pricing: PricingClient;
  log: DecisionLog;
}

// The API's maximum page: a well-pinned query has one item, so one call per key.
const PAGE_SIZE = 100;

async function allItems(key: PriceKey, query: PriceQuery, pricing: PricingClient): Promise<PriceListItem[]> {
  const items: PriceListItem[] = [];
  const pages = paginateGetProducts({ client: pricing, pageSize: PAGE_SIZE }, { ServiceCode: query.serviceCode, Filters: query.filters, FormatVersion: 'aws_v1' });
  try {
    for await (const page of pages) {
      const priceList: readonly unknown[] = Array.isArray(page.PriceList) ? page.PriceList : [];
      items.push(...priceList.map(parsePriceListItem));
    }
  } catch (error) {
    throw asStepError(error, `GetProducts for ${key.id}`);
  }
  const suffix = query.usageTypeSuffix;
  return preferredItems(suffix ? items.filter((item) => hasUsageType(item.product?.attributes?.usagetype, suffix)) : items, query.preferred);
}

/** The items with the first preferred value any of them has; all of them when none has one (the exact-one rule then speaks). */
export function preferredItems(items: PriceListItem[], preferred: PriceQuery['preferred']): PriceListItem[] {
  if (!preferred) return items;
  for (const value of preferred.values) {
    const chosen = items.filter((item) => item.product?.attributes?.[preferred.field] === value);
    if (chosen.length > 0) return chosen;
  }
  return items;
}

async function lookUp(key: PriceKey, pricing: PricingClient): Promise<PriceResult> {
  if (key.kind === 'ec2-unmapped') return { id: key.id, status: 'unpriced', reason: unmappedLicensingReason(key) };
  const query = priceQuery(key);
  return extractPrice(key, await allItems(key, query, pricing), describeQuery(query));
}

export async function priceItem(key: PriceKey, deps: PriceDeps): Promise<PriceResult> {
  const result = await lookUp(key, deps.pricing);
  if (result.status === 'priced') {
    deps.log.info('priced', { id: key.id, usd: result.usd, unit: result.unit, listedUnit: result.listedUnit, sku: result.sku });
  } else {
    deps.log.warn('unpriced', { id: key.id, reason: result.reason });
  }
  return result;
}
