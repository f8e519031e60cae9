import { changeInstanceState } from '../shared/change-instances';
import { ec2Client } from '../shared/clients';
import { logger, withLambdaContext } from '../shared/logger';
import type { BatchResult, PowerAction, TaskEvent } from '../shared/power-types';
import { toBatchResult } from './change';

interface ChangeInput {
  action: PowerAction;
  dryRun: boolean;
  region: string;
  instanceIds: string[];
}

export const handler = withLambdaContext(async ({ input }: TaskEvent<ChangeInput>): Promise<BatchResult> => {
  const outcomes = await changeInstanceState(input, { ec2: ec2Client(input.region), log: logger });
  return toBatchResult(input.region, outcomes);
});
