/**
 * Executes a state machine file locally with aws-local-stepfunctions: the same ASL Terraform
 * deploys, rendered with local placeholder values, each Lambda task served in-process by the real
 * handler of the function its FunctionName names. Used by the `workflow` CLI, the demo, the
 * workflow tests and the benchmarks, so they all exercise one path.
 */
import './polyfills';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LambdaContext } from '../../functions/shared/logger';

export const REPO_ROOT = join(__dirname, '..', '..');
export const WORKFLOWS = ['power-schedule', 'cost-report'] as const;
export type WorkflowName = (typeof WORKFLOWS)[number];

// A syntactically valid account id for local ARNs only; nothing is deployed with it.
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_FUNCTION_PREFIX = 'local-';

export function isWorkflowName(name: string): name is WorkflowName {
  return (WORKFLOWS as readonly string[]).includes(name);
}

export function aslPath(name: WorkflowName): string {
  return join(REPO_ROOT, 'statemachines', `${name}.asl.json`);
}

/** Placeholders as Terraform's templatefile() sees them: `${partition}` and `${<function>_arn}`. */
export function renderDefinition(name: WorkflowName, region = 'us-east-1'): StateMachineDefinition {
  const template = readFileSync(aslPath(name), 'utf8');
  const rendered = template.replace(/\$\{([a-z0-9_]+)\}/g, (_, key: string) => {
    if (key === 'partition') return 'aws';
    if (key.endsWith('_arn')) {
      return localFunctionArn(key.slice(0, -'_arn'.length).replace(/_/g, '-'), region);
    }
    throw new Error(`${aslPath(name)}: unknown placeholder \${${key}}`);
  });
  return JSON.parse(rendered) as StateMachineDefinition;
}

type StateMap = Record<string, Record<string, unknown>>;

/** Every state with its name, including those inside Map and Parallel states. */
function allStates(definition: { States: unknown }): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  for (const [name, state] of Object.entries(definition.States as StateMap)) {
    found.push([name, state]);
    const nested = (state.ItemProcessor ?? state.Iterator) as { States: unknown } | undefined;
    if (nested) found.push(...allStates(nested));
    for (const branch of (state.Branches as { States: unknown }[] | undefined) ?? []) found.push(...allStates(branch));
  }
  return found;
}

/** Every Task state name, including those inside Map and Parallel states. */
export function taskStateNames(definition: { States: unknown }): string[] {
  return allStates(definition).filter(([, state]) => state.Type === 'Task').map(([name]) => name);
}

function localFunctionArn(functionDir: string, region: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT}:function:${LOCAL_FUNCTION_PREFIX}${functionDir}`;
}

/**
 * The invocation context the Lambda runtime passes with each call, for a handler served in-process
 * (the runner, tests): a fresh request id per call; 128 MB is Lambda's default memory size.
 */
export function localLambdaContext(functionDir: string, region = process.env.AWS_REGION ?? 'us-east-1'): LambdaContext {
  return {
    functionName: `${LOCAL_FUNCTION_PREFIX}${functionDir}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionDir, region),
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
  };
}

export function functionDirFromArn(functionName: string): string {
  const name = functionName.split(':').pop() ?? functionName;
  return name.startsWith(LOCAL_FUNCTION_PREFIX) ? name.slice(LOCAL_FUNCTION_PREFIX.length) : name;
}

type Handler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/**
 * What Step Functions sees of a failed Lambda: the error's name (matched by Retry/Catch) and its
 * message. The executor would otherwise report an error's `cause` (the SDK error we wrap) as the
 * Cause, hiding the message that names the field or bucket.
 */
function asFunctionError(error: unknown): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const failure = new Error(error instanceof Error ? error.message : String(error));
  failure.name = name;
  return failure;
}
const handlerCache = new Map<string, Handler>();

async function loadHandler(functionDir: string): Promise<Handler> {
  let handler = handlerCache.get(functionDir);
  if (!handler) {
    // Required on first use, after the caller has set the environment the handler's config reads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(REPO_ROOT, 'functions', functionDir, 'handler')) as { handler?: Handler };
    if (typeof mod.handler !== 'function') throw new Error(`functions/${functionDir}/handler.ts exports no handler`);
    handler = mod.handler;
    handlerCache.set(functionDir, handler);
  }
  return handler;
}

/** What a test may put between the state machine and a handler (fault injection, counting). */
export type InvokeHook = (functionDir: string, payload: unknown, invoke: () => Promise<unknown>) => Promise<unknown>;

export interface ProgressEvent {
  type: string;
  state?: string;
  index?: number;
  error?: string;
  cause?: string;
  elapsedMs: number;
  input?: unknown;
  output?: unknown;
}

