/**
 * Runs measured work in fresh child processes: a scenario (bench/lib/scenario.ts) with its own
 * environment, and the cold import of each built bundle. Children are spawned asynchronously
 * because the counting proxy they talk to lives in this (the parent) process's event loop.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './emulators';
import type { Measurement, ScenarioSpec } from './scenario';

interface ChildResult {
  code: number | null;
  stdout: string;
  stderrTail: string;
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-64_000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_000);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderrTail: stderr }));
  });
}

export async function runScenario(spec: ScenarioSpec, env: Record<string, string>, outFile: string): Promise<Measurement> {
  rmSync(outFile, { force: true });
  // --expose-gc: a sampled handler's memory is measured from a collected heap (scenario.ts).
  const child = await runChild(['--expose-gc', '--import', 'tsx', join(REPO_ROOT, 'bench/lib/scenario.ts'), JSON.stringify(spec), outFile], {
    ...process.env,
    ...env,
  });
  if (child.code !== 0 || !existsSync(outFile)) {
    throw new Error(`scenario ${JSON.stringify(spec).slice(0, 120)} exited ${child.code}:\n${child.stderrTail}`);
  }
  return JSON.parse(readFileSync(outFile, 'utf8')) as Measurement;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface BundleMeasurement {
  name: string;
  zipBytes: number;
  bundleBytes: number;
  /** Median ms of `require('./dist/<name>/index.js')` in a fresh `node` process (node's own start-up excluded). */
  coldImportMs: number;
  coldImportSamplesMs: number[];
}

/** Built bundles: every dist/<name>.zip with its dist/<name>/index.js beside it. */
export function builtFunctions(): string[] {
  const dist = join(REPO_ROOT, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .filter((file) => file.endsWith('.zip') && existsSync(join(dist, file.slice(0, -'.zip'.length), 'index.js')))
    .map((file) => file.slice(0, -'.zip'.length))
    .sort();
}

// @aws-sdk/* and @smithy/* are external to the bundle: locally they resolve from node_modules (the
// Lambda runtime provides them), so their load time is part of what this measures.
const IMPORT_PROBE = [
  'const started = performance.now();',
  'require(process.argv[1]);',
  'process.stdout.write(String(performance.now() - started));',
].join('');

export async function measureBundle(name: string, samples: number, env: Record<string, string>): Promise<BundleMeasurement> {
  const bundle = join(REPO_ROOT, 'dist', name, 'index.js');
  const timings: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const child = await runChild(['-e', IMPORT_PROBE, bundle], { ...process.env, ...env });
    if (child.code !== 0) throw new Error(`importing dist/${name}/index.js failed:\n${child.stderrTail}`);
    timings.push(Number(child.stdout));
  }
  return {
    name,
    zipBytes: statSync(join(REPO_ROOT, 'dist', `${name}.zip`)).size,
    bundleBytes: statSync(bundle).size,
    coldImportMs: Math.round(median(timings) * 10) / 10,
    coldImportSamplesMs: timings.map((t) => Math.round(t * 10) / 10),
  };
}
