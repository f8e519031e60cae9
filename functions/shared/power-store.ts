/**
 * The objects a power-schedule run keeps in the report bucket, under the work prefix (which a
 * lifecycle rule expires), one folder per execution, so nothing in the state machine grows with
 * the fleet and every step can be re-run over the same objects:
 *
 *   <work>power-schedule/<execution>/targets.json                       ResolveTargets: the Map's items
 *   <work>power-schedule/<execution>/results/<map run id>/...           the Map's ResultWriter
 *   <work>power-schedule/<execution>/targets/<account>/<region>/
 *       batch-00000.json, batch-00000.outcome.json ...                  ListTaggedInstances, ChangeInstanceState
 *       skipped.json, unfinished.json                                   ListTaggedInstances, Verify
 *   <work>power-schedule/<execution>/retry.json, summary.json           RetryUnfinished, Summarize
 */
import type { InstanceOutcome, ResourceKind, SkippedInstance, UnfinishedInstance } from './power-types';
import { ReportStorageError } from './errors';
import type { ReportStore } from './report-store';
import type { TargetAccess } from './target-access';
import { validateExecutionName } from './execution-name';
import type { Target } from './targets';

export const POWER_WORK_FOLDER = 'power-schedule/';

/** One execution's folder; the name is checked first, as it becomes part of every key. */
export function runFolder(workPrefix: string, executionName: string): string {
  return `${workPrefix}${POWER_WORK_FOLDER}${validateExecutionName(executionName)}/`;
}

export const runKeys = (folder: string) => ({
  targetList: `${folder}targets.json`,
  /** ResultWriter Prefix: no trailing slash, the service adds `/<map run id>/`. */
  resultPrefix: `${folder}results`,
  retry: `${folder}retry.json`,
  summary: `${folder}summary.json`,
});

export function targetFolder(folder: string, target: Target): string {
  return `${folder}targets/${target.accountId}/${target.region}/`;
}

const batchName = (batch: number) => `batch-${String(batch).padStart(5, '0')}`;

export const targetKeys = (folder: string, target: Target) => {
  const base = targetFolder(folder, target);
  return {
    batch: (batch: number) => `${base}${batchName(batch)}.json`,
    outcome: (batch: number) => `${base}${batchName(batch)}.outcome.json`,
    skipped: `${base}skipped.json`,
    unfinished: `${base}unfinished.json`,
  };
};

/** The contents of each object, by what it holds. */
export interface BatchObject {
  instanceIds: string[];
  /** Stop with StopInstances Hibernate=true: every id in it is configured for hibernation. */
  hibernate?: boolean;
  /** Why these are changed the way they are, kept with each outcome (a hibernation fallback). */
  reason?: string;
  /** What the ids are: instance ids (absent, `ec2`), Auto Scaling group names (`asg`) or DB ARNs (`rds`). */
  kind?: ResourceKind;
}
export type OutcomeObject = InstanceOutcome[];
export type SkippedObject = SkippedInstance[];
export type UnfinishedObject = UnfinishedInstance[];

export interface JsonStore {
  readonly bucket: string;
  read<T>(key: string, what: string): Promise<T>;
  write(key: string, value: unknown): Promise<void>;
}

/** What every power-schedule step that works on one target goes through: the target's clients, and the run's objects under the work prefix. */
export interface TargetWork {
  clientsFor: TargetAccess['clientsFor'];
  store: JsonStore;
  workPrefix: string;
}

export function jsonStore(store: ReportStore): JsonStore {
  return {
    bucket: store.bucket,
    async read<T>(key: string, what: string): Promise<T> {
      const text = await store.readText(key, what);
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new ReportStorageError(`${what} s3://${store.bucket}/${key} is not JSON (${(error as Error).message})`, { cause: error });
      }
    },
    write: (key, value) => store.putText(key, JSON.stringify(value), 'application/json'),
  };
}
