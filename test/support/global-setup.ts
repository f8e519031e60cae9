/**
 * Starts the local stack for the test run (moto + the local Pricing endpoint) on test ports,
 * unless AWS_ENDPOINT_URL already names a running one. Workers inherit the endpoints through
 * process.env; every test isolates itself further with its own moto account (see aws-proxy.ts).
 */
import { localStack } from '../../scripts/lib/local-stack';

export default async function globalSetup(): Promise<void> {
  if (process.env.AWS_ENDPOINT_URL) {
    process.env.MOTO_URL ??= process.env.AWS_ENDPOINT_URL;
    return;
  }
  const motoPort = process.env.TEST_MOTO_PORT ?? '4576';
  const pricingPort = process.env.TEST_PRICING_PORT ?? '4577';
  localStack('up', {
    progress: 'hide',
    env: { ...process.env, MOTO_PORT: motoPort, PRICING_PORT: pricingPort, LOCAL_STATE_DIR: '.local/test' },
  });
  process.env.TEST_STACK_STARTED = '1';
  process.env.MOTO_URL = `http://127.0.0.1:${motoPort}`;
  process.env.AWS_ENDPOINT_URL = process.env.MOTO_URL;
  process.env.AWS_ENDPOINT_URL_PRICING = `http://127.0.0.1:${pricingPort}`;
}
