/**
 * Each Lambda folder depends only on functions/shared/: a function that reaches into another one's
 * folder bundles code it does not own and breaks when that function changes. Reads the real files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/local-workflow';

const FUNCTIONS = join(REPO_ROOT, 'functions');
const SHARED = 'shared';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static and type imports, re-exports, dynamic import() and require(). */
export function importedSpecifiers(source: string): string[] {
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
}

/** The functions/ folder a relative import lands in, or undefined for packages and files outside functions/. */
function folderOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(FUNCTIONS, resolve(dirname(file), specifier));
  if (target.startsWith('..')) return undefined;
  return target.split(sep)[0];
}

function crossings(): string[] {
  const found: string[] = [];
  for (const folder of readdirSync(FUNCTIONS).filter((name) => statSync(join(FUNCTIONS, name)).isDirectory())) {
    const allowed = folder === SHARED ? [SHARED] : [folder, SHARED];
    for (const file of sourceFiles(join(FUNCTIONS, folder))) {
      for (const specifier of importedSpecifiers(readFileSync(file, 'utf8'))) {
        const target = folderOf(file, specifier);
        if (target !== undefined && !allowed.includes(target)) found.push(`${relative(REPO_ROOT, file)} imports ${specifier}`);
      }
    }
  }
  return found;
}

describe('function folder boundaries', () => {
  test('no function folder imports from another function folder, and shared/ imports from none', () => {
    // Act
    const found = crossings();

    // Assess
    expect(found).toEqual([]);
  });

  test('the scan sees every kind of import a file can make, so a crossing cannot hide', () => {
    // Prepare
    const source = [
      "import { a } from '../render-report/report-store';",
      "import type { B } from '../verify-instance-states/verify';",
      "export { c } from '../change-instance-state/change';",
      "import '../publish-report/publish';",
      "const d = require('../summarize-run/summarize');",
      "const e = await import('../collect-inventory/store');",
    ].join('\n');

    // Act
    const specifiers = importedSpecifiers(source);

    // Assess
    expect(specifiers).toEqual(
      expect.arrayContaining([
        '../render-report/report-store',
        '../verify-instance-states/verify',
        '../change-instance-state/change',
        '../publish-report/publish',
        '../summarize-run/summarize',
        '../collect-inventory/store',
      ]),
    );
  });
});
