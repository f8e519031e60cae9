/**
 * Verify and RetryUnfinished against a small fake EC2 whose instances change state only as each
 * test says, and a fake clock, so "did not arrive within the timeout" takes no real time.
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
import type { VerifyResult } from '../../functions/shared/power-types';
import { retryUnfinished } from '../../functions/retry-unfinished/retry';
import { verifyInstanceStates } from '../../functions/verify-instance-states/verify';
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

describe('verifyInstanceStates', () => {
  test('counts instances that reached the target, and lists every one that did not, with why', async () => {
    // Prepare
    const fake = fakeEc2({
      'i-slow': { state: 'stopped', lagPolls: 2, shownState: 'stopping' },
      'i-fine': { state: 'stopped' },
      'i-stuck': { state: 'stopping' },
    });
    const clock = fakeClock();

    // Act
    const result = await verifyInstanceStates(
      {
        ...request,
        batches: [
          { region: 'eu-west-1', idsByOutcome: { stopped: ['i-slow', 'i-fine', 'i-stuck'], alreadyStopped: ['i-was'] }, problems: [
            { instanceId: 'i-refused', outcome: 'failed', errorCode: 'OperationNotPermitted', reason: 'stop protection' },
          ] },
          { region: 'eu-west-1', instanceIds: ['i-b1', 'i-b2'], batchError: { Error: 'ThrottlingError', Cause: 'slow down' } },
        ],
        skipped: [{ region: 'eu-west-1', instanceId: 'i-asg', reason: 'member of Auto Scaling group web' }],
      },
      { ec2For: () => fake.ec2, timeoutSeconds: 30, pollSeconds: 5, clock, log: silentLog },
    );

    // Assess
    expect(result.tally).toEqual({ 'eu-west-1': { stopped: 2, alreadyStopped: 1, skipped: 1 } });
    const unfinished = Object.fromEntries(result.unfinished.map((u) => [u.instanceId, u]));
    expect(Object.keys(unfinished).sort()).toEqual(['i-b1', 'i-b2', 'i-refused', 'i-stuck']);
    expect(unfinished['i-stuck']!.reason).toMatch(/still stopping after 30s/);
    expect(unfinished['i-refused']).toMatchObject({ errorCode: 'OperationNotPermitted', reason: 'stop protection' });
    expect(unfinished['i-b1']).toMatchObject({ errorCode: 'ThrottlingError', reason: expect.stringContaining('slow down') });
    // Bounded: polls every 5 s until the 30 s timeout, not forever.
    expect(clock.sleeps).toBe(6);
    expect(result).toMatchObject(request);
  });

  test('a dry run verifies nothing: no instance changed, so there is nothing to wait for', async () => {
    const fake = fakeEc2({});
    const result = await verifyInstanceStates(
      { ...request, dryRun: true, batches: [{ region: 'eu-west-1', idsByOutcome: { dryRunPassed: ['i-1', 'i-2'] }, problems: [] }], skipped: [] },
      { ec2For: () => fake.ec2, timeoutSeconds: 30, pollSeconds: 5, clock: fakeClock(), log: silentLog },
    );
    expect(result.unfinished).toEqual([]);
    expect(result.tally).toEqual({ 'eu-west-1': { dryRunPassed: 2 } });
    expect(fake.describeCalls()).toBe(0);
  });
});

describe('retryUnfinished', () => {
  const deps = (ec2: EC2Client, clock = fakeClock()) => ({
    ec2For: () => ec2,
    tagKey: 'AutoStopStart',
    timeoutSeconds: 20,
    pollSeconds: 5,
    clock,
    log: silentLog,
  });

  function input(ids: string[], action: 'stop' | 'start' = 'stop'): VerifyResult {
    return {
      action,
      dryRun: false,
      tagValue: 'Yes',
      unfinished: ids.map((instanceId) => ({ region: 'eu-west-1', instanceId, reason: 'did not arrive' })),
      tally: { 'eu-west-1': { stopped: 10 } },
      skipped: [],
    };
  }

  test('acts only on what is still unfinished, leaves untagged instances alone, and fails naming the rest', async () => {
    // Prepare
    const fake = fakeEc2({
      'i-again': { state: 'running' },
      'i-done': { state: 'stopped' },
      'i-untagged': { state: 'running', tags: [{ Key: 'AutoStopStart', Value: 'No' }] },
      'i-protected': { state: 'running', refuseWith: 'OperationNotPermitted' },
    });

    // Act
    const attempt = retryUnfinished(input(['i-again', 'i-done', 'i-untagged', 'i-protected', 'i-gone']), deps(fake.ec2));

    // Assess
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InstancesNotChangedError);
    expect((error as InstancesNotChangedError).name).toBe('InstancesNotChangedError');
    expect((error as InstancesNotChangedError).instances).toEqual([
      expect.objectContaining({ instanceId: 'i-protected', errorCode: 'OperationNotPermitted' }),
    ]);
    expect((error as Error).message).toContain('i-protected');
    const sent = fake.changeCalls.flatMap((c) => c.ids);
    expect(sent).toContain('i-again');
    expect(sent).not.toContain('i-done');
    expect(sent).not.toContain('i-untagged');
    expect(fake.changeCalls.every((c) => c.action === 'stop')).toBe(true);
  });

  test('succeeds with what it recovered, and running it again changes nothing more (idempotent)', async () => {
    const fake = fakeEc2({ 'i-again': { state: 'running' }, 'i-done': { state: 'stopped' } });

    const first = await retryUnfinished(input(['i-again', 'i-done']), deps(fake.ec2));
    const callsAfterFirst = fake.changeCalls.length;
    const second = await retryUnfinished(input(['i-again', 'i-done']), deps(fake.ec2));

    expect(first.recovered.map((r) => [r.instanceId, r.outcome]).sort()).toEqual([
      ['i-again', 'stopped'],
      ['i-done', 'stopped'],
    ]);
    expect(first.tally).toEqual({ 'eu-west-1': { stopped: 10 } });
    expect(fake.changeCalls.slice(callsAfterFirst)).toEqual([]);
    expect(second.recovered).toHaveLength(2);
  });

  test('a start that "succeeds" but leaves the instance stopped is still unfinished after the retry', async () => {
    const fake = fakeEc2({ 'i-kms': { state: 'stopped', fallsBackToStopped: true } });
    const clock = fakeClock();

    const attempt = retryUnfinished(input(['i-kms'], 'start'), deps(fake.ec2, clock));

    await expect(attempt).rejects.toMatchObject({
      name: 'InstancesNotChangedError',
      instances: [expect.objectContaining({ instanceId: 'i-kms', reason: expect.stringContaining('still stopped') })],
    });
    expect(fake.changeCalls).toEqual([{ action: 'start', ids: ['i-kms'] }]);
    expect(clock.sleeps).toBe(4);
  });
});
