/**
 * ListTaggedInstances, in one target's child execution: reaches the account (or finds it cannot),
 * lists what the action can change there, and writes the instance ids to S3 in batches of 50 and
 * the skipped instances beside them. Only batch numbers and counts travel on to the inline Map.
 */
import { chunk, mapConcurrently } from '../shared/batch';
import { asStepError, awsErrorCode } from '../shared/errors';
import { runFolder, targetKeys, type BatchObject, type SkippedObject, type TargetWork } from '../shared/power-store';
import { BATCH_SIZE, SKIPPED_SAMPLE_SIZE, type ResourceKind, type TargetListing, type TargetResult, type TargetRun } from '../shared/power-types';
import type { TargetClients } from '../shared/target-access';
import { listTaggedInstances, type ListSettings, type TaggedInstances } from '../shared/tagged-instances';
import { listGroupsForRun, type TaggedGroups } from '../shared/auto-scaling-groups';
import { listTaggedDatabases, type TaggedDatabases } from '../shared/databases';
import { scheduleToday } from '../shared/overrides';
import { isUnreachable, targetLabel } from '../shared/targets';

export interface ListTargetDeps extends TargetWork, ListSettings {
  /** What the run acts on (RESOURCE_KINDS); EC2 instances alone when absent. */
  resourceKinds?: readonly ResourceKind[];
}

const WRITES_AT_ONCE = 8;

/** The tagged Auto Scaling groups of a target, less those an override keeps out of this run (logged). */
async function taggedGroups(run: TargetRun, clients: TargetClients, where: string, deps: ListTargetDeps): Promise<TaggedGroups> {
  if (!clients.autoScaling) throw new Error(`no Auto Scaling client for ${where}`);
  const found = await listGroupsForRun(clients.autoScaling, { key: deps.tagKey, value: run.tagValue }, run.action, scheduleToday(deps.now, run.timezone), where);
  for (const s of found.skipped) deps.log.info('skipping Auto Scaling group', { where, group: s.instanceId, action: run.action, reason: s.reason });
  return found;
}

export async function listTarget(run: TargetRun, deps: ListTargetDeps): Promise<TargetListing | TargetResult> {
  const where = targetLabel(run.target);
  const kinds = deps.resourceKinds ?? ['ec2'];
  let tagged: TaggedInstances = { eligible: [], hibernating: [], fallbacks: [], skipped: [] };
  let groups: TaggedGroups = { names: [], skipped: [] };
  let databases: TaggedDatabases = { arns: [], skipped: [] };
  try {
    const clients = await deps.clientsFor(run.target, run);
    if (kinds.includes('asg')) groups = await taggedGroups(run, clients, where, deps);
    if (kinds.includes('rds')) {
      if (!clients.rds) throw new Error(`no RDS client for ${where}`);
      databases = await listTaggedDatabases(clients.rds, { key: deps.tagKey, value: run.tagValue }, run.action, scheduleToday(deps.now, run.timezone), where);
      for (const s of databases.skipped) deps.log.info('skipping database', { where, database: s.instanceId, action: run.action, reason: s.reason });
    }
    if (kinds.includes('ec2')) {
      // Members of a tagged group are its business, whether the group is changed or kept out by its override.
      const handledGroups = new Set([...groups.names, ...groups.skipped.map((g) => g.instanceId)]);
      tagged = await listTaggedInstances(run, { ec2: clients.ec2, where, tagKey: deps.tagKey, pageSize: deps.pageSize, log: deps.log, now: deps.now, handledGroups });
    }
  } catch (error) {
    if (!isUnreachable(error)) throw asStepError(error, `listing instances in ${where}`);
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn('target unreachable', { where, errorCode: awsErrorCode(error), reason: message });
    return { target: run.target, status: 'unreachable', error: { Error: awsErrorCode(error), Cause: message } };
  }

  const keys = targetKeys(runFolder(deps.workPrefix, run.executionName), run.target);
  // A hibernation fallback's reason is the same for its whole batch: every instance stopped normally in a run that asked for hibernation.
  const fallbackReason = tagged.fallbacks[0]?.reason;
  const batches: BatchObject[] = [
    ...chunk(tagged.eligible, BATCH_SIZE).map((instanceIds) => (fallbackReason ? { instanceIds, reason: fallbackReason } : { instanceIds })),
    ...chunk(tagged.hibernating, BATCH_SIZE).map((instanceIds) => ({ instanceIds, hibernate: true })),
    ...chunk(groups.names, BATCH_SIZE).map((instanceIds) => ({ instanceIds, kind: 'asg' as const })),
    ...chunk(databases.arns, BATCH_SIZE).map((instanceIds) => ({ instanceIds, kind: 'rds' as const })),
  ];
  await mapConcurrently(batches, WRITES_AT_ONCE, (object, batch) => deps.store.write(keys.batch(batch), object));
  const at = { accountId: run.target.accountId, region: run.target.region };
  const skipped: SkippedObject = [
    ...tagged.skipped.map((s) => ({ ...at, ...s })),
    ...groups.skipped.map((s) => ({ ...at, ...s, kind: 'asg' as const })),
    ...databases.skipped.map((s) => ({ ...at, ...s, kind: 'rds' as const })),
  ];
  if (skipped.length > 0) await deps.store.write(keys.skipped, skipped);
  const notes = tagged.fallbacks.slice(0, SKIPPED_SAMPLE_SIZE).map((f) => ({ ...at, ...f, outcome: 'stopped' as const }));
  return {
    ...run,
    status: 'listed',
    batches: batches.map((_, batch) => batch),
    eligible: tagged.eligible.length + tagged.hibernating.length + groups.names.length + databases.arns.length,
    skipped: skipped.length,
    skippedSample: skipped.slice(0, SKIPPED_SAMPLE_SIZE),
    ...(notes.length > 0 ? { notesSample: notes } : {}),
    skippedByKind: { ec2: tagged.skipped.length, asg: groups.skipped.length, ...(kinds.includes('rds') ? { rds: databases.skipped.length } : {}) },
  };
}
