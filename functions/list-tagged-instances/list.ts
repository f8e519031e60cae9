/**
 * ListTaggedInstances, in one target's child execution: reaches the account (or finds it cannot),
 * lists what the action can change there, and writes the instance ids to S3 in batches of 50 and
 * the skipped instances beside them. Only batch numbers and counts travel on to the inline Map.
 */
import { chunk, mapConcurrently } from '../shared/batch';
import { asStepError, awsErrorCode } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { runFolder, targetKeys, type BatchObject, type JsonStore, type SkippedObject } from '../shared/power-store';
import { BATCH_SIZE, SKIPPED_SAMPLE_SIZE, type TargetListing, type TargetResult, type TargetRun } from '../shared/power-types';
import type { TargetAccess } from '../shared/target-access';
import { listTaggedInstances } from '../shared/tagged-instances';
import { isUnreachable, targetLabel } from '../shared/targets';

export interface ListTargetDeps {
  clientsFor: TargetAccess['clientsFor'];
  store: JsonStore;
  workPrefix: string;
  tagKey: string;
  pageSize: number;
  log: DecisionLog;
}

const WRITES_AT_ONCE = 8;

export async function listTarget(run: TargetRun, deps: ListTargetDeps): Promise<TargetListing | TargetResult> {
  const where = targetLabel(run.target);
  let tagged;
  try {
    const { ec2 } = await deps.clientsFor(run.target, run);
    tagged = await listTaggedInstances(run, { ec2, where, tagKey: deps.tagKey, pageSize: deps.pageSize, log: deps.log });
  } catch (error) {
    if (!isUnreachable(error)) throw asStepError(error, `listing instances in ${where}`);
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn('target unreachable', { where, errorCode: awsErrorCode(error), reason: message });
    return { target: run.target, status: 'unreachable', error: { Error: awsErrorCode(error), Cause: message } };
  }

  const keys = targetKeys(runFolder(deps.workPrefix, run.executionName), run.target);
  const batches = chunk(tagged.eligible, BATCH_SIZE);
  await mapConcurrently(batches, WRITES_AT_ONCE, (instanceIds, batch) => deps.store.write(keys.batch(batch), { instanceIds } satisfies BatchObject));
  const skipped: SkippedObject = tagged.skipped.map((s) => ({ accountId: run.target.accountId, region: run.target.region, ...s }));
  if (skipped.length > 0) await deps.store.write(keys.skipped, skipped);
  return {
    ...run,
    status: 'listed',
    batches: batches.map((_, batch) => batch),
    eligible: tagged.eligible.length,
    skipped: skipped.length,
    skippedSample: skipped.slice(0, SKIPPED_SAMPLE_SIZE),
  };
}
