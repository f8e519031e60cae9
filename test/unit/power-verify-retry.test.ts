/**
 * Verify and RetryUnfinished against a small fake EC2 whose instances change state only as each
 * test says, a fake clock, so "did not arrive within the timeout" takes no real time, and the
 * run's S3 objects in memory (batches, outcomes, the Map's ResultWriter export).
 */
import {
  DescribeInstancesCommand,
  EC2Client,
  StartInstancesCommand,
  StopInstancesCommand,
  type Tag,
} from '@aws-sdk/client-ec2';
import { InstancesNotChangedError } from '../../functions/shared/errors';
import type { Clock } from '../../functions/shared/instance-states';
import { silentLog } from '../../functions/shared/logger';
import { runFolder, targetKeys } from '../../functions/shared/power-store';
import type { MappedRequest, RetryRecord, TargetResult, UnfinishedInstance, VerifyInput } from '../../functions/shared/power-types';
import type { Target } from '../../functions/shared/targets';
import { retryUnfinished } from '../../functions/retry-unfinished/retry';
import { verifyTarget } from '../../functions/verify-instance-states/verify';
import { memoryStore, writeMapResults, type MemoryStore } from '../support/memory-store';
import { clientAnswering } from '../support/sdk-client';

const OPT_IN: Tag[] = [{ Key: 'AutoStopStart', Value: 'Yes' }];

interface FakeInstance {
  state: string;
  tags?: Tag[];
  /** Describe calls still to answer with the old state before `state` shows (a slow stop). */
  lagPolls?: number;
  shownState?: string;
  /** Stop/Start of this id fails with this code. */
  refuseWith?: string;
  /** Start "succeeds" but the instance stays stopped (a missing KMS grant). */
  fallsBackToStopped?: boolean;
}

class FakeAwsError extends Error {
  constructor(code: string) {
    super(`${code} from fake EC2`);
    this.name = code;
  }
}

function fakeEc2(instances: Record<string, FakeInstance>) {
  const changeCalls: { action: 'stop' | 'start'; ids: string[] }[] = [];
  let describeCalls = 0;
  const send = async (command: DescribeInstancesCommand | StopInstancesCommand | StartInstancesCommand) => {
    if (command instanceof DescribeInstancesCommand) {
      describeCalls += 1;
      const wanted = command.input.Filters?.find((f) => f.Name === 'instance-id')?.Values ?? [];
      const found = wanted.filter((id) => instances[id]);
      return {
        Reservations: found.map((id) => {
          const i = instances[id]!;
          let state = i.state;
          if (i.lagPolls && i.lagPolls > 0) {
            i.lagPolls -= 1;
            state = i.shownState ?? state;
          }
          return { Instances: [{ InstanceId: id, State: { Name: state }, Tags: i.tags ?? OPT_IN }] };
        }),
      };
    }
    const action = command instanceof StopInstancesCommand ? 'stop' : 'start';
    const ids = command.input.InstanceIds ?? [];
    changeCalls.push({ action, ids });
    const refused = ids.find((id) => instances[id]?.refuseWith);
    if (refused) throw new FakeAwsError(instances[refused]!.refuseWith!);
    const changes = ids.map((id) => {
      const i = instances[id]!;
      const previous = i.state;
      if (!(action === 'start' && i.fallsBackToStopped)) i.state = action === 'stop' ? 'stopped' : 'running';
      return { InstanceId: id, PreviousState: { Name: previous }, CurrentState: { Name: action === 'stop' ? 'stopping' : 'pending' } };
    });
    return action === 'stop' ? { StoppingInstances: changes } : { StartingInstances: changes };
  };
  return { ec2: clientAnswering(EC2Client, send), changeCalls, describeCalls: () => describeCalls };
}

function fakeClock(): Clock & { sleeps: number } {
  let now = 1_000_000;
  const clock = {
    sleeps: 0,
    now: () => now,
    sleep: async (ms: number) => {
      clock.sleeps += 1;
      now += ms;
    },
  };
  return clock;
}

const request = { action: 'stop' as const, dryRun: false, tagValue: 'Yes' };
const EXECUTION = 'stop-weekday-20261125T2130Z';
const FOLDER = runFolder('work/', EXECUTION);
const IRELAND: Target = { accountId: '111122223333', region: 'eu-west-1' };
const clientsOf = (ec2: EC2Client) => async () => ({ ec2 });

