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

function progressLine(event: ProgressEvent): string | undefined {
  const at = `[${(event.elapsedMs / 1000).toFixed(2).padStart(7)}s]`;
  const where = event.index === undefined ? event.state : `${event.state}[${event.index}]`;
  switch (event.type) {
    case 'StateEntered':
      return event.index === undefined ? `${at} ${where} entered` : undefined;
    case 'StateExited':
      return event.index === undefined ? `${at} ${where} succeeded` : undefined;
    case 'StateFailed':
      return `${at} ${where} failed: ${event.error}${event.cause ? ` — ${event.cause}` : ''}`;
    case 'StateRetried':
      return `${at} ${where} retrying after ${event.error ?? 'error'}`;
    case 'StateCaught':
      return `${at} ${where} error caught`;
    case 'MapIterationFailed':
      return `${at} ${where} iteration failed: ${event.error}`;
    case 'ExecutionSucceeded':
      return `${at} execution SUCCEEDED`;
    case 'ExecutionFailed':
      return `${at} execution FAILED: ${event.error}`;
    default:
      return undefined;
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
  const result = await runWorkflow(name, input, {
    startAt: opts.startAt,
    onEvent: (event) => {
      const line = progressLine(event);
      if (line) process.stderr.write(`${line}\n`);
    },
  });
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
