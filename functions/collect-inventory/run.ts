/** Checks the input of one target's collection (the Inventories Map's ItemSelector); a wrong field fails fast, naming it. */
import { isValidRegion } from '../shared/config';
import type { TargetCollectRun } from '../shared/cost-types';
import { isCalendarDate } from '../shared/dates';
import { InvalidInputError } from '../shared/errors';
import { validateExecutionName } from '../shared/execution-name';

export function validateTargetCollectRun(event: unknown): TargetCollectRun {
  const e = (event ?? {}) as Record<string, unknown>;
  const executionName = validateExecutionName(e.executionName);
  if (!isCalendarDate(e.reportDate)) throw new InvalidInputError('reportDate', `must be a date YYYY-MM-DD, got ${JSON.stringify(e.reportDate)}`);
  const target = (e.target ?? {}) as Record<string, unknown>;
  if (typeof target.accountId !== 'string' || !/^\d{12}$/.test(target.accountId)) {
    throw new InvalidInputError('target.accountId', `must be a 12-digit account id, got ${JSON.stringify(target.accountId)}`);
  }
  if (typeof target.region !== 'string' || !isValidRegion(target.region)) {
    throw new InvalidInputError('target.region', `must be a region code like ap-northeast-2, got ${JSON.stringify(target.region)}`);
  }
  return { executionName, reportDate: e.reportDate, target: { accountId: target.accountId, region: target.region } };
}
