import { HOURS_PER_MONTH } from '../../functions/shared/cost-math';
import {
  eventBridgeCronToCroner,
  runningHoursBetween,
  scheduledHoursPerMonth,
  startOfLocalDay,
  UnsupportedScheduleError,
} from '../../functions/shared/schedule-hours';

const weekdaysEightToEight = (timezone: string) => ({
  startCron: 'cron(0 8 ? * MON-FRI *)',
  stopCron: 'cron(0 20 ? * MON-FRI *)',
  timezone,
});

describe('EventBridge cron → croner', () => {
  it('drops the year, turns ? into * and moves numeric days of week from 1-7 (SUN-SAT) to 0-6', () => {
    expect(eventBridgeCronToCroner('cron(0 20 ? * MON-FRI *)')).toBe('0 20 * * MON-FRI');
    expect(eventBridgeCronToCroner('cron(30 7 ? * 2-6 *)')).toBe('30 7 * * 1-5');
    expect(eventBridgeCronToCroner('cron(0 9 ? * 1,7 *)')).toBe('0 9 * * 0,6');
    expect(eventBridgeCronToCroner('cron(0 9 ? * 6#3 *)')).toBe('0 9 * * 5#3');
  });

  it('refuses what it cannot simulate with a reason', () => {
    expect(() => eventBridgeCronToCroner('rate(1 hour)')).toThrow(UnsupportedScheduleError);
    expect(() => eventBridgeCronToCroner('cron(0 20 ? * MON-FRI)')).toThrow(/6 fields/);
    expect(() => eventBridgeCronToCroner('cron(0 20 ? * 8 *)')).toThrow(/outside 1-7/);
  });
});

describe('hours a schedule keeps an instance running', () => {
  it('weekdays 08:00-20:00 in Seoul: 12 h × 20 weekdays over four weeks, ≈ 260.7 h in a 730-hour month', () => {
    // Prepare / Act
    const estimate = scheduledHoursPerMonth(weekdaysEightToEight('Asia/Seoul'), '2026-11-23');

    // Assess
    expect(estimate.periodStart).toBe('2026-11-22T15:00:00.000Z');
    expect(estimate.simulatedRunningHours).toBe(240);
    expect(estimate.periodHours).toBe(672);
    expect(estimate.hoursPerMonth).toBeCloseTo((240 / 672) * 730, 9);
    expect(estimate.hoursPerMonth).toBeCloseTo(260.7, 1);
  });

  it('a skip date starts nothing: the instance stays stopped that weekday, 12 h × 19 days ≈ 247.7 h a month', () => {
    // Prepare: 2026-12-25 (a Friday) falls in the four weeks from 2026-12-07; 2027-02-01 does not.
    const schedule = { ...weekdaysEightToEight('Asia/Seoul'), skipDates: ['2026-12-25', '2027-02-01'] };

    // Act
    const estimate = scheduledHoursPerMonth(schedule, '2026-12-07');

    // Assess: the 08:00 start on the 25th does nothing, so that day's 12 running hours are gone.
    expect(estimate.simulatedRunningHours).toBe(228);
    expect(estimate.hoursPerMonth).toBeCloseTo((228 / 672) * 730, 9);
    expect(estimate.hoursPerMonth).toBeCloseTo(247.7, 1);
  });

  it('a skip date is a date where the schedule runs: Seoul\'s 24 December start (23:00 UTC on the 23rd) is the one skipped', () => {
    // Prepare: the start at 08:00 Seoul on Thursday the 24th fires at 23:00 UTC on the 23rd.
    const schedule = { ...weekdaysEightToEight('Asia/Seoul'), skipDates: ['2026-12-24'] };

    // Act
    const estimate = scheduledHoursPerMonth(schedule, '2026-12-07');

    // Assess: Seoul's 24th stays stopped and its 25th runs 08:00-20:00, whatever the UTC dates of the starts.
    expect(estimate.simulatedRunningHours).toBe(228);
    expect(runningHoursBetween(schedule, new Date('2026-12-23T15:00:00Z'), new Date('2026-12-25T15:00:00Z'))).toBe(12);
  });

  it('numeric days of week mean the same days as their names', () => {
    const named = scheduledHoursPerMonth(weekdaysEightToEight('Asia/Seoul'), '2026-11-23');
    const numeric = scheduledHoursPerMonth(
      { startCron: 'cron(0 8 ? * 2-6 *)', stopCron: 'cron(0 20 ? * 2-6 *)', timezone: 'Asia/Seoul' },
      '2026-11-23',
    );
    expect(numeric.hoursPerMonth).toBe(named.hoursPerMonth);
  });

  it('New York across the spring-forward change: still 12 h each weekday, in a period one hour shorter', () => {
    // Prepare: 2026-03-08 is the night clocks move from EST to EDT.
    const schedule = weekdaysEightToEight('America/New_York');

    // Act
    const estimate = scheduledHoursPerMonth(schedule, '2026-03-02');

    // Assess
    expect(estimate.simulatedRunningHours).toBe(240);
    expect(estimate.periodHours).toBe(671);
    expect(estimate.hoursPerMonth).toBeCloseTo((240 / 671) * 730, 9);
  });

  it('fires at local time: the morning start moves from 13:00 to 12:00 UTC when New York changes to EDT', () => {
    const schedule = weekdaysEightToEight('America/New_York');
    // Friday before the change, 08:00-20:00 EST = 13:00-01:00 UTC; Monday after, EDT = 12:00-00:00 UTC.
    expect(runningHoursBetween(schedule, new Date('2026-03-06T12:00:00Z'), new Date('2026-03-06T13:00:00Z'))).toBe(0);
    expect(runningHoursBetween(schedule, new Date('2026-03-09T12:00:00Z'), new Date('2026-03-09T13:00:00Z'))).toBe(1);
  });

  it('weekend-only: Saturday 09:00 to Sunday 18:00 is 33 h a week, but 32 h across the spring-forward night', () => {
    const weekend = (timezone: string) => ({ startCron: 'cron(0 9 ? * SAT *)', stopCron: 'cron(0 18 ? * SUN *)', timezone });

    const seoulMonth = scheduledHoursPerMonth(weekend('Asia/Seoul'), '2026-11-23');
    const newYorkWeekend = runningHoursBetween(
      weekend('America/New_York'),
      startOfLocalDay('2026-03-07', 'America/New_York'),
      startOfLocalDay('2026-03-09', 'America/New_York'),
    );

    expect(seoulMonth.simulatedRunningHours).toBe(4 * 33);
    expect(seoulMonth.hoursPerMonth).toBeCloseTo((132 / 672) * 730, 9);
    expect(newYorkWeekend).toBe(32);
  });

  it('always on: a schedule whose stop never fires in the period keeps the whole 730-hour month', () => {
    const schedule = { startCron: 'cron(0 8 * * ? *)', stopCron: 'cron(0 20 1 1 ? *)', timezone: 'Asia/Seoul' };

    const estimate = scheduledHoursPerMonth(schedule, '2026-11-23');

    expect(estimate.hoursPerMonth).toBe(HOURS_PER_MONTH);
  });

  it('a stop and a start in the same minute leave the instance running', () => {
    const sameMinute = { startCron: 'cron(0 20 * * ? *)', stopCron: 'cron(0 20 * * ? *)', timezone: 'UTC' };

    expect(scheduledHoursPerMonth(sameMinute, '2026-11-23').hoursPerMonth).toBe(HOURS_PER_MONTH);
  });
});
