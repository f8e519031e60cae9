/**
 * Typed configuration read once per Lambda process from the same variables Terraform sets and
 * the local runner passes through. A missing or malformed value throws ConfigError naming it.
 */
import { isCalendarDate } from './dates';
import { ConfigError } from './errors';
import type { ResourceKind } from './power-types';
import { isOptInTagText, OPT_IN_TAG_TEXT } from './tags';

type Env = Record<string, string | undefined>;

export const DEFAULT_TAG_KEY = 'AutoStopStart';
export const DEFAULT_TAG_VALUE = 'Yes';

const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function text(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(name, 'is required and not set');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function tagText(env: Env, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (!isOptInTagText(value)) {
    throw new ConfigError(name, `must be ${OPT_IN_TAG_TEXT}, got "${value}"`);
  }
  return value;
}

export function targetRegions(env: Env): string[] {
  const raw = env.TARGET_REGIONS?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (!raw) throw new ConfigError('TARGET_REGIONS', 'is not set and neither is AWS_REGION');
  const regions = [...new Set(raw.split(',').map((r) => r.trim()).filter(Boolean))];
  const bad = regions.filter((r) => !isValidRegion(r));
  if (bad.length > 0 || regions.length === 0) {
    throw new ConfigError('TARGET_REGIONS', `must be comma-separated region codes like ap-northeast-2, got "${raw}"`);
  }
  return regions;
}

function timeZone(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  if (!isValidTimeZone(value)) throw new ConfigError(name, `must be an IANA time zone like Asia/Seoul, got "${value}"`);
  return value;
}

export interface PowerScheduleConfig {
  readonly targetRegions: readonly string[];
  readonly tagKey: string;
  readonly tagValue: string;
  /** DescribeInstances page size; small values let tests force many pages. */
  readonly describePageSize: number;
  readonly verifyTimeoutSeconds: number;
  readonly verifyPollSeconds: number;
  /** What the schedule acts on besides nothing: EC2 instances, RDS databases, Auto Scaling groups. */
  readonly resourceKinds: readonly ResourceKind[];
}

/** The kinds a run can act on, and the default: all of them. */
export const SCHEDULABLE_KINDS: readonly ResourceKind[] = ['ec2', 'rds', 'asg'];

function resourceKinds(env: Env): ResourceKind[] {
  const raw = env.RESOURCE_KINDS?.trim();
  if (!raw) return [...SCHEDULABLE_KINDS];
  const kinds = [...new Set(raw.split(',').map((k) => k.trim()).filter(Boolean))];
  const bad = kinds.filter((k) => !(SCHEDULABLE_KINDS as readonly string[]).includes(k));
  if (bad.length > 0 || kinds.length === 0) {
    throw new ConfigError('RESOURCE_KINDS', `must be a comma-separated list of ${SCHEDULABLE_KINDS.join(', ')}, got "${raw}"`);
  }
  return kinds as ResourceKind[];
}

export function readPowerScheduleConfig(env: Env = process.env): PowerScheduleConfig {
  return Object.freeze({
    targetRegions: Object.freeze(targetRegions(env)),
    tagKey: tagText(env, 'TAG_KEY', DEFAULT_TAG_KEY),
    tagValue: tagText(env, 'TAG_VALUE', DEFAULT_TAG_VALUE),
    describePageSize: integer(env, 'DESCRIBE_PAGE_SIZE', 500, 1, 1000),
    verifyTimeoutSeconds: integer(env, 'VERIFY_TIMEOUT_SECONDS', 120, 0, 840),
    verifyPollSeconds: integer(env, 'VERIFY_POLL_SECONDS', 5, 0, 60),
    resourceKinds: Object.freeze(resourceKinds(env)),
  });
}

/** IAM role names: 1-64 of letters, digits and + = , . @ _ - (no path). */
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
/** What STS accepts as an ExternalId. */
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** An organizational unit (ou-<root>-<ou>) or the organization's root (r-<root>), as Organizations spells them. */
const PARENT_ID_PATTERN = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

export const DEFAULT_MEMBER_ROLE_NAME = 'ops-automation-member';

function list(env: Env, name: string, pattern: RegExp, what: string): string[] {
  const raw = env[name]?.trim() ?? '';
  const items = [...new Set(raw.split(',').map((item) => item.trim()).filter(Boolean))];
  const bad = items.filter((item) => !pattern.test(item));
  if (bad.length > 0) throw new ConfigError(name, `must be comma-separated ${what}, got "${bad.join(', ')}"`);
  return items;
}

/**
 * Which accounts and regions a run acts on, and how member accounts are reached. Accounts are
 * TARGET_ACCOUNTS plus every ACTIVE account under ORGANIZATION_UNIT_IDS (both may be set: the union
 * is used); with neither set, the deployment account alone (functions/shared/targets.ts).
 */
export interface TargetsConfig {
  readonly targetRegions: readonly string[];
  readonly targetAccounts: readonly string[];
  readonly organizationUnitIds: readonly string[];
  /** Assumed in every target account but the deployment account, which is reached with the function's own role. */
  readonly memberRoleName: string;
  readonly memberRoleExternalId?: string;
}

export function readTargetsConfig(env: Env = process.env): TargetsConfig {
  const externalId = env.MEMBER_ROLE_EXTERNAL_ID?.trim();
  if (externalId && !EXTERNAL_ID_PATTERN.test(externalId)) {
    throw new ConfigError('MEMBER_ROLE_EXTERNAL_ID', 'must be 2-1224 letters, digits or + = , . @ : / _ -');
  }
  const memberRoleName = text(env, 'MEMBER_ROLE_NAME', DEFAULT_MEMBER_ROLE_NAME);
  if (!ROLE_NAME_PATTERN.test(memberRoleName)) {
    throw new ConfigError('MEMBER_ROLE_NAME', `must be an IAM role name (1-64 letters, digits or + = , . @ _ -, no path), got "${memberRoleName}"`);
  }
  return Object.freeze({
    targetRegions: Object.freeze(targetRegions(env)),
    targetAccounts: Object.freeze(list(env, 'TARGET_ACCOUNTS', ACCOUNT_ID_PATTERN, '12-digit account ids like 111122223333')),
    organizationUnitIds: Object.freeze(
      list(env, 'ORGANIZATION_UNIT_IDS', PARENT_ID_PATTERN, 'organizational unit ids like ou-ab12-cdef3456 (or the root, r-ab12)'),
    ),
    memberRoleName,
    ...(externalId ? { memberRoleExternalId: externalId } : {}),
  });
}

/** Where a workflow keeps its per-execution files: the report bucket's work prefix (expired by a lifecycle rule). */
export interface WorkStoreConfig {
  readonly reportBucket: string;
  readonly workPrefix: string;
}

export function readWorkStoreConfig(env: Env = process.env): WorkStoreConfig {
  return Object.freeze({ reportBucket: text(env, 'REPORT_BUCKET'), workPrefix: prefix(env, 'WORK_PREFIX', 'work/') });
}

export interface PowerScheduleEntry {
  readonly tagValue: string;
  readonly stopCron: string;
  readonly startCron: string;
  readonly timezone: string;
  /** Dates (YYYY-MM-DD, in `timezone`) on which the start does nothing (Terraform's skip_dates): the instances stay stopped. */
  readonly skipDates?: readonly string[];
}

export const DEFAULT_POWER_SCHEDULES: readonly PowerScheduleEntry[] = Object.freeze([
  Object.freeze({
    tagValue: DEFAULT_TAG_VALUE,
    stopCron: 'cron(0 20 ? * MON-FRI *)',
    startCron: 'cron(0 8 ? * MON-FRI *)',
    timezone: 'Asia/Seoul',
  }),
]);

function powerSchedules(env: Env): readonly PowerScheduleEntry[] {
  const raw = env.POWER_SCHEDULES?.trim();
  if (!raw) return DEFAULT_POWER_SCHEDULES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('POWER_SCHEDULES', 'must be a JSON array of {tagValue, stopCron, startCron, timezone, skipDates?}');
  }
  if (!Array.isArray(parsed)) throw new ConfigError('POWER_SCHEDULES', 'must be a JSON array');
  return Object.freeze(
    parsed.map((entry: unknown, index) => {
      const e = (entry ?? {}) as Record<string, unknown>;
      for (const field of ['tagValue', 'stopCron', 'startCron', 'timezone']) {
        if (typeof e[field] !== 'string' || !(e[field] as string).trim()) {
          throw new ConfigError('POWER_SCHEDULES', `entry ${index} needs a string "${field}"`);
        }
      }
      if (!isValidTimeZone(e.timezone as string)) {
        throw new ConfigError('POWER_SCHEDULES', `entry ${index} has an unknown timezone "${String(e.timezone)}"`);
      }
      if (e.skipDates !== undefined && (!Array.isArray(e.skipDates) || !e.skipDates.every(isCalendarDate))) {
        throw new ConfigError('POWER_SCHEDULES', `entry ${index} has "skipDates" that is not a list of dates written YYYY-MM-DD`);
      }
      return Object.freeze({
        tagValue: e.tagValue as string,
        stopCron: e.stopCron as string,
        startCron: e.startCron as string,
        timezone: e.timezone as string,
        ...(Array.isArray(e.skipDates) && e.skipDates.length > 0 ? { skipDates: Object.freeze([...(e.skipDates as string[])]) } : {}),
      });
    }),
  );
}

