/**
 * The object names of a report: the workbook and its JSON summary, under the work prefix while
 * rendering and under the report prefix once published. The trend finds previous reports by the
 * summary name, so this is the one place that spells it.
 */
const REPORT_BASENAME = 'ec2_monthly_costs_';
const SUMMARY_SUFFIX = '.summary.json';
const SUMMARY_NAME = /^ec2_monthly_costs_(\d{4})(\d{2})(\d{2})\.summary\.json$/;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 2026-11-23 → 20261123 */
function compactDate(reportDate: string): string {
  return reportDate.replace(/-/g, '');
}

export function workbookName(reportDate: string): string {
  return `${REPORT_BASENAME}${compactDate(reportDate)}.xlsx`;
}

export function summaryName(reportDate: string): string {
  return `${REPORT_BASENAME}${compactDate(reportDate)}${SUMMARY_SUFFIX}`;
}

/** Where RenderReport writes: under the work prefix, per execution, so nothing is published yet. */
export function workKeys(workPrefix: string, executionName: string, reportDate: string): { workbookKey: string; summaryKey: string } {
  const folder = `${workPrefix}${executionName}/`;
  return { workbookKey: `${folder}${workbookName(reportDate)}`, summaryKey: `${folder}${summaryName(reportDate)}` };
}

/** Where PublishReport puts the final objects. */
export function publishedKeys(reportPrefix: string, reportDate: string): { workbookKey: string; summaryKey: string } {
  return { workbookKey: `${reportPrefix}${workbookName(reportDate)}`, summaryKey: `${reportPrefix}${summaryName(reportDate)}` };
}

/** The report date (YYYY-MM-DD) of a published summary key directly under `reportPrefix`, else undefined. */
export function summaryKeyDate(reportPrefix: string, key: string): string | undefined {
  if (!key.startsWith(reportPrefix)) return undefined;
  const match = SUMMARY_NAME.exec(key.slice(reportPrefix.length));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
