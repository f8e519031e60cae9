/**
 * The shape of bench/results/latest.json, the issue's targets checked against it, and the one
 * table `make bench` prints.
 */
import Table from 'cli-table3';
import { BATCH_SIZE } from '../../functions/shared/power-types';
import type { ExecutionFigures } from './history-events';
import type { HandlerMemory, LargestPayload } from './scenario';

export const LIMITS = {
  stateIoBytes: 256 * 1024,
  historyEvents: 25_000,
  renderSeconds: 30,
  renderRssMiB: 512,
  zipBytes: 400 * 1024,
  renderZipBytes: 1.5 * 1024 * 1024,
  /** merge-inventories' and render-report's memory_size and timeout (terraform/main.tf). */
  reportLambdaMiB: 1024,
  reportLambdaSeconds: 300,
  /**
   * What a Lambda's Node runtime and SDK hold before the handler's data; the sampled handlers run in
   * the bench's one process, whose baseline (executor, every handler loaded) is taken out instead.
   */
  lambdaRuntimeMiB: 128,
};

/** The issue's bound on Step Functions state transitions for one power-schedule run over N instances. */
export function powerTransitionLimit(n: number): number {
  return 10 + 3 * Math.ceil(n / BATCH_SIZE);
}

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  platform: string;
  /** 1-minute load average when the bench started: the machine is shared, figures move with it. */
  loadAverageAtStart: number;
  freeMemoryGiBAtEnd?: number;
}

export interface SeedingFigures {
  what: string;
  instances: number;
  runInstancesCalls: number;
  seconds: number;
}

/** What every measured workflow run records: how it ended, its time by stage and by function, its memory, its largest state input/output. */
export interface RunFigures {
  status: string;
  error?: string;
  wallSeconds: number;
  stageSeconds: Record<string, number>;
  lambdaSeconds: Record<string, number>;
  peakRssMiB: number;
  largestStateIo: LargestPayload;
}

export interface PowerFigures extends RunFigures {
  n: number;
  untagged: number;
  /** Instances the run reported stopped (the run's own summary; the EC2 counts are from the proxy). */
  stopped: number;
  ec2Calls: Record<string, number>;
  ec2Total: number;
  transitions: number;
  transitionLimit: number;
  mapIterations: number;
}

/** One workflow over many targets, against the fake EC2/STS/Organizations (bench/lib/fake-fleet.ts). */
export interface ManyTargetsFigures extends RunFigures {
  accounts: number;
  regions: number;
  targets: number;
  instancesPerTarget: number;
  executions: ExecutionFigures;
  mapIterations: number;
  fakeCalls: Record<string, number>;
  s3Calls: Record<string, number>;
  lambdaInvocations: Record<string, number>;
  /** Time inside the handlers, in this one process (real Lambda adds start-up and real API latency). */
  lambdaSeconds: Record<string, number>;
  largestLambdaPayload: LargestPayload;
}

/** power-schedule stop over many targets. */
export interface TargetFigures extends ManyTargetsFigures {
  stopped: number;
  /** Reported already stopped: a stop the SDK sent again after losing the first answer. */
  alreadyStopped: number;
  /** Instances the fake EC2 still holds running afterwards. */
  stillRunning: number;
  targetsDone: number;
}

/** cost-report over many targets. */
export interface CostTargetFigures extends ManyTargetsFigures {
  /** MergeInventories' output: targets collected / unreachable / failed, and the merged inventory's counts. */
  targetsCollected: number;
  targetsNotCollected: number;
  instances: number;
  volumes: number;
  uniquePriceKeys: number;
  pricingCalls: number;
  unpricedItems?: number;
  s3BytesWritten: number;
  /** Memory around MergeInventories' and RenderReport's calls (bench/lib/scenario.ts). */
  handlerMemory: Record<string, HandlerMemory>;
}

