/**
 * Runs the real Terraform CLI on a temporary working copy of the repository's Terraform so tests
 * never leave .terraform/, state or plans in the repository. terraform/ is a module without a
 * provider; the copy is initialised and run in one of its roots, terraform/examples/<example>,
 * with what the module reads relative to itself beside it as in the repository
 * (../statemachines/*.asl.json, ../dist/<function>.zip). Providers come from
 * scripts/terraform-init.sh, which uses the local mirror when the registry is unreachable.
 *
 * Commands run asynchronously on purpose: the aws-proxy the provider talks to lives in this
 * same Node process, and a synchronous child would block it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const MODULE_DIR = join(REPO_ROOT, 'terraform');
export const EXAMPLES = ['complete', 'local'] as const;
export type Example = (typeof EXAMPLES)[number];

/**
 * Another root to run: a folder of the repository's terraform/ (e.g. modules/member-role/examples/stackset),
 * or, with `files`, a small root written for a test there (its lock file is the local example's).
 */
export interface RootSpec {
  path: string;
  files?: Record<string, string>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformWorkspace {
  /** The working copy of the example root (Terraform's -chdir). */
  rootDir: string;
  /** The environment Terraform runs with (extend it per workspace with createWorkspace's `env`). */
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { allowFailure?: boolean }): Promise<RunResult>;
  /** `terraform show -json <plan>` parsed. */
  showJson(planFile?: string): Promise<unknown>;
  remove(): void;
}

function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function describeFailure(what: string, result: RunResult): Error {
  return new Error(`${what} exited ${result.code}\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-4000)}`);
}

function copyTerraformFiles(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) {
    if (file.endsWith('.tf') || file === '.terraform.lock.hcl') copyFileSync(join(from, file), join(to, file));
  }
}

/** terraform/modules/<name>/ (and their examples/), which the module and the roots call by relative path. */
function copyModules(terraformCopy: string): void {
  const modules = join(MODULE_DIR, 'modules');
  if (!existsSync(modules)) return;
  cpSync(modules, join(terraformCopy, 'modules'), { recursive: true, filter: (source) => !/[/\\]\.terraform([/\\]|$)|\.tfstate/.test(source) });
}

/**
 * Copies the module, the example root and the files they read (the ASL files, the built zips)
 * into a fresh temp dir and initialises the root. `extraEnv` adds to (or, with undefined,
 * removes from) Terraform's environment.
 */
