/**
 * `ops`: operate the deployed system from a terminal — run a workflow now, list recent
 * executions, explain a failure, redrive it, fetch the latest cost report.
 *   npm run --silent ops -- <command> [options]      (or: npx ops <command>)
 * The state machines and bucket come from flags, OPS_* variables or `terraform output -json`.
 * Results go to stdout, progress to stderr; errors are one line on stderr with exit code 1.
 */
import './lib/polyfills';
import { Command, CommanderError, Option } from 'commander';
import type { Writable } from 'node:stream';
import { checkBackups, plansFromTerraform, readBackupsView, renderInstance, renderOverview } from './ops/backups';
import { createClients, type OpsClients } from './ops/clients';
import { DEFAULT_TF_DIR, knownMachines, MACHINES, requireBucket, requireMachine, resolveDeployment, type Deployment, type MachineName } from './ops/deployment';
import { describeFailure, OpsError } from './ops/errors';
import { addFailureDetails, listRecentExecutions, renderExecutionsTable, resolveExecution, type ExecutionDescription } from './ops/executions';
import { explainExecution, renderExplanation } from './ops/explain';
import { parseChoice, parseIsoDate, parseRegions, parseSince, formatTime } from './ops/names';
import { describeOutcome, watchExecution } from './ops/progress';
import { isPowerRunSummary, readWouldChange, renderPowerRun } from './ops/power-run';
import { parseJson } from '../functions/shared/execution-history';
import { redriveExecution, redriveRefusal, stateMachineType } from './ops/redrive';
import { chooseReport, downloadObject, fileSize, listReports, readSummary, renderSummary } from './ops/report';
import { costReportExecution, powerScheduleExecution, startExecution } from './ops/run';

export interface OpsIo {
  stdout: Pick<Writable, 'write'>;
  stderr: Pick<Writable, 'write'>;
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** Poll interval while following an execution. */
  pollMs?: number;
}

interface GlobalFlags {
  tfDir?: string;
  powerArn?: string;
  costArn?: string;
  bucket?: string;
  prefix?: string;
}

class Context {
  private deployment?: Deployment;
  private clients?: OpsClients;

  constructor(
    readonly io: OpsIo,
    private readonly flags: () => GlobalFlags,
  ) {}

