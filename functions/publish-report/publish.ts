/**
 * PublishReport's core: copy the rendered workbook to its final key, then its JSON summary.
 * The order matters: the trend reads summaries, so a publish that stops half-way never shows in
 * next week's trend. Copies overwrite the same keys, so a re-run (Redrive) is safe.
 */
import type { PublishResult, RenderResult, ReportTotals } from '../shared/cost-types';
import { isCalendarDate } from '../shared/dates';
import { InvalidInputError } from '../shared/errors';
import type { DecisionLog } from '../shared/logger';
import { publishedKeys, XLSX_CONTENT_TYPE } from '../shared/report-keys';
import type { ReportStore } from '../shared/report-store';

export interface PublishDeps {
  store: ReportStore;
  reportPrefix: string;
  log: DecisionLog;
}

const TOTAL_FIELDS: readonly (keyof ReportTotals)[] = [
  'ec2Monthly',
  'ebsMonthly',
  'ipv4Monthly',
  'snapshotMonthly',
  'totalMonthly',
  'wasteMonthly',
  'scheduleSavingsMonthly',
  'unpricedItems',
];

/** Checks the event PublishReport receives (RenderReport's result); a wrong field fails fast, naming it. */
export function parsePublishRequest(event: unknown): RenderResult {
  const e = (event ?? {}) as Record<string, unknown>;
  for (const field of ['executionName', 'workbookKey', 'summaryKey'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') throw new InvalidInputError(field, 'must be a non-empty string from RenderReport');
  }
  if (!isCalendarDate(e.reportDate)) {
    throw new InvalidInputError('reportDate', `must be a date YYYY-MM-DD, got ${JSON.stringify(e.reportDate)}`);
  }
  const totals = (e.totals ?? {}) as Record<string, unknown>;
  const missing = TOTAL_FIELDS.filter((field) => typeof totals[field] !== 'number');
  if (missing.length > 0) throw new InvalidInputError('totals', `must carry numbers for ${missing.join(', ')}`);
  return e as unknown as RenderResult;
}

export async function publishReport(rendered: RenderResult, deps: PublishDeps): Promise<PublishResult> {
  const target = publishedKeys(deps.reportPrefix, rendered.reportDate);
  const metadata = {
    'report-date': rendered.reportDate,
    'total-monthly-usd': rendered.totals.totalMonthly.toFixed(2),
    execution: rendered.executionName,
  };
  await deps.store.copy(rendered.workbookKey, target.workbookKey, XLSX_CONTENT_TYPE, metadata);
  await deps.store.copy(rendered.summaryKey, target.summaryKey, 'application/json', metadata);
  const result: PublishResult = {
    reportDate: rendered.reportDate,
    uri: `s3://${deps.store.bucket}/${target.workbookKey}`,
    summaryUri: `s3://${deps.store.bucket}/${target.summaryKey}`,
    totals: rendered.totals,
  };
  deps.log.info('report published', { uri: result.uri, summaryUri: result.summaryUri, totalMonthly: rendered.totals.totalMonthly });
  return result;
}
