/** Parsing and naming shared by the commands: execution names, durations, dates, flag values. */
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from 'commander';
import { isValidRegion } from '../../functions/shared/config';
import { isCalendarDate } from '../../functions/shared/dates';
import { EXECUTION_NAME_MAX, isLoggableExecutionName } from '../../functions/shared/execution-name';

function compactUtc(now: Date): string {
  // 2026-11-25T21:30:00.000Z → 20261125T2130Z
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 16).replace(':', '')}Z`;
}

/** A name an operator can read in the console: who/what/when, plus 4 hex so two runs in a minute differ. */
export function executionName(purpose: string, now: Date = new Date(), suffix = randomBytes(2).toString('hex')): string {
  const cleaned = purpose.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const tail = `-${compactUtc(now)}-${suffix}`;
  const name = `manual-${cleaned}`.slice(0, EXECUTION_NAME_MAX - tail.length) + tail;
  if (!isLoggableExecutionName(name)) throw new Error(`internal: execution name "${name}" is not valid`);
  return name;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30m", "24h", "7d", "2w" → milliseconds. */
export function parseSince(value: string): number {
  const match = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  const amount = match ? Number(match[1]) : NaN;
  const unit = match?.[2];
  if (!unit || !(amount > 0)) {
    throw new InvalidArgumentError(`must be a number and a unit m, h, d or w, like 30m, 24h, 7d; got "${value}"`);
  }
  return amount * (UNIT_MS[unit] as number);
}

export function parseIsoDate(value: string): string {
  if (!isCalendarDate(value)) {
    throw new InvalidArgumentError(`must be a date YYYY-MM-DD, like 2026-11-30; got "${value}"`);
  }
  return value;
}

export function parseChoice<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}; got "${value}"`);
  };
}

export function parseRegions(value: string): string[] {
  const regions = [...new Set(value.split(',').map((r) => r.trim()).filter(Boolean))];
  const bad = regions.filter((r) => !isValidRegion(r));
  if (regions.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`must be comma-separated region codes like us-east-1,eu-west-1; got "${value}"`);
  }
  return regions;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** 2026-11-25 21:30:04Z: sortable, unambiguous, no locale surprises. */
export function formatTime(date: Date | undefined): string {
  if (!date) return '';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

