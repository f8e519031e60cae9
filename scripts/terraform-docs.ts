/**
 * Rewrites the Inputs and Outputs tables of terraform/README.md, of each
 * terraform/examples/<name>/README.md, and of each terraform/modules/<name>/README.md and its
 * examples/<name>/README.md, from the variables and outputs declared beside them (variables.tf,
 * outputs.tf, and any other .tf file there, such as the member-role examples' shared hub-settings.tf).
 *   npx tsx scripts/terraform-docs.ts          # rewrite
 *   npx tsx scripts/terraform-docs.ts --check  # exit 1 and name the READMEs that are out of date
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readOutputs, readVariables, renderTables, withTables } from './lib/terraform-docs';

const repoRoot = join(__dirname, '..');
const moduleDir = join(repoRoot, 'terraform');

function subfolders(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => join(dir, d.name)) : [];
}

/** A module and its examples/<name>/ roots. */
function withExamples(dir: string): string[] {
  return [dir, ...subfolders(join(dir, 'examples'))];
}

export function documentedModules(): string[] {
  return [...withExamples(moduleDir), ...subfolders(join(moduleDir, 'modules')).flatMap(withExamples)].filter((dir) => existsSync(join(dir, 'README.md')));
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Every .tf file of `dir`, variables.tf and outputs.tf first (their order is the tables' order), then by name. */
function terraformSource(dir: string): string {
  const first = ['variables.tf', 'outputs.tf'];
  const others = readdirSync(dir).filter((f) => f.endsWith('.tf') && !first.includes(f)).sort();
  return [...first, ...others].map((f) => readIfExists(join(dir, f))).join('\n');
}

/** The README of `dir` as it should read. */
export function regeneratedReadme(dir: string): string {
  const source = terraformSource(dir);
  const tables = renderTables(readVariables(source), readOutputs(source));
  return withTables(readFileSync(join(dir, 'README.md'), 'utf8'), tables);
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const dir of documentedModules()) {
    const readmePath = join(dir, 'README.md');
    const wanted = regeneratedReadme(dir);
    if (wanted === readFileSync(readmePath, 'utf8')) continue;
    stale.push(relative(repoRoot, readmePath));
    if (!check) writeFileSync(readmePath, wanted);
  }
  if (check && stale.length > 0) {
    console.error(`out of date: ${stale.join(', ')}; run npx tsx scripts/terraform-docs.ts`);
    process.exit(1);
  }
  if (!check) console.log(stale.length > 0 ? `rewrote ${stale.join(', ')}` : 'README tables are up to date');
}
