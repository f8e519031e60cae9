/**
 * What the ops CLI tells a person when something is wrong: one line, no stack trace. OpsError is
 * a problem we recognised and worded ourselves; `describeFailure` words the AWS SDK's errors.
 */
import { awsErrorCode } from '../../functions/shared/errors';

export class OpsError extends Error {
  override readonly name = 'OpsError';
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text.trim();
}

/** One line for any error: ours as written, the SDK's translated into what to do about it. */
export function describeFailure(error: unknown): string {
  if (error instanceof OpsError) return error.message;
  const name = awsErrorCode(error, 'Error');
  const message = firstLine(error instanceof Error ? error.message : String(error));
  switch (name) {
    case 'CredentialsProviderError':
      return 'no AWS credentials found: set AWS_PROFILE (after `aws sso login` if needed) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return `AWS credentials have expired (${message}): refresh them, e.g. \`aws sso login\``;
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
    case 'InvalidAccessKeyId':
    case 'SignatureDoesNotMatch':
      return `AWS rejected the credentials (${name}): check AWS_PROFILE or the access keys`;
    case 'AccessDeniedException':
    case 'AccessDenied':
      return `access denied by AWS: ${message}`;
    case 'ExecutionDoesNotExist':
      return `no such execution: ${message}`;
    case 'StateMachineDoesNotExist':
      return `no such state machine: ${message} (is the Terraform stack deployed in this account and region?)`;
    case 'NoSuchBucket':
      return `the report bucket does not exist: ${message}`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'TimeoutError':
      return `cannot reach AWS (${name}): ${message}`;
  }
  if (/region is missing/i.test(message)) {
    return 'no AWS region: set AWS_REGION or a region in your AWS profile';
  }
  return `${name}: ${message}`;
}
