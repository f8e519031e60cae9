/**
 * The per-resource override tag, `<TAG_KEY>Override` beside the opt-in tag: a way to keep one
 * resource out of its schedule for a while without removing its opt-in tag (which people forget to
 * put back). Values:
 *   skip-until=YYYY-MM-DD  nothing is done to it before that date, in the schedule's time zone;
 *                          on that date it follows its schedule again
 *   stop-only              stopped by the schedule, never started by it
 * Anything else leaves the resource alone, with a reason that names the tag and what is allowed:
 * a typo must not stop a machine someone asked to keep running.
 */
import { isCalendarDate, localDate } from './dates';
import type { PowerAction, Skip } from './power-types';

export const OVERRIDE_VALUES_TEXT = 'skip-until=YYYY-MM-DD (a date that exists) or stop-only';

export function overrideTagKey(tagKey: string): string {
  return `${tagKey}Override`;
}

/**
 * Why the override keeps the resource out of this run, or undefined when it takes part. A valid
 * override is held (someone asked for it); a value not understood is not, since it wants fixing.
 * `today` is the run's date (YYYY-MM-DD) in the schedule's time zone.
 */
export function overrideSkip(tagKey: string, value: string | undefined, action: PowerAction, today: string): Skip | undefined {
  if (value === undefined) return undefined;
  const key = overrideTagKey(tagKey);
  const text = value.trim();
  if (text === 'stop-only') return action === 'start' ? { reason: `${key}=stop-only: never started by the schedule`, heldByOverride: true } : undefined;
  const skipUntil = /^skip-until=(.*)$/.exec(text)?.[1];
  if (skipUntil !== undefined && isCalendarDate(skipUntil)) {
    // YYYY-MM-DD strings order as dates do.
    return today < skipUntil ? { reason: `${key}=skip-until=${skipUntil}: left alone until ${skipUntil} (today is ${today})`, heldByOverride: true } : undefined;
  }
  return { reason: `${key}=${JSON.stringify(value)} is not understood, so it is left alone; allowed: ${OVERRIDE_VALUES_TEXT}` };
}

/** A reason that is no override's, as a Skip. */
export function skipFor(reason: string | undefined): Skip | undefined {
  return reason === undefined ? undefined : { reason };
}

/** The run's date in the schedule's time zone (UTC when the request names none), as overrides compare it. */
export function scheduleToday(now: Date | undefined, timezone: string | undefined): string {
  return localDate(now ?? new Date(), timezone ?? 'UTC');
}
