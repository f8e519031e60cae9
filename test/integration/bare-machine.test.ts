/**
 * A user's bare machine: Node.js, Python 3 and Terraform, maybe no moto, maybe no zip or curl, and
 * often no package index. `make demo` / `make test` must then either bootstrap moto into a
 * project-local venv (scripts/local/python.sh) or stop with one line that says what to install.
 * Each case runs the real scripts as child processes with a PATH that shows them such a machine:
 * a python3 without moto (a venv made --without-pip), a PATH without zip and curl, pip pointed at
 * an index that does not answer (127.0.0.1:9) or at a folder holding one wheel. The venv goes to a
 * temp folder (MOTO_VENV_DIR), so the repository's own .local/venv is never touched.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const PYTHON_SH = join(REPO_ROOT, 'scripts', 'local', 'python.sh');
const NEED_SH = join(REPO_ROOT, 'scripts', 'local', 'need.sh');
// Making a venv (ensurepip) takes seconds alone and much longer beside a full test run.
const VENV_CASE_TIMEOUT = 240_000;
const NO_INDEX_LINE =
  'moto server 5.2.1 is missing and pip could not reach a package index: install it with  python3 -m pip install "moto[server]==5.2.1"  (or set PIP_INDEX_URL to a mirror), then run the same command again';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: REPO_ROOT, env, timeout: VENV_CASE_TIMEOUT - 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** This process's environment without pip's settings (this machine's pip.conf names local wheel
 * folders) or an outer make's flags, plus what the case sets. */
function machineEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(PIP_|MAKE|MFLAGS$)/.test(key)) env[key] = value;
  }
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', ...overrides };
}

const NO_INDEX_ANSWERS = { PIP_INDEX_URL: 'http://127.0.0.1:9/', PIP_RETRIES: '0', PIP_DEFAULT_TIMEOUT: '2' };

let work: string;
let motoPython: string;
let pythonWithoutMoto: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'bare-machine-'));
  // The interpreter the test run itself uses for moto: python3, or the repository's .local/venv.
  motoPython = execFileSync('bash', [PYTHON_SH], { encoding: 'utf8' }).trim();
  // A venv without system site-packages and without pip: a python3 that cannot import moto.
  execFileSync(motoPython, ['-m', 'venv', '--without-pip', join(work, 'python-without-moto')]);
  pythonWithoutMoto = join(work, 'python-without-moto', 'bin');
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A fresh case folder; MOTO_VENV_DIR points inside it. */
function caseDir(name: string): { dir: string; venv: string } {
  const dir = join(work, name);
  mkdirSync(dir);
  return { dir, venv: join(dir, 'venv') };
}

/** A PATH folder holding links to everything on PATH except the named commands. */
function pathWithout(name: string, missing: string[]): string {
  const bin = join(work, name);
  mkdirSync(bin);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      if (missing.includes(entry) || existsSync(join(bin, entry))) continue;
      symlinkSync(join(dir, entry), join(bin, entry));
    }
  }
  return bin;
}

/** A pure-Python wheel named moto 5.2.1 with a moto.server module and a `server` extra: it stands
 * in for the real one so installing from an index can be shown without a network. */
function standInMotoWheel(folder: string): void {
  mkdirSync(folder);
  const script = `
import sys, zipfile
files = {
    "moto/__init__.py": "__version__ = '5.2.1'\\n",
    "moto/server.py": "",
    "moto-5.2.1.dist-info/METADATA": "Metadata-Version: 2.1\\nName: moto\\nVersion: 5.2.1\\nProvides-Extra: server\\n",
    "moto-5.2.1.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: bare-machine-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
files["moto-5.2.1.dist-info/RECORD"] = "".join(f"{name},,\\n" for name in [*files, "moto-5.2.1.dist-info/RECORD"])
with zipfile.ZipFile(sys.argv[1], "w") as wheel:
    for name, text in files.items():
        wheel.writestr(name, text)
`;
  execFileSync(motoPython, ['-c', script, join(folder, 'moto-5.2.1-py3-none-any.whl')]);
}

function expectNoTraceback(output: string): void {
  expect(output).not.toMatch(/Traceback|\n\s+at |^(WARNING|ERROR):/m);
}

