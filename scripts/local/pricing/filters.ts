/**
 * GetProducts filter matching, as the local Pricing endpoint applies it.
 *
 * Case rules (AWS documents none; we pick the strict reading so that code passing here does not
 * fail in AWS): field names are case-insensitive (`capacitystatus` = `capacityStatus`), values are
 * case-sensitive for every type (`Linux` ≠ `linux`). Besides product attributes, a filter may name
 * `productFamily`, `sku` or `serviceCode`. A product without the field matches only NONE_OF.
 */

export const FILTER_TYPES = ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export interface ProductFilter {
  Type: FilterType;
  Field: string;
  Value: string;
}

/** A product's filterable fields, keyed by lower-cased field name. */
export type ProductFields = ReadonlyMap<string, string>;

export function productFields(item: {
  serviceCode: string;
  product: { productFamily?: string; sku: string; attributes: Record<string, string> };
}): ProductFields {
  const fields = new Map<string, string>();
  for (const [name, value] of Object.entries(item.product.attributes)) fields.set(name.toLowerCase(), value);
  // An item without productFamily (AmazonVPC public IPv4) matches no positive productFamily filter, as in AWS.
  if (item.product.productFamily !== undefined) fields.set('productfamily', item.product.productFamily);
  fields.set('sku', item.product.sku);
  fields.set('servicecode', item.serviceCode);
  return fields;
}

export function isFilterType(value: unknown): value is FilterType {
  return typeof value === 'string' && (FILTER_TYPES as readonly string[]).includes(value);
}

/** ANY_OF / NONE_OF values: a comma-separated list; spaces around the commas are ignored. */
export function listValues(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function matchesFilter(fields: ProductFields, filter: ProductFilter): boolean {
  const actual = fields.get(filter.Field.toLowerCase());
  switch (filter.Type) {
    case 'TERM_MATCH':
    case 'EQUALS':
      return actual === filter.Value;
    case 'CONTAINS':
      return actual !== undefined && actual.includes(filter.Value);
    case 'ANY_OF':
      return actual !== undefined && listValues(filter.Value).includes(actual);
    case 'NONE_OF':
      return actual === undefined || !listValues(filter.Value).includes(actual);
  }
}

/** All filters must match (AWS combines them with AND). */
export function matchesAllFilters(fields: ProductFields, filters: readonly ProductFilter[]): boolean {
  return filters.every((filter) => matchesFilter(fields, filter));
}
