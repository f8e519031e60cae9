/**
 * A power-schedule run's results, read back from S3 through the Distributed Map's ResultWriter
 * manifest: each target's result (what its child execution returned), the targets whose child
 * did not finish (failed, or never ran), and the instances each target left unfinished. Read by
 * RetryUnfinished, by Summarize, by Notify (for a run that failed) and by `ops explain`, which must
 * agree on what a run did and left undone.
 */
import { mapConcurrently } from './batch';
import { parsedField, readMapRunResults } from './map-results';
import { jsonStore, targetKeys, type JsonStore, type OutcomeObject, type SkippedObject, type UnfinishedObject } from './power-store';
import type { ReportStore } from './report-store';
import { ReportStorageError } from './errors';
import { RESOURCE_KINDS } from './power-types';
import type {
  CountsByKind,
  Outcome,
  ResourceKind,
  InstanceNote,
  MapRunOutput,
  RetryRecord,
  SkippedInstance,
  StepFailure,
  TargetResult,
  TargetRun,
  UnfinishedInstance,
  UnfinishedTarget,
  UnreachableTarget,
} from './power-types';
import { addKindCount, addKindCounts, addToTarget, type CountsByTarget } from './tally';
import type { Target } from './targets';

export interface PowerRunResults {
  mapRunArn: string;
  /** The run's folder (functions/shared/power-store.ts), found from where the results are. */
  folder: string;
  /** One per child execution that succeeded: every target the run reached or tried to. */
  results: TargetResult[];
  /** Targets whose child execution failed, timed out, was aborted or never ran. */
  notFinished: { target: Target; error: StepFailure }[];
}

const READS_AT_ONCE = 8;

function isTargetResult(value: unknown): value is TargetResult {
  const result = value as Partial<TargetResult> | undefined;
  return Boolean(result?.target?.accountId && result.target.region && typeof result.status === 'string');
}

/** `<folder>results/<map run id>/manifest.json` → `<folder>` (runKeys' resultPrefix is `<folder>results`). */
export function runFolderOfResults(manifestKey: string): string {
  const match = /^(.*\/)results\/[^/]+\/manifest\.json$/.exec(manifestKey);
  if (!match?.[1]) throw new ReportStorageError(`${manifestKey} is not where a power-schedule run's Map results are written (<run folder>results/<map run id>/manifest.json)`);
  return match[1];
}

export async function readPowerRunResults(store: JsonStore, output: MapRunOutput): Promise<PowerRunResults> {
  const folder = runFolderOfResults(output.ResultWriterDetails.Key);
  const run = await readMapRunResults(store, output.ResultWriterDetails.Key);
  const results: TargetResult[] = [];
  const notFinished: PowerRunResults['notFinished'] = [];
  for (const record of run.succeeded) {
    const result = parsedField<unknown>(record.Output);
    if (isTargetResult(result)) {
      results.push(result);
      continue;
    }
    const target = parsedField<TargetRun>(record.Input)?.target;
    if (target) notFinished.push({ target, error: { Error: 'UnreadableResult', Cause: `child ${record.Name} returned no target result` } });
  }
  for (const record of [...run.failed, ...run.pending]) {
    const target = parsedField<TargetRun>(record.Input)?.target;
    if (!target) continue;
    notFinished.push({
      target,
      error: record.Status === 'PENDING' || !record.Error ? { Error: `Child${record.Status}`, Cause: `child execution ${record.Name} is ${record.Status}` } : { Error: record.Error, Cause: record.Cause },
    });
  }
  return { mapRunArn: run.mapRunArn, folder, results, notFinished };
}

/** Targets to do again whole: their listing or verifying failed after its retries, or their child did not finish. */
export function targetsToRedo(run: PowerRunResults): { target: Target; error: StepFailure }[] {
  return [
    ...run.results.flatMap((r) => (r.status === 'failed' ? [{ target: r.target, error: r.error }] : [])),
    ...run.notFinished,
  ];
}

/** The instances each done target left unfinished, from its unfinished object, by target. */
export async function readUnfinished(store: JsonStore, run: PowerRunResults): Promise<{ target: Target; instances: UnfinishedInstance[] }[]> {
  const withUnfinished = run.results.filter((r) => r.status === 'done' && r.unfinished > 0);
  return mapConcurrently(withUnfinished, READS_AT_ONCE, async (result) => ({
    target: result.target,
    instances: await store.read<UnfinishedObject>(targetKeys(run.folder, result.target).unfinished, `unfinished instances of ${result.target.accountId} ${result.target.region}`),
  }));
}

