/** Prices one key: one GetProducts query (every page of it), then the exact-one-SKU rule. */
import { GetProductsCommand, type GetProductsCommandOutput, type PricingClient } from '@aws-sdk/client-pricing';
import type { PriceKey, PriceResult } from '../shared/cost-types';
import { asStepError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { extractPrice, parsePriceListItem, type PriceListItem } from './extract';
import { describeQuery, priceQuery } from './filters';

export interface PriceDeps {
  pricing: Pick<PricingClient, 'send'>;
  log: DecisionLog;
}

// The API's maximum page: a well-pinned query has one item, so one call per key.
const PAGE_SIZE = 100;

export async function priceItem(key: PriceKey, deps: PriceDeps): Promise<PriceResult> {
  const query = priceQuery(key);
  const queryText = describeQuery(query);
  const items: PriceListItem[] = [];
  let nextToken: string | undefined;
  do {
    let page: GetProductsCommandOutput;
    try {
      page = await deps.pricing.send(
        new GetProductsCommand({
          ServiceCode: query.serviceCode,
          Filters: query.filters,
          FormatVersion: 'aws_v1',
          MaxResults: PAGE_SIZE,
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      throw asStepError(error, `GetProducts for ${key.id}`);
    }
    const priceList: readonly unknown[] = Array.isArray(page.PriceList) ? page.PriceList : [];
    items.push(...priceList.map(parsePriceListItem));
    nextToken = page.NextToken || undefined;
  } while (nextToken);

  const result = extractPrice(key, items, queryText);
  if (result.status === 'priced') {
    deps.log.info('priced', { id: key.id, usd: result.usd, unit: result.unit, sku: result.sku });
  } else {
    deps.log.warn('unpriced', { id: key.id, reason: result.reason });
  }
  return result;
}
