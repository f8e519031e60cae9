/**
 * Reading what a Distributed Map's ResultWriter exported to S3, in AWS's format: the state's
 * result names a manifest.json; the manifest lists result files by the child executions' status
 * (SUCCEEDED, FAILED, PENDING), each a JSON array of child execution records whose Input and
 * Output are JSON text. Failed children carry Error and Cause instead of Output.
 * (AWS Step Functions Developer Guide, "ResultWriter (Map)", Exporting to Amazon S3.)
 */
import { mapConcurrently } from './batch';
import type { JsonStore } from './power-store';

export interface ResultWriterManifest {
  DestinationBucket: string;
  MapRunArn: string;
  ResultFiles: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]>>;
}

/** One child execution as a result file records it (the fields this project reads). */
export interface ChildExecutionRecord {
  ExecutionArn: string;
  Name: string;
  Status: string;
  Input: string;
  Output?: string;
  Error?: string;
  Cause?: string;
}

export interface MapRunResults {
  mapRunArn: string;
  succeeded: ChildExecutionRecord[];
  /** FAILED, TIMED_OUT and ABORTED children. */
  failed: ChildExecutionRecord[];
  /** Children that never ran (a Map Run that failed before it got to them). */
  pending: ChildExecutionRecord[];
}

const FILES_AT_ONCE = 4;

export async function readMapRunResults(store: JsonStore, manifestKey: string): Promise<MapRunResults> {
  const manifest = await store.read<ResultWriterManifest>(manifestKey, 'Distributed Map results manifest');
  const read = async (status: keyof ResultWriterManifest['ResultFiles']) => {
    const files = manifest.ResultFiles[status] ?? [];
    const records = await mapConcurrently(files, FILES_AT_ONCE, (file) => store.read<ChildExecutionRecord[]>(file.Key, `Distributed Map ${status} results`));
    return records.flat();
  };
  return { mapRunArn: manifest.MapRunArn, succeeded: await read('SUCCEEDED'), failed: await read('FAILED'), pending: await read('PENDING') };
}

/** A record's Input or Output, parsed; undefined when absent or not JSON. */
export function parsedField<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
