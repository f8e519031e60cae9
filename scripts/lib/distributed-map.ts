/**
 * Local runs only: a Distributed Map state, executed the way Step Functions does, for
 * aws-local-stepfunctions, which has no Distributed Map. This is the one documented difference
 * between local and deployed runs; the definition itself is validated as deployed first, and
 * production code never knows.
 *
 * Each DISTRIBUTED Map state is replaced, in a copy of the definition, by a Task state with the
 * Map's InputPath, ResultSelector, ResultPath, OutputPath, Retry and Catch (so those behave as the
 * executor applies them to any state), whose local handler does what the Map Run does:
 *   - reads the items: ItemReader `s3:getObject` (ReaderConfig InputType JSON or JSONL, MaxItems)
 *     from the S3 the SDK variables point to, or ItemsPath from the state input;
 *   - builds each child's input with ItemSelector ($$.Map.Item.Index/Value, the parent's context);
 *   - runs the ItemProcessor as a separate child execution per item, with its own context
 *     (Execution.Name, Id, StateMachine), at most MaxConcurrency at a time;
 *   - fails the Map Run with States.ExceedToleratedFailureThreshold once more children failed than
 *     ToleratedFailurePercentage / ToleratedFailureCount allow (none set: no failure is tolerated),
 *     stopping the children still running;
 *   - writes the ResultWriter export exactly as the service does (`<Prefix>/<map run id>/`
 *     manifest.json and SUCCEEDED_0.json / FAILED_0.json / PENDING_0.json, child execution records
 *     with AWS's field names) and returns {MapRunArn, ResultWriterDetails: {Bucket, Key}}; without
 *     a ResultWriter, the children's outputs in item order.
 * Reading fails with States.ItemReaderFailed, writing with States.ResultWriterFailed, as on AWS.
 * Not emulated (refused with a clear error rather than guessed): ItemBatcher, WriterConfig,
 * ItemReader sources other than one S3 object, and JSONata.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

type Json = Record<string, unknown>;

/** A raw event of aws-local-stepfunctions' event log, with where it came from. */
export interface ChildEvent {
  raw: Json & { type: string; timestamp: number };
  child?: { map: string; index: number; execution: string };
}

export interface DistributedMapRuntime {
  s3: S3Client;
  region: string;
  account: string;
  /** The state machine's name, for the ARNs a Map Run and its children get. */
  stateMachineName: string;
  /** The run options every child execution gets (task handlers, instant waits). */
  childRunOptions(): Json;
  emit(event: ChildEvent): void;
}

/**
 * What Step Functions records for a Map Run that failed past its tolerated failure threshold: the
 * error and cause of its MapRunFailed event (mapRunFailedEventDetails) and of the Map state's failure.
 */
