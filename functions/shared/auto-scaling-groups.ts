/**
 * Auto Scaling groups under a schedule. A group is stopped by setting min, max and desired to 0
 * (its instances are terminated by the group; stopping them one by one would only make the group
 * replace them), and started by restoring exactly the sizes it had. The sizes live in a tag on the
 * group, `<TAG_KEY>SavedSizes`, written before the sizes are changed, so nothing is lost if the
 * run dies in between and no store of our own has to outlive the run:
 *
 *   min=1 max=4 desired=2
 *
 * (space-separated `name=value`: the characters every AWS tag value accepts; `;`, `,`, `{` and `"`
 * are not among them). A second stop finds the record and keeps it, so it never records zeros;
 * a start restores the sizes and then deletes the record, so a later manual resize is not undone
 * by a stale record and the next stop records the sizes of that day.
 */
import {
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  paginateDescribeAutoScalingGroups,
  UpdateAutoScalingGroupCommand,
  type AutoScalingClient,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import { asStepError, awsErrorCode, isThrottling, isTransient } from './errors';
import type { DecisionLog } from './logger';
import { allItems } from './pages';
import type { InstanceOutcome, PowerAction, Skip } from './power-types';
import { overrideSkip, overrideTagKey } from './overrides';
import { hasOptInTag, type OptInTag } from './tags';

export interface GroupSizes {
  min: number;
  max: number;
  desired: number;
}

export function savedSizesTagKey(tagKey: string): string {
  return `${tagKey}SavedSizes`;
}

export function formatSizes(sizes: GroupSizes): string {
  return `min=${sizes.min} max=${sizes.max} desired=${sizes.desired}`;
}

/** The recorded sizes, or undefined when the text is not a record we wrote. */
export function parseSizes(text: string | undefined): GroupSizes | undefined {
  const match = /^min=(\d+) max=(\d+) desired=(\d+)$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [min, max, desired] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return min <= desired && desired <= max ? { min, max, desired } : undefined;
}

export const groupTag = (group: AutoScalingGroup, key: string) => group.Tags?.find((t) => t.Key === key)?.Value;
export const sizesOf = (group: AutoScalingGroup): GroupSizes => ({ min: group.MinSize ?? 0, max: group.MaxSize ?? 0, desired: group.DesiredCapacity ?? 0 });
const isZero = (sizes: GroupSizes) => sizes.min === 0 && sizes.max === 0 && sizes.desired === 0;

export interface GroupDeps {
  autoScaling: Pick<AutoScalingClient, 'send'>;
  tagKey: string;
  log: DecisionLog;
}

async function groupsMatching(autoScaling: AutoScalingClient, filter: { Name: string; Values: string[] }, where: string): Promise<AutoScalingGroup[]> {
  const groups = await allItems(
    `DescribeAutoScalingGroups in ${where}`,
    paginateDescribeAutoScalingGroups({ client: autoScaling }, { Filters: [filter] }),
    (page) => page.AutoScalingGroups ?? [],
  );
  return groups.sort((a, b) => (a.AutoScalingGroupName ?? '').localeCompare(b.AutoScalingGroupName ?? ''));
}

/** The groups carrying the opt-in tag exactly (the tag filter narrows; the exact match decides). */
export async function listTaggedGroups(autoScaling: AutoScalingClient, tag: OptInTag, where: string): Promise<AutoScalingGroup[]> {
  return (await groupsMatching(autoScaling, { Name: `tag:${tag.key}`, Values: [tag.value] }, where)).filter((g) => hasOptInTag(g.Tags, tag));
}

/** The groups carrying the opt-in tag key, whatever its value (the cost report matches each value to its schedule). */
export async function listGroupsWithTagKey(autoScaling: AutoScalingClient, tagKey: string, where: string): Promise<AutoScalingGroup[]> {
  return (await groupsMatching(autoScaling, { Name: 'tag-key', Values: [tagKey] }, where)).filter((g) => groupTag(g, tagKey) !== undefined);
}

const notARecordReason = (recordKey: string, recordText: string) =>
  `${recordKey}=${JSON.stringify(recordText)} is not a record of sizes (min=N max=N desired=N, min ≤ desired ≤ max): set the group's sizes by hand`;
const notStoppedByScheduleReason = (recordKey: string) => `its sizes are 0 and it has no ${recordKey} tag (not stopped by this schedule): set its sizes by hand`;

/**
 * Where the schedule has a group now, by the rules changeGroup acts on: running (sizes not 0: a
 * stop would record them and set 0), stopped by the schedule (sizes 0 with a record: a start
 * restores it), or at 0 without a record a start can use (the schedule never starts it).
 */
export type GroupScheduleState = { state: 'running' } | { state: 'stopped'; saved: GroupSizes } | { state: 'left alone'; reason: string };

export function groupScheduleState(group: AutoScalingGroup, tagKey: string): GroupScheduleState {
  if (!isZero(sizesOf(group))) return { state: 'running' };
  const recordKey = savedSizesTagKey(tagKey);
  const recordText = groupTag(group, recordKey);
  const saved = parseSizes(recordText);
  if (saved) return { state: 'stopped', saved };
  return { state: 'left alone', reason: recordText !== undefined ? notARecordReason(recordKey, recordText) : notStoppedByScheduleReason(recordKey) };
}

/** Why a tagged group is left out of this run (its override tag), or undefined. */
export function groupSkip(group: AutoScalingGroup, tagKey: string, action: PowerAction, today: string): Skip | undefined {
  return overrideSkip(tagKey, groupTag(group, overrideTagKey(tagKey)), action, today);
}

export interface TaggedGroups {
  /** Sorted names of the groups this run stops or starts. */
  names: string[];
  /** Those an override keeps out of this run, and why. */
  skipped: ({ instanceId: string } & Skip)[];
}

/** The tagged groups of a target, split into those this run changes and those an override keeps out (as listTaggedDatabases does for RDS). */
export async function listGroupsForRun(autoScaling: AutoScalingClient, tag: OptInTag, action: PowerAction, today: string, where: string): Promise<TaggedGroups> {
  const found: TaggedGroups = { names: [], skipped: [] };
  for (const group of await listTaggedGroups(autoScaling, tag, where)) {
    const name = group.AutoScalingGroupName!;
    const skip = groupSkip(group, tag.key, action, today);
    if (skip) found.skipped.push({ instanceId: name, ...skip });
    else found.names.push(name);
  }
  return found;
}

/** What one group's stop or start does, and the calls it makes (none in a dry run). */
async function changeGroup(group: AutoScalingGroup, action: PowerAction, dryRun: boolean, deps: GroupDeps): Promise<InstanceOutcome> {
  const name = group.AutoScalingGroupName!;
  const recordKey = savedSizesTagKey(deps.tagKey);
  const recordText = groupTag(group, recordKey);
  const record = parseSizes(recordText);
  const current = sizesOf(group);
  const base = { instanceId: name, kind: 'asg' as const };
  const tagOf = (value: string) => ({ ResourceId: name, ResourceType: 'auto-scaling-group', Key: recordKey, Value: value, PropagateAtLaunch: false });

  if (action === 'stop') {
    if (isZero(current)) return { ...base, outcome: 'alreadyStopped', ...(record ? {} : { reason: 'its sizes are already 0; nothing to record' }) };
    // A record from an earlier stop is kept: the sizes now may be what a half-done start left.
    const keep = record ?? current;
    if (dryRun) return { ...base, outcome: 'dryRunPassed', reason: `would record ${formatSizes(keep)} in ${recordKey} and set min, max and desired to 0` };
    if (!record) await deps.autoScaling.send(new CreateOrUpdateTagsCommand({ Tags: [tagOf(formatSizes(current))] }));
    await deps.autoScaling.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, MinSize: 0, MaxSize: 0, DesiredCapacity: 0 }));
    return { ...base, outcome: 'stopped', reason: `recorded ${formatSizes(keep)}; sizes set to 0` };
  }

  if (!record) {
    if (recordText !== undefined) return { ...base, outcome: 'skipped', reason: notARecordReason(recordKey, recordText) };
    if (!isZero(current)) return { ...base, outcome: 'alreadyRunning' };
    return { ...base, outcome: 'skipped', reason: notStoppedByScheduleReason(recordKey) };
  }
  if (dryRun) return { ...base, outcome: 'dryRunPassed', reason: `would restore ${formatSizes(record)} and delete ${recordKey}` };
  await deps.autoScaling.send(
    new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: name, MinSize: record.min, MaxSize: record.max, DesiredCapacity: record.desired }),
  );
  await deps.autoScaling.send(new DeleteTagsCommand({ Tags: [tagOf(recordText!)] }));
  return { ...base, outcome: 'started', reason: `restored ${formatSizes(record)}` };
}

