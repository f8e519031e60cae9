/**
 * What a Distributed Map's Map Run did, read the way AWS exposes it: the parent's history names
 * only the Map Run (`MapRunStarted`), its children are separate executions. DescribeMapRun gives
 * the counts; ListExecutions({mapRunArn, statusFilter}) the unsuccessful children; DescribeExecution
 * per child its input (the item, as the Map's ItemSelector built it), error and cause.
 *
 * Which children are described: FAILED and TIMED_OUT, the ones that count against the tolerated
 * failure threshold and so are why the Map Run failed. ABORTED children were stopped because it
 * failed (or by hand): they are counted, from DescribeMapRun, not listed. At most
 * DESCRIBED_CHILDREN_CAP are listed and described (one call each), and how many more there are
 * comes from DescribeMapRun's executionCounts, so a Map Run where thousands failed costs one
 * ListExecutions page of `cap` children, not one page per 1,000 of them. Only when DescribeMapRun
 * cannot be read are the children counted by listing them all. A refusal or error on any call is
 * kept as a problem and the rest is still read: one unreadable child never hides the others.
 *
 * Read by `ops explain` (all of it, up to the cap) and by the notify function's message for a
 * failed execution (the first few, with a smaller cap), so both name the same items the same way.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListExecutionsCommand,
  type ExecutionListItem,
  type MapRunExecutionCounts,
  type MapRunItemCounts,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { mapConcurrently } from './batch';
import { awsErrorCode, causeMessage } from './errors';
import { parseJson } from './execution-history';
import { truncate } from './plain-text';

export const DESCRIBED_CHILDREN_CAP = 50;
const DESCRIBE_CONCURRENCY = 10;
const LISTED_STATUSES = ['FAILED', 'TIMED_OUT'] as const;

export type UnsuccessfulStatus = (typeof LISTED_STATUSES)[number];

export interface MapRunChild {
  executionArn: string;
  name: string;
  status: UnsuccessfulStatus;
  /** The child's input: the item as the Map's ItemSelector built it. */
  input?: unknown;
  error?: string;
  cause?: string;
  /** Why DescribeExecution failed for this child (AWS error code: message), when it did. */
  unreadable?: string;
}

export interface MapRunFailures {
  mapRunArn: string;
  status?: string;
  /** Items by outcome (one item per child execution: no ItemBatcher in our state machines). */
  itemCounts?: MapRunItemCounts;
  /** The unsuccessful children described, FAILED first, in the order AWS lists them. */
  children: MapRunChild[];
  /** Unsuccessful children past the cap, not described (counted by DescribeMapRun, else by listing them). */
  notDescribed: number;
  /** Calls that were refused or failed, each saying which and why. */
  problems: MapRunProblem[];
}

export interface MapRunProblem {
  /** The call, short: "DescribeMapRun", "ListExecutions FAILED". */
  call: string;
  /** The AWS error code, e.g. AccessDeniedException. */
  code: string;
  /** The call with what it asked for, the error code and AWS's message. */
  text: string;
}

/** An AWS error as one line: its code, then its message. */
export function errorText(error: unknown): string {
  return `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`;
}

function problem(call: string, asked: string, error: unknown): MapRunProblem {
  return { call, code: awsErrorCode(error), text: `${asked}: ${errorText(error)}` };
}

/** ListExecutions' largest page. */
const LIST_PAGE_MAX = 1000;

/** The Map Run's children in `statusFilter`, the first `limit` of them (all of them without a limit), page by page. */
async function listUnsuccessful(sfn: SFNClient, mapRunArn: string, statusFilter: UnsuccessfulStatus, limit = Infinity): Promise<ExecutionListItem[]> {
  const listed: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const maxResults = Math.min(limit - listed.length, LIST_PAGE_MAX);
    const page = await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter, maxResults, nextToken }));
    listed.push(...(page.executions ?? []).slice(0, limit - listed.length));
    nextToken = page.nextToken;
  } while (nextToken && listed.length < limit);
  return listed;
}

/** How many children ended in `status`, from DescribeMapRun's executionCounts. */
function counted(counts: MapRunExecutionCounts, status: UnsuccessfulStatus): number {
  return (status === 'FAILED' ? counts.failed : counts.timedOut) ?? 0;
}

async function describeChild(sfn: SFNClient, listed: ExecutionListItem, status: UnsuccessfulStatus): Promise<MapRunChild> {
  const child: MapRunChild = { executionArn: listed.executionArn ?? '?', name: listed.name ?? '?', status };
  try {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: listed.executionArn }));
    return { ...child, input: parseJson(described.input), error: described.error, cause: described.cause };
  } catch (error) {
    return { ...child, unreadable: errorText(error) };
  }
}