/**
 * What the children left undone, as RetryUnfinished reads it (and re-attempts on Redrive): every
 * instance a done target left unfinished, and the targets to do again whole.
 */
export async function readLeftUndone(store: JsonStore, run: PowerRunResults): Promise<{ instances: UnfinishedInstance[]; targets: UnfinishedTarget[] }> {
  return {
    instances: (await readUnfinished(store, run)).flatMap((t) => t.instances),
    targets: targetsToRedo(run).map(({ target, error }) => ({ ...target, errorCode: error.Error, reason: error.Cause ?? error.Error })),
  };
}

/** What a run did, target by target: its counts, the targets it could not reach, the instances it skipped. */
export interface RunOutcomes {
  byTarget: CountsByTarget;
  /** The same counts by resource kind (a result from before kinds existed counts as `ec2`). */
  byKind: CountsByKind;
  /** By account and region, so the list reads the same on every run. */
  unreachable: UnreachableTarget[];
  skipped: SkippedInstance[];
  notes: InstanceNote[];
}

/** The children's outcomes, and with `retry` (RetryUnfinished's record) what it recovered and did again. */
export function runOutcomes(run: PowerRunResults, retry?: Pick<RetryRecord, 'recovered' | 'redone'>): RunOutcomes {
  const byTarget: CountsByTarget = {};
  const byKind: CountsByKind = {};
  const unreachable: UnreachableTarget[] = [];
  const skipped: SkippedInstance[] = [];
  const notes: InstanceNote[] = [];
  for (const result of run.results) {
    if (result.status === 'done') {
      addToTarget(byTarget, result.target, result.tally);
      addKindCounts(byKind, result.byKind ?? { ec2: result.tally });
      skipped.push(...result.skippedSample);
      notes.push(...(result.notesSample ?? []));
    } else if (result.status === 'unreachable') {
      unreachable.push({ ...result.target, error: result.error.Error, message: result.error.Cause });
    }
  }
  for (const redone of retry?.redone ?? []) {
    addToTarget(byTarget, redone.target, redone.tally);
    addKindCounts(byKind, redone.byKind ?? { ec2: redone.tally });
    skipped.push(...redone.skipped);
  }
  for (const recovered of retry?.recovered ?? []) {
    addToTarget(byTarget, recovered, { [recovered.outcome]: 1 });
    addKindCount(byKind, recovered.kind, recovered.outcome);
  }
  unreachable.sort((a, b) => `${a.accountId}/${a.region}`.localeCompare(`${b.accountId}/${b.region}`));
  return { byTarget, byKind, unreachable, skipped, notes };
}

/** One resource's outcome in a run, with where it is. */
export interface ResourceOutcome extends Target {
  instanceId: string;
  kind: ResourceKind;
  outcome: Outcome;
  reason?: string;
}

/**
 * Every resource a run decided about, from its objects under `<folder>targets/`: each batch's
 * outcomes (what ChangeInstanceState did or, in a dry run, would do) and each target's skipped
 * list, by account, region and id. What `ops` lists after a dry run; it reads every object, so
 * it is for runs a person reads through, not for a 100,000-instance fleet.
 */
export async function readResourceOutcomes(store: ReportStore, folder: string): Promise<ResourceOutcome[]> {
  const json = jsonStore(store);
  const keys = (await store.listKeys(`${folder}targets/`)).filter((key) => key.endsWith('.outcome.json') || key.endsWith('/skipped.json'));
  const perObject = await mapConcurrently(keys, READS_AT_ONCE, async (key) => {
    const where = /targets\/(\d{12})\/([^/]+)\/[^/]+$/.exec(key);
    const target = { accountId: where?.[1] ?? '?', region: where?.[2] ?? '?' };
    if (key.endsWith('/skipped.json')) {
      return (await json.read<SkippedObject>(key, 'skipped resources')).map((s): ResourceOutcome => ({ ...target, instanceId: s.instanceId, kind: s.kind ?? 'ec2', outcome: 'skipped', reason: s.reason }));
    }
    return (await json.read<OutcomeObject>(key, 'batch outcomes')).map(
      (o): ResourceOutcome => ({ ...target, instanceId: o.instanceId, kind: o.kind ?? 'ec2', outcome: o.outcome, ...(o.reason ? { reason: o.reason } : {}) }),
    );
  });
  const order = (r: ResourceOutcome) => `${r.accountId}/${r.region}/${RESOURCE_KINDS.indexOf(r.kind)}/${r.instanceId}`;
  return perObject.flat().sort((a, b) => order(a).localeCompare(order(b)));
}
