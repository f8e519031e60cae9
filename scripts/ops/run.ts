/** `ops run`: start a workflow now, with a name that says it was started by hand, what for and when. */
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { PowerAction } from '../../functions/shared/power-types';
import { executionName } from './names';

export interface PowerScheduleRun {
  action: PowerAction;
  dryRun: boolean;
}

export interface CostReportRun {
  reportDate?: string;
  regions?: string[];
}

export function powerScheduleExecution(run: PowerScheduleRun, now = new Date()): { name: string; input: Record<string, unknown> } {
  return {
    name: executionName(run.dryRun ? `${run.action}-dryrun` : run.action, now),
    input: { action: run.action, dryRun: run.dryRun },
  };
}

export function costReportExecution(run: CostReportRun, now = new Date()): { name: string; input: Record<string, unknown> } {
  return {
    name: executionName('cost-report', now),
    input: { ...(run.reportDate ? { reportDate: run.reportDate } : {}), ...(run.regions ? { regions: run.regions } : {}) },
  };
}

export async function startExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  execution: { name: string; input: Record<string, unknown> },
): Promise<{ executionArn: string; startDate?: Date }> {
  const started = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: execution.name, input: JSON.stringify(execution.input) }),
  );
  return { executionArn: started.executionArn ?? '', startDate: started.startDate };
}
