/** One Powertools logger per Lambda process; JSON lines an operator can grep. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'ops-automation' });

/** The decisions a core reports; handlers pass `logger` here, tests pass a recorder. */
export interface DecisionLog {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export const silentLog: DecisionLog = { info: () => undefined, warn: () => undefined };
