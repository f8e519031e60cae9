/**
 * Every error a step can raise. Each class's `name` is a literal: it is what the state machines'
 * Retry/Catch `ErrorEquals` match, so it must survive minification (never constructor.name).
 * Retryable: ThrottlingError, AwsTransientError, InstancesNotChangedError (the patient retry in
 * RetryUnfinished). Terminal: everything else.
 */
import { resourceName, type UnfinishedInstance, type UnfinishedTarget } from './power-types';

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`environment variable ${variable}: ${message}`);
  }
}

/** The AWS API said slow down (RequestLimitExceeded, ThrottlingException, ...) after the SDK's own retries. */
export class ThrottlingError extends Error {
  override readonly name = 'ThrottlingError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A 5xx or network failure from an AWS API: worth retrying, not the caller's fault. */
export class AwsTransientError extends Error {
  override readonly name = 'AwsTransientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Detail beyond this many in an error message would bury the line; ops explain lists them all. */
export const MAX_NAMED_IN_MESSAGE = 20;

/**
 * Some instances (or whole targets) could not be brought to the target state. Thrown by
 * RetryUnfinished so the execution fails at that step, whose recorded input (the children's
 * results in S3) is the structured record Redrive re-runs and `ops explain` reads; the message
 * says the same in one line for people reading the console, naming account, region, instance and code.
 */
export class InstancesNotChangedError extends Error {
  override readonly name = 'InstancesNotChangedError';
  constructor(
    readonly instances: readonly UnfinishedInstance[],
    readonly targets: readonly UnfinishedTarget[] = [],
  ) {
    const named = [
      ...instances.map((i) => `${resourceName(i)} (${i.accountId} ${i.region}) ${i.errorCode ?? 'notArrived'}: ${i.reason}`),
      ...targets.map((t) => `every tagged instance of ${t.accountId} ${t.region} ${t.errorCode}: ${t.reason}`),
    ];
    const more = named.length > MAX_NAMED_IN_MESSAGE ? `; and ${named.length - MAX_NAMED_IN_MESSAGE} more (ops explain lists them all)` : '';
    const counts = [`${instances.length} instance(s)`, ...(targets.length > 0 ? [`${targets.length} target(s)`] : [])].join(' and ');
    super(`${counts} not changed: ${named.slice(0, MAX_NAMED_IN_MESSAGE).join('; ')}${more}`);
  }
}

/**
 * More instances carry the opt-in tag in one account and region than one child execution's
 * history can hold (25,000 events: one inline Map iteration per batch of 50). Raised before any
 * instance of that target is touched, with the remedy; never retried.
 */
export class TooManyInstancesError extends Error {
  override readonly name = 'TooManyInstancesError';
}

/** The report bucket or an object the workflow wrote earlier cannot be read or written. */
export class ReportStorageError extends Error {
  override readonly name = 'ReportStorageError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The error names the state machines refer to; the contract test checks both directions. */
export const STEP_ERROR_NAMES = [
  'InvalidInputError',
  'ConfigError',
  'ThrottlingError',
  'AwsTransientError',
  'InstancesNotChangedError',
  'ReportStorageError',
  'TooManyInstancesError',
] as const;

export type StepErrorName = (typeof STEP_ERROR_NAMES)[number];

const THROTTLING_CODES = new Set([
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
]);

/**
 * Errors that are about the caller's access to an account or region, never about one resource:
 * a role that cannot be assumed (missing, untrusted, refused by an SCP), a session not valid in the
 * region (opt-in region not enabled), an account not subscribed or blocked.
 */
const ACCOUNT_ACCESS_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthFailure',
  'Blocked',
  'ExpiredToken',
  'InvalidClientTokenId',
  'OptInRequired',
  'RegionDisabledException',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
]);

export function isAccountAccessError(error: unknown): boolean {
  return ACCOUNT_ACCESS_CODES.has(awsErrorCode(error));
}

const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'Unavailable',
  'InternalServerError',
  'TimeoutError',
  'RequestTimeout',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
]);

/**
 * The AWS error code of an SDK error (its `Code` or `name`), or of a Node network error (its
 * `code`); `fallback` when the error carries none (a plain Error). The one place that reads codes:
 * the Lambdas' retry decisions and the ops CLI's messages agree on what an error is.
 */
export function awsErrorCode(error: unknown, fallback = 'UnknownError'): string {
  if (error && typeof error === 'object') {
    const candidate = error as { name?: unknown; code?: unknown; Code?: unknown };
    for (const value of [candidate.Code, candidate.name, candidate.code]) {
      if (typeof value === 'string' && value !== 'Error') return value;
    }
  }
  return fallback;
}

export function isThrottling(error: unknown): boolean {
  return THROTTLING_CODES.has(awsErrorCode(error));
}

/**
 * EC2 has no room for the instance type in its Availability Zone (a server error, HTTP 500). It is
 * about one instance, not the call: the batch is split so the others proceed, and RetryUnfinished
 * tries the instance again with patience.
 */
export function isCapacityShortage(error: unknown): boolean {
  return awsErrorCode(error) === 'InsufficientInstanceCapacity';
}

export function isTransient(error: unknown): boolean {
  if (TRANSIENT_CODES.has(awsErrorCode(error))) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return typeof status === 'number' && status >= 500;
}

/** What the state machine retries: throttling and transient failures, raw from the SDK or already named. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ThrottlingError || error instanceof AwsTransientError || isThrottling(error) || isTransient(error);
}

/**
 * Re-raise an SDK error as the named error the ASL retries, or unchanged when it is terminal.
 * `what` says which call failed, so the console's Cause reads on its own.
 */
export function asStepError(error: unknown, what: string): Error {
  const code = awsErrorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (isThrottling(error)) return new ThrottlingError(`${what} throttled (${code}): ${detail}`, { cause: error });
  if (isTransient(error)) return new AwsTransientError(`${what} failed (${code}): ${detail}`, { cause: error });
  return error instanceof Error ? error : new Error(`${what} failed: ${detail}`);
}

/** A Step Functions Cause as people read it: a Lambda puts {errorType, errorMessage, trace} JSON there. */
export function causeMessage(cause: string | undefined): string | undefined {
  if (cause === undefined) return undefined;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (parsed && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // not JSON: the cause is already a message
  }
  return cause;
}