export interface CostFigures extends RunFigures {
  n: number;
  /** Instances in the inventory CollectInventory wrote (its output's counts, from the event log). */
  instances: number;
  volumes: number;
  /** Length of CollectInventory's priceKeys, read from the executor's event log. */
  uniquePriceKeys: number;
  /** What the seeded fleet should produce: type × platform pairs + volume types (storage prices). */
  seededDistinct: { instanceTypePlatforms: number; volumeTypes: number };
  pricingCalls: number;
  ec2Calls: Record<string, number>;
  ec2Total: number;
  s3Calls: Record<string, number>;
  s3BytesWritten: number;
  transitions: number;
  mapIterations: number;
  largestLambdaPayload: LargestPayload;
  unpricedItems?: number;
}

export interface RenderFigures {
  instances: number;
  volumes: number;
  inventoryBytes: number;
  seconds: number;
  peakRssMiB: number;
  workbookBytes: number;
  unpricedItems: number;
}

export interface BundleFigures {
  name: string;
  zipBytes: number;
  bundleBytes: number;
  limitBytes: number;
  coldImportMs: number;
  coldImportSamplesMs: number[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResults {
  generatedAt: string;
  commit: string;
  machine: Machine;
  totalSeconds: number;
  notes: string[];
  seeding: SeedingFigures[];
  powerSchedule: PowerFigures[];
  powerTargets: TargetFigures[];
  costReport: CostFigures[];
  costTargets: CostTargetFigures[];
  renderReport: RenderFigures[];
  bundles: BundleFigures[];
  targets: TargetCheck[];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const seconds = (s: number) => `${s.toFixed(1)} s`;

export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const run of results.powerSchedule) {
    checks.push({
      target: `power N=${run.n}: stops exactly the N tagged`,
      measured: `${run.stopped} stopped${run.status === 'SUCCEEDED' ? '' : ` (${run.status})`}`,
      met: run.status === 'SUCCEEDED' && run.stopped === run.n,
    });
    checks.push({
      target: `power N=${run.n}: transitions ≤ 10+3·ceil(N/50)`,
      measured: `${run.transitions}${run.status === 'SUCCEEDED' ? '' : ` (${run.status})`}`,
      met: run.status === 'SUCCEEDED' && run.transitions <= run.transitionLimit,
    });
  }
  for (const run of results.powerTargets) {
    const shape = `power ${run.targets.toLocaleString('en-US')} targets × ${run.instancesPerTarget.toLocaleString('en-US')}`;
    const done = run.status === 'SUCCEEDED';
    checks.push({
      target: `${shape}: stops every tagged instance of every target`,
      measured: `${run.stopped.toLocaleString('en-US')} stopped${run.alreadyStopped ? ` + ${run.alreadyStopped} already` : ''}, ${run.stillRunning} left running, ${run.targetsDone} targets done${done ? '' : ` (${run.status})`}`,
      met: done && run.stillRunning === 0 && run.stopped + run.alreadyStopped === run.targets * run.instancesPerTarget && run.targetsDone === run.targets,
    });
    checks.push({
      target: `${shape}: history events < 25,000 per execution`,
      measured: `parent ${run.executions.parentEvents}, largest child ${run.executions.maxChildEvents}`,
      met: done && run.executions.parentEvents < LIMITS.historyEvents && run.executions.maxChildEvents < LIMITS.historyEvents,
    });
    checks.push({
      target: `${shape}: largest state payload < 256 KiB`,
      measured: `${kib(run.largestStateIo.bytes)} (${run.largestStateIo.where})`,
      met: done && run.largestStateIo.bytes < LIMITS.stateIoBytes && run.largestLambdaPayload.bytes < LIMITS.stateIoBytes,
    });
  }
  for (const run of results.costReport) {
    checks.push({
      target: `cost N=${run.n}: inventory has the N instances`,
      measured: `${run.instances}`,
      met: run.instances === run.n,
    });
    checks.push({
      target: `cost N=${run.n}: Pricing calls = unique keys`,
      measured: `${run.pricingCalls} calls, ${run.uniquePriceKeys} keys${run.status === 'SUCCEEDED' ? '' : ` (${run.status})`}`,
      met: run.status === 'SUCCEEDED' && run.pricingCalls === run.uniquePriceKeys,
    });
    checks.push({
      target: `cost N=${run.n}: largest state I/O < 256 KiB`,
      measured: `${kib(run.largestStateIo.bytes)} (${run.largestStateIo.where})`,
      met: run.status === 'SUCCEEDED' && run.largestStateIo.bytes < LIMITS.stateIoBytes,
    });
  }
  for (const run of results.costTargets) {
    const shape = costTargetShape(run);
    const done = run.status === 'SUCCEEDED';
    const children = (map: string) => run.executions.byMap[map] ?? { childExecutions: 0, maxChildEvents: 0, meanChildEvents: 0 };
    checks.push({
      target: `${shape}: every target collected, every instance in the inventory`,
      measured: `${run.targetsCollected.toLocaleString('en-US')} of ${run.targets.toLocaleString('en-US')} targets, ${run.instances.toLocaleString('en-US')} instances${done ? '' : ` (${run.status})`}`,
      met: done && run.targetsCollected === run.targets && run.instances === run.targets * run.instancesPerTarget,
    });
    checks.push({
      target: `${shape}: history events < 25,000 per execution`,
      measured: `parent ${run.executions.parentEvents}, Inventories child ≤ ${children('Inventories').maxChildEvents}, PriceItems child ≤ ${children('PriceItems').maxChildEvents}`,
      met: done && run.executions.parentEvents < LIMITS.historyEvents && run.executions.maxChildEvents < LIMITS.historyEvents,
    });
    checks.push({
      target: `${shape}: largest state payload < 256 KiB`,
      measured: `${kib(run.largestStateIo.bytes)} (${run.largestStateIo.where}); Lambda ${kib(run.largestLambdaPayload.bytes)}`,
      met: done && run.largestStateIo.bytes < LIMITS.stateIoBytes && run.largestLambdaPayload.bytes < LIMITS.stateIoBytes,
    });
    checks.push({
      target: `${shape}: Pricing calls = unique keys = PriceItems children`,
      measured: `${run.pricingCalls} calls, ${run.uniquePriceKeys} keys, ${children('PriceItems').childExecutions} children`,
      met: done && run.pricingCalls === run.uniquePriceKeys && children('PriceItems').childExecutions === run.uniquePriceKeys,
    });
    for (const [handler, memory] of Object.entries(run.handlerMemory)) {
      const added = memoryAdded(memory);
      checks.push({
        target: `${shape}: ${handler} < ${LIMITS.reportLambdaSeconds} s, memory added + ${LIMITS.lambdaRuntimeMiB} MiB runtime < ${LIMITS.reportLambdaMiB} MiB`,
        measured: `${seconds(memory.ms / 1000)}, +${added} MiB (RSS ${memory.baselineRssMiB} → ${memory.peakRssMiB}, heap ${memory.baselineHeapMiB} → ${memory.peakHeapMiB} MiB)`,
        met: done && memory.ms / 1000 < LIMITS.reportLambdaSeconds && added + LIMITS.lambdaRuntimeMiB < LIMITS.reportLambdaMiB,
      });
    }
  }
  for (const run of results.renderReport) {
    checks.push({
      target: `render ${run.instances.toLocaleString('en-US')} rows: < ${LIMITS.renderSeconds} s, < ${LIMITS.renderRssMiB} MiB`,
      measured: `${seconds(run.seconds)}, ${run.peakRssMiB} MiB`,
      met: run.seconds < LIMITS.renderSeconds && run.peakRssMiB < LIMITS.renderRssMiB,
    });
  }
  for (const bundle of results.bundles) {
    checks.push({
      target: `zip ${bundle.name} ≤ ${bundle.limitBytes / 1024} KiB`,
      measured: kib(bundle.zipBytes),
      met: bundle.zipBytes <= bundle.limitBytes,
    });
  }
  return checks;
}

/**
 * What a handler added to the process: the larger of its RSS and its V8 heap growth (RSS alone
 * undercounts when the process already holds pages freed by earlier handlers).
 */
export function memoryAdded(memory: HandlerMemory): number {
  return Math.max(memory.peakRssMiB - memory.baselineRssMiB, memory.peakHeapMiB - memory.baselineHeapMiB);
}

export function costTargetShape(run: Pick<CostTargetFigures, 'targets' | 'instancesPerTarget'>): string {
  return `cost ${run.targets.toLocaleString('en-US')} targets × ${run.instancesPerTarget.toLocaleString('en-US')}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function callList(calls: Record<string, number>): string {
  return Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, count]) => `${operation} ${count}`)
    .join('\n');
}

function stageList(stages: Record<string, number>): string {
  return Object.entries(stages)
    .map(([stage, s]) => `${stage} ${seconds(s)}`)
    .join('\n');
}

function verdicts(checks: readonly TargetCheck[], prefix: RegExp): string {
  return checks.map((c) => `${c.met ? 'ok  ' : 'MISS'} ${c.target.replace(prefix, '')}`).join('\n');
}

/** One table: a row per measured run, the figures that matter for it, and its target. */
export function renderTable(results: BenchResults): string {
  const table = new Table({
    head: ['Benchmark', 'N', 'Calls (from the emulators)', 'Transitions', 'Time', 'Peak RSS', 'Size', 'Targets'],
    style: { head: [], border: [] },
    wordWrap: true,
  });
  const target = (prefix: string) => results.targets.filter((t) => t.target.startsWith(prefix));
  for (const run of results.powerSchedule) {
    const checks = target(`power N=${run.n}:`);
    table.push([
      `power-schedule stop\n(+${run.untagged} untagged)\nstopped ${run.stopped}${run.status === 'SUCCEEDED' ? '' : `\n${run.status}: ${run.error ?? ''}`}`,
      run.n.toLocaleString('en-US'),
      `EC2 ${run.ec2Total}:\n${callList(run.ec2Calls)}`,
      `${run.transitions} (≤ ${run.transitionLimit})\nMap iterations ${run.mapIterations}`,
      `${seconds(run.wallSeconds)}\n${stageList(run.stageSeconds)}`,
      `${run.peakRssMiB} MiB`,
      `max state I/O\n${kib(run.largestStateIo.bytes)}`,
      verdicts(checks, /^power N=\d+: /),
    ]);
  }
  for (const run of results.powerTargets) {
    const shape = `power ${run.targets.toLocaleString('en-US')} targets × ${run.instancesPerTarget.toLocaleString('en-US')}`;
    const invocations = Object.values(run.lambdaInvocations).reduce((a, b) => a + b, 0);
    const handlerSeconds = Object.values(run.lambdaSeconds).reduce((a, b) => a + b, 0);
    table.push([
      `power-schedule stop over\n${run.accounts} accounts × ${run.regions} regions\n(fake EC2/STS/Organizations)${run.status === 'SUCCEEDED' ? '' : `\n${run.status}: ${run.error ?? ''}`}`,
      (run.targets * run.instancesPerTarget).toLocaleString('en-US'),
      `fake: ${callList(run.fakeCalls).replace(/\n/g, ', ')}\nS3: ${callList(run.s3Calls).replace(/\n/g, ', ')}`,
      `${run.executions.billedTransitions.toLocaleString('en-US')} billed\n${run.executions.childExecutions} children\nhistory: parent ${run.executions.parentEvents}, child ≤ ${run.executions.maxChildEvents} (mean ${run.executions.meanChildEvents})`,
      `${seconds(run.wallSeconds)}\n${stageList(run.stageSeconds)}\nLambda ${invocations} calls, ${seconds(handlerSeconds)} in handlers`,
      `${run.peakRssMiB} MiB`,
      `max state I/O\n${kib(run.largestStateIo.bytes)}\nmax Lambda payload\n${kib(run.largestLambdaPayload.bytes)}`,
      verdicts(target(shape), new RegExp(`^${escapeRegExp(shape)}: `)),
    ]);
  }
  for (const run of results.costReport) {
    const checks = target(`cost N=${run.n}:`);
    table.push([
      `cost-report\n${run.instances} instances\n${run.volumes} volumes${run.status === 'SUCCEEDED' ? '' : `\n${run.status}: ${run.error ?? ''}`}`,
      run.n.toLocaleString('en-US'),
      `Pricing ${run.pricingCalls} (unique keys ${run.uniquePriceKeys})\nEC2 ${run.ec2Total}:\n${callList(run.ec2Calls)}\nS3: ${callList(run.s3Calls).replace(/\n/g, ', ')}`,
      `${run.transitions}\nMap iterations ${run.mapIterations}`,
      `${seconds(run.wallSeconds)}\n${stageList(run.stageSeconds)}`,
      `${run.peakRssMiB} MiB`,
      `S3 written ${mib(run.s3BytesWritten)}\nmax state I/O ${kib(run.largestStateIo.bytes)}`,
      verdicts(checks, /^cost N=\d+: /),
    ]);
  }
  for (const run of results.costTargets) {
    const shape = costTargetShape(run);
    const invocations = Object.values(run.lambdaInvocations).reduce((a, b) => a + b, 0);
    const handlerSeconds = Object.values(run.lambdaSeconds).reduce((a, b) => a + b, 0);
    const maps = Object.entries(run.executions.byMap)
      .map(([map, c]) => `${map}: ${c.childExecutions} children, ≤ ${c.maxChildEvents} events`)
      .join('\n');
    const memory = Object.entries(run.handlerMemory)
      .map(([handler, m]) => `${handler} ${seconds(m.ms / 1000)}, +${memoryAdded(m)} MiB`)
      .join('\n');
    table.push([
      `cost-report over\n${run.accounts} accounts × ${run.regions} regions\n(fake EC2/STS/Organizations)\n${run.uniquePriceKeys} price keys${run.unpricedItems ? `, ${run.unpricedItems} unpriced` : ''}${run.status === 'SUCCEEDED' ? '' : `\n${run.status}: ${run.error ?? ''}`}`,
      (run.targets * run.instancesPerTarget).toLocaleString('en-US'),
      `Pricing ${run.pricingCalls}\nfake: ${callList(run.fakeCalls).replace(/\n/g, ', ')}\nS3: ${callList(run.s3Calls).replace(/\n/g, ', ')}`,
      `${run.executions.billedTransitions.toLocaleString('en-US')} billed\nhistory: parent ${run.executions.parentEvents}\n${maps}`,
      `${seconds(run.wallSeconds)}\n${stageList(run.stageSeconds)}\nLambda ${invocations} calls, ${seconds(handlerSeconds)} in handlers\n${memory}`,
      `${run.peakRssMiB} MiB`,
      `max state I/O\n${kib(run.largestStateIo.bytes)}\nmax Lambda payload\n${kib(run.largestLambdaPayload.bytes)}\nS3 written ${mib(run.s3BytesWritten)}`,
      verdicts(target(shape), new RegExp(`^${escapeRegExp(shape)}: `)),
    ]);
  }
  for (const run of results.renderReport) {
    const checks = target(`render ${run.instances.toLocaleString('en-US')} rows`);
    table.push([
      `render-report alone\n(${run.volumes.toLocaleString('en-US')} volumes)`,
      run.instances.toLocaleString('en-US'),
      `none (in-memory store)\ninventory ${mib(run.inventoryBytes)}`,
      '',
      seconds(run.seconds),
      `${run.peakRssMiB} MiB`,
      `workbook ${mib(run.workbookBytes)}`,
      verdicts(checks, /^render [\d,]+ rows: /),
    ]);
  }
  for (const bundle of results.bundles) {
    const checks = target(`zip ${bundle.name} `);
    table.push([
      `bundle ${bundle.name}`,
      '',
      '',
      '',
      `cold import ${bundle.coldImportMs} ms\n(median of ${bundle.coldImportSamplesMs.length})`,
      '',
      `zip ${kib(bundle.zipBytes)}\nindex.js ${kib(bundle.bundleBytes)}`,
      verdicts(checks, /^zip \S+ /),
    ]);
  }
  return table.toString();
}