export async function createWorkspace(example: Example | RootSpec, extraEnv: Record<string, string | undefined> = {}): Promise<TerraformWorkspace> {
  const packageDir = await ensurePackages();
  const spec: RootSpec = typeof example === 'string' ? { path: join('examples', example) } : example;
  const root = mkdtempSync(join(tmpdir(), `ops-automation-tf-${spec.path.replace(/[^a-z0-9]+/gi, '-')}-`));
  copyTerraformFiles(MODULE_DIR, join(root, 'terraform'));
  copyModules(join(root, 'terraform'));
  const rootDir = join(root, 'terraform', spec.path);
  if (spec.files) {
    mkdirSync(rootDir, { recursive: true });
    for (const [name, text] of Object.entries(spec.files)) writeFileSync(join(rootDir, name), text);
    copyFileSync(join(MODULE_DIR, 'examples', 'local', '.terraform.lock.hcl'), join(rootDir, '.terraform.lock.hcl'));
  } else {
    copyTerraformFiles(join(MODULE_DIR, spec.path), rootDir);
  }
  cpSync(join(REPO_ROOT, 'statemachines'), join(root, 'statemachines'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  for (const name of DEPLOYED_FUNCTIONS) copyFileSync(join(packageDir, `${name}.zip`), join(root, 'dist', `${name}.zip`));
  // The shell may point TF_CLI_CONFIG_FILE at a missing file; an empty one keeps output clean.
  const cliConfig = join(root, 'terraform.tfrc');
  writeFileSync(cliConfig, '');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_DATA_DIR: join(rootDir, '.terraform'),
  };
  // The provider must talk only to the endpoints its root configures, not to what the SDK
  // variables of the test process name (a test that means otherwise says so in extraEnv).
  for (const name of Object.keys(env)) if (name.startsWith('AWS_ENDPOINT_URL')) delete env[name];
  for (const [name, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const init = await exec(join(REPO_ROOT, 'scripts', 'terraform-init.sh'), ['-lockfile=readonly', '-no-color'], REPO_ROOT, {
    ...env,
    TF_MODULE_DIR: rootDir,
  });
  if (init.code !== 0) throw describeFailure('scripts/terraform-init.sh', init);

  const workspace: TerraformWorkspace = {
    rootDir,
    env,
    async run(args, options = {}) {
      const result = await exec('terraform', [`-chdir=${rootDir}`, ...args], REPO_ROOT, env);
      if (result.code !== 0 && !options.allowFailure) throw describeFailure(`terraform ${args[0] ?? ''}`, result);
      return result;
    },
    async showJson(planFile) {
      const result = await workspace.run(['show', '-json', ...(planFile ? [planFile] : [])]);
      return JSON.parse(result.stdout) as unknown;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  return workspace;
}

/** `terraform fmt -check` on the repository's own files (fmt needs no init). */
export function fmtCheck(): Promise<RunResult> {
  return exec('terraform', ['fmt', '-check', '-recursive', '-diff', '-no-color', MODULE_DIR], REPO_ROOT, {
    ...process.env,
    TF_CLI_CONFIG_FILE: '/dev/null',
  });
}

/** The state machines' ASL files; their `${<folder>_arn}` placeholders name every deployed function. */
export const WORKFLOWS = ['power-schedule', 'cost-report'] as const;

export function aslTemplate(workflow: (typeof WORKFLOWS)[number]): string {
  return readFileSync(join(REPO_ROOT, 'statemachines', `${workflow}.asl.json`), 'utf8');
}

/** Every function the workflow's state machine invokes. */
export function invokedBy(workflow: (typeof WORKFLOWS)[number]): string[] {
  const placeholders = aslTemplate(workflow).matchAll(/\$\{([a-z0-9_]+)_arn\}/g);
  return [...new Set([...placeholders].map((m) => (m[1] ?? '').replace(/_/g, '-')))].sort();
}

/**
 * Functions a workflow's state machine invokes that the other workflow owns (terraform/main.tf
 * `shared_functions`: the owner's role, environment and log group): notify tells about both
 * workflows' runs; resolve-targets starts both.
 */
export const SHARED_FUNCTIONS: Readonly<Record<(typeof WORKFLOWS)[number], readonly string[]>> = { 'power-schedule': ['notify'], 'cost-report': ['resolve-targets'] };

/** The functions deployed as the workflow's own. */
export function functionsOf(workflow: (typeof WORKFLOWS)[number]): string[] {
  return invokedBy(workflow).filter((fn) => !SHARED_FUNCTIONS[workflow].includes(fn));
}

/** Every function, deployed once. */
export const DEPLOYED_FUNCTIONS = WORKFLOWS.flatMap(functionsOf);

/** The ASL as Terraform's templatefile() renders it for the given function ARNs. */
export function renderAsl(workflow: (typeof WORKFLOWS)[number], partition: string, functionArn: (folder: string) => string): unknown {
  const rendered = aslTemplate(workflow).replace(/\$\{([a-z0-9_]+)\}/g, (_, key: string) =>
    key === 'partition' ? partition : functionArn(key.replace(/_arn$/, '').replace(/_/g, '-')),
  );
  return JSON.parse(rendered) as unknown;
}

/**
 * Where the zips are: dist/. Builds it once when a zip is missing, so `npx jest test/terraform`
 * works on a fresh clone.
 */
export async function ensurePackages(): Promise<string> {
  const packageDir = join(REPO_ROOT, 'dist');
  const missing = () => DEPLOYED_FUNCTIONS.filter((name) => !existsSync(join(packageDir, `${name}.zip`)));
  if (missing().length > 0) {
    const build = await exec(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], REPO_ROOT, process.env);
    if (build.code !== 0) throw describeFailure('scripts/build.ts', build);
  }
  if (missing().length > 0) {
    throw new Error(`no zip for ${missing().join(', ')} in ${packageDir}: is functions/<name>/handler.ts written and built?`);
  }
  return packageDir;
}
