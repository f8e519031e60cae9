/**
 * One benchmark scenario, run in its own Node process so its peak RSS is its own (a process's
 * maxRSS never goes down). The parent sets the environment (endpoints, regions, page size) and
 * reads the JSON this writes to the file named by the second argument.
 *
 *   node --import tsx bench/lib/scenario.ts '{"kind":"workflow","workflow":"power-schedule","input":{"action":"stop"}}' out.json
 *   node --import tsx bench/lib/scenario.ts '{"kind":"render","instances":50000}' out.json
 *
 * A workflow scenario runs the real ASL with the real handlers through the local executor; its
 * transitions and stage times come from the executor's event log, never from the handlers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { runWorkflow, type ProgressEvent, type WorkflowName } from '../../scripts/lib/local-workflow';
import type { ReportStore } from '../../functions/shared/report-store';
import type { PriceResult } from '../../functions/shared/cost-types';
import { SYNTHETIC_REPORT_DATE as REPORT_DATE, syntheticInventory } from './synthetic-inventory';
import { HistoryCounter, type ExecutionFigures } from './history-events';

export type ScenarioSpec =
  | { kind: 'workflow'; workflow: WorkflowName; input: unknown }
  /** Files written beforehand (writeRenderInput) so building them does not count in this process's RSS. */
  | { kind: 'render'; inventoryFile: string; pricesFile: string };

export interface LargestPayload {
  bytes: number;
  /** Which state and whether it was its input or output. */
  where: string;
}

/** Memory of the one process around one Lambda's invocations: what that handler added (the executor's own use is the baseline). */
export interface HandlerMemory {
  /** RSS and V8 heap in use just before the call, after a full GC (when node runs with --expose-gc). */
  baselineRssMiB: number;
  baselineHeapMiB: number;
  /** The highest sampled (every 20 ms and at the end of the call) during the call. */
  peakRssMiB: number;
  peakHeapMiB: number;
  ms: number;
}

/** Handlers whose memory is sampled while they run: both hold every target's inventory at once. */
const SAMPLED_HANDLERS = new Set(['merge-inventories', 'render-report']);
const SAMPLE_MS = 20;

async function sampledMemory<T>(invoke: () => Promise<T>): Promise<{ response: T; memory: HandlerMemory }> {
  (globalThis as { gc?: () => void }).gc?.();
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const started = performance.now();
  try {
    const response = await invoke();
    sample();
    return {
      response,
      memory: { baselineRssMiB: mib(before.rss), baselineHeapMiB: mib(before.heapUsed), peakRssMiB: mib(peakRss), peakHeapMiB: mib(peakHeap), ms: Math.round(performance.now() - started) },
    };
  } finally {
    clearInterval(timer);
  }
}

export interface WorkflowMeasurement {
  kind: 'workflow';
  status: 'SUCCEEDED' | 'FAILED';
  error?: string;
  cause?: string;
  wallMs: number;
  /** What Step Functions Standard bills: states entered (inside Map iterations and child executions too), retries, child executions started. */
  transitions: number;
  /** History events per execution, parent and children, as AWS would record them (bench/lib/history-events.ts). */
  executions: ExecutionFigures;
  mapIterations: number;
  retries: number;
  /** Top-level states: ms from StateEntered to StateExited (a Map includes all its iterations). */
  stageMs: Record<string, number>;
  largestStateIo: LargestPayload;
  largestLambdaPayload: LargestPayload;
  lambdaInvocations: Record<string, number>;
  lambdaMs: Record<string, number>;
  /** SAMPLED_HANDLERS: memory around their (last) invocation. */
  handlerMemory: Record<string, HandlerMemory>;
  /** The output of each top-level state that the parent needs (e.g. CollectInventory's priceKeys). */
  stateOutputs: Record<string, unknown>;
  output?: unknown;
  maxRssKiB: number;
}

export interface RenderMeasurement {
  kind: 'render';
  /** Inventory JSON as RenderReport reads it from S3. */
  inventoryBytes: number;
  /** renderReport() from reading the inventory to writing the workbook and summary. */
  renderMs: number;
  workbookBytes: number;
  unpricedItems: number;
  maxRssKiB: number;
}

export type Measurement = WorkflowMeasurement | RenderMeasurement;

function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

function larger(current: LargestPayload, bytes: number, where: string): LargestPayload {
  return bytes > current.bytes ? { bytes, where } : current;
}

/** Top-level outputs the bench reads (counts and price keys; a few KiB), kept whole. */
const OUTPUTS_KEPT = new Set(['CollectInventory', 'MergeInventories']);

