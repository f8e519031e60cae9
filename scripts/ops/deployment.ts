/**
 * Where the deployed system is: the state machine ARNs and the report bucket, taken from flags,
 * then environment variables, then `terraform output -json` (read only when a command needs a
 * value still missing, as terraform is slow to start and may not be installed where ops runs).
 */
import { execFileSync } from 'node:child_process';
import { OpsError } from './errors';

export const MACHINES = ['power-schedule', 'cost-report'] as const;
export type MachineName = (typeof MACHINES)[number];

/** The Terraform module's output names this CLI reads. */
export const TERRAFORM_OUTPUTS = {
  powerScheduleArn: 'power_schedule_state_machine_arn',
  costReportArn: 'cost_report_state_machine_arn',
  bucket: 'report_bucket_name',
  prefix: 'report_prefix',
  region: 'region',
  backupPlans: 'backup_plans',
  backupRoleArn: 'backup_role_arn',
} as const;

/**
 * The Terraform root the README deploys with. terraform/ itself is a module without a provider
 * and holds no state, so another root (a copy of the example, examples/local) is named with
 * --tf-dir or OPS_TF_DIR.
 */
export const DEFAULT_TF_DIR = 'terraform/examples/complete';

export interface DeploymentFlags {
  powerArn?: string;
  costArn?: string;
  bucket?: string;
  prefix?: string;
  tfDir?: string;
}

export interface Deployment {
  machines: Partial<Record<MachineName, string>>;
  bucket?: string;
  prefix?: string;
  region?: string;
  /** The module's `backup_plans` output, as Terraform printed it (`ops backups` checks its shape). */
  backupPlans?: unknown;
  /** The role AWS Backup restores with (`backup_role_arn`). */
  backupRoleArn?: string;
  /** Why Terraform outputs could not fill a gap, for the error message when one is needed. */
  terraformProblem?: string;
  tfDir: string;
  /** Fills what flags and variables left open from Terraform outputs (once; terraform is slow to start). */
  complete(): Deployment;
}

export type TerraformOutputs = Record<string, { value?: unknown } | undefined>;

/** Runs `terraform -chdir=<dir> output -json`; returns the outputs or says why there are none. */
export type TerraformReader = (dir: string) => { outputs: TerraformOutputs } | { problem: string };

