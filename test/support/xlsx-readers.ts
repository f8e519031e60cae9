/**
 * Runs the independent workbook readers of scripts/xlsx-check/ (Python, sharing no code with
 * exceljs or functions/render-report/xlsx/) and returns what they found.
 *
 * The stdlib package check needs only a python3, which every machine running the tests has (moto
 * is Python). openpyxl comes from Debian's python3-openpyxl, installed for /usr/bin/python3 (not
 * for a pyenv python3 earlier on PATH). openpyxl drops a workbook's images without a word when
 * Pillow is missing (python3-pil, only a recommended package), so both count as the reader. Where
 * either is missing, its tests are skipped locally with a note; under CI (CI=true), which installs
 * them, they fail instead of passing unseen.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPTS = join(__dirname, '..', '..', 'scripts', 'xlsx-check');

function canImport(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

const openpyxlPython = ['/usr/bin/python3', 'python3'].find((python) => canImport(python, 'openpyxl') && canImport(python, 'PIL'));

export const OPENPYXL_MISSING = openpyxlPython
  ? undefined
  : 'openpyxl with Pillow is not installed for /usr/bin/python3 (apt-get install -y python3-openpyxl python3-pil)';

/** `test` where openpyxl is there or CI requires it; `test.skip` otherwise. */
export const testWithOpenpyxl: jest.It = OPENPYXL_MISSING && !process.env.CI ? test.skip : test;

export interface PackageSeriesRef {
  ref: string;
  cache: (string | null)[];
}

export interface PackageChart {
  part: string;
  sheet: string;
  title: string;
  from: [number, number];
  to: [number, number];
  plots: {
    type: string;
    series: { values: PackageSeriesRef; categories: PackageSeriesRef | null; name: PackageSeriesRef | string | null }[];
  }[];
}

export interface PackageReport {
  ok: boolean;
  problems: string[];
  notes: string[];
  worksheets: Record<string, string[]>;
  charts: PackageChart[];
}

/** scripts/xlsx-check/check_package.py: the structural check, stdlib only. */
export function checkPackage(file: string): PackageReport {
  const run = spawnSync('python3', [join(SCRIPTS, 'check_package.py'), file], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`check_package.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as PackageReport;
}

export interface OpenpyxlRef {
  ref?: string;
  cache?: (string | number | null)[];
  literal?: string;
}

export interface OpenpyxlSheet {
  charts: {
    type: string;
    title: string | null;
    barDir: string | null;
    from: [number, number];
    to: [number, number];
    series: { name: OpenpyxlRef | null; categories: OpenpyxlRef | null; values: OpenpyxlRef | null }[];
  }[];
  images: number;
  /** Per range: each rule's type, and its formulas (expression rules) in the same order. */
  conditionalFormatting: { range: string; rules: string[]; formulas: string[][] }[];
  print: {
    orientation: string | null;
    fitToPage: boolean | null;
    fitToWidth: number | null;
    fitToHeight: number | null;
    titleRows: string | null;
    margins: Record<'left' | 'right' | 'top' | 'bottom', number>;
    footer: string | null;
  };
}

export interface OpenpyxlReport {
  loaded: boolean;
  error?: string;
  warnings: string[];
  sheets: Record<string, OpenpyxlSheet>;
}

/** scripts/xlsx-check/openpyxl_report.py: what openpyxl loads from the file. */
export function readWithOpenpyxl(file: string): OpenpyxlReport {
  if (!openpyxlPython) throw new Error(OPENPYXL_MISSING);
  const run = spawnSync(openpyxlPython, [join(SCRIPTS, 'openpyxl_report.py'), file], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`openpyxl_report.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as OpenpyxlReport;
}