async function measureWorkflow(workflow: WorkflowName, input: unknown): Promise<WorkflowMeasurement> {
  let largestStateIo: LargestPayload = { bytes: 0, where: '' };
  let largestLambdaPayload: LargestPayload = { bytes: 0, where: '' };
  let mapIterations = 0;
  const history = new HistoryCounter();
  let retries = 0;
  const enteredAt = new Map<string, number>();
  const stageMs: Record<string, number> = {};
  const stateOutputs: Record<string, unknown> = {};
  const lambdaInvocations: Record<string, number> = {};
  const lambdaMs: Record<string, number> = {};
  const handlerMemory: Record<string, HandlerMemory> = {};

  // Only sizes and small outputs are kept: the runner's own event list is the only full copy.
  const onEvent = (event: ProgressEvent) => {
    history.add(event);
    if (event.type === 'MapIterationStarted') mapIterations += 1;
    if (event.type === 'StateRetried') retries += 1;
    const place = `${event.state ?? '?'}${event.index === undefined ? '' : `[${event.index}]`}`;
    if (event.type === 'StateEntered') largestStateIo = larger(largestStateIo, jsonBytes(event.input), `${place} input`);
    if (event.type === 'StateExited') largestStateIo = larger(largestStateIo, jsonBytes(event.output), `${place} output`);
    const topLevel = event.index === undefined && event.state !== undefined && !event.child;
    if (topLevel && event.type === 'StateEntered') enteredAt.set(event.state!, event.elapsedMs);
    if (topLevel && event.type === 'StateExited') {
      stageMs[event.state!] = event.elapsedMs - (enteredAt.get(event.state!) ?? event.elapsedMs);
      if (OUTPUTS_KEPT.has(event.state!)) stateOutputs[event.state!] = event.output;
    }
  };

  const started = Date.now();
  const result = await runWorkflow(workflow, input, {
    onEvent,
    invokeHook: async (functionDir, payload, invoke) => {
      largestLambdaPayload = larger(largestLambdaPayload, jsonBytes(payload), `${functionDir} payload`);
      const callStarted = performance.now();
      let response: unknown;
      if (SAMPLED_HANDLERS.has(functionDir)) {
        const sampled = await sampledMemory(invoke);
        response = sampled.response;
        handlerMemory[functionDir] = sampled.memory;
      } else {
        response = await invoke();
      }
      lambdaMs[functionDir] = (lambdaMs[functionDir] ?? 0) + (performance.now() - callStarted);
      lambdaInvocations[functionDir] = (lambdaInvocations[functionDir] ?? 0) + 1;
      largestLambdaPayload = larger(largestLambdaPayload, jsonBytes(response), `${functionDir} result`);
      return response;
    },
  });
  const wallMs = Date.now() - started;
  for (const name of Object.keys(lambdaMs)) lambdaMs[name] = Math.round(lambdaMs[name]!);
  return {
    kind: 'workflow',
    status: result.status,
    error: result.error,
    cause: result.cause,
    wallMs,
    transitions: history.figures().billedTransitions,
    executions: history.figures(),
    mapIterations,
    retries,
    stageMs,
    largestStateIo,
    largestLambdaPayload,
    lambdaInvocations,
    lambdaMs,
    handlerMemory,
    stateOutputs,
    output: result.output,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

/** The report bucket in memory: the inventory to read, no previous reports, sizes of what is written. */
function memoryStore(inventoryKey: string, inventoryJson: string, written: Map<string, number>): ReportStore {
  return {
    bucket: 'bench-in-memory',
    readText: async (key) => {
      if (key !== inventoryKey) throw new Error(`bench store has no ${key}`);
      return inventoryJson;
    },
    listKeys: async () => [],
    putFile: async (key, path) => {
      written.set(key, (await stat(path)).size);
    },
    putText: async (key, text) => {
      written.set(key, Buffer.byteLength(text));
    },
    copy: async () => undefined,
  };
}

/** Writes the synthetic inventory and prices for a render scenario; run in the parent, not the measured child. */
export function writeRenderInput(instances: number, directory: string): { inventoryFile: string; pricesFile: string } {
  const { inventory, prices } = syntheticInventory(instances);
  const inventoryFile = join(directory, `render-inventory-${instances}.json`);
  const pricesFile = join(directory, `render-prices-${instances}.json`);
  writeFileSync(inventoryFile, JSON.stringify(inventory));
  writeFileSync(pricesFile, JSON.stringify(prices));
  return { inventoryFile, pricesFile };
}

async function measureRender(inventoryFile: string, pricesFile: string): Promise<RenderMeasurement> {
  // Imported here so a workflow scenario does not pay for exceljs.
  const { renderReport } = await import('../../functions/render-report/render');
  const { DEFAULT_POWER_SCHEDULES } = await import('../../functions/shared/config');
  const { silentLog } = await import('../../functions/shared/logger');
  const inventoryKey = 'work/bench/inventory.json';
  // The text, as S3 hands it to the Lambda; renderReport parses it, as it does in the Lambda.
  const inventoryJson = readFileSync(inventoryFile, 'utf8');
  const prices = JSON.parse(readFileSync(pricesFile, 'utf8')) as PriceResult[];
  const written = new Map<string, number>();
  const started = performance.now();
  const result = await renderReport(
    { executionName: 'bench-render', reportDate: REPORT_DATE, regions: [], inventoryKey, prices },
    {
      store: memoryStore(inventoryKey, inventoryJson, written),
      reportPrefix: 'ec2/',
      workPrefix: 'work/',
      pricingRegion: 'us-east-1',
      schedules: DEFAULT_POWER_SCHEDULES,
      now: () => new Date('2026-11-23T00:00:00Z'),
      tmpDir: tmpdir(),
      log: silentLog,
    },
  );
  const renderMs = performance.now() - started;
  return {
    kind: 'render',
    inventoryBytes: Buffer.byteLength(inventoryJson),
    renderMs: Math.round(renderMs),
    workbookBytes: written.get(result.workbookKey) ?? 0,
    unpricedItems: result.totals.unpricedItems,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

async function main(): Promise<void> {
  const [specText, outFile] = process.argv.slice(2);
  if (!specText || !outFile) throw new Error('usage: scenario.ts <spec json> <output file>');
  const spec = JSON.parse(specText) as ScenarioSpec;
  const measurement = spec.kind === 'render' ? await measureRender(spec.inventoryFile, spec.pricesFile) : await measureWorkflow(spec.workflow, spec.input);
  writeFileSync(outFile, `${JSON.stringify(measurement)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`scenario failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