export const readTerraformOutputs: TerraformReader = (dir) => {
  let stdout: string;
  try {
    stdout = execFileSync('terraform', [`-chdir=${dir}`, 'output', '-json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    const failure = error as { code?: string; stderr?: string | Buffer };
    if (failure.code === 'ENOENT') return { problem: 'terraform is not installed' };
    const detail = String(failure.stderr ?? '')
      .split('\n')
      .map((line) => line.replace(/[│╷╵]/g, '').trim())
      .find((line) => line && !/^Warning:|CLI configuration/.test(line));
    return { problem: `\`terraform -chdir=${dir} output -json\` failed${detail ? `: ${detail}` : ''}` };
  }
  try {
    const outputs = JSON.parse(stdout) as TerraformOutputs;
    if (Object.keys(outputs).length === 0) return { problem: `Terraform in ${dir} has no outputs (nothing deployed yet? run terraform apply)` };
    return { outputs };
  } catch {
    return { problem: `\`terraform -chdir=${dir} output -json\` did not print JSON` };
  }
};

function outputString(outputs: TerraformOutputs, name: string): string | undefined {
  const value = outputs[name]?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}

export function resolveDeployment(
  flags: DeploymentFlags,
  env: Record<string, string | undefined>,
  readOutputs: TerraformReader = readTerraformOutputs,
): Deployment {
  const tfDir = nonEmpty(flags.tfDir) ?? nonEmpty(env.OPS_TF_DIR) ?? DEFAULT_TF_DIR;
  let read = false;
  const deployment: Deployment = {
    machines: {
      'power-schedule': nonEmpty(flags.powerArn) ?? nonEmpty(env.OPS_POWER_SCHEDULE_ARN),
      'cost-report': nonEmpty(flags.costArn) ?? nonEmpty(env.OPS_COST_REPORT_ARN),
    },
    bucket: nonEmpty(flags.bucket) ?? nonEmpty(env.OPS_REPORT_BUCKET),
    // An empty prefix is meaningful (reports at the bucket root), so only undefined falls through.
    prefix: flags.prefix ?? env.OPS_REPORT_PREFIX,
    tfDir,
    complete() {
      if (read) return deployment;
      read = true;
      const found = readOutputs(tfDir);
      if ('problem' in found) {
        deployment.terraformProblem = found.problem;
        return deployment;
      }
      const { outputs } = found;
      deployment.machines['power-schedule'] ??= outputString(outputs, TERRAFORM_OUTPUTS.powerScheduleArn);
      deployment.machines['cost-report'] ??= outputString(outputs, TERRAFORM_OUTPUTS.costReportArn);
      deployment.bucket ??= outputString(outputs, TERRAFORM_OUTPUTS.bucket);
      const prefix = outputs[TERRAFORM_OUTPUTS.prefix]?.value;
      deployment.prefix ??= typeof prefix === 'string' ? prefix : undefined;
      deployment.region = outputString(outputs, TERRAFORM_OUTPUTS.region);
      deployment.backupPlans = outputs[TERRAFORM_OUTPUTS.backupPlans]?.value;
      deployment.backupRoleArn ??= outputString(outputs, TERRAFORM_OUTPUTS.backupRoleArn);
      return deployment;
    },
  };
  return deployment;
}

const MACHINE_SOURCES: Record<MachineName, { flag: string; env: string; output: string }> = {
  'power-schedule': { flag: '--power-arn', env: 'OPS_POWER_SCHEDULE_ARN', output: TERRAFORM_OUTPUTS.powerScheduleArn },
  'cost-report': { flag: '--cost-arn', env: 'OPS_COST_REPORT_ARN', output: TERRAFORM_OUTPUTS.costReportArn },
};

function whyUnknown(deployment: Deployment, output: string): string {
  return deployment.terraformProblem ?? `Terraform in ${deployment.tfDir} has no output ${output}`;
}

export function requireMachine(deployment: Deployment, machine: MachineName): string {
  const arn = deployment.machines[machine] ?? deployment.complete().machines[machine];
  if (arn) return arn;
  const source = MACHINE_SOURCES[machine];
  throw new OpsError(
    `cannot find the ${machine} state machine: ${whyUnknown(deployment, source.output)}; pass ${source.flag} or set ${source.env}`,
  );
}

/** Every machine we know of; at least one, or the same error as requireMachine. */
export function knownMachines(deployment: Deployment, only?: MachineName): [MachineName, string][] {
  if (only) return [[only, requireMachine(deployment, only)]];
  if (MACHINES.some((m) => !deployment.machines[m])) deployment.complete();
  const known = MACHINES.flatMap((m): [MachineName, string][] => {
    const arn = deployment.machines[m];
    return arn ? [[m, arn]] : [];
  });
  if (known.length === 0) {
    throw new OpsError(
      `nothing deployed found: ${deployment.terraformProblem ?? `Terraform in ${deployment.tfDir} has no state machine outputs`}; pass --power-arn / --cost-arn or set OPS_POWER_SCHEDULE_ARN / OPS_COST_REPORT_ARN`,
    );
  }
  return known;
}

export function requireBucket(deployment: Deployment): { bucket: string; prefix: string } {
  if (!deployment.bucket || deployment.prefix === undefined) deployment.complete();
  if (!deployment.bucket) {
    throw new OpsError(
      `cannot find the report bucket: ${whyUnknown(deployment, TERRAFORM_OUTPUTS.bucket)}; pass --bucket or set OPS_REPORT_BUCKET`,
    );
  }
  return { bucket: deployment.bucket, prefix: deployment.prefix ?? '' };
}

/** `arn:aws:states:<region>:<account>:stateMachine:<name>` → its region. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region ? region : undefined;
}
