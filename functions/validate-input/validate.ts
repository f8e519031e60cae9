/**
 * Validates the power-schedule input before any instance is touched. Unknown fields are refused
 * too: a typo such as "dryrun" must not silently turn a dry run into a real one.
 */
import { InvalidInputError } from '../shared/errors';
import { isValidTimeZone } from '../shared/config';
import { isCalendarDate, localDate } from '../shared/dates';
import type { PowerRequest } from '../shared/power-types';
import { isOptInTagText, OPT_IN_TAG_TEXT } from '../shared/tags';

const ALLOWED_FIELDS = ['action', 'dryRun', 'tagValue', 'skipDates', 'timezone', 'hibernate'];

export interface ValidateDefaults {
  tagValue: string;
  now: Date;
}

export function validatePowerRequest(input: unknown, defaults: ValidateDefaults): PowerRequest {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidInputError('input', 'must be a JSON object like {"action":"stop"}');
  }
  const fields = input as Record<string, unknown>;
  // Every problem at once: an operator fixing the input in the console should need one attempt.
  const problems: [field: string, message: string][] = [];
  for (const name of Object.keys(fields).filter((k) => !ALLOWED_FIELDS.includes(k))) {
    problems.push([name, `is not a known field; allowed fields: ${ALLOWED_FIELDS.join(', ')}`]);
  }
  const { action, dryRun, tagValue, skipDates, timezone, hibernate } = fields;
  if (action !== 'stop' && action !== 'start') {
    problems.push(['action', `must be "stop" or "start", got ${JSON.stringify(action) ?? 'nothing'}`]);
  }
  if (dryRun !== undefined && typeof dryRun !== 'boolean') {
    problems.push(['dryRun', `must be true or false, got ${JSON.stringify(dryRun)}`]);
  }
  if (hibernate !== undefined && typeof hibernate !== 'boolean') {
    problems.push(['hibernate', `must be true or false, got ${JSON.stringify(hibernate)}`]);
  } else if (hibernate === true && action === 'start') {
    problems.push(['hibernate', 'applies to "stop" only: a hibernated instance is started like any other']);
  }
  if (tagValue !== undefined && !isOptInTagText(tagValue)) {
    problems.push(['tagValue', `must be a string of ${OPT_IN_TAG_TEXT}`]);
  }
  if (skipDates !== undefined && (!Array.isArray(skipDates) || !skipDates.every(isCalendarDate))) {
    problems.push(['skipDates', 'must be a list of dates written YYYY-MM-DD']);
  }
  if (timezone !== undefined && (typeof timezone !== 'string' || !isValidTimeZone(timezone))) {
    problems.push(['timezone', `must be an IANA time zone like Asia/Seoul, got ${JSON.stringify(timezone)}`]);
  } else if (skipDates !== undefined && timezone === undefined) {
    problems.push(['timezone', "is required with skipDates: holidays are dates in the schedule's time zone"]);
  }
  const [first, ...more] = problems;
  if (first) {
    const rest = more.map(([field, message]) => `; ${field}: ${message}`).join('');
    throw new InvalidInputError(first[0], `${first[1]}${rest}`);
  }
  if (action !== 'stop' && action !== 'start') throw new Error('unreachable: action was checked above');

  const request: PowerRequest = {
    action,
    dryRun: (dryRun as boolean | undefined) ?? false,
    tagValue: (tagValue as string | undefined) ?? defaults.tagValue,
    // Always present: the Map's ItemSelector passes both on to every target, and a JSONPath to a missing field fails the state.
    timezone: (timezone as string | undefined) ?? 'UTC',
    hibernate: (hibernate as boolean | undefined) ?? false,
  };
  if (action === 'start' && Array.isArray(skipDates) && typeof timezone === 'string') {
    const today = localDate(defaults.now, timezone);
    if (skipDates.includes(today)) request.skipReason = `${today} is a skip date in ${timezone}: nothing is started`;
  }
  return request;
}