/**
 * Stops or starts each group; one group's refusal is its own `failed` outcome. Throttling and
 * AWS-side failures are thrown as named errors for the state machine's Retry (every step is
 * idempotent: the record makes a repeated stop or start land where the first would have).
 */
export async function changeGroups(groups: readonly AutoScalingGroup[], request: { action: PowerAction; dryRun: boolean }, deps: GroupDeps): Promise<InstanceOutcome[]> {
  const outcomes: InstanceOutcome[] = [];
  for (const group of groups) {
    let outcome: InstanceOutcome;
    try {
      outcome = await changeGroup(group, request.action, request.dryRun, deps);
    } catch (error) {
      if (isThrottling(error) || isTransient(error)) throw asStepError(error, `${request.action} of Auto Scaling group ${group.AutoScalingGroupName}`);
      outcome = { instanceId: group.AutoScalingGroupName!, kind: 'asg', outcome: 'failed', errorCode: awsErrorCode(error), reason: error instanceof Error ? error.message : String(error) };
    }
    const entry = { group: outcome.instanceId, action: request.action, dryRun: request.dryRun, outcome: outcome.outcome, reason: outcome.reason, errorCode: outcome.errorCode };
    if (outcome.outcome === 'failed') deps.log.warn('Auto Scaling group not changed', entry);
    else deps.log.info('Auto Scaling group outcome', entry);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The groups by name, as they are now (a group deleted meanwhile is absent). */
export async function describeGroups(autoScaling: AutoScalingClient, names: readonly string[], where: string): Promise<AutoScalingGroup[]> {
  if (names.length === 0) return [];
  return allItems(
    `DescribeAutoScalingGroups in ${where}`,
    paginateDescribeAutoScalingGroups({ client: autoScaling }, { AutoScalingGroupNames: [...names] }),
    (page) => page.AutoScalingGroups ?? [],
  );
}

/**
 * Stops or starts the named groups as they are now (the listing may be minutes old; a group deleted
 * meanwhile is skipped, saying so).
 */
export async function changeGroupsByName(
  names: readonly string[],
  request: { action: PowerAction; dryRun: boolean },
  deps: GroupDeps & { autoScaling: AutoScalingClient; where: string },
): Promise<InstanceOutcome[]> {
  const groups = await describeGroups(deps.autoScaling, names, deps.where);
  const found = new Set(groups.map((g) => g.AutoScalingGroupName));
  const gone = names.filter((n) => !found.has(n)).map((instanceId): InstanceOutcome => ({ instanceId, kind: 'asg', outcome: 'skipped', reason: 'Auto Scaling group no longer exists' }));
  return [...(await changeGroups(groups, request, deps)), ...gone];
}
