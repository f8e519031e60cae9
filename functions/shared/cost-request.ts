/**
 * Validates the cost-report execution input before anything is described or written. Unknown
 * fields are refused: a typo such as "region" must not silently report every configured region.
 */
import { isValidRegion } from './config';
import { InvalidInputError } from './errors';
import { isCalendarDate, localDate } from './dates';

const ALLOWED_FIELDS = ['regions', 'reportDate'];

export interface CostReportRequest {
  regions: string[];
  reportDate: string;
}

export interface RequestDefaults {
  regions: readonly string[];
  timeZone: string;
  now: Date;
}

export function validateCostReportRequest(input: unknown, defaults: RequestDefaults): CostReportRequest {
  const request = input ?? {};
  if (typeof request !== 'object' || Array.isArray(request)) {
    throw new InvalidInputError('input', 'must be a JSON object like {"regions":["ap-northeast-2"],"reportDate":"2026-11-23"}');
  }
  const fields = request as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !ALLOWED_FIELDS.includes(k));
  if (unknown.length > 0) {
    throw new InvalidInputError(unknown[0]!, `is not a known field; allowed fields: ${ALLOWED_FIELDS.join(', ')}`);
  }

  const { regions, reportDate } = fields;
  if (regions !== undefined) {
    if (!Array.isArray(regions) || regions.length === 0) {
      throw new InvalidInputError('regions', `must be a non-empty list of region codes like ["ap-northeast-2"], got ${JSON.stringify(regions)}`);
    }
    const bad = regions.filter((r) => typeof r !== 'string' || !isValidRegion(r));
    if (bad.length > 0) {
      throw new InvalidInputError('regions', `must be region codes like ap-northeast-2 or us-east-1; not valid: ${bad.map((r) => JSON.stringify(r)).join(', ')}`);
    }
  }
  if (reportDate !== undefined && !isCalendarDate(reportDate)) {
    throw new InvalidInputError('reportDate', `must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(reportDate)}`);
  }

  return {
    regions: regions === undefined ? [...defaults.regions] : [...new Set(regions as string[])],
    reportDate: (reportDate as string | undefined) ?? localDate(defaults.now, defaults.timeZone),
  };
}
