/**
 * The local runner's Distributed Map (scripts/lib/distributed-map.ts), the one documented
 * difference between local and deployed runs, held to what the service does: items read from S3
 * (moto, through the aws-proxy), ItemSelector with the parent's context, each item a child
 * execution with a context of its own, MaxConcurrency, the tolerated failure threshold, the
 * ResultWriter export in AWS's format (test/fixtures/distributed-map), and the Map state's
 * Retry, Catch, ResultPath and OutputPath. Small definitions of Pass, Fail and Task states; tasks
 * are answered by the runner's invoke hook, so no Lambda handler runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { REPO_ROOT, runDefinition, type RunOptions } from '../../scripts/lib/local-workflow';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';

const REGION = 'us-east-1';
const BUCKET = `ops-local-dmap-${process.pid}-${Date.now() % 100000}`;
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'distributed-map');
const TASK = 'arn:aws:lambda:us-east-1:000000000000:function:local-validate-input';

let proxy: AwsProxy;
let s3: S3Client;

beforeAll(async () => {
  proxy = await startAwsProxy();
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: REGION });
  s3 = new S3Client({ region: REGION, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(() => proxy.close());

async function put(key: string, value: unknown): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(value) }));
}

async function get<T>(key: string): Promise<T> {
  return JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString()) as T;
}

/** A parent whose Distributed Map `map` reads items.json and writes results under `out`. */
function parent(map: Record<string, unknown>, processor: Record<string, unknown>, after: Record<string, unknown> = {}): StateMachineDefinition {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...processor },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: BUCKET, 'Prefix.$': '$.out' } },
        ResultPath: '$.results',
        Label: 'Each',
        ...map,
        ...('Next' in map ? {} : { End: true }),
      },
      ...after,
    },
  } as unknown as StateMachineDefinition;
}

const run = (definition: StateMachineDefinition, input: unknown, options: RunOptions = {}) =>
  runDefinition(definition, input, { stateMachineName: 'local-dmap-test', instantWaits: true, ...options });

interface Manifest {
  DestinationBucket: string;
  MapRunArn: string;
  ResultFiles: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', { Key: string; Size: number }[]>;
}

test('each item runs as its own child execution with the ItemSelector input, and the results are exported in AWS\'s format', async () => {
  // Prepare: three items; children echo their input and their own execution name.
  await put('one/items.json', [{ n: 1 }, { n: 2 }, { n: 3 }]);
  const definition = parent(
    { ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'parent.$': '$$.Execution.Name', 'tag.$': '$.tag' } },
    { StartAt: 'Echo', States: { Echo: { Type: 'Pass', Parameters: { 'got.$': '$', 'me.$': '$$.Execution.Name' }, End: true } } },
  );

  // Act
  const result = await run(definition, { bucket: BUCKET, key: 'one/items.json', out: 'one/results', tag: 'x' }, { executionName: 'parent-1' });

  // Assess: the state's result names the manifest; the manifest and records have AWS's fields.
  expect(result.status).toBe('SUCCEEDED');
  const details = (result.output as { results: { MapRunArn: string; ResultWriterDetails: { Bucket: string; Key: string } } }).results;
  expect(details.MapRunArn).toMatch(/^arn:aws:states:us-east-1:\d{12}:mapRun:local-dmap-test\/Each:[0-9a-f-]{36}$/);
  expect(details.ResultWriterDetails).toEqual({ Bucket: BUCKET, Key: `one/results/${details.MapRunArn.split(':').pop()}/manifest.json` });
  const manifest = await get<Manifest>(details.ResultWriterDetails.Key);
  const reference = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as Manifest;
  expect(Object.keys(manifest).sort()).toEqual(Object.keys(reference).sort());
  expect(Object.keys(manifest.ResultFiles).sort()).toEqual(Object.keys(reference.ResultFiles).sort());
  expect(manifest).toMatchObject({ DestinationBucket: BUCKET, MapRunArn: details.MapRunArn, ResultFiles: { FAILED: [], PENDING: [] } });
  const [file] = manifest.ResultFiles.SUCCEEDED;
  const records = await get<Record<string, unknown>[]>(file!.Key);
  const [referenceRecord] = JSON.parse(readFileSync(join(FIXTURES, 'SUCCEEDED_0.json'), 'utf8')) as Record<string, unknown>[];
  expect(file).toEqual({ Key: file!.Key.replace(/[^/]+$/, 'SUCCEEDED_0.json'), Size: expect.any(Number) });
  for (const record of records) expect(Object.keys(record).sort()).toEqual(Object.keys(referenceRecord!).sort());
  const outputs = records.map((r) => JSON.parse(r.Output as string) as { got: Record<string, unknown>; me: string }).sort((a, b) => Number(a.got.index) - Number(b.got.index));
  expect(outputs.map((o) => o.got)).toEqual([0, 1, 2].map((index) => ({ item: { n: index + 1 }, index, parent: 'parent-1', tag: 'x' })));
  // A child's own context: its execution name is the record's, not the parent's.
  expect(new Set(outputs.map((o) => o.me)).size).toBe(3);
  expect(records.map((r) => r.Name).sort()).toEqual(outputs.map((o) => o.me).sort());
  expect(records.every((r) => r.Status === 'SUCCEEDED' && String(r.StateMachineArn).endsWith(':stateMachine:local-dmap-test/Each'))).toBe(true);
  // Child events reach the parent's event log, marked with their child execution.
  expect(result.events.filter((e) => e.type === 'ChildExecutionStarted')).toHaveLength(3);
  expect(result.events.filter((e) => e.type === 'StateEntered' && e.child?.map === 'Each').map((e) => e.state)).toEqual(['Echo', 'Echo', 'Echo']);
});

