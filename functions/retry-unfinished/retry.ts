/**
 * RetryUnfinished, in the parent execution after the Distributed Map: reads every target's result
 * through the Map's ResultWriter manifest (its input is that location), and re-attempts only what
 * is unfinished, across all targets: the instances a target left unfinished, and every tagged
 * instance of a target whose child could not list or verify (it is done again whole).
 *
 * Idempotent, because Redrive and the ASL's patient Retry run it again with the same input: an
 * instance already in the target state is counted as done without another call, and one that lost
 * its opt-in tag meanwhile is left alone. What still cannot be changed is kept in the run's retry
 * object (for Notify's message) and makes the step fail with InstancesNotChangedError naming
 * account, region, instance and code. A target that fails here
 * never stops the others: its instances are named among the unfinished.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import { chunk, mapConcurrently } from '../shared/batch';
import { changeInstanceState } from '../shared/change-instances';
import { awsErrorCode, InstancesNotChangedError } from '../shared/errors';
import { describeInstanceStates, waitForState, type ObservedInstance, type StateWait } from '../shared/instance-states';
import { readPowerRunResults, readUnfinished, targetsToRedo } from '../shared/power-results';
import { runKeys, type JsonStore } from '../shared/power-store';
import {
  BATCH_SIZE,
  changeableState,
  targetState,
  type Counts,
  type CountsByKind,
  type InstanceOutcome,
  type ResourceKind,
  type SkippedInstance,
  type MappedRequest,
  type Outcome,
  type PowerRequest,
  type RecoveredInstance,
  type RetriedRequest,
  type RetryRecord,
  type UnfinishedInstance,
  type UnfinishedTarget,
} from '../shared/power-types';
import { addCount, addCounts, addKindCount, addKindCounts } from '../shared/tally';
import { listTaggedInstances, type ListSettings } from '../shared/tagged-instances';
import { hasOptInTag } from '../shared/tags';
import type { TargetAccess, TargetClients } from '../shared/target-access';
import { changeGroupsByName, listGroupsForRun } from '../shared/auto-scaling-groups';
import { changeDatabasesByArn, listTaggedDatabases } from '../shared/databases';
import { scheduleToday } from '../shared/overrides';
import { targetLabel, type Target } from '../shared/targets';

export interface RetryDeps extends StateWait, ListSettings {
  clientsFor: TargetAccess['clientsFor'];
  store: JsonStore;
  /** What the run acts on; EC2 instances alone when absent. */
  resourceKinds?: readonly ResourceKind[];
}

/** Targets worked on at once: each waits for its instances, so the step's time is the slowest few, not the sum. */
const TARGETS_AT_ONCE = 8;

