/**
 * changeInstanceState against a fake EC2 `send`: the fake decides per call, which is what the
 * bisection depends on and what moto cannot be made to do per id without the proxy.
 */
import {
  StartInstancesCommand,
  StopInstancesCommand,
  type InstanceStateChange,
} from '@aws-sdk/client-ec2';
import { changeBatch } from '../../functions/change-instance-state/change';
import { changeInstanceState } from '../../functions/shared/change-instances';
import { ThrottlingError } from '../../functions/shared/errors';
import { silentLog } from '../../functions/shared/logger';
import { runFolder, targetKeys } from '../../functions/shared/power-store';
import { memoryStore } from '../support/memory-store';

class FakeAwsError extends Error {
  constructor(code: string, message = `${code} from fake EC2`) {
    super(message);
    this.name = code;
  }
}

type Command = StopInstancesCommand | StartInstancesCommand;

/** A fake EC2 that records each call's ids and answers through `decide`. */
function fakeEc2(decide: (ids: string[], command: Command) => Error | undefined) {
  const calls: string[][] = [];
  const ec2 = {
    send: async (command: Command) => {
      const ids = command.input.InstanceIds ?? [];
      calls.push(ids);
      const error = decide(ids, command);
      if (error) throw error;
      const stopping = command instanceof StopInstancesCommand;
      const changes: InstanceStateChange[] = ids.map((InstanceId) => ({
        InstanceId,
        PreviousState: { Name: stopping ? 'running' : 'stopped' },
        CurrentState: { Name: stopping ? 'stopping' : 'pending' },
      }));
      return stopping ? { StoppingInstances: changes } : { StartingInstances: changes };
    },
  };
  return { ec2: ec2 as never, calls };
}

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `i-${String(i).padStart(17, '0')}`);
}

describe('changeInstanceState: bisecting a failing batch', () => {
  test.each([
    [50, ['i-00000000000000017']],
    [50, ['i-00000000000000000', 'i-00000000000000049']],
    [37, ['i-00000000000000003', 'i-00000000000000004', 'i-00000000000000030']],
  ])('a batch of %i with bad ids %j stops every good id and fails only the bad ones, in few calls', async (n, bad) => {
    // Prepare
    const batch = ids(n);
    const { ec2, calls } = fakeEc2((callIds) =>
      callIds.some((id) => bad.includes(id)) ? new FakeAwsError('IncorrectInstanceState') : undefined,
    );

    // Act
    const outcomes = await changeInstanceState({ action: 'stop', dryRun: false, instanceIds: batch }, { ec2, log: silentLog });

    // Assess
    expect(outcomes.map((o) => o.instanceId).sort()).toEqual(batch);
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    expect(failed.map((o) => o.instanceId).sort()).toEqual([...bad].sort());
    expect(failed.every((o) => o.errorCode === 'IncorrectInstanceState')).toBe(true);
    expect(outcomes.filter((o) => o.outcome === 'stopped')).toHaveLength(n - bad.length);
    // Each bad id costs at most two calls per halving level, plus the first whole-batch call.
    const levels = Math.ceil(Math.log2(n));
    expect(calls.length).toBeLessThanOrEqual(1 + bad.length * 2 * levels);
  });

  test('every good id is sent in a call that succeeds; the bad id never shares one', async () => {
    const batch = ids(50);
    const bad = 'i-00000000000000021';
    const succeeded = new Set<string>();
    const { ec2 } = fakeEc2((callIds) => {
      if (callIds.includes(bad)) return new FakeAwsError('UnauthorizedOperation');
      callIds.forEach((id) => succeeded.add(id));
      return undefined;
    });

    const outcomes = await changeInstanceState({ action: 'start', dryRun: false, instanceIds: batch }, { ec2, log: silentLog });

    expect(succeeded).toEqual(new Set(batch.filter((id) => id !== bad)));
    expect(outcomes.find((o) => o.instanceId === bad)).toMatchObject({ outcome: 'failed', errorCode: 'UnauthorizedOperation' });
    expect(outcomes.filter((o) => o.outcome === 'started')).toHaveLength(49);
  });

  test('a whole-call error (AuthFailure) is not bisected: one call, every id failed with that code', async () => {
    const { ec2, calls } = fakeEc2(() => new FakeAwsError('AuthFailure'));

    const outcomes = await changeInstanceState({ action: 'stop', dryRun: false, instanceIds: ids(50) }, { ec2, log: silentLog });

    expect(calls).toHaveLength(1);
    expect(outcomes).toHaveLength(50);
    expect(outcomes.every((o) => o.outcome === 'failed' && o.errorCode === 'AuthFailure')).toBe(true);
  });
});

