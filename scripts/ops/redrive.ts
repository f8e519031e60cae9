/**
 * `ops redrive`: RedriveExecution for one failed execution or all recent ones, after checking what
 * AWS would refuse, so the operator reads why in plain words instead of an API error.
 */
import { DescribeStateMachineCommand, RedriveExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { awsErrorCode } from '../../functions/shared/errors';
import { OpsError } from './errors';
import type { ExecutionDescription } from './executions';
import { formatTime } from './names';

/** AWS redrives an execution only within 14 days of its stop. */
export const REDRIVE_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** Why AWS would refuse to redrive this execution, or undefined when it can. */
export function redriveRefusal(execution: ExecutionDescription, machineType: string | undefined, now: Date): string | undefined {
  const name = execution.name ?? execution.executionArn ?? 'execution';
  if (machineType === 'EXPRESS' || execution.executionArn?.includes(':express:')) {
    return `${name} belongs to an Express state machine: AWS redrives Standard workflows only; start a new run instead (ops run ...)`;
  }
  switch (execution.status) {
    case 'SUCCEEDED':
      return `${name} SUCCEEDED: there is nothing to redrive`;
    case 'RUNNING':
    case 'PENDING_REDRIVE':
      return `${name} is still ${execution.status === 'RUNNING' ? 'running' : 'waiting to be redriven'}: wait for it to end`;
  }
  if (execution.stopDate && now.getTime() - execution.stopDate.getTime() > REDRIVE_WINDOW_DAYS * DAY_MS) {
    return `${name} stopped ${formatTime(execution.stopDate)}, more than ${REDRIVE_WINDOW_DAYS} days ago: AWS redrives only within ${REDRIVE_WINDOW_DAYS} days of the stop; start a new run instead`;
  }
  if (execution.redriveStatus === 'NOT_REDRIVABLE') {
    return `${name} cannot be redriven: ${execution.redriveStatusReason ?? 'AWS says it is not redrivable'}`;
  }
  return undefined;
}

export async function stateMachineType(sfn: SFNClient, stateMachineArn: string | undefined): Promise<string | undefined> {
  if (!stateMachineArn) return undefined;
  return (await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).type;
}

/** Checks, then redrives; returns when AWS accepted it (the redrive date starts the new attempt). */
export async function redriveExecution(sfn: SFNClient, execution: ExecutionDescription, now: Date = new Date()): Promise<Date> {
  const refusal = redriveRefusal(execution, await stateMachineType(sfn, execution.stateMachineArn), now);
  if (refusal) throw new OpsError(refusal);
  try {
    const response = await sfn.send(new RedriveExecutionCommand({ executionArn: execution.executionArn, clientToken: randomUUID() }));
    return response.redriveDate ?? now;
  } catch (error) {
    if (awsErrorCode(error) === 'ExecutionNotRedrivable') {
      throw new OpsError(`${execution.name} cannot be redriven: ${(error as Error).message}`);
    }
    throw error;
  }
}
