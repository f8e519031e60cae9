/**
 * How many hours a month a stop/start schedule keeps an instance running: the schedule's
 * EventBridge cron expressions are simulated in its own time zone (so daylight-saving changes
 * move the fire times as EventBridge Scheduler does) over a reference period, and the running
 * share of that period is scaled to the 730-hour month the rest of the report uses.
 */
import { Cron } from 'croner';
import { HOURS_PER_MONTH } from './cost-math';
import { calendarDateParts, localDate } from './dates';

export interface PowerScheduleTimes {
  readonly stopCron: string;
  readonly startCron: string;
  readonly timezone: string;
  /** Local dates on which power-schedule's start does nothing (validate-input): the instance stays stopped until the next start. */
  readonly skipDates?: readonly string[];
}

/** A schedule expression this estimate cannot simulate; the report shows the reason instead of a figure. */
export class UnsupportedScheduleError extends Error {
  override readonly name = 'UnsupportedScheduleError';
}

/** Days simulated from the report date: four whole weeks, so every weekday counts equally. */
export const REFERENCE_DAYS = 28;
/** How far before the period to look for the last stop/start, to know the state the period begins in. */
const LOOKBACK_DAYS = 35;
/** Guards against expressions such as every minute, which would make the simulation slow. */
const MAX_FIRES = 50_000;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * `cron(min hour day-of-month month day-of-week year)` as EventBridge writes it → croner's five
 * fields: the year is dropped, `?` becomes `*`, and numeric days of week move from EventBridge's
 * 1-7 (SUN-SAT) to croner's 0-6. The `#n` occurrence and `/step` numbers are counts, not days.
 */
export function eventBridgeCronToCroner(expression: string): string {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match?.[1]) throw new UnsupportedScheduleError(`"${expression}" is not a cron(...) expression`);
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new UnsupportedScheduleError(`"${expression}" must have 6 fields (minutes hours day-of-month month day-of-week year)`);
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek] = fields.map((f) => (f === '?' ? '*' : f)) as [string, string, string, string, string];
  const croneDayOfWeek = dayOfWeek.replace(/(?<![#/\d])(\d+)/g, (day) => {
    const value = Number(day);
    if (value < 1 || value > 7) throw new UnsupportedScheduleError(`"${expression}": day of week ${day} is outside 1-7`);
    return String(value - 1);
  });
  return [minutes, hours, dayOfMonth, month, croneDayOfWeek].join(' ');
}

