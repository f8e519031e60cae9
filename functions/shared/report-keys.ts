/**
 * The object names of a report: the workbook and its JSON summary, under the work prefix while
 * rendering and under the report prefix once published. The trend and `ops report` find earlier
 * reports by these names, so this is the one place that spells them.
 */
import { isCalendarDate } from './dates';
import { validateExecutionName } from './execution-name';
import type { Target } from './targets';

const REPORT_BASENAME = 'ec2_monthly_costs_';
const WORKBOOK_SUFFIX = '.xlsx';
const SUMMARY_SUFFIX = '.summary.json';
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 2026-11-23 → 20261123 */
function compactDate(reportDate: string): string {
  return reportDate.replace(/-/g, '');
}

export function workbookName(reportDate: string): string {
  return `${REPORT_BASENAME}${compactDate(reportDate)}${WORKBOOK_SUFFIX}`;
}

export function summaryName(reportDate: string): string {
  return `${REPORT_BASENAME}${compactDate(reportDate)}${SUMMARY_SUFFIX}`;
}

/** Where RenderReport writes: under the work prefix, per execution, so nothing is published yet. */
export function workKeys(workPrefix: string, executionName: string, reportDate: string): { workbookKey: string; summaryKey: string } {
  const folder = `${workPrefix}${executionName}/`;
  return { workbookKey: `${folder}${workbookName(reportDate)}`, summaryKey: `${folder}${summaryName(reportDate)}` };
}

/**
 * The other objects of one cost-report run, in the same folder as its workbook, so a lifecycle rule
 * on the work prefix expires them together and every step can be re-run over the same objects:
 *
 *   <work><execution>/targets.json                              ResolveTargets: the Inventories Map's items
 *   <work><execution>/targets/<account>/<region>/inventory.json CollectInventory, one per target
 *   <work><execution>/inventories/<map run id>/...              the Inventories Map's ResultWriter
 *   <work><execution>/inventory.json, price-keys.json           MergeInventories: every target's inventory, the unique price keys
 *   <work><execution>/prices/<map run id>/...                   the PriceItems Map's ResultWriter
 */
export function reportRunKeys(workPrefix: string, executionName: string) {
  const folder = `${workPrefix}${validateExecutionName(executionName)}/`;
  return {
    targetList: `${folder}targets.json`,
    targetInventory: (target: Target) => `${folder}targets/${target.accountId}/${target.region}/inventory.json`,
    /** ResultWriter Prefixes: no trailing slash, the service adds `/<map run id>/`. */
    inventoryResults: `${folder}inventories`,
    inventory: `${folder}inventory.json`,
    priceKeys: `${folder}price-keys.json`,
    priceResults: `${folder}prices`,
  };
}

/** Where PublishReport puts the final objects. */
export function publishedKeys(reportPrefix: string, reportDate: string): { workbookKey: string; summaryKey: string } {
  return { workbookKey: `${reportPrefix}${workbookName(reportDate)}`, summaryKey: `${reportPrefix}${summaryName(reportDate)}` };
}

/** The prefix every published report object starts with: list it to find the reports. */
export function publishedReportsPrefix(reportPrefix: string): string {
  return `${reportPrefix}${REPORT_BASENAME}`;
}

function publishedKeyDate(reportPrefix: string, key: string, suffix: string): string | undefined {
  const start = publishedReportsPrefix(reportPrefix);
  if (!key.startsWith(start) || !key.endsWith(suffix)) return undefined;
  const match = COMPACT_DATE.exec(key.slice(start.length, key.length - suffix.length));
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  return isCalendarDate(date) ? date : undefined;
}

/** The report date (YYYY-MM-DD) of a published summary key directly under `reportPrefix`, else undefined. */
export function summaryKeyDate(reportPrefix: string, key: string): string | undefined {
  return publishedKeyDate(reportPrefix, key, SUMMARY_SUFFIX);
}

/** The report date (YYYY-MM-DD) of a published workbook key directly under `reportPrefix`, else undefined. */
export function workbookKeyDate(reportPrefix: string, key: string): string | undefined {
  return publishedKeyDate(reportPrefix, key, WORKBOOK_SUFFIX);
}

/** Keys of the published summaries dated before `reportDate`: the latest `count`, oldest first. */
export function previousSummaryKeys(reportPrefix: string, keys: readonly string[], reportDate: string, count: number): string[] {
  return keys
    .map((key) => ({ key, date: summaryKeyDate(reportPrefix, key) }))
    .filter((k): k is { key: string; date: string } => k.date !== undefined && k.date < reportDate)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-count)
    .map((k) => k.key);
}
