/**
 * A finished power-schedule run, for the person at the terminal: its counts by resource kind, the
 * resources it skipped and recovered with their kind, and after a dry run every resource it would
 * change and how (read from the run's objects in S3: the output carries counts only). The output
 * JSON itself still goes to stdout, unchanged, for scripts.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { awsErrorCode } from '../../functions/shared/errors';
import { capped, columns } from '../../functions/shared/plain-text';
import { countsByKindRows, countsText } from '../../functions/shared/power-counts-text';
import { readResourceOutcomes, type ResourceOutcome } from '../../functions/shared/power-results';
import { resourceName, type RunSummary } from '../../functions/shared/power-types';
import { s3ReportStore } from '../../functions/shared/report-store';

/** Lines of a listing shown in the terminal; the rest are counted. */
const MAX_SHOWN = 50;

export function isPowerRunSummary(value: unknown): value is RunSummary {
  const summary = value as Partial<RunSummary> | undefined;
  return typeof summary?.action === 'string' && typeof summary.tagValue === 'string' && typeof summary.totals === 'object';
}

export function renderPowerRun(summary: RunSummary, wouldChange?: ResourceOutcome[] | string): string[] {
  const lines = [`${summary.dryRun ? 'dry run of ' : ''}${summary.action}: ${countsText(summary.totals)}`];
  if (summary.skipReason) lines.push(`  nothing done today: ${summary.skipReason}`);
  const kinds = countsByKindRows(summary.byKind);
  if (kinds.length > 0) lines.push('by kind:', ...columns(kinds));
  const listed = (title: string, rows: string[][]) => {
    if (rows.length > 0) lines.push(title, ...capped(columns(rows), MAX_SHOWN, (more) => `  ... and ${more} more`));
  };
  listed('skipped:', (summary.skipped ?? []).map((s) => [s.kind ?? 'ec2', resourceName(s), s.accountId, s.region, s.reason]));
  listed('changed, not quite as asked:', (summary.notes ?? []).map((n) => [resourceName(n), n.accountId, n.region, `${n.outcome}: ${n.reason}`]));
  listed('recovered by RetryUnfinished:', (summary.recovered ?? []).map((r) => [r.kind ?? 'ec2', resourceName(r), r.accountId, r.region, r.outcome]));
  for (const u of summary.unreachable ?? []) lines.push(`unreachable ${u.accountId} ${u.region}: ${u.error}${u.message ? ` ${u.message}` : ''}`);
  if (typeof wouldChange === 'string') lines.push(`(what the dry run would change could not be read: ${wouldChange})`);
  else if (wouldChange) {
    listed(
      'would change (nothing was changed):',
      wouldChange.filter((r) => r.outcome === 'dryRunPassed').map((r) => [r.kind, resourceName(r), r.accountId, r.region, r.reason ?? '']),
    );
  }
  return lines;
}

/** A dry run's per-resource outcomes, from the folder its summary object is in; or why they could not be read. */
export async function readWouldChange(s3: S3Client, summary: RunSummary): Promise<ResourceOutcome[] | string> {
  const where = /^s3:\/\/([^/]+)\/(.*\/)summary\.json$/.exec(summary.detail ?? '');
  if (!where) return `the run names no summary object (detail: ${summary.detail ?? 'absent'})`;
  try {
    return await readResourceOutcomes(s3ReportStore(s3, where[1]!), where[2]!);
  } catch (error) {
    return `${awsErrorCode(error)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
