/**
 * Bundles each Lambda (functions/<name>/handler.ts) with esbuild into dist/<name>.zip.
 * Target node20 so the bundle runs on the machines' Node 20 and on the nodejs22.x runtime.
 * The AWS SDK v3 is left out: the nodejs22.x runtime provides it, and leaving it out keeps
 * each zip small and each cold start fast. Zips are byte-stable (fixed mtimes, `zip -X`),
 * so Terraform's source_code_hash changes only when the code does.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const functionsDir = join(root, 'functions');
const distDir = join(root, 'dist');
const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

export function functionNames(): string[] {
  return readdirSync(functionsDir)
    .filter((name) => existsSync(join(functionsDir, name, 'handler.ts')))
    .sort();
}

async function bundle(name: string): Promise<{ name: string; zipBytes: number }> {
  const outDir = join(distDir, name);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(functionsDir, name, 'handler.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'warning',
  });
  const zipPath = join(distDir, `${name}.zip`);
  rmSync(zipPath, { force: true });
  utimesSync(join(outDir, 'index.js'), FIXED_MTIME, FIXED_MTIME);
  execFileSync('zip', ['-q', '-X', '-9', zipPath, 'index.js'], { cwd: outDir });
  return { name, zipBytes: statSync(zipPath).size };
}

async function main(): Promise<void> {
  mkdirSync(distDir, { recursive: true });
  const results = [];
  for (const name of functionNames()) results.push(await bundle(name));
  writeFileSync(join(distDir, 'manifest.json'), `${JSON.stringify(results, null, 2)}\n`);
  for (const r of results) process.stdout.write(`dist/${r.name}.zip  ${(r.zipBytes / 1024).toFixed(1)} KiB\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
