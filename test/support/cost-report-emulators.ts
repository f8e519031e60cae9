/**
 * What a cost-report run talks to in the workflow and end-to-end tests: moto through a fresh test
 * proxy (its own account), and a Pricing endpoint of its own (so its request counter is the test's
 * alone); the environment the handlers read is pointed at them.
 */
import { startPricingServer, type PricingServer } from '../../scripts/local/pricing-server';
import { startAwsProxy, type AwsProxy } from './aws-proxy';

export async function startCostReportEmulators(env: Record<string, string>): Promise<{ proxy: AwsProxy; pricing: PricingServer }> {
  const proxy = await startAwsProxy();
  const pricing = await startPricingServer({ port: 0 });
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, AWS_ENDPOINT_URL_PRICING: pricing.url, ...env });
  return { proxy, pricing };
}
