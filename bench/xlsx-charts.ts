/**
 * `make bench` entry: adding three native charts (functions/render-report/xlsx/charts.ts) to the
 * cost workbook rendered for 50,000 synthetic instances (EC2_Detail_Costs ~40 MB of sheet XML,
 * EBS_Volumes ~60 MB). Two placements:
 *   - summary: all three charts on the Summary sheet, one series read from the top rows of
 *     EC2_Detail_Costs: the big sheets are copied still compressed;
 *   - detail:  one of them drawn on EC2_Detail_Costs itself, whose 50,000 rows are then streamed
 *     through and compressed again (the worst case).
 * The workbook is rendered by the real render core in one child process; each placement runs in a
 * fresh child on its own copy, so its time and peak RSS are its own.
 *
 * bench/run.ts imports this file with one line. It then waits for run.ts's own work to end (the
 * process's 'beforeExit'), adds its figures under "xlsxCharts" and its targets to
 * bench/results/latest.json, and prints its table. Alone: `npx tsx bench/xlsx-charts.ts` writes
 * bench/results/xlsx-charts.json. BENCH_CHART_ROWS (default 50000) changes the instance count.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import type { ChartSpec } from '../functions/render-report/xlsx/charts';
import type { ReportStore } from '../functions/shared/report-store';
import type { PriceResult } from '../functions/shared/cost-types';

const REPO_ROOT = join(__dirname, '..');
const WORK_DIR = join(REPO_ROOT, '.local', 'bench', 'xlsx-charts');
const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const ROWS = Number(process.env.BENCH_CHART_ROWS ?? 50_000);

/**
 * Targets: charts are a post-process of the render, so they must cost a fraction of it (render at
 * 50,000 rows: ~11 s, ~424 MiB). On CPU time, not wall time: this machine is shared and its wall
 * times move with the load; a Lambda's CPU share is its own.
 */
export const CHART_LIMITS = { summaryCpuSeconds: 2, detailCpuSeconds: 8, peakRssMiB: 300 };

type Placement = 'summary' | 'detail';

export interface ChartFigures {
  placement: Placement;
  rows: number;
  charts: number;
  /** Wall time of addCharts(). */
  seconds: number;
  /** CPU time (user + system) of addCharts(). */
  cpuSeconds: number;
  peakRssMiB: number;
  workbookBytesBefore: number;
  workbookBytesAfter: number;
}

/** Ranges that exist whatever the Summary's layout: the chart's content is not what is timed. */
function chartsFor(placement: Placement): ChartSpec[] {
  const summary = { categories: "'Summary'!$A$2:$A$13", series: [{ values: "'Summary'!$C$2:$C$13" }] };
  return [
    { sheet: 'Summary', anchor: 'F2:M18', kind: 'bar', title: 'Monthly cost by instance type', ...summary },
    { sheet: 'Summary', anchor: 'F20:M36', kind: 'line', title: 'Top rows of EC2_Detail_Costs', categories: "'EC2_Detail_Costs'!$B$2:$B$13", series: [{ nameRef: "'EC2_Detail_Costs'!$M$1", values: "'EC2_Detail_Costs'!$M$2:$M$13" }] },
    { sheet: placement === 'detail' ? 'EC2_Detail_Costs' : 'Summary', anchor: placement === 'detail' ? 'V2:AC18' : 'F38:M54', kind: 'doughnut', title: 'Share', ...summary },
  ];
}

