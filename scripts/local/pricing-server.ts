/**
 * Local AWS Pricing API endpoint (AWS has no emulator for it): speaks the real protocol — POST /,
 * AWS JSON 1.1, `X-Amz-Target: AWSPriceListService.GetProducts` (plus DescribeServices and
 * GetAttributeValues) — and serves Price List items from fixture files (test/fixtures/pricing).
 * The SDK reaches it through `AWS_ENDPOINT_URL_PRICING` or a client `endpoint`.
 *
 * Test-harness controls, never called by production code:
 *   GET  /health     200 once the fixtures are loaded
 *   GET  /_counters  {getProducts, describeServices, getAttributeValues, throttled, byServiceCode,
 *                     requests: [{ServiceCode, Filters, throttled?}] (GetProducts, the last 10,000)}
 *   POST /_reset     clears counters and faults
 *   POST /_faults    {"throttle": {"every": N}} or {"throttleNext": N}: GetProducts answers HTTP 400
 *                    ThrottlingException ("Rate exceeded"); {} clears. Replaces earlier faults.
 *
 * CLI: tsx scripts/local/pricing-server.ts --host 127.0.0.1 --port 4567 [--fixtures DIR] [--verbose]
 * Tests start their own instance (own port, own counters) with startPricingServer().
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  PricingApiError,
  buildCatalog,
  describeGetProductsRequest,
  describeServices,
  getAttributeValues,
  getProducts,
  type Catalog,
} from './pricing/operations';
import { loadPriceList } from './pricing/price-list';

export const DEFAULT_FIXTURES_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'pricing');
const TARGET_PREFIX = 'AWSPriceListService.';
const REQUEST_LOG_LIMIT = 10_000;
const MAX_BODY_BYTES = 1024 * 1024;

export interface PricingFaults {
  /** Throttle every Nth GetProducts request (counted from when the fault was set). */
  throttle?: { every: number };
  /** Throttle the next N GetProducts requests. */
  throttleNext?: number;
}

export interface RecordedRequest {
  ServiceCode: unknown;
  Filters: unknown;
  throttled?: true;
}

export interface PricingCounters {
  getProducts: number;
  describeServices: number;
  getAttributeValues: number;
  /** GetProducts requests answered with an injected ThrottlingException (included in getProducts). */
  throttled: number;
  byServiceCode: Record<string, number>;
  requests: RecordedRequest[];
}

export interface PricingServer {
  url: string;
  counters(): PricingCounters;
  reset(): void;
  setFaults(faults: PricingFaults): void;
  close(): Promise<void>;
}

export interface PricingServerOptions {
  host?: string;
  port?: number;
  fixturesDir?: string;
  /** One line per request on stdout. */
  verbose?: boolean;
}