export const EXCEEDED_TOLERATED_FAILURE_THRESHOLD = { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' } as const;

const REFUSED_FIELDS = ['ItemBatcher', 'ItemsPointer', 'Items', 'Arguments', 'Output', 'MaxConcurrencyPath', 'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'];
/** JavaScript timers cap at 2^31-1 ms; a Map Run is bounded by the execution's own TimeoutSeconds. */
const TASK_TIMEOUT_SECONDS = 20 * 24 * 3600;

export function isDistributedMap(state: Json): boolean {
  return state.Type === 'Map' && (state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}

class StatesError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** JSONPath Parameters/ItemSelector as the executor itself resolves them: a one-state Pass machine. */
async function resolveTemplate(template: unknown, input: unknown, context: Json): Promise<unknown> {
  const machine = new StateMachine({ StartAt: 'T', States: { T: { Type: 'Pass', Parameters: template, End: true } } } as never, {
    validationOptions: { noValidate: true },
  });
  return machine.run(input as never, { context: context as never }).result;
}

async function readItems(state: Json, input: unknown, context: Json, runtime: DistributedMapRuntime): Promise<unknown[]> {
  const reader = state.ItemReader as { Resource?: string; ReaderConfig?: { InputType?: string; MaxItems?: number }; Parameters?: unknown } | undefined;
  if (!reader) {
    const path = (state.ItemsPath as string | undefined) ?? '$';
    const items = await resolveTemplate({ 'items.$': path }, input, context);
    const list = (items as { items?: unknown }).items;
    if (!Array.isArray(list)) throw new StatesError('States.Runtime', `ItemsPath ${path} does not point to an array`);
    return list;
  }
  const inputType = reader.ReaderConfig?.InputType;
  if (!/^arn:[\w-]+:states:::s3:getObject$/.test(reader.Resource ?? '') || (inputType !== 'JSON' && inputType !== 'JSONL')) {
    throw new Error(`local runner: ItemReader ${reader.Resource} with InputType ${inputType} is not emulated (only s3:getObject of JSON or JSONL)`);
  }
  const { Bucket, Key } = (await resolveTemplate(reader.Parameters, input, context)) as { Bucket: string; Key: string };
  let items: unknown[];
  try {
    const object = await runtime.s3.send(new GetObjectCommand({ Bucket, Key }));
    const text = (await object.Body?.transformToString('utf-8')) ?? '';
    items = inputType === 'JSON' ? (JSON.parse(text) as unknown[]) : text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as unknown);
    if (!Array.isArray(items)) throw new Error('the object is not a JSON array');
  } catch (error) {
    throw new StatesError('States.ItemReaderFailed', `Reading s3://${Bucket}/${Key} failed: ${(error as Error).message}`);
  }
  const max = reader.ReaderConfig?.MaxItems;
  return max ? items.slice(0, max) : items;
}

interface ChildRecord {
  index: number;
  name: string;
  arn: string;
  input: unknown;
  startDate?: string;
  stopDate?: string;
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'PENDING';
  output?: unknown;
  error?: string;
  cause?: string;
}

function tooManyFailed(state: Json, failed: number, total: number): boolean {
  const percentage = state.ToleratedFailurePercentage as number | undefined;
  const count = state.ToleratedFailureCount as number | undefined;
  if (percentage === undefined && count === undefined) return failed > 0;
  return (count !== undefined && failed > count) || (percentage !== undefined && total > 0 && (failed / total) * 100 > percentage);
}

/** A child execution record as the service writes it to a result file. */
function exported(record: ChildRecord, childMachineArn: string): Json {
  const common = {
    ExecutionArn: record.arn,
    Input: JSON.stringify(record.input),
    InputDetails: { Included: true },
    Name: record.name,
    StateMachineArn: childMachineArn,
    Status: record.status,
    ...(record.startDate ? { StartDate: record.startDate } : {}),
    ...(record.stopDate ? { StopDate: record.stopDate } : {}),
  };
  if (record.status === 'SUCCEEDED') {
    return {
      ...common,
      Output: JSON.stringify(record.output),
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
      RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    };
  }
  return { ...common, Error: record.error, Cause: record.cause, RedriveCount: 0, RedriveStatus: record.status === 'PENDING' ? 'NOT_REDRIVABLE' : 'REDRIVABLE' };
}

async function writeResults(
  state: Json,
  input: unknown,
  context: Json,
  run: { id: string; arn: string; childMachineArn: string },
  records: ChildRecord[],
  runtime: DistributedMapRuntime,
): Promise<Json> {
  const writer = state.ResultWriter as { Resource?: string; Parameters?: unknown; WriterConfig?: unknown };
  if (writer.WriterConfig || !/^arn:[\w-]+:states:::s3:putObject$/.test(writer.Resource ?? '')) {
    throw new Error('local runner: only a ResultWriter with Resource s3:putObject and no WriterConfig is emulated');
  }
  const { Bucket, Prefix } = (await resolveTemplate(writer.Parameters, input, context)) as { Bucket: string; Prefix?: string };
  const folder = `${Prefix ? `${Prefix.replace(/\/+$/, '')}/` : ''}${run.id}/`;
  const files: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  const put = async (key: string, body: string) => {
    try {
      await runtime.s3.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: 'application/json' }));
    } catch (error) {
      throw new StatesError('States.ResultWriterFailed', `Writing s3://${Bucket}/${key} failed: ${(error as Error).message}`);
    }
  };
  const groups: [keyof typeof files, ChildRecord[]][] = [
    ['SUCCEEDED', records.filter((r) => r.status === 'SUCCEEDED')],
    ['FAILED', records.filter((r) => r.status === 'FAILED' || r.status === 'ABORTED')],
    ['PENDING', records.filter((r) => r.status === 'PENDING')],
  ];
  for (const [status, group] of groups) {
    if (group.length === 0) continue;
    const key = `${folder}${status}_0.json`;
    const body = JSON.stringify(group.map((r) => exported(r, run.childMachineArn)));
    await put(key, body);
    files[status].push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifestKey = `${folder}manifest.json`;
  await put(manifestKey, JSON.stringify({ DestinationBucket: Bucket, MapRunArn: run.arn, ResultFiles: files }));
  return { MapRunArn: run.arn, ResultWriterDetails: { Bucket, Key: manifestKey } };
}

