/**
 * Step Functions execution names, as the StartExecution API defines them: 1-80 characters and none
 * of white space, brackets < > { } [ ], wildcards ? *, the characters " # % \ ^ | ~ ` $ & , ; : /,
 * or control characters. So a name is always one safe folder of an S3 key (no "/"), and ":" never
 * appears (it separates an execution ARN's parts). Names this project makes keep to the stricter
 * 0-9 A-Z a-z - _ that AWS asks for when the execution is to be logged to CloudWatch Logs.
 */
import { InvalidInputError } from './errors';

export const EXECUTION_NAME_MAX = 80;

// With the `u` flag a surrogate range matches only lone surrogates, which AWS refuses; pairs are one character.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/u;
const LOGGABLE = /^[0-9A-Za-z_-]+$/;

export function isExecutionName(name: unknown): name is string {
  return typeof name === 'string' && name.length >= 1 && name.length <= EXECUTION_NAME_MAX && !FORBIDDEN.test(name);
}

/** A name StartExecution accepts and CloudWatch Logs logging keeps: what names we create must be. */
export function isLoggableExecutionName(name: string): boolean {
  return isExecutionName(name) && LOGGABLE.test(name);
}

/**
 * The execution name a step received, checked before it becomes a work folder: an AWS execution
 * name, and not dots only (AWS allows "..", which as a folder would climb out of the work prefix).
 */
export function validateExecutionName(name: unknown): string {
  if (!isExecutionName(name) || /^\.+$/.test(name)) {
    throw new InvalidInputError(
      'executionName',
      `must be a Step Functions execution name (1-${EXECUTION_NAME_MAX} characters, no white space, brackets, wildcards or any of " # % \\ ^ | ~ \` $ & , ; : /), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}