function emptyCounters(): PricingCounters {
  return { getProducts: 0, describeServices: 0, getAttributeValues: 0, throttled: 0, byServiceCode: {}, requests: [] };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Validates a /_faults body; throws with the reason so the harness sees its own mistake. */
export function parseFaults(body: unknown): PricingFaults {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const faults: PricingFaults = {};
  for (const key of Object.keys(raw)) {
    if (key !== 'throttle' && key !== 'throttleNext') throw new Error(`unknown fault ${key}; known: throttle, throttleNext`);
  }
  if (raw.throttle !== undefined) {
    const every = (raw.throttle as { every?: unknown } | null)?.every;
    if (!isPositiveInteger(every)) throw new Error('throttle.every must be a positive integer');
    faults.throttle = { every };
  }
  if (raw.throttleNext !== undefined) {
    if (!isPositiveInteger(raw.throttleNext)) throw new Error('throttleNext must be a positive integer');
    faults.throttleNext = raw.throttleNext;
  }
  return faults;
}

/** Decides per GetProducts request whether an injected fault throttles it. */
class FaultState {
  private faults: PricingFaults = {};
  private seenSinceSet = 0;

  set(faults: PricingFaults): void {
    this.faults = { ...faults };
    this.seenSinceSet = 0;
  }

  current(): PricingFaults {
    return { ...this.faults };
  }

  shouldThrottle(): boolean {
    this.seenSinceSet += 1;
    if (this.faults.throttleNext !== undefined && this.faults.throttleNext > 0) {
      this.faults.throttleNext -= 1;
      if (this.faults.throttleNext === 0) delete this.faults.throttleNext;
      return true;
    }
    return this.faults.throttle !== undefined && this.seenSinceSet % this.faults.throttle.every === 0;
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PricingApiError('SerializationException', `request body larger than ${MAX_BODY_BYTES} bytes`, 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PricingApiError('SerializationException', `request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PricingApiError('SerializationException', 'request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

interface Reply {
  status: number;
  body: unknown;
  contentType?: string;
  /** For AWS errors: the x-amzn-ErrorType header, which the SDK reads before the body. */
  errorType?: string;
}

function awsError(error: PricingApiError): Reply {
  return { status: error.status, errorType: error.type, body: { __type: error.type, message: error.message } };
}

export async function startPricingServer(options: PricingServerOptions = {}): Promise<PricingServer> {
  const { host = '127.0.0.1', port = 0, fixturesDir = DEFAULT_FIXTURES_DIR, verbose = false } = options;
  const catalog: Catalog = buildCatalog(loadPriceList(fixturesDir));
  let counters = emptyCounters();
  const faults = new FaultState();

  function recordGetProducts(body: Record<string, unknown>, throttled: boolean): void {
    counters.getProducts += 1;
    if (throttled) counters.throttled += 1;
    const serviceCode = typeof body.ServiceCode === 'string' ? body.ServiceCode : '(none)';
    counters.byServiceCode[serviceCode] = (counters.byServiceCode[serviceCode] ?? 0) + 1;
    counters.requests.push({ ...describeGetProductsRequest(body), ...(throttled ? { throttled: true as const } : {}) });
    if (counters.requests.length > REQUEST_LOG_LIMIT) counters.requests.splice(0, counters.requests.length - REQUEST_LOG_LIMIT);
  }

  function answerPricingApi(target: string | undefined, body: Record<string, unknown>): Reply {
    const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    switch (operation) {
      case 'GetProducts': {
        const throttled = faults.shouldThrottle();
        recordGetProducts(body, throttled);
        if (throttled) throw new PricingApiError('ThrottlingException', 'Rate exceeded');
        return { status: 200, body: getProducts(catalog, body) };
      }
      case 'DescribeServices':
        counters.describeServices += 1;
        return { status: 200, body: describeServices(catalog, body) };
      case 'GetAttributeValues':
        counters.getAttributeValues += 1;
        return { status: 200, body: getAttributeValues(catalog, body) };
      default:
        throw new PricingApiError(
          'UnknownOperationException',
          target
            ? `Unknown operation ${target}; this endpoint answers ${TARGET_PREFIX}GetProducts, DescribeServices, GetAttributeValues`
            : 'Missing X-Amz-Target header (expected AWSPriceListService.<Operation>)',
        );
    }
  }

  async function route(request: http.IncomingMessage): Promise<Reply> {
    const path = (request.url ?? '/').split('?')[0];
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok', products: catalog.size } };
    if (method === 'GET' && path === '/_counters') return { status: 200, body: counters };
    if (method === 'POST' && path === '/_reset') {
      await readBody(request);
      counters = emptyCounters();
      faults.set({});
      return { status: 200, body: { reset: true } };
    }
    if (method === 'POST' && path === '/_faults') {
      try {
        faults.set(parseFaults(JSON.parse((await readBody(request)) || '{}')));
      } catch (error) {
        return { status: 400, body: { message: (error as Error).message } };
      }
      return { status: 200, body: { faults: faults.current() } };
    }
    if (method === 'POST' && path === '/') {
      const target = request.headers['x-amz-target'];
      try {
        const body = parseJsonBody(await readBody(request));
        return answerPricingApi(typeof target === 'string' ? target : undefined, body);
      } catch (error) {
        if (error instanceof PricingApiError) return awsError(error);
        throw error;
      }
    }
    return { status: 404, body: { message: `No route for ${method} ${path}` } };
  }

  const server = http.createServer((request, response) => {
    const started = Date.now();
    route(request)
      .catch((error: unknown): Reply => {
        const failure = new PricingApiError('InternalErrorException', (error as Error).message ?? String(error), 500);
        return awsError(failure);
      })
      .then((reply) => {
        const payload = JSON.stringify(reply.body);
        response.writeHead(reply.status, {
          'content-type': request.headers['x-amz-target'] ? 'application/x-amz-json-1.1' : 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-amzn-requestid': randomUUID(),
          ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
        });
        response.end(payload);
        if (verbose) {
          const target = request.headers['x-amz-target'] ?? '-';
          process.stdout.write(
            `${new Date().toISOString()} ${request.method} ${request.url} ${String(target)} ${reply.status}${reply.errorType ? ` ${reply.errorType}` : ''} ${Date.now() - started}ms\n`,
          );
        }
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    counters: () => structuredClone(counters),
    reset: () => {
      counters = emptyCounters();
      faults.set({});
    },
    setFaults: (next) => faults.set(parseFaults(next)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4567' },
      fixtures: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const server = await startPricingServer({
    host: values.host,
    port,
    fixturesDir: values.fixtures ?? DEFAULT_FIXTURES_DIR,
    verbose: values.verbose,
  });
  process.stdout.write(`Pricing endpoint listening on ${server.url} (fixtures: ${values.fixtures ?? DEFAULT_FIXTURES_DIR})\n`);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`pricing-server: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