export interface RunOptions {
  /** Start at this state instead of StartAt: what Redrive does when it re-runs a failed step. */
  startAt?: string;
  executionName?: string;
  /** Make Retry intervals and Wait states instant (tests); real runs keep the ASL's timing. */
  instantWaits?: boolean;
  onEvent?: (event: ProgressEvent) => void;
  invokeHook?: InvokeHook;
}

export interface RunResult {
  status: 'SUCCEEDED' | 'FAILED';
  executionName: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The top-level state where the execution failed, and the input it had: Redrive's starting point. */
  failedState?: string;
  failedStateInput?: unknown;
  events: ProgressEvent[];
}

function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  return JSON.stringify(cause);
}

export async function runWorkflow(name: WorkflowName, input: unknown, options: RunOptions = {}): Promise<RunResult> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const definition = renderDefinition(name, region);
  const validationOptions = { checkArn: true, checkPaths: true };
  if (options.startAt) {
    if (!(options.startAt in definition.States)) throw new Error(`${name} has no top-level state ${options.startAt}`);
    // Validated as deployed; the redrive then starts later in it, leaving the earlier states
    // unreachable, which the validator would refuse although Step Functions redrives exactly so.
    new StateMachine(definition, { validationOptions });
    definition.StartAt = options.startAt;
  }
  const executionName = options.executionName ?? `local-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;

  const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const state of taskStateNames(definition)) {
    taskResourceLocalHandlers[state] = async (resolved: unknown) => {
      const { FunctionName, Payload } = resolved as { FunctionName: string; Payload: unknown };
      const functionDir = functionDirFromArn(FunctionName);
      const handler = await loadHandler(functionDir);
      // A JSON round trip, as the Lambda service does: what cannot be serialized fails here too.
      const context = localLambdaContext(functionDir, region);
      const invoke = async () => JSON.parse(JSON.stringify((await handler(JSON.parse(JSON.stringify(Payload ?? null)), context)) ?? null));
      try {
        const result = options.invokeHook ? await options.invokeHook(functionDir, Payload, invoke) : await invoke();
        return { Payload: result, StatusCode: 200 };
      } catch (error) {
        throw asFunctionError(error);
      }
    };
  }
  const overrides: Record<string, unknown> = { taskResourceLocalHandlers };
  if (options.instantWaits) {
    const zeroes = Object.fromEntries(allStates(definition).map(([name]) => [name, 0]));
    overrides.waitTimeOverrides = zeroes;
    overrides.retryIntervalOverrides = zeroes;
  }

  const machine = new StateMachine(definition, {
    validationOptions: options.startAt ? { noValidate: true } : validationOptions,
  });
  const started = Date.now();
  const execution = machine.run(input as never, {
    overrides: overrides as never,
    context: { Execution: { Id: `arn:aws:states:${region}:${LOCAL_ACCOUNT}:execution:local-${name}:${executionName}`, Name: executionName, StartTime: new Date(started).toISOString(), Input: input as never } },
  });

  const events: ProgressEvent[] = [];
  const topLevelInputs = new Map<string, unknown>();
  let failedState: string | undefined;
  const consume = (async () => {
    for await (const log of execution.eventLogs) {
      const raw = log as unknown as {
        type: string;
        state?: { name: string; input?: unknown; output?: unknown };
        parentState?: { name: string };
        index?: number;
        Error?: string;
        Cause?: unknown;
      };
      const event: ProgressEvent = {
        type: raw.type,
        state: raw.state?.name ?? raw.parentState?.name,
        index: raw.index,
        error: raw.Error,
        cause: causeText(raw.Cause),
        elapsedMs: log.timestamp - started,
        input: raw.state?.input,
        output: raw.state?.output,
      };
      if (raw.type === 'StateEntered' && raw.index === undefined && raw.state) topLevelInputs.set(raw.state.name, raw.state.input);
      if (raw.type === 'StateFailed' && raw.index === undefined && raw.state) failedState = raw.state.name;
      events.push(event);
      options.onEvent?.(event);
    }
  })();

  try {
    const output = await execution.result;
    await consume;
    return { status: 'SUCCEEDED', executionName, output, events };
  } catch (error) {
    await consume.catch(() => undefined);
    const failure = events.findLast((e) => e.type === 'ExecutionFailed');
    const inner = (error as { cause?: unknown }).cause ?? error;
    return {
      status: 'FAILED',
      executionName,
      error: failure?.error ?? (inner as Error).name,
      cause: failure?.cause ?? (inner as Error).message,
      failedState,
      failedStateInput: failedState ? topLevelInputs.get(failedState) : undefined,
      events,
    };
  }
}
