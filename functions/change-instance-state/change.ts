/**
 * ChangeInstanceState, one inline Map iteration in a target's child execution: reads its batch of
 * ids from S3, stops or starts them (a failing call is bisected down to the ids it fails on), and
 * writes every outcome back beside the batch. Only the counts travel, so the Map's result stays
 * small whatever fails.
 */
import { changeGroupsByName } from '../shared/auto-scaling-groups';
import { changeInstanceState } from '../shared/change-instances';
import { changeDatabasesByArn } from '../shared/databases';
import { scheduleToday } from '../shared/overrides';
import type { DecisionLog } from '../shared/logger';
import { runFolder, targetKeys, type BatchObject, type OutcomeObject, type TargetWork } from '../shared/power-store';
import type { ChangedBatch, Counts, PowerAction } from '../shared/power-types';
import { addCount } from '../shared/tally';
import { targetLabel, type Target } from '../shared/targets';

/** The iteration's input: the ASL's ItemSelector of ChangeBatches. */
export interface BatchRun {
  executionName: string;
  action: PowerAction;
  dryRun: boolean;
  target: Target;
  batch: number;
}

export interface ChangeBatchDeps extends TargetWork {
  /** The opt-in tag's key: the Auto Scaling groups' saved-sizes tag is named after it. */
  tagKey: string;
  log: DecisionLog;
  /** When the run happens: the date a DB's StoppedAt tag records; now when absent. */
  now?: Date;
}

export async function changeBatch(run: BatchRun, deps: ChangeBatchDeps): Promise<ChangedBatch> {
  const keys = targetKeys(runFolder(deps.workPrefix, run.executionName), run.target);
  const where = targetLabel(run.target);
  const { instanceIds, hibernate, reason, kind } = await deps.store.read<BatchObject>(keys.batch(run.batch), `batch ${run.batch} of ${where}`);
  const { ec2, autoScaling, rds } = await deps.clientsFor(run.target, run);
  let outcomes: OutcomeObject;
  if (kind === 'rds') {
    if (!rds) throw new Error(`no RDS client for ${where}`);
    outcomes = await changeDatabasesByArn(instanceIds, run, { rds, tagKey: deps.tagKey, where, log: deps.log, today: scheduleToday(deps.now, undefined) });
  } else if (kind === 'asg') {
    if (!autoScaling) throw new Error(`no Auto Scaling client for ${where}`);
    outcomes = await changeGroupsByName(instanceIds, run, { autoScaling, tagKey: deps.tagKey, where, log: deps.log });
  } else {
    outcomes = await changeInstanceState({ action: run.action, dryRun: run.dryRun, instanceIds, hibernate, reason }, { ec2, log: deps.log });
  }
  await deps.store.write(keys.outcome(run.batch), outcomes);
  const counts: Counts = {};
  for (const o of outcomes) addCount(counts, o.outcome);
  return { batch: run.batch, counts };
}
