/**
 * Schedule savings: for an instance on a stop/start schedule, the hours a month the schedule keeps
 * it running (its skip dates counted), what that costs, and what it saves against running all
 * month. Only for instances the schedule really changes: power-schedule's own rule
 * (shared/schedule-eligibility.ts) leaves some alone, and stopping an instance on a Dedicated Host
 * does not stop the host's bill.
 */
import type { PowerScheduleEntry } from '../../shared/config';
import { charge, computeIsBilled, isPriced, priced, sumCosts, sumUsd, type Cost } from '../../shared/cost-math';
import type { InventoryInstance } from '../../shared/cost-types';
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

/**
 * The schedule columns of one instance, given its hourly rate and its month's compute (both absent
 * when its compute is billed through a Dedicated Host); undefined when no schedule applies.
 */
export type ScheduleSavings = (instance: InventoryInstance, hourly: Cost | undefined, ec2Monthly: Cost | undefined) => ScheduleColumns | undefined;

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

  return (instance, hourly, ec2Monthly) => {
    const entry = instance.scheduleTagValue === undefined ? undefined : scheduleByTag.get(instance.scheduleTagValue);
    if (!entry) return undefined;
    if (instance.scheduleSkipReason) return { tagValue: entry.tagValue, note: `the schedule leaves it alone (${instance.scheduleSkipReason}): no savings` };
    if (hourly === undefined || ec2Monthly === undefined) {
      return { tagValue: entry.tagValue, note: 'on a Dedicated Host: stopping it does not stop the host\'s bill, no savings' };
    }
    const estimate = estimateFor(entry);
    if (typeof estimate === 'string') return { tagValue: entry.tagValue, note: estimate };
    if (!computeIsBilled(instance.state)) {
      return { tagValue: entry.tagValue, hoursPerMonth: estimate.hoursPerMonth, note: `${instance.state} now: no compute billed to save` };
    }
    const scheduledMonthly = charge(estimate.hoursPerMonth, hourly);
    const savings =
      isPriced(ec2Monthly) && isPriced(scheduledMonthly) ? priced(sumUsd([ec2Monthly.usd, -scheduledMonthly.usd])) : sumCosts([ec2Monthly, scheduledMonthly]);
    return { tagValue: entry.tagValue, hoursPerMonth: estimate.hoursPerMonth, scheduledMonthly, savings };
  };
}