describe('verifyTarget', () => {
  function listing(changed: VerifyInput['changed'], extra: Partial<VerifyInput> = {}): VerifyInput {
    return { executionName: EXECUTION, ...request, target: IRELAND, status: 'listed', batches: changed.map((c) => c.batch), eligible: 0, skipped: 0, skippedSample: [], changed, ...extra };
  }

  test('counts instances that reached the target, and writes every one that did not to S3, with why', async () => {
    // Prepare: batch 0 changed (one refused), batch 1 exhausted its retries.
    const fake = fakeEc2({
      'i-slow': { state: 'stopped', lagPolls: 2, shownState: 'stopping' },
      'i-fine': { state: 'stopped' },
      'i-stuck': { state: 'stopping' },
    });
    const store = memoryStore();
    const keys = targetKeys(FOLDER, IRELAND);
    await store.write(keys.outcome(0), [
      { instanceId: 'i-slow', outcome: 'stopped' },
      { instanceId: 'i-fine', outcome: 'stopped' },
      { instanceId: 'i-stuck', outcome: 'stopped' },
      { instanceId: 'i-was', outcome: 'alreadyStopped' },
      { instanceId: 'i-refused', outcome: 'failed', errorCode: 'OperationNotPermitted', reason: 'stop protection' },
    ]);
    await store.write(keys.batch(1), { instanceIds: ['i-b1', 'i-b2'] });
    const clock = fakeClock();

    // Act
    const result = await verifyTarget(listing([{ batch: 0, counts: { stopped: 3, alreadyStopped: 1, failed: 1 } }, { batch: 1, error: 'ThrottlingError' }], { skipped: 1 }), {
      clientsFor: clientsOf(fake.ec2),
      store,
      workPrefix: 'work/',
      timeoutSeconds: 30,
      pollSeconds: 5,
      clock,
      log: silentLog,
    });

    // Assess
    expect(result).toEqual({
      target: IRELAND,
      status: 'done',
      tally: { stopped: 2, alreadyStopped: 1, skipped: 1 },
      byKind: { ec2: { stopped: 2, alreadyStopped: 1, skipped: 1 } },
      unfinished: 4,
      skipped: 1,
      skippedSample: [],
    });
    const unfinished = Object.fromEntries((await store.read<UnfinishedInstance[]>(keys.unfinished, 'unfinished')).map((u) => [u.instanceId, u]));
    expect(Object.keys(unfinished).sort()).toEqual(['i-b1', 'i-b2', 'i-refused', 'i-stuck']);
    expect(unfinished['i-stuck']).toMatchObject({ accountId: IRELAND.accountId, region: IRELAND.region, reason: expect.stringMatching(/still stopping after 30s/) });
    expect(unfinished['i-refused']).toMatchObject({ errorCode: 'OperationNotPermitted', reason: 'stop protection' });
    expect(unfinished['i-b1']).toMatchObject({ errorCode: 'ThrottlingError', reason: expect.stringContaining('batch failed after its retries') });
    // Bounded: polls every 5 s until the 30 s timeout, not forever.
    expect(clock.sleeps).toBe(6);
  });

  test('a dry run verifies nothing: no instance changed, so there is nothing to wait for and nothing unfinished', async () => {
    const fake = fakeEc2({});
    const store = memoryStore();
    await store.write(targetKeys(FOLDER, IRELAND).outcome(0), [
      { instanceId: 'i-1', outcome: 'dryRunPassed' },
      { instanceId: 'i-2', outcome: 'dryRunPassed' },
    ]);

    const result = await verifyTarget(listing([{ batch: 0, counts: { dryRunPassed: 2 } }], { dryRun: true }), {
      clientsFor: clientsOf(fake.ec2),
      store,
      workPrefix: 'work/',
      timeoutSeconds: 30,
      pollSeconds: 5,
      clock: fakeClock(),
      log: silentLog,
    });

    expect(result).toMatchObject({ status: 'done', tally: { dryRunPassed: 2 }, unfinished: 0 });
    expect(fake.describeCalls()).toBe(0);
    expect(store.objects.has(targetKeys(FOLDER, IRELAND).unfinished)).toBe(false);
  });
});

