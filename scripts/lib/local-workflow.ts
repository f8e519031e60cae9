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
import { S3Client } from '@aws-sdk/client-s3';
import { s3PathStyle } from '../../functions/shared/clients';
import type { LambdaContext } from '../../functions/shared/logger';
import { emulateDistributedMaps, type ChildEvent } from './distributed-map';

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
export function allStates(definition: { States: unknown }): [string, Record<string, unknown>][] {
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

/**
 * Forget the handlers loaded so far: with a fresh module registry (jest.resetModules) the next run
 * loads them anew, as a new deployment's fresh Lambda processes would (config and caches read again).
 */
export function forgetLoadedHandlers(): void {
  handlerCache.clear();
}

/** What a test may put between the state machine and a handler (fault injection, counting). */
export type InvokeHook = (functionDir: string, payload: unknown, invoke: () => Promise<unknown>) => Promise<unknown>;

export interface ProgressEvent {
  type: string;
  state?: string;
  /** The state's type (Task, Map, Choice, ...), on StateEntered/StateExited. */
  stateType?: string;
  index?: number;
  /** On the events of a Distributed Map's child executions: which Map, which item, the child's execution name. */
  child?: { map: string; index: number; execution: string };
  error?: string;
  cause?: string;
  elapsedMs: number;
  input?: unknown;
  output?: unknown;
}

export interface RunOptions {
  /**
   * Start at this state instead of StartAt: what Redrive does when it re-runs a failed step. A
   * Distributed Map is not redriven locally (children are not kept between runs); start after it.
   */
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

/** Child execution events as the parent's log shows them: an ExecutionFailed of a child is not the run's. */
const CHILD_EXECUTION_EVENTS: Record<string, string> = {
  ExecutionStarted: 'ChildExecutionStarted',
  ExecutionSucceeded: 'ChildExecutionSucceeded',
  ExecutionFailed: 'ChildExecutionFailed',
  ExecutionAborted: 'ChildExecutionAborted',
  ExecutionTimeout: 'ChildExecutionTimedOut',
};

interface RawEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type?: string; input?: unknown; output?: unknown };
  parentState?: { name: string };
  index?: number;
  Error?: string;
  Cause?: unknown;
}

function progressEvent(raw: RawEvent, started: number, child?: ChildEvent['child']): ProgressEvent {
  return {
    type: child ? (CHILD_EXECUTION_EVENTS[raw.type] ?? raw.type) : raw.type,
    state: raw.state?.name ?? raw.parentState?.name,
    stateType: raw.state?.type,
    // A child's own top-level events are inside the Map, like an inline iteration's.
    index: raw.index ?? child?.index,
    error: raw.Error,
    cause: causeText(raw.Cause),
    elapsedMs: raw.timestamp - started,
    input: raw.state?.input,
    output: raw.state?.output,
    ...(child ? { child } : {}),
  };
}

export async function runWorkflow(name: WorkflowName, input: unknown, options: RunOptions = {}): Promise<RunResult> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return runDefinition(renderDefinition(name, region), input, { ...options, stateMachineName: `local-${name}` });
}

/**
 * Runs any definition locally: validated as deployed, then executed with the real handlers of the
 * functions its tasks name, Distributed Maps emulated (scripts/lib/distributed-map.ts).
 */
export async function runDefinition(source: StateMachineDefinition, input: unknown, options: RunOptions & { stateMachineName: string }): Promise<RunResult> {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const validationOptions = { checkArn: true, checkPaths: true };
  // Validated as deployed; a redrive then starts later in it, leaving the earlier states
  // unreachable, which the validator would refuse although Step Functions redrives exactly so.
  new StateMachine(source, { validationOptions });
  const executionName = options.executionName ?? `local-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  const events: ProgressEvent[] = [];
  const emit = (event: ProgressEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };

  const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const overrides: Record<string, unknown> = { taskResourceLocalHandlers };
  const s3 = new S3Client({ region, forcePathStyle: s3PathStyle() });
  const emulated = emulateDistributedMaps(source, {
    s3,
    region,
    account: LOCAL_ACCOUNT,
    stateMachineName: options.stateMachineName,
    childRunOptions: () => ({ overrides }),
    emit: ({ raw, child }) => emit(progressEvent(raw as RawEvent, started, child)),
  });
  const definition = emulated.definition;
  if (options.startAt) {
    if (!(options.startAt in definition.States)) throw new Error(`${options.stateMachineName} has no top-level state ${options.startAt}`);
    definition.StartAt = options.startAt;
  }

  // Named from the source: a Distributed Map's child states are no longer nested in the copy.
  for (const state of taskStateNames(source)) {
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
  Object.assign(taskResourceLocalHandlers, emulated.handlers);
  if (options.instantWaits) {
    const zeroes = Object.fromEntries(allStates(source).map(([name]) => [name, 0]));
    overrides.waitTimeOverrides = zeroes;
    overrides.retryIntervalOverrides = zeroes;
  }

  const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const execution = machine.run(input as never, {
    overrides: overrides as never,
    context: {
      Execution: { Id: `arn:aws:states:${region}:${LOCAL_ACCOUNT}:execution:${options.stateMachineName}:${executionName}`, Name: executionName, StartTime: new Date(started).toISOString(), Input: input as never },
      StateMachine: { Id: `arn:aws:states:${region}:${LOCAL_ACCOUNT}:stateMachine:${options.stateMachineName}`, Name: options.stateMachineName },
    } as never,
  });

  const topLevelInputs = new Map<string, unknown>();
  let failedState: string | undefined;
  const consume = (async () => {
    for await (const log of execution.eventLogs) {
      const raw = log as unknown as RawEvent;
      if (raw.type === 'StateEntered' && raw.index === undefined && raw.state) topLevelInputs.set(raw.state.name, raw.state.input);
      if (raw.type === 'StateFailed' && raw.index === undefined && raw.state) failedState = raw.state.name;
      emit(progressEvent(raw, started));
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
  } finally {
    s3.destroy();
  }
}
