/**
 * The Pricing API operations the local endpoint answers (GetProducts, DescribeServices,
 * GetAttributeValues), as pure functions over a loaded catalog: request validation, filtering and
 * MaxResults/NextToken paging. Errors carry the AWS error type the SDK turns into a named exception.
 */
import { createHash } from 'node:crypto';
import { isFilterType, matchesAllFilters, productFields, type ProductFields, type ProductFilter } from './filters';
import type { PriceListItem } from './price-list';

/** An error the endpoint sends as `{"__type": type, "message": ...}` (HTTP 400 unless told). */
export class PricingApiError extends Error {
  override readonly name = 'PricingApiError';
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const FORMAT_VERSION = 'aws_v1';
export const MAX_RESULTS_LIMIT = 100;

interface CatalogEntry {
  fields: ProductFields;
  attributeNames: string[];
  /** The item as GetProducts sends it: one JSON string per product. */
  json: string;
}

export interface Catalog {
  /** Entries per service code, in fixture order. */
  byService: ReadonlyMap<string, readonly CatalogEntry[]>;
  size: number;
}

export function buildCatalog(items: readonly PriceListItem[]): Catalog {
  const byService = new Map<string, CatalogEntry[]>();
  const skus = new Set<string>();
  for (const item of items) {
    if (skus.has(item.product.sku)) throw new Error(`duplicate SKU ${item.product.sku} in the Price List fixtures`);
    skus.add(item.product.sku);
    const entries = byService.get(item.serviceCode) ?? [];
    entries.push({ fields: productFields(item), attributeNames: Object.keys(item.product.attributes), json: JSON.stringify(item) });
    byService.set(item.serviceCode, entries);
  }
  return { byService, size: items.length };
}

export interface GetProductsOutput {
  FormatVersion: string;
  PriceList: string[];
  NextToken?: string;
}

export interface DescribeServicesOutput {
  Services: { ServiceCode: string; AttributeNames: string[] }[];
  FormatVersion: string;
  NextToken?: string;
}

export interface GetAttributeValuesOutput {
  AttributeValues: { Value: string }[];
  NextToken?: string;
}

type RequestBody = Record<string, unknown>;

function optionalString(body: RequestBody, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PricingApiError('InvalidParameterException', `${name} must be a string`);
  return value;
}

function requiredString(body: RequestBody, name: string): string {
  const value = optionalString(body, name);
  if (value === undefined || value === '') throw new PricingApiError('InvalidParameterException', `${name} is required`);
  return value;
}

function maxResultsOf(body: RequestBody): number {
  const value = body.MaxResults;
  if (value === undefined || value === null) return MAX_RESULTS_LIMIT;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RESULTS_LIMIT) {
    throw new PricingApiError('InvalidParameterException', `MaxResults must be an integer from 1 to ${MAX_RESULTS_LIMIT}`);
  }
  return value;
}

function checkFormatVersion(body: RequestBody): void {
  const version = optionalString(body, 'FormatVersion');
  if (version !== undefined && version !== FORMAT_VERSION) {
    throw new PricingApiError('InvalidParameterException', `FormatVersion must be ${FORMAT_VERSION}`);
  }
}

export function parseFilters(value: unknown): ProductFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PricingApiError('InvalidParameterException', 'Filters must be a list');
  return value.map((raw: unknown, index) => {
    const filter = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (!isFilterType(filter.Type)) {
      throw new PricingApiError(
        'InvalidParameterException',
        `Filters[${index}].Type must be one of TERM_MATCH, EQUALS, CONTAINS, ANY_OF, NONE_OF`,
      );
    }
    for (const name of ['Field', 'Value'] as const) {
      if (typeof filter[name] !== 'string' || filter[name] === '') {
        throw new PricingApiError('InvalidParameterException', `Filters[${index}].${name} is required`);
      }
    }
    return { Type: filter.Type, Field: filter.Field as string, Value: filter.Value as string };
  });
}