describe('retryUnfinished', () => {
  const deps = (store: MemoryStore, ec2: EC2Client, clock = fakeClock()) => ({
    clientsFor: clientsOf(ec2),
    store,
    tagKey: 'AutoStopStart',
    pageSize: 500,
    timeoutSeconds: 20,
    pollSeconds: 5,
    clock,
    log: silentLog,
  });

  /** A run whose one target finished with `ids` unfinished, as the Map's results and the target's unfinished object say. */
  async function runWith(store: MemoryStore, ids: string[], action: 'stop' | 'start' = 'stop'): Promise<MappedRequest> {
    const result: TargetResult = { target: IRELAND, status: 'done', tally: { stopped: 10 }, unfinished: ids.length, skipped: 0, skippedSample: [] };
    await store.write(targetKeys(FOLDER, IRELAND).unfinished, ids.map((instanceId) => ({ ...IRELAND, instanceId, reason: 'did not arrive' })));
    const results = await writeMapResults(store, FOLDER, { executionName: EXECUTION, action, dryRun: false, tagValue: 'Yes' }, [result]);
    return { action, dryRun: false, tagValue: 'Yes', targets: { bucket: store.bucket, key: `${FOLDER}targets.json`, count: 1, resultPrefix: `${FOLDER}results` }, results };
  }

  test('acts only on what is still unfinished, leaves untagged instances alone, and fails naming the rest with account and region', async () => {
    // Prepare
    const fake = fakeEc2({
      'i-again': { state: 'running' },
      'i-done': { state: 'stopped' },
      'i-untagged': { state: 'running', tags: [{ Key: 'AutoStopStart', Value: 'No' }] },
      'i-protected': { state: 'running', refuseWith: 'OperationNotPermitted' },
    });
    const store = memoryStore();
    const input = await runWith(store, ['i-again', 'i-done', 'i-untagged', 'i-protected', 'i-gone']);

    // Act
    const error = await retryUnfinished(input, { executionName: EXECUTION }, deps(store, fake.ec2)).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assess
    expect(error).toBeInstanceOf(InstancesNotChangedError);
    expect((error as InstancesNotChangedError).name).toBe('InstancesNotChangedError');
    expect((error as InstancesNotChangedError).instances).toEqual([
      expect.objectContaining({ accountId: IRELAND.accountId, region: IRELAND.region, instanceId: 'i-protected', errorCode: 'OperationNotPermitted' }),
    ]);
    expect((error as Error).message).toContain('i-protected (111122223333 eu-west-1) OperationNotPermitted');
    const sent = fake.changeCalls.flatMap((c) => c.ids);
    expect(sent).toContain('i-again');
    expect(sent).not.toContain('i-done');
    expect(sent).not.toContain('i-untagged');
    expect(fake.changeCalls.every((c) => c.action === 'stop')).toBe(true);
  });

  test('succeeds with what it recovered, kept in S3 for Summarize, and running it again changes nothing more (idempotent)', async () => {
    const fake = fakeEc2({ 'i-again': { state: 'running' }, 'i-done': { state: 'stopped' } });
    const store = memoryStore();
    const input = await runWith(store, ['i-again', 'i-done']);

    const first = await retryUnfinished(input, { executionName: EXECUTION }, deps(store, fake.ec2));
    const callsAfterFirst = fake.changeCalls.length;
    const second = await retryUnfinished(input, { executionName: EXECUTION }, deps(store, fake.ec2));

    expect(first.retry).toEqual({ key: `${FOLDER}retry.json`, recovered: 2, redone: 0 });
    const record = await store.read<RetryRecord>(first.retry.key, 'retry');
    expect(record.recovered.map((r) => [r.instanceId, r.outcome])).toEqual([
      ['i-again', 'stopped'],
      ['i-done', 'stopped'],
    ]);
    expect(fake.changeCalls.slice(callsAfterFirst)).toEqual([]);
    expect(second.retry.recovered).toBe(2);
    // The state carries counts and where the record is, never the instances.
    expect(JSON.stringify(first)).not.toContain('i-again');
  });

  test('a start that "succeeds" but leaves the instance stopped is still unfinished after the retry', async () => {
    const fake = fakeEc2({ 'i-kms': { state: 'stopped', fallsBackToStopped: true } });
    const store = memoryStore();
    const clock = fakeClock();
    const input = await runWith(store, ['i-kms'], 'start');

    const attempt = retryUnfinished(input, { executionName: EXECUTION }, deps(store, fake.ec2, clock));

    await expect(attempt).rejects.toMatchObject({
      name: 'InstancesNotChangedError',
      instances: [expect.objectContaining({ instanceId: 'i-kms', reason: expect.stringContaining('still stopped') })],
    });
    expect(fake.changeCalls).toEqual([{ action: 'start', ids: ['i-kms'] }]);
    expect(clock.sleeps).toBe(4);
  });

  test('a target whose role can no longer be assumed leaves its instances unfinished, named with the error, and the others are still retried', async () => {
    const fake = fakeEc2({ 'i-ok': { state: 'running' } });
    const store = memoryStore();
    const refusing: Target = { accountId: '444455556666', region: 'eu-west-1' };
    const results = [
      { target: IRELAND, status: 'done' as const, tally: {}, unfinished: 1, skipped: 0, skippedSample: [] },
      { target: refusing, status: 'done' as const, tally: {}, unfinished: 1, skipped: 0, skippedSample: [] },
    ];
    await store.write(targetKeys(FOLDER, IRELAND).unfinished, [{ ...IRELAND, instanceId: 'i-ok', reason: 'did not arrive' }]);
    await store.write(targetKeys(FOLDER, refusing).unfinished, [{ ...refusing, instanceId: 'i-far', reason: 'did not arrive' }]);
    const mapped = await writeMapResults(store, FOLDER, { executionName: EXECUTION, ...request }, results);
    const denied = Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });

    const attempt = retryUnfinished({ ...request, targets: { bucket: 'b', key: 'k', count: 2, resultPrefix: 'p' }, results: mapped }, { executionName: EXECUTION }, {
      ...deps(store, fake.ec2),
      clientsFor: async (target) => {
        if (target.accountId === refusing.accountId) throw denied;
        return { ec2: fake.ec2 };
      },
    });

    await expect(attempt).rejects.toMatchObject({ instances: [expect.objectContaining({ accountId: refusing.accountId, instanceId: 'i-far', errorCode: 'AccessDenied' })] });
    expect(fake.changeCalls.flatMap((c) => c.ids)).toEqual(['i-ok']);
  });
});