test('no more children run at once than MaxConcurrency', async () => {
  await put('two/items.json', Array.from({ length: 12 }, (_, i) => i));
  let running = 0;
  let most = 0;
  const definition = parent(
    { MaxConcurrency: 3 },
    { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: TASK, Payload: { 'executionName.$': '$$.Execution.Name' } }, End: true } } },
  );

  const result = await run(definition, { bucket: BUCKET, key: 'two/items.json', out: 'two/results' }, {
    invokeHook: async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return {};
    },
  });

  expect(result.status).toBe('SUCCEEDED');
  expect(most).toBe(3);
});

const failWhenOdd = {
  StartAt: 'Odd?',
  States: {
    'Odd?': { Type: 'Choice', Choices: [{ Variable: '$.odd', BooleanEquals: true, Next: 'Refuse' }], Default: 'Fine' },
    Refuse: { Type: 'Fail', Error: 'OddItem', Cause: 'odd items fail' },
    Fine: { Type: 'Pass', End: true },
  },
};

test('failures within ToleratedFailurePercentage: the Map succeeds, and the failed children are in FAILED_0.json with Error and Cause', async () => {
  await put('three/items.json', [{ odd: false }, { odd: true }, { odd: false }, { odd: false }]);

  const result = await run(parent({ ToleratedFailurePercentage: 25 }, failWhenOdd), { bucket: BUCKET, key: 'three/items.json', out: 'three/results' });

  expect(result.status).toBe('SUCCEEDED');
  const key = (result.output as { results: { ResultWriterDetails: { Key: string } } }).results.ResultWriterDetails.Key;
  const manifest = await get<Manifest>(key);
  expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
  const failed = await get<Record<string, unknown>[]>(manifest.ResultFiles.FAILED[0]!.Key);
  const [reference] = JSON.parse(readFileSync(join(FIXTURES, 'FAILED_0.json'), 'utf8')) as Record<string, unknown>[];
  expect(failed).toHaveLength(1);
  expect(Object.keys(failed[0]!).sort()).toEqual(Object.keys(reference!).sort());
  expect(failed[0]).toMatchObject({ Status: 'FAILED', Error: 'OddItem', Cause: 'odd items fail', Input: JSON.stringify({ odd: true }) });
});

test('more failures than tolerated fail the Map with States.ExceedToleratedFailureThreshold, which its Catch handles with ResultPath', async () => {
  await put('four/items.json', [{ odd: true }, { odd: true }, { odd: false }, { odd: false }]);
  const definition = parent(
    { ToleratedFailurePercentage: 25, Catch: [{ ErrorEquals: ['States.ExceedToleratedFailureThreshold'], ResultPath: '$.mapError', Next: 'Handled' }], Next: 'Done' },
    failWhenOdd,
    { Handled: { Type: 'Pass', End: true }, Done: { Type: 'Succeed' } },
  );

  const result = await run(definition, { bucket: BUCKET, key: 'four/items.json', out: 'four/results' });

  expect(result.status).toBe('SUCCEEDED');
  expect(result.output).toMatchObject({ mapError: { Error: 'States.ExceedToleratedFailureThreshold' } });
});

test('with no tolerance set, one failed child fails the Map', async () => {
  await put('five/items.json', [{ odd: false }, { odd: true }]);

  const result = await run(parent({}, failWhenOdd), { bucket: BUCKET, key: 'five/items.json', out: 'five/results' });

  expect(result.status).toBe('FAILED');
  expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
  expect(result.failedState).toBe('Each');
});

test('an ItemReader object that cannot be read fails with States.ItemReaderFailed, retried by the Map\'s Retry; OutputPath shapes what goes on', async () => {
  const definition = parent(
    {
      Retry: [{ ErrorEquals: ['States.ItemReaderFailed'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], ResultPath: '$.readError', Next: 'Unread' }],
      Next: 'Done',
    },
    { StartAt: 'Fine', States: { Fine: { Type: 'Pass', End: true } } },
    { Unread: { Type: 'Pass', OutputPath: '$.readError', End: true }, Done: { Type: 'Succeed' } },
  );

  const result = await run(definition, { bucket: BUCKET, key: 'missing/items.json', out: 'six/results' });

  expect(result.status).toBe('SUCCEEDED');
  expect(result.output).toMatchObject({ Error: 'States.ItemReaderFailed', Cause: expect.stringContaining('missing/items.json') });
  expect(result.events.filter((e) => e.type === 'StateRetried' && e.state === 'Each')).toHaveLength(2);
});