export interface CostReportConfig {
  readonly targetRegions: readonly string[];
  readonly reportBucket: string;
  readonly reportPrefix: string;
  readonly workPrefix: string;
  readonly pricingRegion: string;
  readonly reportTimezone: string;
  readonly tagKey: string;
  readonly powerSchedules: readonly PowerScheduleEntry[];
  readonly describePageSize: number;
  /** Read what was billed from Cost Explorer (ENABLE_COST_EXPLORER; each GetCostAndUsage request costs 0.01 USD). */
  readonly costExplorer: boolean;
}

function prefix(env: Env, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (value !== '' && (!value.endsWith('/') || value.startsWith('/'))) {
    throw new ConfigError(name, `must be empty or end with "/" and not start with "/", got "${value}"`);
  }
  return value;
}

export function readCostReportConfig(env: Env = process.env): CostReportConfig {
  const pricingRegion = text(env, 'PRICING_REGION', 'us-east-1');
  if (!isValidRegion(pricingRegion)) throw new ConfigError('PRICING_REGION', `is not a region code: "${pricingRegion}"`);
  return Object.freeze({
    targetRegions: Object.freeze(targetRegions(env)),
    reportBucket: text(env, 'REPORT_BUCKET'),
    reportPrefix: prefix(env, 'REPORT_PREFIX', 'ec2/'),
    workPrefix: prefix(env, 'WORK_PREFIX', 'work/'),
    pricingRegion,
    reportTimezone: timeZone(env, 'REPORT_TIMEZONE', 'Asia/Seoul'),
    tagKey: tagText(env, 'TAG_KEY', DEFAULT_TAG_KEY),
    powerSchedules: powerSchedules(env),
    describePageSize: integer(env, 'DESCRIBE_PAGE_SIZE', 500, 1, 1000),
    costExplorer: flag(env, 'ENABLE_COST_EXPLORER', true),
  });
}

