/**
 * Reads a price out of GetProducts' PriceList items (real format: see
 * ../shared/reference/pricing/). Only the on-demand term counts; Reserved offers are ignored.
 * Exactly one SKU with exactly one on-demand price dimension, in a unit the report can convert,
 * is a price; anything else is an explicit "unpriced" with the reason, never a silent $0.
 */
import type { PriceKey, PriceResult } from '../shared/cost-types';
import { toCostUnit } from './units';

interface PriceDimension {
  unit?: string;
  description?: string;
  pricePerUnit?: Record<string, string>;
}

interface OfferTerm {
  sku?: string;
  effectiveDate?: string;
  priceDimensions?: Record<string, PriceDimension>;
}

export interface PriceListItem {
  /** Some real items (AmazonVPC public IPv4) carry no productFamily at all. */
  product?: { sku?: string; productFamily?: string; attributes?: Record<string, string> };
  serviceCode?: string;
  terms?: { OnDemand?: Record<string, OfferTerm>; Reserved?: Record<string, OfferTerm> };
}

/** GetProducts returns each item as a JSON string (the SDK may wrap it in a string-like object). */
export function parsePriceListItem(raw: unknown): PriceListItem {
  if (typeof raw === 'string' || raw instanceof String) return JSON.parse(String(raw)) as PriceListItem;
  if (raw !== null && typeof raw === 'object') return raw as PriceListItem;
  throw new Error(`PriceList entry is neither JSON text nor an object: ${String(raw)}`);
}

function unpriced(key: PriceKey, reason: string): PriceResult {
  return { id: key.id, status: 'unpriced', reason };
}

/**
 * @param queryText the filters in words, so an unpriced reason says what was asked for.
 */
export function extractPrice(key: PriceKey, items: readonly PriceListItem[], queryText: string): PriceResult {
  const skus = [...new Set(items.map((item) => item.product?.sku ?? '(no sku)'))];
  if (skus.length === 0) return unpriced(key, `no SKU matched ${queryText}`);
  if (skus.length > 1) {
    return unpriced(key, `${skus.length} SKUs matched ${queryText} (${skus.sort().join(', ')}): the filters must pin exactly one`);
  }
  const item = items[0]!;
  const sku = skus[0]!;
  const onDemandTerms = Object.values(item.terms?.OnDemand ?? {});
  const dimensions = onDemandTerms.flatMap((offer) =>
    Object.values(offer.priceDimensions ?? {}).map((dimension) => ({ offer, dimension })),
  );
  if (dimensions.length !== 1) {
    return unpriced(
      key,
      dimensions.length === 0
        ? `SKU ${sku} has no on-demand price (${queryText})`
        : `SKU ${sku} has ${dimensions.length} on-demand price dimensions (tiered or ambiguous) (${queryText})`,
    );
  }
  const { offer, dimension } = dimensions[0]!;
  const usdText = dimension.pricePerUnit?.USD;
  const usd = usdText === undefined || usdText.trim() === '' ? Number.NaN : Number(usdText);
  if (!Number.isFinite(usd) || usd < 0) {
    return unpriced(key, `SKU ${sku} has no USD on-demand price (got ${JSON.stringify(usdText)})`);
  }

  const converted = toCostUnit(key.kind, usd, dimension.unit);
  if (!converted.ok) return unpriced(key, `SKU ${sku}: ${converted.reason} (${queryText})`);

  const result: PriceResult = { id: key.id, status: 'priced', usd: converted.usd, unit: converted.unit };
  // What the Price List said, where it differs from the unit the report multiplies by (e.g. GiBps-mo).
  if (dimension.unit !== converted.unit) Object.assign(result, { listedUsd: usd, listedUnit: dimension.unit });
  result.sku = sku;
  if (dimension.description !== undefined) result.description = dimension.description;
  if (offer.effectiveDate !== undefined) result.effectiveDate = offer.effectiveDate;
  if (key.kind === 'ec2') {
    const attributes = item.product?.attributes ?? {};
    const vcpu = Number(attributes.vcpu);
    if (attributes.vcpu !== undefined && Number.isFinite(vcpu)) result.vcpu = vcpu;
    if (attributes.memory !== undefined) result.memory = attributes.memory;
  }
  return result;
}
