/**
 * The real cost-report ASL, executed locally with the real handlers, against moto (through the
 * per-account proxy) and the local Pricing endpoint (its own instance, so its request counter is
 * this file's alone). One fleet is seeded for the file — the report only reads EC2 — and each test
 * uses its own report date, so published keys never collide.
 *
 * Redrive: moto has no RedriveExecution and the local executor cannot redrive, so the harness
 * models what the service does (documented for RedriveExecution): the execution continues at the
 * failed state with that state's recorded input; for a Distributed Map, child executions that
 * succeeded keep their results and only failed, aborted or pending children run again. The hook
 * below hands back the first run's results for succeeded children (read from the Map Run's
 * ResultWriter export); everything else runs the real handlers.
 */
import ExcelJS from 'exceljs';
import { AllocateAddressCommand, AttachVolumeCommand, CreateVolumeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { AwsProxy } from '../support/aws-proxy';
import { startCostReportWorld } from '../support/cost-report-world';
import { objectBytes } from '../support/s3-objects';
import { ec2At, launchInstance } from '../support/fleet';
import type { PricingServer } from '../../scripts/local/pricing-server';
import { runWorkflow, type InvokeHook, type RunResult } from '../../scripts/lib/local-workflow';
import { ThrottlingError } from '../../functions/shared/errors';
import { readMapRunResults } from '../../functions/shared/map-results';
import { jsonStore } from '../../functions/shared/power-store';
import { s3ReportStore } from '../../functions/shared/report-store';
import type { CollectResult, PriceKey, PublishResult, ReportSummary } from '../../functions/shared/cost-types';

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';
const BUCKET = `ops-cost-workflow-${process.pid}-${Date.now() % 100000}`;
const PREFIX = 'ec2/';
const PAYLOAD_LIMIT_BYTES = 256 * 1024;
const SEED_COLUMNS = [
  'Name', 'InstanceId', 'InstanceType', 'State', 'AZ', 'Platform', 'vCPU', 'Memory', 'VolumeSize(GB)',
  'AttachedVolumes', 'EC2Monthly(USD)', 'EBSMonthly(USD)', 'TotalMonthly(USD)',
];

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
const fleet: Record<string, string> = {};

async function attachVolume(ec2: EC2Client, instanceId: string, type: 'io1' | 'gp3', size: number, iops?: number) {
  const volume = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${SEOUL}a`, Size: size, VolumeType: type, Iops: iops }));
  await ec2.send(new AttachVolumeCommand({ VolumeId: volume.VolumeId!, InstanceId: instanceId, Device: '/dev/sdf' }));
}

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [SEOUL, VIRGINIA], bucket: BUCKET, prefix: PREFIX }));

  const seoul = ec2At(proxy.url, SEOUL);
  const virginia = ec2At(proxy.url, VIRGINIA);
  fleet.web1 = await launchInstance(seoul, { instanceType: 'm5.large', tags: { Name: 'web-1' } });
  fleet.web2 = await launchInstance(seoul, { instanceType: 'm5.large', tags: { Name: 'web-2' } });
  fleet.dev = await launchInstance(seoul, { instanceType: 'm5.large', tags: { Name: 'dev-1', AutoStopStart: 'Yes' } });
  fleet.win = await launchInstance(seoul, { instanceType: 't3.medium', tags: { Name: 'win-1', Platform: 'Windows' } });
  fleet.parked = await launchInstance(seoul, { instanceType: 'r5.large', tags: { Name: 'parked' }, stopped: true });
  fleet.ci1 = await launchInstance(virginia, { instanceType: 't3.micro', tags: { Name: 'ci-1' } });
  fleet.ci2 = await launchInstance(virginia, { instanceType: 't3.micro', tags: { Name: 'ci-2' } });
  fleet.sql = await launchInstance(virginia, { instanceType: 'm6i.large', tags: { Name: 'sql-1', Platform: 'Windows+SQLStd' } });
  // A type the Price List fixtures do not carry: must show as unpriced, never as $0.
  fleet.exotic = await launchInstance(virginia, { instanceType: 'x2iedn.xlarge', tags: { Name: 'exotic-1' } });
  await attachVolume(seoul, fleet.web1, 'io1', 200, 4000);
  await seoul.send(new CreateVolumeCommand({ AvailabilityZone: `${SEOUL}a`, Size: 500, VolumeType: 'gp2' }));
  await seoul.send(new AllocateAddressCommand({ Domain: 'vpc' }));
});

beforeEach(() => pricing.reset());

afterAll(async () => {
  await pricing.close();
  await proxy.close();
});

/** Counts Lambda invocations per function, and can fail or short-circuit some. */
function recordingHook(
  intercept?: (fn: string, payload: unknown) => unknown | undefined,
): { hook: InvokeHook; invoked: Record<string, number>; priced: Map<string, unknown>; settled(): Promise<void> } {
  const invoked: Record<string, number> = {};
  const priced = new Map<string, unknown>();
  const inFlight = new Set<Promise<unknown>>();
  const hook: InvokeHook = async (fn, payload, invoke) => {
    const preserved = intercept?.(fn, payload);
    if (preserved !== undefined) return preserved;
    invoked[fn] = (invoked[fn] ?? 0) + 1;
    const call = invoke();
    inFlight.add(call);
    try {
      const result = await call;
      if (fn === 'price-items') priced.set((payload as { key: PriceKey }).key.id, result);
      return result;
    } finally {
      inFlight.delete(call);
    }
  };
  // An aborted Map iteration's Lambda may still finish after the execution failed, as in AWS.
  const settled = async () => {
    await Promise.allSettled([...inFlight]);
  };
  return { hook, invoked, priced, settled };
}

function stateOutput<T>(run: RunResult, state: string): T {
  const exited = run.events.find((e) => e.type === 'StateExited' && e.state === state && e.index === undefined);
  if (!exited) throw new Error(`${state} did not exit`);
  return exited.output as T;
}

async function publishedKeys(reportDate: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}ec2_monthly_costs_${reportDate.replace(/-/g, '')}` }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

const download = (key: string): Promise<Buffer> => objectBytes(s3, BUCKET, key);

/** The child executions a Distributed Map Run recorded, read from its ResultWriter export under `resultPrefix`. */
async function mapRunChildren(resultPrefix: string) {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${resultPrefix}/` }));
  const manifest = (listed.Contents ?? []).map((o) => o.Key!).find((k) => k.endsWith('/manifest.json'));
  if (!manifest) throw new Error(`no Map Run results under ${resultPrefix}`);
  return readMapRunResults(jsonStore(s3ReportStore(s3, BUCKET)), manifest);
}

test('a weekly run publishes a workbook priced per unique key: one Pricing call per key, never per instance', async () => {
  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-23' }, { instantWaits: true });

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  const collected = stateOutput<CollectResult>(run, 'MergeInventories');
  const priceKeys = JSON.parse((await download(collected.priceKeys.key)).toString()) as PriceKey[];
  const instanceKeys = priceKeys.filter((k) => k.kind === 'ec2');
  expect(collected.counts.instances).toBe(9);
  expect(collected.targets).toEqual({ total: 2, collected: 2, unreachable: 0, failed: 0 });
  expect(instanceKeys).toHaveLength(6); // m5.large ×3 in Seoul share one key
  expect(priceKeys).toHaveLength(collected.priceKeys.count);
  expect(pricing.counters().getProducts).toBe(collected.priceKeys.count);

  const output = run.output as PublishResult;
  expect(output.uri).toBe(`s3://${BUCKET}/${PREFIX}ec2_monthly_costs_20261123.xlsx`);
  expect(await publishedKeys('2026-11-23')).toEqual([
    `${PREFIX}ec2_monthly_costs_20261123.summary.json`,
    `${PREFIX}ec2_monthly_costs_20261123.xlsx`,
  ]);
  const summary = JSON.parse((await download(`${PREFIX}ec2_monthly_costs_20261123.summary.json`)).toString()) as ReportSummary;
  expect(summary.totals).toEqual(output.totals);
  expect(output.totals.unpricedItems).toBe(1);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(`${PREFIX}ec2_monthly_costs_20261123.xlsx`)) as never);
  const detail = workbook.getWorksheet('EC2_Detail_Costs')!;
  const header = (detail.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, SEED_COLUMNS.length)).toEqual(SEED_COLUMNS);
  const rowOf = (instanceId: string) => {
    const column = header.indexOf('InstanceId') + 1;
    for (let r = 2; r <= detail.rowCount; r += 1) if (detail.getRow(r).getCell(column).value === instanceId) return detail.getRow(r);
    throw new Error(`${instanceId} not in EC2_Detail_Costs`);
  };
  const cell = (instanceId: string, name: string) => rowOf(instanceId).getCell(header.indexOf(name) + 1).value;
  // Seoul m5.large Linux in the fixtures: 0.118 USD/h × 730 h.
  expect(cell(fleet.web2!, 'EC2Monthly(USD)')).toBeCloseTo(86.14, 2);
  expect(cell(fleet.parked!, 'EC2Monthly(USD)')).toBe(0);
  expect(cell(fleet.exotic!, 'EC2Monthly(USD)')).not.toBe(0);
  expect(String(cell(fleet.exotic!, 'PriceStatus'))).toMatch(/unpriced/i);

  const largest = Math.max(...run.events.flatMap((e) => [e.input, e.output]).map((v) => (v === undefined ? 0 : JSON.stringify(v).length)));
  expect(largest).toBeLessThan(PAYLOAD_LIMIT_BYTES / 10);
});

