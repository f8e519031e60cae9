/**
 * One Powertools logger per Lambda process; JSON lines an operator can grep and follow in
 * CloudWatch: each carries the invocation's context (function name, request id, cold start) and,
 * when the state machine passes it, the execution name, so one run's lines read together.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ops-automation' });

/** The decisions a core reports; handlers pass `logger` here, tests pass a recorder. */
export interface DecisionLog {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLog: DecisionLog = { info: () => undefined, warn: () => undefined };

/** The part of the Lambda invocation context the logs carry (the runtime passes the whole object). */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
}

export const EXECUTION_NAME_KEY = 'executionName';

function executionNameOf(event: unknown): string | undefined {
  const name = (event as { executionName?: unknown } | null | undefined)?.executionName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * A Lambda handler that logs with its invocation's context: what Powertools' injectLambdaContext
 * does (context, cold start, the event when POWERTOOLS_LOGGER_LOG_EVENT is on), plus the execution
 * name as a persistent key when the event carries one — set or cleared on every invocation, so a
 * warm process never lends one run's name to the next.
 */
export function withLambdaContext<Event, Result>(
  handle: (event: Event) => Promise<Result>,
): (event: Event, context: LambdaContext) => Promise<Result> {
  return async (event, context) => {
    logger.refreshSampleRateCalculation();
    logger.addContext(context as Parameters<Logger['addContext']>[0]);
    const executionName = executionNameOf(event);
    if (executionName) logger.appendPersistentKeys({ [EXECUTION_NAME_KEY]: executionName });
    else logger.removePersistentKeys([EXECUTION_NAME_KEY]);
    logger.logEventIfEnabled(event);
    return handle(event);
  };
}
