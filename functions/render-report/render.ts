/**
 * RenderReport's core: read the inventory, price it, read the previous summaries for the trend,
 * write the workbook and its JSON summary under the execution's work prefix. Nothing is written
 * under the report prefix here, so a render that fails publishes nothing.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PowerScheduleEntry } from '../shared/config';
import type { AccountSummary, Inventory, PriceResult, RenderResult, ReportSummary } from '../shared/cost-types';
import { isCalendarDate } from '../shared/dates';
import { InvalidInputError, ReportStorageError } from '../shared/errors';
import { validateExecutionName } from '../shared/execution-name';
import type { DecisionLog } from '../shared/logger';
import { computeCosts } from './costs';
import { topInstances } from './costs/totals';
import { parsedField, readMapRunResults } from '../shared/map-results';
import { jsonStore } from '../shared/power-store';
import type { MapRunOutput } from '../shared/power-types';
import { workKeys, XLSX_CONTENT_TYPE } from '../shared/report-keys';
import type { ReportStore } from '../shared/report-store';
import { readPreviousSummaries } from '../shared/report-summary';
import { accountTrendRows, TREND_REPORTS, trendRows } from './trend';
import { writeWorkbook } from './workbook';

/** How many of the most expensive instances the summary keeps (the "report ready" message lists them). */
export const TOP_INSTANCES = 5;

export interface RenderRequest {
  executionName: string;
  reportDate: string;
  regions: string[];
  inventoryKey: string;
  /** The prices themselves, or where the PriceItems Distributed Map's ResultWriter put them (the state machine's way). */
  prices: PriceResult[] | MapRunOutput;
}

export interface RenderDeps {
  store: ReportStore;
  reportPrefix: string;
  workPrefix: string;
  pricingRegion: string;
  schedules: readonly PowerScheduleEntry[];
  now: () => Date;
  tmpDir: string;
  log: DecisionLog;
  /** Where the summary's figures go as metrics (the handler passes emitReportMetrics). */
  recordMetrics?: (summary: ReportSummary) => void;
}

/** Checks the event RenderReport receives; a wrong field fails fast, naming it. */
export function parseRenderRequest(event: unknown): RenderRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  const executionName = validateExecutionName(e.executionName);
  if (!isCalendarDate(e.reportDate)) {
    throw new InvalidInputError('reportDate', `must be a date YYYY-MM-DD, got ${JSON.stringify(e.reportDate)}`);
  }
  if (typeof e.inventoryKey !== 'string' || e.inventoryKey === '') {
    throw new InvalidInputError('inventoryKey', 'must be the S3 key CollectInventory returned');
  }
  const regions = Array.isArray(e.regions) ? e.regions.filter((r): r is string => typeof r === 'string') : [];
  const manifestKey = (e.prices as Partial<MapRunOutput> | undefined)?.ResultWriterDetails?.Key;
  if (typeof manifestKey === 'string' && manifestKey !== '') {
    return { executionName, reportDate: e.reportDate, regions, inventoryKey: e.inventoryKey, prices: e.prices as MapRunOutput };
  }
  if (!Array.isArray(e.prices)) throw new InvalidInputError('prices', 'must be the PriceItems Map result ({MapRunArn, ResultWriterDetails}) or a list of price results');
  const prices = checkedPrices((e.prices as unknown[]).flat());
  return { executionName, reportDate: e.reportDate, regions, inventoryKey: e.inventoryKey, prices };
}

function checkedPrices(prices: unknown[]): PriceResult[] {
  if (prices.some((p) => !p || typeof p !== 'object' || typeof (p as PriceResult).id !== 'string')) {
    throw new InvalidInputError('prices', 'every entry must be a price result with an id');
  }
  return prices as PriceResult[];
}

/** The prices each PriceItems child returned, read through the Map's ResultWriter manifest (every child succeeded, or the Map failed). */
async function readPrices(prices: RenderRequest['prices'], store: ReportStore): Promise<PriceResult[]> {
  if (Array.isArray(prices)) return prices;
  const results = await readMapRunResults(jsonStore(store), prices.ResultWriterDetails.Key);
  return checkedPrices(results.succeeded.map((record) => parsedField<PriceResult>(record.Output)));
}

function parseInventory(text: string, where: string): Inventory {
  let value: Partial<Inventory>;
  try {
    value = JSON.parse(text) as Partial<Inventory>;
  } catch (error) {
    throw new ReportStorageError(`inventory ${where} is not valid JSON`, { cause: error });
  }
  for (const list of ['instances', 'volumes', 'addresses', 'snapshots'] as const) {
    if (!Array.isArray(value[list])) throw new ReportStorageError(`inventory ${where} has no "${list}" list: not an inventory`);
  }
  return { excluded: [], regions: [], collectedAt: '', reportDate: '', ...value } as Inventory;
}

export async function renderReport(request: RenderRequest, deps: RenderDeps): Promise<RenderResult> {
  const inventoryUri = `s3://${deps.store.bucket}/${request.inventoryKey}`;
  const inventory = parseInventory(await deps.store.readText(request.inventoryKey, 'inventory'), inventoryUri);
  const regions = request.regions.length > 0 ? request.regions : inventory.regions;
  const prices = await readPrices(request.prices, deps.store);
  const report = computeCosts({ ...inventory, reportDate: request.reportDate, regions }, prices, {
    schedules: deps.schedules,
    pricingRegion: deps.pricingRegion,
  });
  deps.log.info('report priced', { reportDate: request.reportDate, totals: report.totals, counts: report.counts });

  const previous = await readPreviousSummaries(deps.store, deps.reportPrefix, request.reportDate, TREND_REPORTS, deps.log);
  const generatedAt = deps.now().toISOString();
  const trend = trendRows(previous, { reportDate: request.reportDate, totals: report.totals, backupCoverage: report.backups.summary?.coverage });
  const accounts: AccountSummary[] = report.accounts
    .filter((a) => a.accountId !== '')
    .map((a) => ({ accountId: a.accountId, instances: a.instances, totalMonthly: a.totals.totalMonthly, wasteMonthly: a.totals.wasteMonthly, scheduleSavingsMonthly: a.totals.scheduleSavingsMonthly }));
  const accountTrend = accounts.length > 0 ? accountTrendRows(previous, { reportDate: request.reportDate, accounts }) : undefined;

  const { workbookKey, summaryKey } = workKeys(deps.workPrefix, request.executionName, request.reportDate);
  const tempFile = join(deps.tmpDir, `cost-report-${randomUUID()}.xlsx`);
  try {
    await writeWorkbook(tempFile, { report, trend, accountTrend, generatedAt });
    await deps.store.putFile(workbookKey, tempFile, XLSX_CONTENT_TYPE);
  } finally {
    await rm(tempFile, { force: true });
  }

  const summary: ReportSummary = {
    reportDate: request.reportDate,
    generatedAt,
    regions,
    priceSource: report.priceSource,
    totals: report.totals,
    counts: report.counts,
    topInstances: topInstances(report.instances, TOP_INSTANCES),
    ...(report.backups.summary ? { backups: report.backups.summary } : {}),
    ...(accounts.length > 0 ? { accounts } : {}),
  };
  await deps.store.putText(summaryKey, `${JSON.stringify(summary, null, 2)}\n`, 'application/json');
  deps.log.info('report rendered', { workbookKey, summaryKey, previousReports: previous.length });
  deps.recordMetrics?.(summary);

  return { executionName: request.executionName, reportDate: request.reportDate, workbookKey, summaryKey, totals: report.totals };
}
