/** The generic bisect any batch call can use: bad items end up alone, good ones still go through. */
import { bisectRetry, chunk } from '../../functions/shared/batch';

type Result = { item: string; ok: boolean; error?: string };

/** A batch call that refuses any batch holding a bad item, as EC2 refuses a whole StopInstances call. */
function refusing(bad: readonly string[], code = 'Refused') {
  const calls: string[][] = [];
  const call = async (batch: readonly string[]): Promise<Result[]> => {
    calls.push([...batch]);
    if (batch.some((item) => bad.includes(item))) throw Object.assign(new Error(`${code} by the service`), { name: code });
    return batch.map((item) => ({ item, ok: true }));
  };
  return { call, calls };
}

const failed = (item: string, error: unknown): Result => ({ item, ok: false, error: (error as Error).name });

describe('bisectRetry', () => {
  test('splits a refused batch until each bad item stands alone; every good item succeeds once', async () => {
    // Prepare
    const items = Array.from({ length: 10 }, (_, i) => `item-${i}`);
    const { call, calls } = refusing(['item-3', 'item-8']);

    // Act
    const results = await bisectRetry(items, call, { failed });

    // Assess
    expect(results.map((r) => r.item)).toEqual(items);
    expect(results.filter((r) => !r.ok)).toEqual([
      { item: 'item-3', ok: false, error: 'Refused' },
      { item: 'item-8', ok: false, error: 'Refused' },
    ]);
    const succeededCalls = calls.filter((batch) => !batch.includes('item-3') && !batch.includes('item-8'));
    expect(succeededCalls.flat().sort()).toEqual(items.filter((i) => i !== 'item-3' && i !== 'item-8').sort());
  });

  test('does not split on an error about the whole call; fails every item with it in one call', async () => {
    const { call, calls } = refusing(['b'], 'AuthFailure');

    const results = await bisectRetry(['a', 'b', 'c'], call, { failed, splittable: (error) => (error as Error).name !== 'AuthFailure' });

    expect(calls).toHaveLength(1);
    expect(results.map((r) => r.error)).toEqual(['AuthFailure', 'AuthFailure', 'AuthFailure']);
  });

  test('lets the caller settle a whole batch or abort everything by throwing', async () => {
    const { call } = refusing(['a'], 'Throttled');

    const run = bisectRetry(['a', 'b'], call, {
      failed,
      settle: (error) => {
        throw new Error(`gave up: ${(error as Error).name}`);
      },
    });

    await expect(run).rejects.toThrow('gave up: Throttled');
  });

  test('makes no call for no items, and chunk cuts lists into batches of at most the size', async () => {
    const { call, calls } = refusing([]);

    expect(await bisectRetry([], call, { failed })).toEqual([]);
    expect(calls).toEqual([]);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