function cronFor(expression: string, timezone: string): Cron {
  const pattern = eventBridgeCronToCroner(expression);
  try {
    // EventBridge requires `?` in one of day-of-month/day-of-week, so AND of both is its meaning.
    return new Cron(pattern, { timezone, domAndDow: true });
  } catch (error) {
    throw new UnsupportedScheduleError(`"${expression}" cannot be simulated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fireTimes(cron: Cron, from: Date, to: Date, what: string): number[] {
  const times: number[] = [];
  let cursor: Date | null = cron.nextRun(new Date(from.getTime() - 1));
  while (cursor && cursor.getTime() < to.getTime()) {
    times.push(cursor.getTime());
    if (times.length > MAX_FIRES) throw new UnsupportedScheduleError(`${what} fires too often to simulate`);
    cursor = cron.nextRun(cursor);
  }
  return times;
}

/**
 * Hours between `from` and `to` during which the schedule keeps the instance running. The state at
 * `from` is the one left by the last stop or start before it; with none in the look-back, running.
 * A stop and a start at the same minute leave it running (the costlier reading).
 */
export function runningHoursBetween(schedule: PowerScheduleTimes, from: Date, to: Date): number {
  const lookbackFrom = new Date(from.getTime() - LOOKBACK_DAYS * DAY_MS);
  const stops = fireTimes(cronFor(schedule.stopCron, schedule.timezone), lookbackFrom, to, 'stopCron');
  const skipped = new Set(schedule.skipDates ?? []);
  const starts = fireTimes(cronFor(schedule.startCron, schedule.timezone), lookbackFrom, to, 'startCron').filter(
    (at) => !skipped.has(localDate(new Date(at), schedule.timezone)),
  );
  const events = [
    ...stops.map((at) => ({ at, running: false })),
    ...starts.map((at) => ({ at, running: true })),
  ].sort((a, b) => a.at - b.at || Number(a.running) - Number(b.running));

  let running = true;
  let since = lookbackFrom.getTime();
  let runningMs = 0;
  const addRunning = (until: number) => {
    const overlap = Math.min(until, to.getTime()) - Math.max(since, from.getTime());
    if (running && overlap > 0) runningMs += overlap;
  };
  for (const event of events) {
    addRunning(event.at);
    running = event.running;
    since = event.at;
  }
  addRunning(to.getTime());
  return runningMs / HOUR_MS;
}

/** Offset of `timezone` from UTC at `instant`, in ms (positive east of Greenwich). */
function zoneOffsetMs(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - (instant - (instant % 1000));
}

/** The instant local midnight starts `date` (YYYY-MM-DD) in `timezone`. */
export function startOfLocalDay(date: string, timezone: string): Date {
  const parts = calendarDateParts(date);
  if (!parts) throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
  const [year, month, day] = parts;
  const wallClock = Date.UTC(year, month - 1, day);
  // Two passes settle the offset when midnight is near a daylight-saving change.
  let instant = wallClock - zoneOffsetMs(wallClock, timezone);
  instant = wallClock - zoneOffsetMs(instant, timezone);
  return new Date(instant);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface ScheduleEstimate {
  /** Hours per 730-hour month the schedule keeps an instance running. */
  hoursPerMonth: number;
  /** Running hours actually simulated, and the period's length (which DST can make 671 or 673 hours). */
  simulatedRunningHours: number;
  periodHours: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * Running hours per month under the schedule, from the four weeks that start at the report date's
 * local midnight. Weekdays 08:00-20:00 gives 12 h × 20 days / 672 h × 730 ≈ 260.7 h; a skip date
 * among those weekdays takes its 12 hours off (19 days: ≈ 247.7 h).
 */
export function scheduledHoursPerMonth(schedule: PowerScheduleTimes, reportDate: string): ScheduleEstimate {
  const from = startOfLocalDay(reportDate, schedule.timezone);
  const to = startOfLocalDay(addDays(reportDate, REFERENCE_DAYS), schedule.timezone);
  const simulatedRunningHours = runningHoursBetween(schedule, from, to);
  const periodHours = (to.getTime() - from.getTime()) / HOUR_MS;
  return {
    hoursPerMonth: (simulatedRunningHours / periodHours) * HOURS_PER_MONTH,
    simulatedRunningHours,
    periodHours,
    periodStart: from.toISOString(),
    periodEnd: to.toISOString(),
  };
}

/** How far ahead the longest gap between two runs of a schedule is looked for: covers monthly schedules. */
const GAP_WINDOW_DAYS = 62;

/**
 * The longest time, in hours, between two consecutive runs of an EventBridge-style cron expression
 * (AWS Backup plans use the same form) in its time zone, over the two months from `from`: a daily
 * 03:00 rule gives 24, weekdays-only 72 (Friday to Monday), the 1st of each month up to 744.
 */
export function longestGapHours(expression: string, timezone: string, from: Date): number {
  const fires = fireTimes(cronFor(expression, timezone), from, new Date(from.getTime() + GAP_WINDOW_DAYS * DAY_MS), 'the backup schedule');
  if (fires.length < 2) throw new UnsupportedScheduleError(`"${expression}" runs less than twice in ${GAP_WINDOW_DAYS} days`);
  let longest = 0;
  for (let i = 1; i < fires.length; i += 1) longest = Math.max(longest, (fires[i]! - fires[i - 1]!) / HOUR_MS);
  return longest;
}