/**
 * NextToken: opaque to clients; here the offset of the next page plus a fingerprint of the query,
 * so a token replayed with other filters is rejected instead of silently skipping products.
 */
function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}

function encodeNextToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

function decodeNextToken(token: string | undefined, fingerprint: string): number {
  if (token === undefined || token === '') return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const { o, q } = (typeof decoded === 'object' && decoded !== null ? decoded : {}) as Record<string, unknown>;
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || q !== fingerprint) {
    throw new PricingApiError('InvalidNextTokenException', 'The NextToken is not valid for this request');
  }
  return o;
}

function page<T>(all: readonly T[], body: RequestBody, query: unknown): { items: T[]; NextToken?: string } {
  const maxResults = maxResultsOf(body);
  const fingerprint = queryFingerprint(query);
  const offset = decodeNextToken(optionalString(body, 'NextToken'), fingerprint);
  const end = offset + maxResults;
  const items = all.slice(offset, end);
  return end < all.length ? { items, NextToken: encodeNextToken(end, fingerprint) } : { items };
}

/** The service code and filters of a GetProducts request, for the request log; undefined if malformed. */
export function describeGetProductsRequest(body: RequestBody): { ServiceCode: unknown; Filters: unknown } {
  return { ServiceCode: body.ServiceCode, Filters: body.Filters ?? [] };
}

/** An unknown service code gives an empty PriceList (no product matches), not an error. */
export function getProducts(catalog: Catalog, body: RequestBody): GetProductsOutput {
  const serviceCode = requiredString(body, 'ServiceCode');
  checkFormatVersion(body);
  const filters = parseFilters(body.Filters);
  const matching = (catalog.byService.get(serviceCode) ?? []).filter((entry) => matchesAllFilters(entry.fields, filters));
  const { items, NextToken } = page(matching, body, { serviceCode, filters });
  return { FormatVersion: FORMAT_VERSION, PriceList: items.map((entry) => entry.json), ...(NextToken ? { NextToken } : {}) };
}

function attributeNamesOf(entries: readonly CatalogEntry[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) for (const name of entry.attributeNames) names.add(name);
  return [...names].sort();
}

export function describeServices(catalog: Catalog, body: RequestBody): DescribeServicesOutput {
  const serviceCode = optionalString(body, 'ServiceCode');
  checkFormatVersion(body);
  const codes = serviceCode === undefined ? [...catalog.byService.keys()].sort() : [serviceCode];
  if (serviceCode !== undefined && !catalog.byService.has(serviceCode)) {
    throw new PricingApiError('NotFoundException', `Service ${serviceCode} was not found`);
  }
  const { items, NextToken } = page(codes, body, { serviceCode });
  return {
    Services: items.map((code) => ({ ServiceCode: code, AttributeNames: attributeNamesOf(catalog.byService.get(code) ?? []) })),
    FormatVersion: FORMAT_VERSION,
    ...(NextToken ? { NextToken } : {}),
  };
}

export function getAttributeValues(catalog: Catalog, body: RequestBody): GetAttributeValuesOutput {
  const serviceCode = requiredString(body, 'ServiceCode');
  const attributeName = requiredString(body, 'AttributeName');
  const entries = catalog.byService.get(serviceCode);
  if (!entries) throw new PricingApiError('NotFoundException', `Service ${serviceCode} was not found`);
  const values = new Set<string>();
  for (const entry of entries) {
    const value = entry.fields.get(attributeName.toLowerCase());
    if (value !== undefined) values.add(value);
  }
  if (values.size === 0) throw new PricingApiError('NotFoundException', `Attribute ${attributeName} was not found in ${serviceCode}`);
  const { items, NextToken } = page([...values].sort(), body, { serviceCode, attributeName: attributeName.toLowerCase() });
  return { AttributeValues: items.map((Value) => ({ Value })), ...(NextToken ? { NextToken } : {}) };
}