interface Attempt {
  recovered: RecoveredInstance[];
  still: UnfinishedInstance[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function changedOutcome(request: PowerRequest) {
  return request.action === 'stop' ? ('stopped' as const) : ('started' as const);
}

/** Changes `ids` (hibernating those in `hibernating`) and waits for them; what arrives is recovered, the rest stays unfinished. */
async function changeAndWait(
  request: PowerRequest,
  target: Target,
  ids: readonly string[],
  ec2: EC2Client,
  deps: RetryDeps,
  hibernating: ReadonlySet<string> = new Set(),
): Promise<Attempt & { counts: Counts }> {
  const at = { accountId: target.accountId, region: target.region };
  const attempt: Attempt & { counts: Counts } = { recovered: [], still: [], counts: {} };
  const toAwait = new Map<string, Outcome>();
  const groups = [
    { instanceIds: ids.filter((id) => !hibernating.has(id)), hibernate: false },
    { instanceIds: ids.filter((id) => hibernating.has(id)), hibernate: true },
  ];
  for (const group of groups) {
    for (const batch of chunk(group.instanceIds, BATCH_SIZE)) {
      const outcomes = await changeInstanceState({ action: request.action, dryRun: request.dryRun, instanceIds: batch, hibernate: group.hibernate }, { ec2, log: deps.log });
      for (const o of outcomes) {
        if (o.outcome === 'failed') attempt.still.push({ ...at, instanceId: o.instanceId, errorCode: o.errorCode, reason: o.reason ?? 'failed' });
        else if (o.outcome === 'stopped' || o.outcome === 'started' || o.outcome === 'hibernated') toAwait.set(o.instanceId, o.outcome);
        else {
          attempt.recovered.push({ ...at, instanceId: o.instanceId, outcome: o.outcome, reason: o.reason });
          addCount(attempt.counts, o.outcome);
        }
      }
    }
  }
  await awaitTarget(request, target, toAwait, ec2, deps, attempt);
  return attempt;
}

async function awaitTarget(
  request: PowerRequest,
  target: Target,
  outcomes: ReadonlyMap<string, Outcome>,
  ec2: EC2Client,
  deps: RetryDeps,
  attempt: Attempt & { counts?: Counts },
): Promise<void> {
  if (outcomes.size === 0) return;
  const goal = targetState(request.action);
  const arrived = await waitForState(ec2, [...outcomes.keys()], goal, deps);
  for (const [instanceId, outcome] of outcomes) {
    const seen = arrived.get(instanceId);
    if (seen?.state === goal) {
      attempt.recovered.push({ accountId: target.accountId, region: target.region, instanceId, outcome });
      if (attempt.counts) addCount(attempt.counts, outcome);
    } else {
      const reason = `still ${seen?.state ?? 'missing'} after retry${seen?.stateReason ? ` (${seen.stateReason})` : ''}`;
      attempt.still.push({ accountId: target.accountId, region: target.region, instanceId, reason });
    }
  }
}

function hibernates(request: PowerRequest, seen: ObservedInstance): boolean {
  return request.action === 'stop' && request.hibernate === true && seen.hibernationConfigured;
}

/**
 * InsufficientInstanceCapacity that outlasted the patient retries: AWS has no room for this type in
 * this Availability Zone now. Waiting does help, so does another type or zone; the operator
 * decides, so the reason names the type and zone and those choices.
 */
function withCapacityAdvice(still: UnfinishedInstance[], observed: ReadonlyMap<string, ObservedInstance>): UnfinishedInstance[] {
  return still.map((u) => {
    if (u.errorCode !== 'InsufficientInstanceCapacity') return u;
    const seen = observed.get(u.instanceId);
    const type = seen?.instanceType ?? 'its instance type';
    const zone = seen?.availabilityZone ?? 'its Availability Zone';
    return {
      ...u,
      reason:
        `AWS has no ${type} capacity in ${zone} now (retried). Start it again later (ops run start, or Redrive this step), ` +
        `or change its instance type, or move it to a subnet in another Availability Zone. AWS said: ${u.reason}`,
    };
  });
}

/** The instances a target left unfinished: already done ones are counted without a call. */
async function retryInstances(request: PowerRequest, target: Target, unfinished: readonly UnfinishedInstance[], ec2: EC2Client, deps: RetryDeps): Promise<Attempt> {
  const attempt: Attempt = { recovered: [], still: [] };
  const goal = targetState(request.action);
  const tag = { key: deps.tagKey, value: request.tagValue };
  const observed = await describeInstanceStates(ec2, unfinished.map((u) => u.instanceId));
  const toChange: string[] = [];
  const toAwait = new Map<string, Outcome>();
  const hibernating = new Set<string>();
  for (const u of unfinished) {
    const seen = observed.get(u.instanceId);
    const at = { accountId: target.accountId, region: target.region, instanceId: u.instanceId };
    if (!seen || seen.state === 'terminated' || seen.state === 'shutting-down') {
      attempt.recovered.push({ ...at, outcome: 'skipped', reason: 'instance no longer exists' });
    } else if (!hasOptInTag(seen.tags, tag)) {
      attempt.recovered.push({ ...at, outcome: 'skipped', reason: `opt-in tag ${tag.key}=${tag.value} removed` });
    } else if (!request.dryRun && seen.state === goal) {
      attempt.recovered.push({ ...at, outcome: changedOutcome(request) });
    } else if (seen.state === changeableState(request.action) || request.dryRun) {
      toChange.push(u.instanceId);
      if (hibernates(request, seen)) hibernating.add(u.instanceId);
    } else {
      toAwait.set(u.instanceId, hibernates(request, seen) ? 'hibernated' : changedOutcome(request));
    }
  }
  const changed = await changeAndWait(request, target, toChange, ec2, deps, hibernating);
  attempt.recovered.push(...changed.recovered);
  attempt.still.push(...withCapacityAdvice(changed.still, observed));
  await awaitTarget(request, target, toAwait, ec2, deps, attempt);
  return attempt;
}

/** Auto Scaling groups again: their outcomes are final when the call returns (nothing to wait for). */
async function retryGroups(request: PowerRequest, target: Target, names: readonly string[], clients: TargetClients, deps: RetryDeps): Promise<Attempt & { counts: Counts }> {
  if (names.length === 0) return { recovered: [], still: [], counts: {} };
  const where = targetLabel(target);
  if (!clients.autoScaling) throw new Error(`no Auto Scaling client for ${where}`);
  return finalOutcomes(target, await changeGroupsByName(names, request, { autoScaling: clients.autoScaling, tagKey: deps.tagKey, where, log: deps.log }));
}

/** Outcomes that are final when the call returns (groups, DBs): failed ones stay unfinished, the rest are recovered. */
function finalOutcomes(target: Target, outcomes: readonly InstanceOutcome[]): Attempt & { counts: Counts } {
  const attempt: Attempt & { counts: Counts } = { recovered: [], still: [], counts: {} };
  const at = { accountId: target.accountId, region: target.region };
  for (const o of outcomes) {
    if (o.outcome === 'failed') attempt.still.push({ ...at, instanceId: o.instanceId, kind: o.kind, errorCode: o.errorCode, reason: o.reason ?? 'failed' });
    else {
      attempt.recovered.push({ ...at, instanceId: o.instanceId, kind: o.kind, outcome: o.outcome, reason: o.reason });
      addCount(attempt.counts, o.outcome);
    }
  }
  return attempt;
}

/** DBs again, as they are now: one found stopping (or starting) is on its way and counted without another call. */
async function retryDatabases(request: PowerRequest, target: Target, arns: readonly string[], clients: TargetClients, deps: RetryDeps): Promise<Attempt & { counts: Counts }> {
  if (arns.length === 0) return { recovered: [], still: [], counts: {} };
  const where = targetLabel(target);
  if (!clients.rds) throw new Error(`no RDS client for ${where}`);
  return finalOutcomes(target, await changeDatabasesByArn(arns, request, { rds: clients.rds, tagKey: deps.tagKey, where, log: deps.log, today: scheduleToday(deps.now, undefined) }));
}

/** A target done again whole: list what the action can change there now, change it, wait. */
async function redoTarget(request: PowerRequest, target: Target, clients: TargetClients, deps: RetryDeps): Promise<Attempt & RetryRecord['redone'][number]> {
  const where = targetLabel(target);
  const kinds = deps.resourceKinds ?? ['ec2'];
  const at = { accountId: target.accountId, region: target.region };
  const byKind: CountsByKind = {};
  const skipped: SkippedInstance[] = [];
  const groupNames: string[] = [];
  if (kinds.includes('asg')) {
    if (!clients.autoScaling) throw new Error(`no Auto Scaling client for ${where}`);
    const tagged = await listGroupsForRun(clients.autoScaling, { key: deps.tagKey, value: request.tagValue }, request.action, scheduleToday(deps.now, request.timezone), where);
    groupNames.push(...tagged.names);
    skipped.push(...tagged.skipped.map((s) => ({ ...at, ...s, kind: 'asg' as const })));
  }
  const groups = await retryGroups(request, target, groupNames, clients, deps);
  addKindCounts(byKind, { asg: groups.counts });
  const attempt: Attempt & { counts: Counts } = { recovered: [], still: [...groups.still], counts: { ...groups.counts } };
  if (kinds.includes('rds')) {
    if (!clients.rds) throw new Error(`no RDS client for ${where}`);
    const tagged = await listTaggedDatabases(clients.rds, { key: deps.tagKey, value: request.tagValue }, request.action, scheduleToday(deps.now, request.timezone), where);
    skipped.push(...tagged.skipped.map((s) => ({ ...at, ...s, kind: 'rds' as const })));
    const databases = await retryDatabases(request, target, tagged.arns, clients, deps);
    attempt.still.push(...databases.still);
    addCounts(attempt.counts, databases.counts);
    addKindCounts(byKind, { rds: databases.counts });
  }
  if (kinds.includes('ec2')) {
    const tagged = await listTaggedInstances(request, { ec2: clients.ec2, where, tagKey: deps.tagKey, pageSize: deps.pageSize, log: deps.log, now: deps.now, handledGroups: new Set([...groupNames, ...skipped.map((g) => g.instanceId)]) });
    const instances = await changeAndWait(request, target, [...tagged.eligible, ...tagged.hibernating], clients.ec2, deps, new Set(tagged.hibernating));
    attempt.still.push(...instances.still);
    addCounts(attempt.counts, instances.counts);
    addKindCounts(byKind, { ec2: instances.counts });
    skipped.push(...tagged.skipped.map((s) => ({ ...at, ...s })));
  }
  for (const s of skipped) {
    addCount(attempt.counts, 'skipped');
    addKindCount(byKind, s.kind, 'skipped');
  }
  return { ...attempt, target, tally: attempt.counts, byKind, skipped };
}

export async function retryUnfinished(input: MappedRequest, run: { executionName: string }, deps: RetryDeps): Promise<RetriedRequest> {
  const results = await readPowerRunResults(deps.store, input.results);
  const unfinished = await readUnfinished(deps.store, results);
  const redo = targetsToRedo(results);
  const recovered: RecoveredInstance[] = [];
  const still: UnfinishedInstance[] = [];
  const stillTargets: UnfinishedTarget[] = [];
  const redone: RetryRecord['redone'] = [];

  await mapConcurrently(unfinished, TARGETS_AT_ONCE, async ({ target, instances }) => {
    try {
      const clients = await deps.clientsFor(target, run);
      const groups = await retryGroups(input, target, instances.filter((u) => u.kind === 'asg').map((u) => u.instanceId), clients, deps);
      const databases = await retryDatabases(input, target, instances.filter((u) => u.kind === 'rds').map((u) => u.instanceId), clients, deps);
      const ec2Instances = instances.filter((u) => u.kind === undefined || u.kind === 'ec2');
      const attempt = ec2Instances.length > 0 ? await retryInstances(input, target, ec2Instances, clients.ec2, deps) : { recovered: [], still: [] };
      recovered.push(...groups.recovered, ...databases.recovered, ...attempt.recovered);
      still.push(...groups.still, ...databases.still, ...attempt.still);
    } catch (error) {
      deps.log.warn('target not retried', { where: targetLabel(target), errorCode: awsErrorCode(error), reason: message(error) });
      still.push(...instances.map((u) => ({ ...u, errorCode: awsErrorCode(error), reason: `retry failed: ${message(error)}` })));
    }
  });
  await mapConcurrently(redo, TARGETS_AT_ONCE, async ({ target, error: childError }) => {
    deps.log.info('doing a target again whole', { where: targetLabel(target), because: childError });
    try {
      const attempt = await redoTarget(input, target, await deps.clientsFor(target, run), deps);
      // Its counts are the target's whole tally; only what is still unfinished is named.
      redone.push({ target, tally: attempt.tally, byKind: attempt.byKind, skipped: attempt.skipped });
      still.push(...attempt.still);
    } catch (error) {
      deps.log.warn('target not done', { where: targetLabel(target), errorCode: awsErrorCode(error), reason: message(error) });
      stillTargets.push({ accountId: target.accountId, region: target.region, errorCode: awsErrorCode(error), reason: message(error) });
    }
  });

  // Targets finish in any order; the record and the error read the same on every run.
  const byName = (a: { accountId: string; region: string; instanceId?: string }, b: typeof a) =>
    `${a.accountId}/${a.region}/${a.instanceId ?? ''}`.localeCompare(`${b.accountId}/${b.region}/${b.instanceId ?? ''}`);
  recovered.sort(byName);
  redone.sort((a, b) => byName(a.target, b.target));
  still.sort(byName);
  stillTargets.sort(byName);
  const key = runKeys(results.folder).retry;
  await deps.store.write(key, { recovered, redone, notChanged: still, targetsNotDone: stillTargets } satisfies RetryRecord);
  for (const r of recovered) deps.log.info('unfinished instance recovered', { ...r, action: input.action });
  if (still.length > 0 || stillTargets.length > 0) {
    deps.log.warn('instances still not changed', { action: input.action, instances: still.length, targets: stillTargets.length });
    throw new InstancesNotChangedError(still, stillTargets);
  }
  return { ...input, retry: { key, recovered: recovered.length, redone: redone.length } };
}
