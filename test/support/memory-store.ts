/**
 * Test harness only: a run's S3 objects in memory (functions/shared/power-store.ts's JsonStore),
 * and a Distributed Map's ResultWriter export written into it in AWS's layout, for unit tests of
 * the steps that read them. The workflow and integration tests use moto's S3 instead.
 */
import type { JsonStore } from '../../functions/shared/power-store';
import type { MapRunOutput, StepFailure, TargetResult, TargetRun } from '../../functions/shared/power-types';
import type { Target } from '../../functions/shared/targets';

export interface MemoryStore extends JsonStore {
  objects: Map<string, string>;
}

export function memoryStore(bucket = 'test-reports'): MemoryStore {
  const objects = new Map<string, string>();
  return {
    bucket,
    objects,
    async read<T>(key: string, what: string): Promise<T> {
      const text = objects.get(key);
      if (text === undefined) throw Object.assign(new Error(`${what} s3://${bucket}/${key} does not exist`), { name: 'ReportStorageError' });
      return JSON.parse(text) as T;
    },
    async write(key, value) {
      objects.set(key, JSON.stringify(value));
    },
  };
}

/** What ResultWriter exports for children that returned `results` and children that `failed`, under `<folder>results/<id>/`. */
export async function writeMapResults(
  store: JsonStore,
  folder: string,
  run: Omit<TargetRun, 'target'>,
  results: TargetResult[],
  failed: { target: Target; error: StepFailure }[] = [],
  id = '0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
): Promise<MapRunOutput> {
  const mapRunArn = `arn:aws:states:us-east-1:111122223333:mapRun:ops-power-schedule/Targets:${id}`;
  const record = (target: Target, i: number) => ({
    ExecutionArn: `arn:aws:states:us-east-1:111122223333:execution:ops-power-schedule/Targets:child-${i}`,
    Name: `child-${i}`,
    Input: JSON.stringify({ ...run, target }),
    InputDetails: { Included: true },
    StateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:ops-power-schedule/Targets',
  });
  const succeededKey = `${folder}results/${id}/SUCCEEDED_0.json`;
  const failedKey = `${folder}results/${id}/FAILED_0.json`;
  await store.write(succeededKey, results.map((r, i) => ({ ...record(r.target, i), Status: 'SUCCEEDED', Output: JSON.stringify(r), OutputDetails: { Included: true } })));
  if (failed.length > 0) await store.write(failedKey, failed.map((f, i) => ({ ...record(f.target, 1000 + i), Status: 'FAILED', ...f.error })));
  const manifestKey = `${folder}results/${id}/manifest.json`;
  await store.write(manifestKey, {
    DestinationBucket: store.bucket,
    MapRunArn: mapRunArn,
    ResultFiles: { FAILED: failed.length > 0 ? [{ Key: failedKey, Size: 1 }] : [], PENDING: [], SUCCEEDED: [{ Key: succeededKey, Size: 1 }] },
  });
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: store.bucket, Key: manifestKey } };
}
