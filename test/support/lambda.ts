/** Calling a handler as the Lambda runtime does: the event and a fresh invocation context each time. */
import type { LambdaContext } from '../../functions/shared/logger';
import { localLambdaContext } from '../../scripts/lib/local-workflow';

export function invokedAsLambda<Event, Result>(
  handler: (event: Event, context: LambdaContext) => Promise<Result>,
  functionDir: string,
): (event: Event) => Promise<Result> {
  return (event) => handler(event, localLambdaContext(functionDir));
}
