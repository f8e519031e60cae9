/**
 * Finding executions: by name or ARN across the deployed machines, and listing recent ones with
 * where and why each unsuccessful one stopped (the `ops executions` table).
 */
import {
  DescribeExecutionCommand,
  paginateListExecutions,
  type DescribeExecutionCommandOutput,
  type ExecutionListItem,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import Table from 'cli-table3';
import { awsErrorCode } from '../../functions/shared/errors';
import { OpsError } from './errors';
import type { MachineName } from './deployment';
import { causeMessage } from '../../functions/shared/errors';
import { fetchHistory, findFailurePoint } from '../../functions/shared/execution-history';
import { formatDuration, formatTime } from './names';
import { truncate } from '../../functions/shared/plain-text';

export type ExecutionDescription = Omit<DescribeExecutionCommandOutput, '$metadata'>;

export interface ResolvedExecution {
  execution: ExecutionDescription;
  machine?: MachineName;
}

function isMissing(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code === 'ExecutionDoesNotExist' || code === 'InvalidArn';
}

function executionArnFor(machineArn: string, name: string): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export function machineOfArn(stateMachineArn: string | undefined, machines: readonly [MachineName, string][]): MachineName | undefined {
  return machines.find(([, arn]) => arn === stateMachineArn)?.[0];
}

/** An execution given by ARN, or by name looked up in each known state machine. */
export async function resolveExecution(
  sfn: SFNClient,
  ref: string,
  machines: readonly [MachineName, string][],
): Promise<ResolvedExecution> {
  const candidates = ref.startsWith('arn:') ? [ref] : machines.map(([, arn]) => executionArnFor(arn, ref));
  for (const executionArn of candidates) {
    try {
      const { $metadata: _, ...execution } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return { execution, machine: machineOfArn(execution.stateMachineArn, machines) };
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  const where = ref.startsWith('arn:') ? '' : ` in ${machines.map(([m]) => m).join(' or ')}`;
  throw new OpsError(`no such execution: "${ref}"${where} (list them with: ops executions)`);
}

export interface ExecutionRow {
  name: string;
  executionArn: string;
  machine: MachineName;
  status: string;
  startDate?: Date;
  stopDate?: Date;
  failedState?: string;
  error?: string;
  cause?: string;
}

const UNSUCCESSFUL = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** Executions of each machine, newest first, whose start (or stop, with byStopDate) is within the window. */
export async function listRecentExecutions(
  sfn: SFNClient,
  machines: readonly [MachineName, string][],
  options: { since: Date; unsuccessfulOnly?: boolean; byStopDate?: boolean },
): Promise<ExecutionRow[]> {
  // Runs last at most hours, so an execution stopped in the window started at most a day before it.
  const pageCutoff = options.byStopDate ? new Date(options.since.getTime() - 86_400_000) : options.since;
  const rows: ExecutionRow[] = [];
  for (const [machine, stateMachineArn] of machines) {
    scan: for await (const page of paginateListExecutions({ client: sfn, pageSize: 100 }, { stateMachineArn })) {
      for (const item of page.executions ?? []) {
        if (item.startDate && item.startDate < pageCutoff) break scan;
        if (!inWindow(item, options)) continue;
        if (options.unsuccessfulOnly && !UNSUCCESSFUL.has(item.status ?? '')) continue;
        rows.push({
          name: item.name ?? '?',
          executionArn: item.executionArn ?? '',
          machine,
          status: item.status ?? '?',
          startDate: item.startDate,
          stopDate: item.stopDate,
        });
      }
    }
  }
  return rows.sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0));
}

function inWindow(item: ExecutionListItem, options: { since: Date; byStopDate?: boolean }): boolean {
  const when = options.byStopDate ? (item.stopDate ?? item.startDate) : item.startDate;
  return !when || when >= options.since;
}

/** Fills in failed state, error and cause of the unsuccessful rows (a few calls each, 4 at a time). */
export async function addFailureDetails(sfn: SFNClient, rows: ExecutionRow[]): Promise<void> {
  const pending = rows.filter((row) => UNSUCCESSFUL.has(row.status));
  const worker = async (): Promise<void> => {
    for (let row = pending.shift(); row; row = pending.shift()) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: row.executionArn }));
      const failure = findFailurePoint(await fetchHistory(sfn, row.executionArn));
      row.failedState = failure?.state;
      row.error = described.error ?? failure?.error;
      row.cause = causeMessage(described.cause ?? failure?.cause);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

export function durationOf(row: { startDate?: Date; stopDate?: Date }, now: Date): string {
  if (!row.startDate) return '';
  const text = formatDuration((row.stopDate ?? now).getTime() - row.startDate.getTime());
  return row.stopDate ? text : `${text} so far`;
}

export function renderExecutionsTable(rows: readonly ExecutionRow[], now: Date = new Date()): string {
  const table = new Table({
    head: ['Name', 'Machine', 'Status', 'Start (UTC)', 'Duration', 'Failed state', 'Error'],
    style: { head: [], border: [] },
    wordWrap: false,
  });
  for (const row of rows) {
    const error = row.error ? `${row.error}${row.cause ? `: ${row.cause}` : ''}` : '';
    table.push([row.name, row.machine, row.status, formatTime(row.startDate), durationOf(row, now), row.failedState ?? '', truncate(error, 100)]);
  }
  return table.toString();
}
