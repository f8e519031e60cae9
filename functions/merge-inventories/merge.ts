/**
 * MergeInventories, in the parent execution after the Inventories Map: reads every target's result
 * through the Map's ResultWriter manifest, joins the collected inventories into the one inventory
 * the report prices (each resource stamped with its account), lists every target that was not
 * collected (unreachable, or its child failed) by name, reads what was billed from Cost Explorer
 * once for the run (hub-only), and writes the unique price keys for the PriceItems Map's
 * ItemReader. Only where these are, and counts, travel on.
 */
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { mapConcurrently } from '../shared/batch';
import { billedCosts } from '../shared/billed';
import type { CollectResult, Inventory, ReportRun, TargetCollection, TargetCollectResult, TargetCollectRun } from '../shared/cost-types';
import { causeMessage, InvalidInputError } from '../shared/errors';
import { validateExecutionName } from '../shared/execution-name';
import type { DecisionLog } from '../shared/logger';
import { parsedField, readMapRunResults, type ChildExecutionRecord } from '../shared/map-results';
import type { JsonStore } from '../shared/power-store';
import type { MapRunOutput } from '../shared/power-types';
import { reportRunKeys } from '../shared/report-keys';
import { inventoryCounts, mergeTargetInventories, uniquePriceKeys } from '../shared/report-inventory';
import type { Target } from '../shared/targets';

export interface MergeRequest extends ReportRun {
  inventories: MapRunOutput;
}

export interface MergeDeps {
  store: JsonStore;
  workPrefix: string;
  /** Cost Explorer, or undefined when reading what was billed is turned off (ENABLE_COST_EXPLORER=false). */
  costExplorer?: Pick<CostExplorerClient, 'send'>;
  /** The accounts' names (AWS Organizations), when the hub may read them: with ORGANIZATION_UNIT_IDS set. */
  accountNames?: () => Promise<Record<string, string>>;
  now(): Date;
  log: DecisionLog;
}

const READS_AT_ONCE = 8;

/** Checks the event MergeInventories receives; a wrong field fails fast, naming it. */
export function parseMergeRequest(event: unknown): MergeRequest {
  const e = (event ?? {}) as Record<string, unknown>;
  const executionName = validateExecutionName(e.executionName);
  const manifestKey = (e.inventories as MapRunOutput | undefined)?.ResultWriterDetails?.Key;
  if (typeof manifestKey !== 'string' || manifestKey === '') {
    throw new InvalidInputError('inventories', 'must be the Inventories Map result ({MapRunArn, ResultWriterDetails: {Bucket, Key}})');
  }
  if (typeof e.reportDate !== 'string') throw new InvalidInputError('reportDate', 'must be the date ResolveTargets passed on');
  if (!Array.isArray(e.regions)) throw new InvalidInputError('regions', 'must be the regions ResolveTargets passed on');
  return { ...(e as unknown as MergeRequest), executionName };
}

const byTarget = (a: Target, b: Target) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region);

/** How each child ended, as one row per target; a child that failed or never ran is named with its error. */
export function targetOutcomes(results: { succeeded: ChildExecutionRecord[]; failed: ChildExecutionRecord[]; pending: ChildExecutionRecord[] }): {
  collected: Extract<TargetCollectResult, { status: 'collected' }>[];
  rows: TargetCollection[];
} {
  const collected: Extract<TargetCollectResult, { status: 'collected' }>[] = [];
  const rows: TargetCollection[] = [];
  for (const record of results.succeeded) {
    const output = parsedField<TargetCollectResult>(record.Output);
    const target = output?.target ?? parsedField<TargetCollectRun>(record.Input)?.target;
    if (!target) continue;
    if (output?.status === 'collected') {
      collected.push(output);
      rows.push({ ...target, status: 'collected' });
    } else if (output?.status === 'unreachable') {
      rows.push({ ...target, status: 'unreachable', error: output.error.Error, message: output.error.Cause });
    }
  }
  for (const record of [...results.failed, ...results.pending]) {
    const target = parsedField<TargetCollectRun>(record.Input)?.target;
    if (!target) continue;
    const notRun = record.Status === 'PENDING';
    rows.push({
      accountId: target.accountId,
      region: target.region,
      status: 'failed',
      error: notRun ? 'NotRun' : (record.Error ?? 'UnknownError'),
      message: notRun ? 'its child execution never ran' : (causeMessage(record.Cause) ?? ''),
    });
  }
  return { collected: collected.sort((a, b) => byTarget(a.target, b.target)), rows: rows.sort(byTarget) };
}

export async function mergeInventories(request: MergeRequest, deps: MergeDeps): Promise<CollectResult> {
  const keys = reportRunKeys(deps.workPrefix, request.executionName);
  const results = await readMapRunResults(deps.store, request.inventories.ResultWriterDetails.Key);
  const { collected, rows } = targetOutcomes(results);
  const parts = await mapConcurrently(collected, READS_AT_ONCE, async (result) => ({
    accountId: result.target.accountId,
    inventory: await deps.store.read<Inventory>(result.inventoryKey, 'target inventory'),
  }));

  const inventory = mergeTargetInventories(parts, { collectedAt: deps.now().toISOString(), reportDate: request.reportDate, regions: request.regions });
  inventory.targets = rows;
  if (deps.accountNames) {
    const names = await deps.accountNames();
    const covered = new Set(rows.map((r) => r.accountId));
    inventory.accountNames = Object.fromEntries(Object.entries(names).filter(([id]) => covered.has(id)));
  }
  inventory.billed = deps.costExplorer ? await billedCosts(deps.costExplorer, request) : { status: 'off' };
  if (inventory.billed.status === 'unavailable') deps.log.warn('Cost Explorer unavailable', { code: inventory.billed.code, reason: inventory.billed.reason });
  for (const row of rows.filter((r) => r.status !== 'collected')) {
    deps.log.warn('target not collected; the report lists it', { where: `${row.accountId}/${row.region}`, status: row.status, error: row.error });
  }

  const priceKeys = uniquePriceKeys(inventory);
  await deps.store.write(keys.inventory, inventory);
  await deps.store.write(keys.priceKeys, priceKeys);
  const count = (status: TargetCollection['status']) => rows.filter((r) => r.status === status).length;
  const targets = { total: rows.length, collected: count('collected'), unreachable: count('unreachable'), failed: count('failed') };
  deps.log.info('merged inventories', { inventoryKey: keys.inventory, priceKeys: priceKeys.length, ...targets });
  return {
    executionName: request.executionName,
    reportDate: request.reportDate,
    regions: request.regions,
    inventoryKey: keys.inventory,
    priceKeys: { bucket: deps.store.bucket, key: keys.priceKeys, count: priceKeys.length, resultPrefix: keys.priceResults },
    counts: inventoryCounts(inventory),
    targets,
  };
}