export async function readMapRunFailures(sfn: SFNClient, mapRunArn: string, cap = DESCRIBED_CHILDREN_CAP): Promise<MapRunFailures> {
  const result: MapRunFailures = { mapRunArn, children: [], notDescribed: 0, problems: [] };
  let executionCounts: MapRunExecutionCounts | undefined;
  try {
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    result.status = run.status;
    result.itemCounts = run.itemCounts;
    executionCounts = run.executionCounts;
  } catch (error) {
    result.problems.push(problem('DescribeMapRun', `DescribeMapRun ${mapRunArn}`, error));
  }
  const unsuccessful: { listed: ExecutionListItem; status: UnsuccessfulStatus }[] = [];
  let unsuccessfulCount = 0;
  for (const status of LISTED_STATUSES) {
    // With the counts known, list only the children that will be described, and none of a status that has none.
    const limit = executionCounts ? Math.min(counted(executionCounts, status), Math.max(cap - unsuccessful.length, 0)) : Infinity;
    if (executionCounts) unsuccessfulCount += counted(executionCounts, status);
    if (limit === 0) continue;
    try {
      unsuccessful.push(...(await listUnsuccessful(sfn, mapRunArn, status, limit)).map((listed) => ({ listed, status })));
    } catch (error) {
      result.problems.push(problem(`ListExecutions ${status}`, `ListExecutions of the Map Run's ${status} child executions`, error));
    }
  }
  const described = unsuccessful.slice(0, cap);
  result.notDescribed = Math.max((executionCounts ? unsuccessfulCount : unsuccessful.length) - described.length, 0);
  result.children = await mapConcurrently(described, DESCRIBE_CONCURRENCY, ({ listed, status }) => describeChild(sfn, listed, status));
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** A price key by its id, else the key as JSON. */
export function keyLabel(key: Record<string, unknown> | undefined): string {
  if (!key) return '(input not recorded)';
  return typeof key.id === 'string' ? key.id : JSON.stringify(key);
}

/** A Map Run child's item, from its input: a price key by id, a target by account and region. */
export function itemLabel(input: unknown): string {
  if (isRecord(input) && isRecord(input.key)) return keyLabel(input.key);
  if (isRecord(input) && isRecord(input.target)) return `${String(input.target.accountId ?? '-')} ${String(input.target.region ?? '?')}`;
  return input === undefined ? '(input not recorded)' : truncate(JSON.stringify(input), 120);
}

/** A described child's outcome on one line: its error (or status) and the cause's message, cut at `maxCause`. */
export function childOutcome(child: MapRunChild, maxCause: number): string {
  return `${child.error ?? child.status}: ${truncate(causeMessage(child.cause) ?? '', maxCause)}`;
}

/** The calls that could not be read, short: "DescribeMapRun: AccessDeniedException; ...". */
export function problemCodes(run: MapRunFailures): string {
  return run.problems.map((p) => `${p.call}: ${p.code}`).join('; ');
}

/** What the Map Run's items are, from the children's inputs. */
export function itemsNoun(run: MapRunFailures): string {
  const inputs = run.children.map((child) => child.input);
  if (inputs.some((input) => isRecord(input) && isRecord(input.key))) return 'Price keys';
  if (inputs.some((input) => isRecord(input) && isRecord(input.target))) return 'Targets';
  return 'Items';
}

/** "2 failed, 1 timed out of 120 items; 2 aborted, 115 succeeded", from DescribeMapRun's item counts. */
export function mapRunCounts(run: MapRunFailures): string | undefined {
  const c = run.itemCounts;
  if (!c) return undefined;
  const unsuccessful = [`${c.failed ?? 0} failed`, ...(c.timedOut ? [`${c.timedOut} timed out`] : [])].join(', ');
  const others = [`${c.aborted ?? 0} aborted`, `${c.succeeded ?? 0} succeeded`, ...(c.pending ? [`${c.pending} not started`] : []), ...(c.running ? [`${c.running} running`] : [])];
  return `${unsuccessful} of ${c.total ?? '?'} items; ${others.join(', ')}`;
}

/** Whether the Map Run itself did not succeed (or could not be read); one that did is not why its state failed. */
export function mapRunFailed(run: MapRunFailures): boolean {
  return run.status !== 'SUCCEEDED' || run.children.length > 0 || run.notDescribed > 0;
}
