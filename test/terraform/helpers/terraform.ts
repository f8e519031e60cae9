/**
 * Runs the real Terraform CLI on a temporary working copy of terraform/ so tests never leave
 * .terraform/, state or plans in the repository. The copy keeps the repository layout the
 * module expects (`../statemachines`), and providers come from scripts/terraform-init.sh, which
 * uses the local mirror when the registry is unreachable.
 *
 * Commands run asynchronously on purpose: the aws-proxy the provider talks to lives in this
 * same Node process, and a synchronous child would block it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const MODULE_DIR = join(REPO_ROOT, 'terraform');
export const LOCAL_EXAMPLE_VARS = join(MODULE_DIR, 'examples', 'local', 'moto.tfvars');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformWorkspace {
  /** The working copy of the module (Terraform's -chdir). */
  moduleDir: string;
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

/**
 * Services the module calls that the emulator provider block (terraform/providers.tf) gives no
 * endpoint yet; for those the provider takes the SDK's AWS_ENDPOINT_URL_<SERVICE>. Drop this once
 * the provider block lists them.
 */
const SERVICES_WITHOUT_PROVIDER_ENDPOINT = ['BACKUP', 'KMS'];

/**
 * Copies terraform/*.tf and the lock file into a fresh temp dir and initialises it. With
 * `emulatorUrl`, the services above reach the emulator too (needed by apply, not by plan).
 */
export async function createWorkspace(options: { emulatorUrl?: string } = {}): Promise<TerraformWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'ops-automation-tf-'));
  const moduleDir = join(root, 'terraform');
  mkdirSync(moduleDir);
  for (const file of readdirSync(MODULE_DIR)) {
    if (file.endsWith('.tf') || file === '.terraform.lock.hcl') copyFileSync(join(MODULE_DIR, file), join(moduleDir, file));
  }
  symlinkSync(join(REPO_ROOT, 'statemachines'), join(root, 'statemachines'));
  // The shell may point TF_CLI_CONFIG_FILE at a missing file; an empty one keeps output clean.
  const cliConfig = join(root, 'terraform.tfrc');
  writeFileSync(cliConfig, '');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_DATA_DIR: join(moduleDir, '.terraform'),
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'testing',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'testing',
  };
  // The provider must talk only to the endpoints the tfvars give it, not to what the SDK
  // variables of the test process name.
  for (const name of Object.keys(env)) if (name.startsWith('AWS_ENDPOINT_URL')) delete env[name];
  for (const service of options.emulatorUrl ? SERVICES_WITHOUT_PROVIDER_ENDPOINT : []) env[`AWS_ENDPOINT_URL_${service}`] = options.emulatorUrl;

  const init = await exec(join(REPO_ROOT, 'scripts', 'terraform-init.sh'), ['-lockfile=readonly', '-no-color'], REPO_ROOT, {
    ...env,
    TF_MODULE_DIR: moduleDir,
  });
  if (init.code !== 0) throw describeFailure('scripts/terraform-init.sh', init);

  const workspace: TerraformWorkspace = {
    moduleDir,
    async run(args, options = {}) {
      const result = await exec('terraform', [`-chdir=${moduleDir}`, ...args], REPO_ROOT, env);
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

export function functionsOf(workflow: (typeof WORKFLOWS)[number]): string[] {
  const placeholders = aslTemplate(workflow).matchAll(/\$\{([a-z0-9_]+)_arn\}/g);
  return [...new Set([...placeholders].map((m) => (m[1] ?? '').replace(/_/g, '-')))].sort();
}

export const DEPLOYED_FUNCTIONS = WORKFLOWS.flatMap(functionsOf);

/** The ASL as Terraform's templatefile() renders it for the given function ARNs. */
export function renderAsl(workflow: (typeof WORKFLOWS)[number], partition: string, functionArn: (folder: string) => string): unknown {
  const rendered = aslTemplate(workflow).replace(/\$\{([a-z0-9_]+)\}/g, (_, key: string) =>
    key === 'partition' ? partition : functionArn(key.replace(/_arn$/, '').replace(/_/g, '-')),
  );
  return JSON.parse(rendered) as unknown;
}

/**
 * Where the zips are: TF_VAR_package_dir if set (Terraform reads it too), else dist/. Builds
 * dist/ once when a zip is missing, so `npx jest test/terraform` works on a fresh clone.
 */
export async function ensurePackages(): Promise<string> {
  const packageDir = process.env.TF_VAR_package_dir || join(REPO_ROOT, 'dist');
  const missing = () => DEPLOYED_FUNCTIONS.filter((name) => !existsSync(join(packageDir, `${name}.zip`)));
  if (missing().length > 0 && !process.env.TF_VAR_package_dir) {
    const build = await exec(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], REPO_ROOT, process.env);
    if (build.code !== 0) throw describeFailure('scripts/build.ts', build);
  }
  if (missing().length > 0) {
    throw new Error(`no zip for ${missing().join(', ')} in ${packageDir}: is functions/<name>/handler.ts written and built?`);
  }
  return packageDir;
}