export interface NotifyConfig {
  readonly topicArn: string;
  readonly reportBucket: string;
  readonly reportPrefix: string;
  /** Where a failed power-schedule run's objects are (its results are read from `<workPrefix>power-schedule/` only). */
  readonly workPrefix: string;
  readonly tagKey: string;
  /** The time zone the link's expiry is shown in: the report's. */
  readonly reportTimezone: string;
  /** How long the workbook link in "report ready" is signed for (hours); the credentials may end it sooner. */
  readonly reportLinkHours: number;
  /** Also tell people when a power-schedule run needed nobody (off by default: only what needs a human). */
  readonly notifyOnSuccess: boolean;
}

/** S3 presigned URLs signed with Signature Version 4 are valid for at most 7 days. */
export const MAX_REPORT_LINK_HOURS = 7 * 24;

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export function readNotifyConfig(env: Env = process.env): NotifyConfig {
  const topicArn = text(env, 'NOTIFY_TOPIC_ARN');
  if (!SNS_TOPIC_ARN.test(topicArn)) {
    throw new ConfigError('NOTIFY_TOPIC_ARN', `must be a standard SNS topic ARN like arn:aws:sns:ap-northeast-2:111122223333:ops-notifications, got "${topicArn}"`);
  }
  return Object.freeze({
    topicArn,
    reportBucket: text(env, 'REPORT_BUCKET'),
    reportPrefix: prefix(env, 'REPORT_PREFIX', 'ec2/'),
    workPrefix: prefix(env, 'WORK_PREFIX', 'work/'),
    tagKey: tagText(env, 'TAG_KEY', DEFAULT_TAG_KEY),
    reportTimezone: timeZone(env, 'REPORT_TIMEZONE', 'Asia/Seoul'),
    reportLinkHours: integer(env, 'REPORT_LINK_HOURS', 12, 1, MAX_REPORT_LINK_HOURS),
    notifyOnSuccess: flag(env, 'NOTIFY_ON_SUCCESS', false),
  });
}

/**
 * Read config on first use and keep it for the life of the process: a ConfigError then surfaces
 * as the step's named error (an init-time throw would reach Step Functions as a generic init failure).
 */
export function once<T>(read: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value as T;
  };
}

export const powerScheduleConfig = once(() => readPowerScheduleConfig());
export const targetsConfig = once(() => readTargetsConfig());
export const workStoreConfig = once(() => readWorkStoreConfig());
export const costReportConfig = once(() => readCostReportConfig());
export const notifyConfig = once(() => readNotifyConfig());
