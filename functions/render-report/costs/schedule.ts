/**
 * Schedule savings: for an instance or DB on a stop/start schedule, the hours a month the schedule
 * keeps it running (its skip dates counted), what that costs, and what it saves against running all
 * month. Only for what the schedule really changes: power-schedule's own rules
 * (shared/schedule-eligibility.ts, shared/databases.ts) leave some alone, and stopping an instance
 * on a Dedicated Host does not stop the host's bill. A stopped DB's storage is still billed: only
 * its instance hours are saved.
 */
import type { PowerScheduleEntry } from '../../shared/config';
import { charge, isPriced, priced, sumCosts, sumUsd, type Cost } from '../../shared/cost-math';
import { scheduledHoursPerMonth, UnsupportedScheduleError, type ScheduleEstimate } from '../../shared/schedule-hours';

export interface ScheduleColumns {
  tagValue: string;
  /** Hours per month the schedule keeps the instance running; absent when it cannot be simulated. */
  hoursPerMonth?: number;
  /** Absent when the instance is not billed for compute now (nothing for the schedule to save). */
  scheduledMonthly?: Cost;
  savings?: Cost;
  note?: string;
}

/** What the estimate reads of an EC2 instance or a DB instance. */
export interface ScheduledResource {
  scheduleTagValue?: string;
  scheduleSkipReason?: string;
  /** As the report shows it, e.g. `stopped`. */
  state: string;
  /** Whether its hours are billed now: a stopped one has nothing for the schedule to save. */
  computeBilled: boolean;
}

/**
 * The schedule columns of one instance, given its hourly rate and its month's compute (both absent
 * when its compute is billed through a Dedicated Host); undefined when no schedule applies.
 */
export type ScheduleSavings = (resource: ScheduledResource, hourly: Cost | undefined, computeMonthly: Cost | undefined) => ScheduleColumns | undefined;

/** A row's note for what the schedule leaves alone: why, and where its saving is (`no savings` unless counted elsewhere). */
export function leftAloneNote(reason: string, saving = 'no savings'): string {
  return `the schedule leaves it alone (${reason}): ${saving}`;
}

export function scheduleSavings(schedules: readonly PowerScheduleEntry[], reportDate: string): ScheduleSavings {
  const scheduleByTag = new Map(schedules.map((s) => [s.tagValue, s]));
  // One simulation per schedule, however many instances carry its tag value.
  const estimates = new Map<string, ScheduleEstimate | string>();
  const estimateFor = (schedule: PowerScheduleEntry): ScheduleEstimate | string => {
    let estimate = estimates.get(schedule.tagValue);
    if (estimate === undefined) {
      try {
        estimate = scheduledHoursPerMonth(schedule, reportDate);
      } catch (error) {
        if (!(error instanceof UnsupportedScheduleError)) throw error;
        estimate = `schedule estimate unavailable: ${error.message}`;
      }
      estimates.set(schedule.tagValue, estimate);
    }
    return estimate;
  };

  return (resource, hourly, computeMonthly) => {
    const entry = resource.scheduleTagValue === undefined ? undefined : scheduleByTag.get(resource.scheduleTagValue);
    if (!entry) return undefined;
    if (resource.scheduleSkipReason) return { tagValue: entry.tagValue, note: leftAloneNote(resource.scheduleSkipReason) };
    if (hourly === undefined || computeMonthly === undefined) {
      return { tagValue: entry.tagValue, note: 'on a Dedicated Host: stopping it does not stop the host\'s bill, no savings' };
    }
    const estimate = estimateFor(entry);
    if (typeof estimate === 'string') return { tagValue: entry.tagValue, note: estimate };
    if (!resource.computeBilled) {
      return { tagValue: entry.tagValue, hoursPerMonth: estimate.hoursPerMonth, note: `${resource.state} now: no compute billed to save` };
    }
    const scheduledMonthly = charge(estimate.hoursPerMonth, hourly);
    const savings =
      isPriced(computeMonthly) && isPriced(scheduledMonthly)
        ? priced(sumUsd([computeMonthly.usd, -scheduledMonthly.usd]))
        : sumCosts([computeMonthly, scheduledMonthly]);
    return { tagValue: entry.tagValue, hoursPerMonth: estimate.hoursPerMonth, scheduledMonthly, savings };
  };
}