function child(args: string[]): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, ...args], { cwd: REPO_ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bench/xlsx-charts.ts ${args[0]} failed (${run.status}):\n${run.stderr.slice(-4000)}`);
}

/** Child: renders the report for the synthetic inventory with the real render core, keeping the workbook. */
async function prepare(out: string): Promise<void> {
  const { syntheticInventory } = await import('./lib/synthetic-inventory');
  const { renderReport } = await import('../functions/render-report/render');
  const { DEFAULT_POWER_SCHEDULES } = await import('../functions/shared/config');
  const { silentLog } = await import('../functions/shared/logger');
  const { inventory, prices } = syntheticInventory(ROWS);
  const inventoryKey = 'work/bench/inventory.json';
  const inventoryJson = JSON.stringify(inventory);
  const store: ReportStore = {
    bucket: 'bench-in-memory',
    readText: async () => inventoryJson,
    listKeys: async () => [],
    putFile: async (key, path) => {
      if (key.endsWith('.xlsx')) copyFileSync(path, out);
    },
    putText: async () => undefined,
    copy: async () => undefined,
  };
  await renderReport(
    { executionName: 'bench-charts', reportDate: inventory.reportDate, regions: [], inventoryKey, prices: prices as PriceResult[] },
    { store, reportPrefix: 'ec2/', workPrefix: 'work/', pricingRegion: 'us-east-1', schedules: DEFAULT_POWER_SCHEDULES, now: () => new Date('2026-11-23T00:00:00Z'), tmpDir: WORK_DIR, log: silentLog },
  );
}

/** Child: adds the charts of one placement, measured. */
async function measure(workbook: string, placement: Placement, resultFile: string): Promise<void> {
  const { addCharts } = await import('../functions/render-report/xlsx/charts');
  const before = statSync(workbook).size;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const added = await addCharts(workbook, chartsFor(placement));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const figures: ChartFigures = {
    placement,
    rows: ROWS,
    charts: added.length,
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round((used.user + used.system) / 10_000) / 100,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    workbookBytesBefore: before,
    workbookBytesAfter: statSync(workbook).size,
  };
  writeFileSync(resultFile, JSON.stringify(figures));
}

export interface ChartTarget {
  target: string;
  measured: string;
  met: boolean;
}

export function chartTargets(figures: readonly ChartFigures[]): ChartTarget[] {
  return figures.map((f) => {
    const limit = f.placement === 'summary' ? CHART_LIMITS.summaryCpuSeconds : CHART_LIMITS.detailCpuSeconds;
    return {
      target: `charts ×3 on a ${f.rows.toLocaleString('en-US')}-row workbook (${f.placement}): CPU < ${limit} s, < ${CHART_LIMITS.peakRssMiB} MiB`,
      measured: `CPU ${f.cpuSeconds.toFixed(1)} s (wall ${f.seconds.toFixed(1)} s), ${f.peakRssMiB} MiB`,
      met: f.charts === 3 && f.cpuSeconds < limit && f.peakRssMiB < CHART_LIMITS.peakRssMiB,
    };
  });
}

export function runChartBench(): { figures: ChartFigures[]; targets: ChartTarget[] } {
  mkdirSync(WORK_DIR, { recursive: true });
  const rendered = join(WORK_DIR, `report-${ROWS}.xlsx`);
  process.stderr.write(`[bench xlsx-charts] rendering the report for ${ROWS} instances\n`);
  child(['prepare', rendered]);
  const figures: ChartFigures[] = [];
  for (const placement of ['summary', 'detail'] as const) {
    process.stderr.write(`[bench xlsx-charts] adding 3 charts (${placement})\n`);
    const copy = join(WORK_DIR, `charted-${placement}.xlsx`);
    const result = join(WORK_DIR, `${placement}.json`);
    copyFileSync(rendered, copy);
    child(['measure', copy, placement, result]);
    figures.push(JSON.parse(readFileSync(result, 'utf8')) as ChartFigures);
    rmSync(copy, { force: true });
  }
  rmSync(rendered, { force: true });
  return { figures, targets: chartTargets(figures) };
}

function table(figures: readonly ChartFigures[], targets: readonly ChartTarget[]): string {
  const out = new Table({ head: ['Benchmark', 'Rows', 'CPU (wall)', 'Peak RSS', 'Workbook', 'Target'], style: { head: [], border: [] } });
  figures.forEach((f, i) => {
    const t = targets[i];
    out.push([
      `add 3 native charts\n(${f.placement === 'summary' ? 'all on Summary' : `one on the ${f.rows.toLocaleString('en-US')}-row sheet`})`,
      f.rows.toLocaleString('en-US'),
      `${f.cpuSeconds.toFixed(2)} s (${f.seconds.toFixed(2)} s)`,
      `${f.peakRssMiB} MiB`,
      `${(f.workbookBytesBefore / 1024 / 1024).toFixed(1)} → ${(f.workbookBytesAfter / 1024 / 1024).toFixed(1)} MiB`,
      `${t?.met ? 'ok  ' : 'MISS'} ${t?.target.replace(/^charts ×3 on a [\d,]+-row workbook \(\w+\): /, '')}`,
    ]);
  });
  return out.toString();
}

/** After run.ts: adds the figures to its latest.json (which it wrote last) and prints them. */
function afterMainBench(): void {
  const latest = join(RESULTS_DIR, 'latest.json');
  if (process.exitCode || !existsSync(latest)) return;
  const { figures, targets } = runChartBench();
  const results = JSON.parse(readFileSync(latest, 'utf8')) as { xlsxCharts?: ChartFigures[]; targets?: ChartTarget[] };
  results.xlsxCharts = figures;
  results.targets = [...(results.targets ?? []).filter((t) => !t.target.startsWith('charts ×3')), ...targets];
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(figures, targets)}\n${targets.filter((t) => t.met).length}/${targets.length} chart targets met (added to ${latest.slice(REPO_ROOT.length + 1)})\n`);
  if (targets.some((t) => !t.met)) process.exitCode = 1;
}

const [mode, ...args] = process.argv.slice(2);
if (require.main === module && mode === 'prepare') {
  prepare(args[0] as string).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else if (require.main === module && mode === 'measure') {
  measure(args[0] as string, args[1] as Placement, args[2] as string).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  const { figures, targets } = runChartBench();
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'xlsx-charts.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), figures, targets }, null, 2)}\n`);
  process.stdout.write(`${table(figures, targets)}\n`);
  if (targets.some((t) => !t.met)) process.exitCode = 1;
} else {
  process.once('beforeExit', afterMainBench);
}
