/**
 * What a Distributed Map's Map Run did, read the way AWS exposes it: the parent's history names
 * only the Map Run (`MapRunStarted`), its children are separate executions. DescribeMapRun gives
 * the counts; ListExecutions({mapRunArn, statusFilter}) the unsuccessful children; DescribeExecution
 * per child its input (the item, as the Map's ItemSelector built it), error and cause.
 *
 * Which children are described: FAILED and TIMED_OUT, the ones that count against the tolerated
 * failure threshold and so are why the Map Run failed. ABORTED children were stopped because it
 * failed (or by hand): they are counted, from DescribeMapRun, not listed. At most
 * DESCRIBED_CHILDREN_CAP are described (one call each), so a Map Run where thousands failed is
 * still explained in seconds; the rest are counted. A refusal or error on any call is kept as a
 * problem and the rest is still read: one unreadable child never hides the others.
 */
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  paginateListExecutions,
  type ExecutionListItem,
  type MapRunItemCounts,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { mapConcurrently } from '../../functions/shared/batch';
import { awsErrorCode } from '../../functions/shared/errors';
import { parseJson } from '../../functions/shared/execution-history';

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
  /** Unsuccessful children listed past the cap, not described. */
  notDescribed: number;
  /** Calls that were refused or failed, each saying which and why. */
  problems: string[];
}

function why(error: unknown): string {
  return `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`;
}

async function listUnsuccessful(sfn: SFNClient, mapRunArn: string, statusFilter: UnsuccessfulStatus): Promise<ExecutionListItem[]> {
  const listed: ExecutionListItem[] = [];
  for await (const page of paginateListExecutions({ client: sfn, pageSize: 1000 }, { mapRunArn, statusFilter })) {
    listed.push(...(page.executions ?? []));
  }
  return listed;
}

async function describeChild(sfn: SFNClient, listed: ExecutionListItem, status: UnsuccessfulStatus): Promise<MapRunChild> {
  const child: MapRunChild = { executionArn: listed.executionArn ?? '?', name: listed.name ?? '?', status };
  try {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: listed.executionArn }));
    return { ...child, input: parseJson(described.input), error: described.error, cause: described.cause };
  } catch (error) {
    return { ...child, unreadable: why(error) };
  }
}

export async function readMapRunFailures(sfn: SFNClient, mapRunArn: string, cap = DESCRIBED_CHILDREN_CAP): Promise<MapRunFailures> {
  const result: MapRunFailures = { mapRunArn, children: [], notDescribed: 0, problems: [] };
  try {
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    result.status = run.status;
    result.itemCounts = run.itemCounts;
  } catch (error) {
    result.problems.push(`DescribeMapRun ${mapRunArn}: ${why(error)}`);
  }
  const unsuccessful: { listed: ExecutionListItem; status: UnsuccessfulStatus }[] = [];
  for (const status of LISTED_STATUSES) {
    try {
      unsuccessful.push(...(await listUnsuccessful(sfn, mapRunArn, status)).map((listed) => ({ listed, status })));
    } catch (error) {
      result.problems.push(`ListExecutions of the Map Run's ${status} child executions: ${why(error)}`);
    }
  }
  const described = unsuccessful.slice(0, cap);
  result.notDescribed = unsuccessful.length - described.length;
  result.children = await mapConcurrently(described, DESCRIBE_CONCURRENCY, ({ listed, status }) => describeChild(sfn, listed, status));
  return result;
}
