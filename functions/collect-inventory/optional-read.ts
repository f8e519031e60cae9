/**
 * A read the report can do without (a member role deployed before the report read databases or
 * Auto Scaling groups, say): a throttled or AWS-side failure is thrown for the step's Retry; a
 * refusal becomes a note naming the target, the call and AWS's error, which the workbook shows
 * beside the figures that do not depend on it.
 */
import { awsErrorCode, isRetryable } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';

export async function readOrNote<T>(
  read: () => Promise<T>,
  about: { call: string; what: string; where: string; log: DecisionLog },
): Promise<{ value: T; readError?: undefined } | { value?: undefined; readError: string }> {
  try {
    return { value: await read() };
  } catch (error) {
    if (isRetryable(error)) throw error;
    const readError = `${about.where}: ${about.call} failed (${awsErrorCode(error)}): ${error instanceof Error ? error.message : String(error)}`;
    about.log.warn(`${about.what} not read; the report notes it and goes on`, { where: about.where, error: readError });
    return { readError };
  }
}
