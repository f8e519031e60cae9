/**
 * Calendar dates: the one rule for a date written YYYY-MM-DD (a day that exists, so 2026-02-30 is
 * not one), and dates in a time zone, since schedules and reports are dated where their users live.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1-12) and day of a YYYY-MM-DD date that exists; undefined for anything else. */
export function calendarDateParts(text: string): [year: number, month: number, day: number] | undefined {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? [year, month, day] : undefined;
}

export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && calendarDateParts(value) !== undefined;
}

/** The calendar date (YYYY-MM-DD) of `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