describe('scripts/local/python.sh: the one place that picks the Python running moto', () => {
  test('when python3 imports moto.server it is that python3, and no venv is made', async () => {
    // Prepare: a python3 on PATH that has moto (a wrapper around the one this run uses).
    const { dir, venv } = caseDir('has-moto');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'python3'), `#!/bin/sh\nexec "${motoPython}" "$@"\n`);
    chmodSync(join(bin, 'python3'), 0o755);

    // Act
    const result = await run('bash', [PYTHON_SH], machineEnv({ PATH: `${bin}${delimiter}${process.env.PATH}`, MOTO_VENV_DIR: venv, ...NO_INDEX_ANSWERS }));

    // Assess
    expect(result).toEqual({ code: 0, stdout: `${motoPython}\n`, stderr: '' });
    expect(existsSync(venv)).toBe(false);
  });

  test('python3 without moto and no package index answering: one line saying what to install, exit 1, no venv left behind', async () => {
    // Prepare
    const { venv } = caseDir('no-index');

    // Act
    const result = await run('bash', [PYTHON_SH], machineEnv({ PATH: `${pythonWithoutMoto}${delimiter}${process.env.PATH}`, MOTO_VENV_DIR: venv, ...NO_INDEX_ANSWERS }));

    // Assess
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(NO_INDEX_LINE);
    // Before it, only the line that says an install is being tried.
    expect(lines).toEqual([expect.stringMatching(/^moto server is not importable by python3: installing moto\[server\]==5\.2\.1 into .*venv \(first run only\)$/), NO_INDEX_LINE]);
    expectNoTraceback(result.stderr);
    expect(existsSync(venv)).toBe(false);
    expect(existsSync(`${venv}.lock`)).toBe(false);
  }, VENV_CASE_TIMEOUT);

  test('python3 without moto and an index that has moto[server]==5.2.1 (a stand-in wheel): the first run installs it into the venv, the next uses it without pip', async () => {
    // Prepare
    const { dir, venv } = caseDir('with-index');
    const wheels = join(dir, 'wheels');
    standInMotoWheel(wheels);
    const PATH = `${pythonWithoutMoto}${delimiter}${process.env.PATH}`;

    // Act
    const first = await run('bash', [PYTHON_SH], machineEnv({ PATH, MOTO_VENV_DIR: venv, PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels }));
    const second = await run('bash', [PYTHON_SH], machineEnv({ PATH, MOTO_VENV_DIR: venv, ...NO_INDEX_ANSWERS }));

    // Assess
    expect(first.stderr).toMatch(/installing moto\[server\]==5\.2\.1 into .*venv \(first run only\)\nmoto server installed in .*venv\n$/);
    expect(first).toMatchObject({ code: 0, stdout: `${join(venv, 'bin', 'python')}\n` });
    expect(second).toEqual({ code: 0, stdout: `${join(venv, 'bin', 'python')}\n`, stderr: '' });
    expect(existsSync(`${venv}.lock`)).toBe(false);
  }, VENV_CASE_TIMEOUT);
});

describe('make demo on a bare machine', () => {
  test('python3 without moto and no package index: make demo stops with that one line before installing or starting anything', async () => {
    // Prepare
    const { dir, venv } = caseDir('make-demo-no-index');
    const stateDir = join(dir, 'state');

    // Act
    const result = await run(
      'make',
      ['--no-print-directory', 'demo'],
      machineEnv({ PATH: `${pythonWithoutMoto}${delimiter}${process.env.PATH}`, MOTO_VENV_DIR: venv, LOCAL_STATE_DIR: stateDir, ...NO_INDEX_ANSWERS }),
    );

    // Assess: our line, then only make's own note that the target failed.
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`\n${NO_INDEX_LINE}\n`);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^make: \*\*\* \[Makefile:\d+: needs-stack\] Error 1$/);
    expectNoTraceback(result.stderr);
    expect(result.stdout).toBe('');
    expect(existsSync(venv)).toBe(false);
    expect(existsSync(stateDir)).toBe(false);
  }, VENV_CASE_TIMEOUT);

  test('without curl on PATH make demo names the curl package to install, and stops', async () => {
    // Prepare
    const bin = pathWithout('path-without-curl', ['curl']);

    // Act
    const result = await run('make', ['--no-print-directory', 'demo'], machineEnv({ PATH: bin }));

    // Assess
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^curl is missing: install the curl package( \([^)]*install[^)]* curl\))?, then run the same command again\n/);
    expect(result.stdout).toBe('');
  });
});

describe('scripts/local/need.sh: what a make target needs', () => {
  test('without zip and curl one line names both packages and how to install them, exit 1', async () => {
    // Prepare
    const bin = pathWithout('path-without-zip-curl', ['zip', 'curl']);

    // Act
    const result = await run('bash', [NEED_SH, 'zip', 'curl', 'moto'], machineEnv({ PATH: bin }));

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^zip and curl are missing: install the packages zip and curl( \([^)]*install[^)]* zip curl\))?, then run the same command again\n$/);
    expect(result.stdout).toBe('');
  });

  test('with zip and curl present it says nothing and succeeds', async () => {
    const result = await run('bash', [NEED_SH, 'zip', 'curl'], machineEnv({}));
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
