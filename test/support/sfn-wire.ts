/**
 * Test harness only: Step Functions answers in its real wire format (AWS JSON 1.0), for what moto
 * cannot produce — Map Runs and their child executions, a failed execution's history. Timestamps
 * travel as epoch seconds (fractional), as the JSON 1.0 protocol sends them; errors name their
 * type in `__type`, which the SDK reads.
 */
import type { FaultResponse } from './aws-proxy';

const SFN_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Dates to epoch seconds, everything else as is, at any depth. */
export function sfnWireValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(sfnWireValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sfnWireValue(v)]));
  return value;
}

export function sfnResponse(body: Record<string, unknown>): FaultResponse {
  return { status: 200, contentType: SFN_CONTENT_TYPE, body: JSON.stringify(sfnWireValue(body)) };
}

export function sfnError(type: string, message: string, status = 400): FaultResponse {
  return { status, contentType: SFN_CONTENT_TYPE, body: JSON.stringify({ __type: type, message }) };
}

/** The operation's request body, parsed. */
export function sfnRequest<T = Record<string, unknown>>(body: string): T {
  return JSON.parse(body || '{}') as T;
}
