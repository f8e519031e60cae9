/**
 * Working through many ids with batch APIs: cutting a list into batches, and isolating the ids a
 * batch call fails on (AWS Instance Scheduler's `bisect_retry`, util/batch.py) so one bad id costs
 * only its own result and the good ids in its batch still go through.
 */

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface BisectOptions<T, R> {
  /**
   * Results for a whole batch whose error needs no splitting (e.g. a dry run's "would have
   * succeeded"), or undefined to go on. Throw here to abort the whole call (e.g. throttling,
   * which the caller's retry must see).
   */
  settle?(error: unknown, batch: readonly T[]): R[] | undefined;
  /** False for errors that say nothing about particular items (bad credentials): splitting would only repeat them. */
  splittable?(error: unknown): boolean;
  /** The result for an item the call still fails on when it cannot be split further. */
  failed(item: T, error: unknown): R;
}

/**
 * Calls `call` with all items; when it throws, splits the batch in half and calls each half, down
 * to single items, so the items the call fails on stand alone. Halves run one after the other: a
 * burst of parallel calls would invite the throttling a caller is avoiding. `call` returns one
 * result per item of the batch it was given.
 */
export async function bisectRetry<T, R>(
  items: readonly T[],
  call: (batch: readonly T[]) => Promise<R[]>,
  options: BisectOptions<T, R>,
): Promise<R[]> {
  if (items.length === 0) return [];
  try {
    return await call(items);
  } catch (error) {
    const settled = options.settle?.(error, items);
    if (settled) return settled;
    if (items.length > 1 && (options.splittable?.(error) ?? true)) {
      const half = Math.ceil(items.length / 2);
      const left = await bisectRetry(items.slice(0, half), call, options);
      const right = await bisectRetry(items.slice(half), call, options);
      return [...left, ...right];
    }
    return items.map((item) => options.failed(item, error));
  }
}

/**
 * `work` over every item, at most `limit` at a time, results in the items' order. For fanning out
 * over targets or S3 objects without bursting past what the callee (EC2, S3, STS) tolerates.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