/** What the Map Run does for one execution of the Map state. */
async function runMap(mapName: string, state: Json, input: unknown, context: Json, runtime: DistributedMapRuntime): Promise<unknown> {
  for (const field of REFUSED_FIELDS) {
    if (field in state) throw new Error(`local runner: ${field} on Distributed Map ${mapName} is not emulated`);
  }
  if (state.QueryLanguage === 'JSONata') throw new Error(`local runner: JSONata on Distributed Map ${mapName} is not emulated`);
  const items = await readItems(state, input, context, runtime);
  const label = (state.Label as string | undefined) ?? mapName;
  const id = randomUUID();
  const childMachine = `${runtime.stateMachineName}/${label}`;
  const run = {
    id,
    arn: `arn:aws:states:${runtime.region}:${runtime.account}:mapRun:${childMachine}:${id}`,
    childMachineArn: `arn:aws:states:${runtime.region}:${runtime.account}:stateMachine:${childMachine}`,
  };
  const { ProcessorConfig: _config, ...processor } = state.ItemProcessor as Json;
  const childDefinition = processor as unknown as StateMachineDefinition;
  const records: ChildRecord[] = items.map((_, index) => {
    const name = randomUUID();
    return { index, name, arn: `arn:aws:states:${runtime.region}:${runtime.account}:execution:${childMachine}:${name}`, input: undefined, status: 'PENDING' };
  });
  // As in the parent's history on AWS: the Map Run's ARN is how a reader finds its children.
  runtime.emit({ raw: { type: 'MapRunStarted', timestamp: Date.now(), state: { name: mapName }, length: items.length, mapRunStartedEventDetails: { mapRunArn: run.arn } } });

  const aborts = new Map<number, () => void>();
  let failed = 0;
  let stopped = false;
  let next = 0;
  const runChild = async (record: ChildRecord): Promise<void> => {
    const item = items[record.index];
    const mapContext = { ...context, Map: { Item: { Index: record.index, Value: item } } };
    record.input = state.ItemSelector ? await resolveTemplate(state.ItemSelector, input, mapContext) : item;
    record.startDate = new Date().toISOString();
    const child = { map: mapName, index: record.index, execution: record.name };
    const execution = new StateMachine(childDefinition, { validationOptions: { noValidate: true } }).run(record.input as never, {
      ...runtime.childRunOptions(),
      noThrowOnAbort: true,
      context: { Execution: { Id: record.arn, Name: record.name }, StateMachine: { Id: run.childMachineArn, Name: childMachine } },
    } as never);
    aborts.set(record.index, execution.abort);
    const forwarding = (async () => {
      for await (const event of execution.eventLogs) runtime.emit({ raw: event as unknown as ChildEvent['raw'], child });
    })();
    try {
      const output = await execution.result;
      record.status = stopped && output === null ? 'ABORTED' : 'SUCCEEDED';
      record.output = output;
    } catch (error) {
      const inner = ((error as { cause?: unknown }).cause ?? error) as Error;
      record.status = 'FAILED';
      record.error = inner.name;
      record.cause = inner.message;
      failed += 1;
    } finally {
      record.stopDate = new Date().toISOString();
      aborts.delete(record.index);
      await forwarding.catch(() => undefined);
    }
    if (!stopped && tooManyFailed(state, failed, items.length)) {
      stopped = true;
      for (const abort of aborts.values()) abort();
    }
  };
  const worker = async (): Promise<void> => {
    while (!stopped && next < records.length) {
      const record = records[next]!;
      next += 1;
      await runChild(record);
    }
  };
  const concurrency = (state.MaxConcurrency as number | undefined) || records.length || 1;
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(records.length, 1)) }, worker));

  const result = state.ResultWriter
    ? await writeResults(state, input, context, run, records, runtime)
    : records.map((r) => r.output);
  if (stopped) {
    runtime.emit({ raw: { type: 'MapRunFailed', timestamp: Date.now(), state: { name: mapName }, mapRunFailedEventDetails: { ...EXCEEDED_TOLERATED_FAILURE_THRESHOLD } } });
    throw new StatesError(EXCEEDED_TOLERATED_FAILURE_THRESHOLD.error, `The Map Run ${run.arn} failed: ${failed} of ${items.length} child executions failed, more than its tolerated failure threshold`);
  }
  if (!state.ResultWriter && failed > 0) throw new Error('local runner: tolerated child failures without a ResultWriter are not emulated');
  runtime.emit({ raw: { type: 'MapRunSucceeded', timestamp: Date.now(), state: { name: mapName } } });
  return result;
}

