/**
 * ChangeInstanceState, one inline Map iteration in a target's child execution: reads its batch of
 * ids from S3, stops or starts them (a failing call is bisected down to the ids it fails on), and
 * writes every outcome back beside the batch. Only the counts travel, so the Map's result stays
 * small whatever fails.
 */
import { changeInstanceState } from '../shared/change-instances';
import type { DecisionLog } from '../shared/logger';
import { runFolder, targetKeys, type BatchObject, type JsonStore, type OutcomeObject } from '../shared/power-store';
import type { ChangedBatch, Counts, PowerAction } from '../shared/power-types';
import { addCount } from '../shared/tally';
import type { TargetAccess } from '../shared/target-access';
import { targetLabel, type Target } from '../shared/targets';

/** The iteration's input: the ASL's ItemSelector of ChangeBatches. */
export interface BatchRun {
  executionName: string;
  action: PowerAction;
  dryRun: boolean;
  target: Target;
  batch: number;
}

export interface ChangeBatchDeps {
  clientsFor: TargetAccess['clientsFor'];
  store: JsonStore;
  workPrefix: string;
  log: DecisionLog;
}

export async function changeBatch(run: BatchRun, deps: ChangeBatchDeps): Promise<ChangedBatch> {
  const keys = targetKeys(runFolder(deps.workPrefix, run.executionName), run.target);
  const { instanceIds } = await deps.store.read<BatchObject>(keys.batch(run.batch), `batch ${run.batch} of ${targetLabel(run.target)}`);
  const { ec2 } = await deps.clientsFor(run.target, run);
  const outcomes: OutcomeObject = await changeInstanceState({ action: run.action, dryRun: run.dryRun, instanceIds }, { ec2, log: deps.log });
  await deps.store.write(keys.outcome(run.batch), outcomes);
  const counts: Counts = {};
  for (const o of outcomes) addCount(counts, o.outcome);
  return { batch: run.batch, counts };
}
