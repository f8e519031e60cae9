/**
 * Local runner: `npm run --silent workflow -- <power-schedule|cost-report> [--input JSON]`.
 * Executes the real ASL with the real handlers against whatever the standard SDK variables point
 * to. Progress goes to stderr, one line per state; the execution output is the last stdout line,
 * as one JSON object; the exit code is 0 only when the execution SUCCEEDED.
 */
import { Command, InvalidArgumentError } from 'commander';
import { isWorkflowName, runWorkflow, WORKFLOWS, type ProgressEvent } from './lib/local-workflow';

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('must be JSON, e.g. \'{"action":"stop"}\'');
  }
}

/**
 * One line per top-level state, written when the state ends: retries and caught errors (also
 * those of Map iterations and of a Distributed Map's child executions, which it counts) are folded
 * into that line; an attempt that failed and was retried is not a failure of the state.
 */
class ProgressPrinter {
  private current: { state: string; enteredMs: number; retries: number; caught: number; children: number } | undefined;
  private lastFailure: ProgressEvent | undefined;

  constructor(private readonly write: (line: string) => void) {}

  handle(event: ProgressEvent): void {
    const topLevel = event.index === undefined;
    if (event.type === 'StateEntered' && topLevel && event.state) {
      this.current = { state: event.state, enteredMs: event.elapsedMs, retries: 0, caught: 0, children: 0 };
      this.lastFailure = undefined;
    } else if (event.type === 'StateRetried' && this.current) {
      this.current.retries += 1;
      if (topLevel) this.lastFailure = undefined;
    } else if (event.type === 'StateCaught' && this.current) {
      this.current.caught += 1;
    } else if (event.type === 'ChildExecutionStarted' && this.current) {
      this.current.children += 1;
    } else if (event.type === 'StateFailed' && topLevel) {
      this.lastFailure = event;
    } else if (event.type === 'StateExited' && topLevel && this.current) {
      this.write(`${this.prefix(event)} succeeded${this.details(event)}`);
      this.current = undefined;
    } else if (event.type === 'ExecutionFailed') {
      const failure = this.lastFailure ?? event;
      const what = this.current ? `${this.prefix(event)} failed${this.details(event)}` : `${this.stamp(event)} execution failed`;
      this.write(`${what}: ${failure.error ?? 'error'}${failure.cause ? ` — ${failure.cause}` : ''}`);
    }
  }

  private stamp(event: ProgressEvent): string {
    return `[${(event.elapsedMs / 1000).toFixed(2).padStart(7)}s]`;
  }

  private prefix(event: ProgressEvent): string {
    return `${this.stamp(event)} ${this.current?.state ?? event.state}`;
  }

  private details(event: ProgressEvent): string {
    const current = this.current;
    if (!current) return '';
    const parts = [`${((event.elapsedMs - current.enteredMs) / 1000).toFixed(2)}s`];
    if (current.children > 0) parts.push(`${current.children} child ${current.children === 1 ? 'execution' : 'executions'}`);
    if (current.retries > 0) parts.push(`${current.retries} ${current.retries === 1 ? 'retry' : 'retries'}`);
    if (current.caught > 0) parts.push(`${current.caught} caught`);
    return ` (${parts.join(', ')})`;
  }
}

async function main(): Promise<number> {
  const program = new Command()
    .name('workflow')
    .description('Run a state machine locally with its real Lambda handlers')
    .argument('<name>', `workflow: ${WORKFLOWS.join(' | ')}`)
    .option('--input <json>', 'execution input as JSON', parseJson)
    .option('--start-at <state>', 'start at this top-level state (what Redrive does for a failed step)')
    .showHelpAfterError();
  program.parse();
  const [name] = program.args as [string];
  const opts = program.opts<{ input?: unknown; startAt?: string }>();
  if (!isWorkflowName(name)) {
    process.stderr.write(`error: unknown workflow "${name}"; choose one of: ${WORKFLOWS.join(', ')}\n`);
    return 2;
  }
  const input = opts.input ?? (name === 'power-schedule' ? undefined : {});
  if (input === undefined) {
    process.stderr.write('error: power-schedule needs --input, e.g. --input \'{"action":"stop"}\'\n');
    return 2;
  }
  const progress = new ProgressPrinter((line) => process.stderr.write(`${line}\n`));
  // The handlers' JSON logs go to stdout in Lambda; here stdout must carry only the result line,
  // so everything written during the execution goes to stderr beside the progress lines.
  const writeResult = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  let result;
  try {
    result = await runWorkflow(name, input, {
      startAt: opts.startAt,
      onEvent: (event) => progress.handle(event),
    });
  } finally {
    process.stdout.write = writeResult;
  }
  const line =
    result.status === 'SUCCEEDED'
      ? result.output
      : { status: result.status, error: result.error, cause: result.cause, failedState: result.failedState, executionName: result.executionName };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