test('Redrive after the pricing Map fails part-way re-prices only failed and aborted keys and reuses the collected inventory', async () => {
  // Prepare: the Seoul m5.large key stays throttled beyond every retry (injected in the harness).
  const isStuckKey = (payload: unknown) => {
    const key = (payload as { key: PriceKey }).key;
    return key.kind === 'ec2' && key.region === SEOUL && key.instanceType === 'm5.large';
  };
  const first = recordingHook((fn, payload) => {
    if (fn === 'price-items' && isStuckKey(payload)) throw new ThrottlingError('GetProducts throttled (ThrottlingException): Rate exceeded');
    return undefined;
  });

  // Act 1: the execution fails at the Map: a child failed, and none is tolerated.
  const failed = await runWorkflow('cost-report', { reportDate: '2026-11-16' }, { instantWaits: true, invokeHook: first.hook });

  // Assess 1
  expect(failed.status).toBe('FAILED');
  expect(failed.failedState).toBe('PriceItems');
  expect(failed.error).toBe('States.ExceedToleratedFailureThreshold');
  expect(await publishedKeys('2026-11-16')).toEqual([]);
  const mapInput = failed.failedStateInput as CollectResult;
  await first.settled();
  // Only children the Map Run recorded as succeeded keep their results; aborted ones run again even if their Lambda finished.
  const succeededKeys = new Set((await mapRunChildren(mapInput.priceKeys.resultPrefix)).succeeded.map((r) => (JSON.parse(r.Input) as { key: PriceKey }).key.id));
  const succeededBefore = succeededKeys.size;
  expect(succeededBefore).toBeLessThan(mapInput.priceKeys.count);

  // Act 2: Redrive. Succeeded iterations keep their results; the rest run for real.
  pricing.reset();
  const redrive = recordingHook((fn, payload) => {
    const id = (payload as { key?: PriceKey }).key?.id;
    return fn === 'price-items' && id && succeededKeys.has(id) ? first.priced.get(id) : undefined;
  });
  const redriven = await runWorkflow('cost-report', mapInput, { startAt: 'PriceItems', instantWaits: true, invokeHook: redrive.hook });

  // Assess 2
  expect(redriven.status).toBe('SUCCEEDED');
  expect(redrive.invoked['collect-inventory']).toBeUndefined();
  expect(redrive.invoked['merge-inventories']).toBeUndefined();
  expect(redrive.invoked['price-items']).toBe(mapInput.priceKeys.count - succeededBefore);
  expect(pricing.counters().getProducts).toBe(mapInput.priceKeys.count - succeededBefore);
  expect(redrive.invoked['render-report']).toBe(1);
  const rendered = stateOutput<{ workbookKey: string }>(redriven, 'RenderReport');
  expect(rendered.workbookKey.startsWith(`work/${failed.executionName}/`)).toBe(true);
  expect(await publishedKeys('2026-11-16')).toHaveLength(2);
});

