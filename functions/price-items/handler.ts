import { pricingClient } from '../shared/clients';
import { costReportConfig } from '../shared/config';
import type { PriceResult } from '../shared/cost-types';
import { logger, withLambdaContext } from '../shared/logger';
import { validatePriceKey } from './key';
import { priceItem } from './price';

export const handler = withLambdaContext(async (event: unknown): Promise<PriceResult> => {
  const config = costReportConfig();
  const key = validatePriceKey(event);
  return priceItem(key, { pricing: pricingClient(config.pricingRegion), log: logger });
});
