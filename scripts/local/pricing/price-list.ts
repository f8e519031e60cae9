/**
 * The AWS Price List item format (what each string in GetProducts' `PriceList` decodes to) and
 * loading the local endpoint's fixture files: JSON Lines, one item per line, any number of files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PriceDimension {
  unit: string;
  endRange?: string;
  description: string;
  appliesTo: string[];
  rateCode: string;
  beginRange?: string;
  pricePerUnit: { USD: string };
}

export interface PriceTerm {
  priceDimensions: Record<string, PriceDimension>;
  sku: string;
  effectiveDate: string;
  offerTermCode: string;
  termAttributes: Record<string, string>;
}

export interface PriceListItem {
  /** Real AmazonVPC public IPv4 items carry no productFamily at all. */
  product: { productFamily?: string; attributes: Record<string, string>; sku: string };
  serviceCode: string;
  terms: { OnDemand?: Record<string, PriceTerm>; Reserved?: Record<string, PriceTerm> };
  version?: string;
  publicationDate?: string;
}

/** Fixture files are `<anything>.jsonl`; the serviceCode inside each item decides where it belongs. */
export const FIXTURE_EXTENSION = '.jsonl';

export function parsePriceListLines(text: string, source: string): PriceListItem[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), lineNumber: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, lineNumber }) => {
      try {
        return JSON.parse(line) as PriceListItem;
      } catch (error) {
        throw new Error(`${source}:${lineNumber}: not a JSON Price List item (${(error as Error).message})`);
      }
    });
}

/** Every item of every `*.jsonl` file in `dir`, in file-name then line order (so pages are stable). */
export function loadPriceList(dir: string): PriceListItem[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(FIXTURE_EXTENSION))
    .sort();
  if (files.length === 0) throw new Error(`no ${FIXTURE_EXTENSION} Price List fixtures in ${dir}`);
  return files.flatMap((name) => parsePriceListLines(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}