describe('changeInstanceState: errors the state machine retries', () => {
  test.each(['RequestLimitExceeded', 'ThrottlingException'])(
    '%s throws a ThrottlingError (the name the ASL retries) without splitting the batch',
    async (code) => {
      const { ec2, calls } = fakeEc2(() => new FakeAwsError(code));

      const attempt = changeInstanceState({ action: 'stop', dryRun: false, instanceIds: ids(50) }, { ec2, log: silentLog });

      await expect(attempt).rejects.toBeInstanceOf(ThrottlingError);
      await expect(attempt).rejects.toMatchObject({ name: 'ThrottlingError', message: expect.stringContaining(code) });
      expect(calls).toHaveLength(1);
    },
  );
});

describe('changeInstanceState: outcomes', () => {
  test('a dry run maps DryRunOperation to dryRunPassed and sends DryRun=true', async () => {
    let sawDryRun: boolean | undefined;
    const { ec2 } = fakeEc2((_, command) => {
      sawDryRun = command.input.DryRun;
      return new FakeAwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    });

    const outcomes = await changeInstanceState({ action: 'stop', dryRun: true, instanceIds: ids(3) }, { ec2, log: silentLog });

    expect(sawDryRun).toBe(true);
    expect(outcomes.map((o) => o.outcome)).toEqual(['dryRunPassed', 'dryRunPassed', 'dryRunPassed']);
  });

  test('a dry run that EC2 refuses for one id reports that id failed with its code', async () => {
    const { ec2 } = fakeEc2((callIds) =>
      callIds.includes('i-00000000000000001')
        ? new FakeAwsError('UnauthorizedOperation')
        : new FakeAwsError('DryRunOperation'),
    );

    const outcomes = await changeInstanceState({ action: 'start', dryRun: true, instanceIds: ids(4) }, { ec2, log: silentLog });

    expect(outcomes.find((o) => o.instanceId === 'i-00000000000000001')).toMatchObject({ outcome: 'failed', errorCode: 'UnauthorizedOperation' });
    expect(outcomes.filter((o) => o.outcome === 'dryRunPassed')).toHaveLength(3);
  });

  test('instances already in the target state are reported as already so', async () => {
    const ec2 = {
      send: async (command: StopInstancesCommand) => ({
        StoppingInstances: (command.input.InstanceIds ?? []).map((InstanceId, i) => ({
          InstanceId,
          PreviousState: { Name: i === 0 ? 'stopped' : 'running' },
          CurrentState: { Name: i === 0 ? 'stopped' : 'stopping' },
        })),
      }),
    } as never;

    const outcomes = await changeInstanceState({ action: 'stop', dryRun: false, instanceIds: ids(2) }, { ec2, log: silentLog });

    expect(outcomes.map((o) => o.outcome)).toEqual(['alreadyStopped', 'stopped']);
  });

  test('one Map iteration reads its batch from S3, writes every outcome beside it, and returns only the counts', async () => {
    // Prepare
    const store = memoryStore();
    const target = { accountId: '111122223333', region: 'eu-west-1' };
    const keys = targetKeys(runFolder('work/', 'stop-1'), target);
    await store.write(keys.batch(3), { instanceIds: ['i-1', 'i-2', 'i-3'] });
    const { ec2 } = fakeEc2((batchIds) => (batchIds.includes('i-3') ? new FakeAwsError('IncorrectInstanceState') : undefined));

    // Act
    const result = await changeBatch(
      { executionName: 'stop-1', action: 'stop', dryRun: false, target, batch: 3 },
      { clientsFor: async () => ({ ec2 }), store, workPrefix: 'work/', tagKey: 'AutoStopStart', log: silentLog },
    );

    // Assess
    expect(result).toEqual({ batch: 3, counts: { stopped: 2, failed: 1 } });
    expect(await store.read(keys.outcome(3), 'outcomes')).toEqual([
      expect.objectContaining({ instanceId: 'i-1', outcome: 'stopped' }),
      expect.objectContaining({ instanceId: 'i-2', outcome: 'stopped' }),
      expect.objectContaining({ instanceId: 'i-3', outcome: 'failed', errorCode: 'IncorrectInstanceState' }),
    ]);
  });
});