test('Redrive after RenderReport crashes re-runs render, publish and notify only, and nothing was half-published before', async () => {
  // Prepare: render crashes once, as a Lambda that runs out of memory does.
  let crashes = 1;
  const first = recordingHook((fn) => {
    if (fn === 'render-report' && crashes > 0) {
      crashes -= 1;
      throw Object.assign(new Error('RequestId: local Error: Runtime exited with error: signal: killed'), { name: 'Runtime.ExitError' });
    }
    return undefined;
  });

  // Act 1
  const failed = await runWorkflow('cost-report', { reportDate: '2026-11-09' }, { instantWaits: true, invokeHook: first.hook });

  // Assess 1
  expect(failed.status).toBe('FAILED');
  expect(failed.failedState).toBe('RenderReport');
  expect(await publishedKeys('2026-11-09')).toEqual([]);

  // Act 2: Redrive from the failed state with its recorded input.
  await first.settled();
  pricing.reset();
  const redrive = recordingHook();
  const redriven = await runWorkflow('cost-report', failed.failedStateInput, { startAt: 'RenderReport', instantWaits: true, invokeHook: redrive.hook });

  // Assess 2
  expect(redriven.status).toBe('SUCCEEDED');
  expect(redrive.invoked).toEqual({ 'render-report': 1, 'publish-report': 1, notify: 1 });
  expect(pricing.counters().getProducts).toBe(0);
  expect(await publishedKeys('2026-11-09')).toEqual([
    `${PREFIX}ec2_monthly_costs_20261109.summary.json`,
    `${PREFIX}ec2_monthly_costs_20261109.xlsx`,
  ]);
});

test('the second weekly report shows the first one in its Trend sheet', async () => {
  // Prepare
  const earlier = await runWorkflow('cost-report', { reportDate: '2026-10-26' }, { instantWaits: true });
  expect(earlier.status).toBe('SUCCEEDED');

  // Act
  const later = await runWorkflow('cost-report', { reportDate: '2026-11-02' }, { instantWaits: true });

  // Assess
  expect(later.status).toBe('SUCCEEDED');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(`${PREFIX}ec2_monthly_costs_20261102.xlsx`)) as never);
  const trend = workbook.getWorksheet('Trend')!;
  const texts: string[] = [];
  trend.eachRow((row) => texts.push(JSON.stringify(row.values)));
  expect(texts.some((t) => t.includes('2026-10-26'))).toBe(true);
});