type States = Record<string, Json>;

/**
 * A copy of `definition` where every Distributed Map (at any depth) is a Task served by the
 * returned handlers, keyed by state name as aws-local-stepfunctions' taskResourceLocalHandlers are.
 */
export function emulateDistributedMaps(
  definition: StateMachineDefinition,
  runtime: DistributedMapRuntime,
): { definition: StateMachineDefinition; handlers: Record<string, (input: unknown) => Promise<unknown>> } {
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  const rewrite = (machine: { States: States }): { States: States } => {
    const states: States = {};
    for (const [name, state] of Object.entries(machine.States)) {
      const nested = (state.ItemProcessor ?? state.Iterator) as { States: States } | undefined;
      const copy: Json = { ...state };
      if (nested) copy[state.ItemProcessor ? 'ItemProcessor' : 'Iterator'] = { ...nested, ...rewrite(nested) };
      if (Array.isArray(state.Branches)) copy.Branches = (state.Branches as { States: States }[]).map((b) => ({ ...b, ...rewrite(b) }));
      if (!isDistributedMap(state)) {
        states[name] = copy;
        continue;
      }
      const mapState = copy;
      handlers[name] = async (resolved) => {
        const { input, context } = resolved as { input: unknown; context: Json };
        return runMap(name, mapState, input, context, runtime);
      };
      const kept = ['InputPath', 'ResultSelector', 'ResultPath', 'OutputPath', 'Retry', 'Catch', 'Next', 'End', 'Comment'];
      states[name] = {
        Type: 'Task',
        Resource: `arn:aws:states:::local:distributed-map`,
        Parameters: { 'input.$': '$', 'context.$': '$$' },
        TimeoutSeconds: TASK_TIMEOUT_SECONDS,
        ...Object.fromEntries(kept.filter((k) => k in state).map((k) => [k, state[k]])),
      };
    }
    return { States: states };
  };
  return { definition: { ...definition, ...rewrite(definition as unknown as { States: States }) } as unknown as StateMachineDefinition, handlers };
}
