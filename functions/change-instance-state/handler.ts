import { ec2Client } from '../shared/clients';
import { logger } from '../shared/logger';
import type { BatchResult, PowerAction } from '../shared/power-types';
import { changeInstanceState } from '../shared/change-instances';
import { toBatchResult } from './change';

interface ChangeEvent {
  action: PowerAction;
  dryRun: boolean;
  region: string;
  instanceIds: string[];
}

export const handler = async (event: ChangeEvent): Promise<BatchResult> => {
  const outcomes = await changeInstanceState(event, { ec2: ec2Client(event.region), log: logger });
  return toBatchResult(event.region, outcomes);
};