  out(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  progress(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  now(): Date {
    return this.io.now?.() ?? new Date();
  }

  get deployed(): Deployment {
    this.deployment ??= resolveDeployment(this.flags(), this.io.env);
    return this.deployment;
  }

  get aws(): OpsClients {
    this.clients ??= createClients(this.deployed, this.io.env);
    return this.clients;
  }

  /** Idle keep-alive sockets would hold the process open for seconds after the answer. */
  close(): void {
    this.clients?.sfn.destroy();
    this.clients?.s3.destroy();
  }

  /** Follows an execution to its end, then prints the outcome; the exit code says whether it SUCCEEDED. */
  async follow(executionArn: string, since?: Date, prefix = ''): Promise<number> {
    const watched = await watchExecution(this.aws.sfn, executionArn, {
      onLine: (line) => this.progress(`${prefix}${line}`),
      pollMs: this.io.pollMs,
      since,
    });
    const outcome = describeOutcome(watched);
    this.progress(`${prefix}${outcome.summary}`);
    const output = watched.execution.status === 'SUCCEEDED' ? parseJson(watched.execution.output) : undefined;
    if (isPowerRunSummary(output)) {
      const wouldChange = output.dryRun ? await readWouldChange(this.aws.s3, output) : undefined;
      for (const line of renderPowerRun(output, wouldChange)) this.progress(`${prefix}${line}`);
    }
    this.out(outcome.result);
    return outcome.exitCode;
  }
}

function buildProgram(ctx: Context, setExitCode: (code: number) => void): Command {
  const program = new Command()
    .name('ops')
    .description('Operate the deployed power-schedule and cost-report workflows')
    .option('--tf-dir <dir>', `Terraform root to read outputs from (env OPS_TF_DIR; default: ${DEFAULT_TF_DIR})`)
    .option('--power-arn <arn>', 'power-schedule state machine ARN (env OPS_POWER_SCHEDULE_ARN)')
    .option('--cost-arn <arn>', 'cost-report state machine ARN (env OPS_COST_REPORT_ARN)')
    .option('--bucket <name>', 'report bucket (env OPS_REPORT_BUCKET)')
    .option('--prefix <prefix>', 'report key prefix, e.g. reports/ (env OPS_REPORT_PREFIX)')
    .showSuggestionAfterError();

  const action =
    <A extends unknown[]>(handler: (...args: A) => Promise<number>) =>
    async (...args: A): Promise<void> => {
      setExitCode(await handler(...args));
    };

  const run = program.command('run').description('start a workflow now');
  run
    .command('power-schedule')
    .description('stop or start what carries the opt-in tag now: instances, databases, Auto Scaling groups')
    .addOption(new Option('--action <action>', 'stop | start').argParser(parseChoice(['stop', 'start'] as const)).makeOptionMandatory())
    .option('--dry-run', 'check permissions and list what would change (with --wait: each resource), change nothing', false)
    .option('--wait', 'follow the execution until it ends; exit 0 only if it SUCCEEDED', false)
    .action(
      action(async (opts: { action: 'stop' | 'start'; dryRun: boolean; wait: boolean }) => {
        const execution = powerScheduleExecution({ action: opts.action, dryRun: opts.dryRun }, ctx.now());
        return startAndMaybeFollow(ctx, 'power-schedule', execution, opts.wait);
      }),
    );
  run
    .command('cost-report')
    .description('build the cost workbook now')
    .option('--report-date <date>', 'date the report is for (YYYY-MM-DD; default: today)', parseIsoDate)
    .option('--regions <list>', 'comma-separated regions (default: the deployed configuration)', parseRegions)
    .option('--wait', 'follow the execution until it ends; exit 0 only if it SUCCEEDED', false)
    .action(
      action(async (opts: { reportDate?: string; regions?: string[]; wait: boolean }) => {
        const execution = costReportExecution({ reportDate: opts.reportDate, regions: opts.regions }, ctx.now());
        return startAndMaybeFollow(ctx, 'cost-report', execution, opts.wait);
      }),
    );

  program
    .command('executions')
    .description('recent executions: status, duration, and where and why the unsuccessful ones stopped')
    .option('--failed', 'only FAILED, TIMED_OUT and ABORTED executions', false)
    .option('--since <age>', 'started within this long ago: 30m, 24h, 7d, 2w (default: 7d)', parseSince)
    .addOption(new Option('--machine <machine>', MACHINES.join(' | ')).argParser(parseChoice(MACHINES)))
    .action(
      action(async (opts: { failed: boolean; since?: number; machine?: MachineName }) => {
        const machines = knownMachines(ctx.deployed, opts.machine);
        const since = new Date(ctx.now().getTime() - (opts.since ?? parseSince('7d')));
        const rows = await listRecentExecutions(ctx.aws.sfn, machines, { since, unsuccessfulOnly: opts.failed });
        if (rows.length === 0) {
          ctx.out(`no ${opts.failed ? 'unsuccessful ' : ''}executions of ${machines.map(([m]) => m).join(', ')} since ${formatTime(since)}`);
          return 0;
        }
        await addFailureDetails(ctx.aws.sfn, rows);
        ctx.out(renderExecutionsTable(rows, ctx.now()));
        return 0;
      }),
    );

  program
    .command('explain')
    .description('what failed in an execution: instances or price keys, with their AWS error codes')
    .argument('<execution>', 'execution name or ARN')
    .action(
      action(async (ref: string) => {
        const machines = knownMachines(ctx.deployed);
        const { execution, machine } = await resolveExecution(ctx.aws.sfn, ref, machines);
        const explanation = await explainExecution(ctx.aws.sfn, ctx.aws.s3, execution, machine);
        for (const line of renderExplanation(explanation)) ctx.out(line);
        return 0;
      }),
    );

  program
    .command('redrive')
    .description('re-run only what failed (RedriveExecution), then follow it')
    .argument('[execution]', 'execution name or ARN')
    .option('--all-failed', 'every unsuccessful execution that stopped within --since', false)
    .option('--since <age>', 'with --all-failed: stopped within this long ago: 30m, 24h, 7d (default: 24h)', parseSince)
    .option('--no-wait', 'return once AWS accepted the redrive')
    .action(
      action(async (ref: string | undefined, opts: { allFailed: boolean; since?: number; wait: boolean }) => {
        if (ref && opts.allFailed) throw new OpsError('give an execution or --all-failed, not both');
        if (!ref && !opts.allFailed) throw new OpsError('give an execution name or ARN, or --all-failed --since 24h');
        if (opts.since !== undefined && !opts.allFailed) throw new OpsError('--since goes with --all-failed');
        if (ref) return redriveOne(ctx, ref, opts.wait);
        return redriveAll(ctx, opts.since ?? parseSince('24h'), opts.wait);
      }),
    );

  program
    .command('report')
    .description('download a cost workbook and print its Summary totals')
    .option('--latest', 'the newest report (the default)')
    .option('--date <date>', 'the report of this date (YYYY-MM-DD)', parseIsoDate)
    .option('--out <dir>', 'where to save it', 'out')
    .action(
      action(async (opts: { latest?: boolean; date?: string; out: string }) => {
        if (opts.latest && opts.date) throw new OpsError('give --latest or --date, not both');
        const { bucket, prefix } = requireBucket(ctx.deployed);
        const where = `s3://${bucket}/${prefix}`;
        const report = chooseReport(await listReports(ctx.aws.s3, bucket, prefix), where, opts.date);
        const path = await downloadObject(ctx.aws.s3, bucket, report.key, opts.out);
        ctx.out(`downloaded s3://${bucket}/${report.key}`);
        ctx.out(`  to ${path} (${await fileSize(path)})`);
        ctx.out('');
        for (const line of renderSummary(await readSummary(ctx.aws.s3, bucket, prefix, report, path))) ctx.out(line);
        return 0;
      }),
    );
  program
    .command('backups')
    .description('restore points per instance and volume, newest first, and the command that restores one; --check for a cron job or CI')
    .option('--instance <id>', 'every restore point of this instance, per volume, and the command that restores the newest')
    .option('--point <id>', 'with --instance: restore this point instead (snap-..., ami-... or a recovery point ARN)')
    .option('--check', 'exit 1 naming every instance tagged for backup without a point as young as its plan allows', false)
    .option('--regions <list>', 'comma-separated regions (default: AWS_REGION, else the deployment region)', parseRegions)
    .option('--role-arn <arn>', 'role AWS Backup restores with (env OPS_BACKUP_ROLE_ARN; default: terraform output backup_role_arn)')
    .addOption(new Option('--plans-from <source>', 'terraform (output backup_plans) | api (AWS Backup); default: terraform when it has them, else api').argParser(parseChoice(['terraform', 'api'] as const)))
    .action(
      action(async (opts: { instance?: string; point?: string; check: boolean; regions?: string[]; roleArn?: string; plansFrom?: 'terraform' | 'api' }) => {
        if (opts.point && !opts.instance) throw new OpsError('--point goes with --instance i-...');
        if (opts.instance && !/^i-[0-9a-f]{8,17}$/.test(opts.instance)) throw new OpsError(`--instance must be an instance id like i-0123456789abcdef0; got "${opts.instance}"`);
        const deployment = opts.plansFrom === 'api' ? undefined : ctx.deployed.complete();
        const regions = opts.regions ?? [ctx.io.env.AWS_REGION || deployment?.region || ctx.io.env.AWS_DEFAULT_REGION || ''].filter(Boolean);
        if (regions.length === 0) throw new OpsError('no region: set AWS_REGION or pass --regions us-east-1,eu-west-1');
        const fromTerraform = deployment?.backupPlans !== undefined ? plansFromTerraform(deployment.backupPlans, deployment.region ?? regions[0]!) : undefined;
        if (opts.plansFrom === 'terraform' && !fromTerraform) {
          throw new OpsError(`no backup plans in Terraform: ${deployment?.terraformProblem ?? `Terraform in ${ctx.deployed.tfDir} has no output backup_plans`}; use --plans-from api`);
        }
        const now = ctx.now();
        ctx.progress(`backup plans from ${fromTerraform ? 'terraform output backup_plans' : 'the AWS Backup API'}; regions ${regions.join(', ')}`);
        const view = await readBackupsView({
          regions,
          now,
          ...(opts.instance ? { instanceId: opts.instance } : {}),
          ...(fromTerraform ? { terraformPlans: { region: deployment?.region ?? regions[0]!, plans: fromTerraform } } : {}),
        });
        for (const problem of view.problems) ctx.progress(`warning: ${problem}`);
        if (opts.check) {
          const { failing, checked, lines } = checkBackups(view);
          if (failing.length === 0 && view.problems.length === 0) {
            ctx.out(
              checked === 0
                ? `backup check passed: no instance in ${regions.join(', ')} is tagged for a backup plan, so none is missing a point`
                : `backup check passed: all ${checked} instance(s) tagged for backup have a restore point as young as their plan allows`,
            );
            return 0;
          }
          if (failing.length > 0) ctx.out(`backup check failed: ${failing.length} of ${checked} instance(s) tagged for backup have no restore point as young as their plan allows:`);
          for (const line of lines) ctx.out(line);
          if (view.problems.length > 0) ctx.out(`backup check incomplete: ${view.problems.length} read(s) failed (above); it cannot pass`);
          return 1;
        }
        const lines = opts.instance
          ? renderInstance(view, now, { pointId: opts.point, roleArn: opts.roleArn ?? ctx.io.env.OPS_BACKUP_ROLE_ARN ?? deployment?.backupRoleArn })
          : renderOverview(view, now);
        for (const line of lines) ctx.out(line);
        return 0;
      }),
    );
  return program;
}

async function startAndMaybeFollow(
  ctx: Context,
  machine: MachineName,
  execution: { name: string; input: Record<string, unknown> },
  wait: boolean,
): Promise<number> {
  const stateMachineArn = requireMachine(ctx.deployed, machine);
  const { executionArn } = await startExecution(ctx.aws.sfn, stateMachineArn, execution);
  ctx.progress(`started ${machine} ${execution.name} with input ${JSON.stringify(execution.input)}`);
  if (!wait) {
    ctx.out(executionArn);
    ctx.progress(`follow it: ops executions --since 1h   details: ops explain ${execution.name}`);
    return 0;
  }
  return ctx.follow(executionArn);
}

async function redriveOne(ctx: Context, ref: string, wait: boolean): Promise<number> {
  const { execution } = await resolveExecution(ctx.aws.sfn, ref, knownMachines(ctx.deployed));
  const since = await redriveExecution(ctx.aws.sfn, execution, ctx.now());
  ctx.progress(`redrive of ${execution.name} accepted at ${formatTime(since)}`);
  if (!wait) {
    ctx.out(execution.executionArn ?? '');
    return 0;
  }
  return ctx.follow(execution.executionArn ?? '', since);
}

async function redriveAll(ctx: Context, sinceMs: number, wait: boolean): Promise<number> {
  const machines = knownMachines(ctx.deployed);
  const now = ctx.now();
  const since = new Date(now.getTime() - sinceMs);
  const accepted: { execution: ExecutionDescription; at: Date }[] = [];
  let refused = 0;
  for (const [machine, arn] of machines) {
    const type = await stateMachineType(ctx.aws.sfn, arn);
    if (type === 'EXPRESS') {
      ctx.progress(`skipped ${machine}: an Express state machine; AWS redrives Standard workflows only`);
      refused += 1;
      continue;
    }
    const rows = await listRecentExecutions(ctx.aws.sfn, [[machine, arn]], { since, unsuccessfulOnly: true, byStopDate: true });
    for (const row of rows) {
      const { execution } = await resolveExecution(ctx.aws.sfn, row.executionArn, machines);
      const refusal = redriveRefusal(execution, type, now);
      if (refusal) {
        ctx.progress(`skipped ${refusal}`);
        refused += 1;
        continue;
      }
      const at = await redriveExecution(ctx.aws.sfn, execution, now);
      ctx.progress(`redrive of ${execution.name} (${machine}) accepted`);
      accepted.push({ execution, at });
    }
  }
  if (accepted.length === 0 && refused === 0) {
    ctx.out(`no unsuccessful executions stopped since ${formatTime(since)}: nothing to redrive`);
    return 0;
  }
  if (!wait) {
    for (const { execution } of accepted) ctx.out(execution.executionArn ?? '');
    return refused > 0 ? 1 : 0;
  }
  const codes = await Promise.all(accepted.map(({ execution, at }) => ctx.follow(execution.executionArn ?? '', at, `[${execution.name}] `)));
  return refused > 0 || codes.some((code) => code !== 0) ? 1 : 0;
}

/** Runs one command line; returns the exit code. Never throws, never prints a stack trace. */
export async function main(argv: readonly string[], io: OpsIo): Promise<number> {
  let flags: GlobalFlags = {};
  const ctx = new Context(io, () => flags);
  let exitCode = 0;
  const program = buildProgram(ctx, (code) => (exitCode = code));
  // Every subcommand too: they were made before this, and one that kept commander's own exit would
  // end the process on a bad option value instead of returning its exit code.
  const overrideExit = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
    command.commands.forEach(overrideExit);
  };
  overrideExit(program);
  program.hook('preAction', () => {
    flags = program.opts<GlobalFlags>();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (or the help, which exits 0).
      return error.exitCode === 0 ? 0 : 1;
    }
    io.stderr.write(`error: ${describeFailure(error)}\n`);
    return 1;
  } finally {
    ctx.close();
  }
}

export function cli(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`error: ${describeFailure(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) cli();
