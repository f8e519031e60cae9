/**
 * Issue #13's done-when, as one run over one mixed fleet: a tagged RDS DB instance, a tagged Aurora
 * cluster with its instance, a tagged Auto Scaling group of desired 2 and an untagged one, an
 * instance configured for hibernation, one kept out by `skip-until`, a plain tagged instance and an
 * untagged one. The real ASL and handlers stop it, then start it, against moto over HTTP through
 * the aws-proxy; each resource's outcome is read from what the run's steps recorded in S3.
 */
import type { AwsProxy, AwsRequest } from '../support/aws-proxy';
import { createAuroraCluster, createAutoScalingGroup, createDatabase, databaseOf, ec2At, groupOf, launchInstance, OPT_IN, statesOf } from '../support/fleet';
import { outcomesOfRun, usePowerWorkflow } from '../support/power-workflow';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import type { RunSummary } from '../../functions/shared/power-types';
import { localDate } from '../../functions/shared/dates';
import { DescribeTagsCommand } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../scripts/ops';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-power-fleet-${process.pid}-${Date.now() % 100000}`;
const DAY = 24 * 3600 * 1000;
const UNTAGGED_TEAM = { Team: 'platform' };

let proxy: AwsProxy;
usePowerWorkflow({ region: SEOUL, regions: [SEOUL], bucket: BUCKET }, (started) => (proxy = started));

const seoul = () => ec2At(proxy.url, SEOUL);
const seoulDate = (offsetDays: number) => localDate(new Date(Date.now() + offsetDays * DAY), 'Asia/Seoul');

/** Every value a call that changes something (a stop, start, resize or tag write) names. */
function namedByChanges(calls: readonly AwsRequest[]): string[] {
  return calls.filter((c) => /^(Stop|Start|Update|Create|Delete|Add|Remove|Modify|Terminate|Set)/.test(c.action ?? '')).flatMap((c) => [...c.form.values()]);
}

async function instanceTags(id: string): Promise<Record<string, string>> {
  const out = await seoul().send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
  return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

/** The done-when's fleet, in the proxy's account in Seoul. */
async function seedMixedFleet() {
  const orders = await createDatabase(proxy.url, SEOUL, { id: 'orders', tags: OPT_IN });
  const reports = await createAuroraCluster(proxy.url, SEOUL, { id: 'reports', tags: OPT_IN });
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: OPT_IN, min: 1, max: 4, desired: 2 });
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'batch', tags: UNTAGGED_TEAM, min: 1, max: 3, desired: 2 });
  const hibernating = await launchInstance(seoul(), { tags: OPT_IN, hibernationConfigured: true });
  const skipUntil = `skip-until=${seoulDate(2)}`;
  const kept = await launchInstance(seoul(), { tags: { ...OPT_IN, AutoStopStartOverride: skipUntil } });
  const plain = await launchInstance(seoul(), { tags: OPT_IN });
  const untagged = await launchInstance(seoul(), { tags: UNTAGGED_TEAM });
  return { orders, reports, hibernating, kept, skipUntil, plain, untagged };
}

test('a mixed fleet is stopped (hibernate asked) and started with exactly the expected outcome per resource and kind; the group comes back to min 1 / max 4 / desired 2; nothing untagged is touched', async () => {
  // Prepare
  const { orders, reports, hibernating, kept, skipUntil, plain, untagged } = await seedMixedFleet();
  const batchMembers = await instanceTagsOfGroup('batch');
  const untaggedThings = [untagged, 'batch', ...Object.keys(batchMembers)];
  proxy.calls.length = 0;

  // Act: stop at night, hibernating what is configured for it
  const stop = await runWorkflow('power-schedule', { action: 'stop', hibernate: true, timezone: 'Asia/Seoul' }, { instantWaits: true });

  // Assess: each resource's outcome, by id and kind
  expect(stop.status).toBe('SUCCEEDED');
  expect(await outcomesOfRun(proxy.url, BUCKET, stop.executionName)).toEqual({
    [hibernating]: { kind: 'ec2', outcome: 'hibernated' },
    [plain]: { kind: 'ec2', outcome: 'stopped', reason: expect.stringMatching(/not configured for it.*stopped normally/) },
    [kept]: { kind: 'ec2', outcome: 'skipped', reason: `AutoStopStartOverride=${skipUntil}: left alone until ${seoulDate(2)} (today is ${seoulDate(0)})` },
    [orders]: { kind: 'rds', outcome: 'stopped' },
    [reports]: { kind: 'rds', outcome: 'stopped' },
    web: { kind: 'asg', outcome: 'stopped', reason: 'recorded min=1 max=4 desired=2; sizes set to 0' },
  });
  const stopSummary = stop.output as RunSummary;
  expect(stopSummary.totals).toEqual({ hibernated: 1, stopped: 4, skipped: 1 });
  expect(stopSummary.byKind).toEqual({ ec2: { hibernated: 1, stopped: 1, skipped: 1 }, rds: { stopped: 2 }, asg: { stopped: 1 } });
  expect(await statesOf(seoul(), [hibernating, plain, kept, untagged])).toEqual(['stopped', 'stopped', 'running', 'running']);
  expect(await databaseOf(proxy.url, SEOUL, 'instance', 'orders')).toMatchObject({ status: 'stopped' });
  expect(await databaseOf(proxy.url, SEOUL, 'cluster', 'reports')).toMatchObject({ status: 'stopped' });
  expect(await groupOf(proxy.url, SEOUL, 'web')).toMatchObject({ min: 0, max: 0, desired: 0, tags: { AutoStopStartSavedSizes: 'min=1 max=4 desired=2' } });
  expect(await groupOf(proxy.url, SEOUL, 'batch')).toMatchObject({ min: 1, max: 3, desired: 2, instances: 2, tags: UNTAGGED_TEAM });

  // Act: start in the morning
  const start = await runWorkflow('power-schedule', { action: 'start', timezone: 'Asia/Seoul' }, { instantWaits: true });

  // Assess: the kept instance, still running, is no start's business (a start lists stopped instances only)
  expect(start.status).toBe('SUCCEEDED');
  expect(await outcomesOfRun(proxy.url, BUCKET, start.executionName)).toEqual({
    [hibernating]: { kind: 'ec2', outcome: 'started' },
    [plain]: { kind: 'ec2', outcome: 'started' },
    [orders]: { kind: 'rds', outcome: 'started' },
    [reports]: { kind: 'rds', outcome: 'started' },
    web: { kind: 'asg', outcome: 'started', reason: 'restored min=1 max=4 desired=2' },
  });
  expect((start.output as RunSummary).byKind).toEqual({ ec2: { started: 2 }, rds: { started: 2 }, asg: { started: 1 } });
  expect(await statesOf(seoul(), [hibernating, plain, kept, untagged])).toEqual(['running', 'running', 'running', 'running']);
  expect((await databaseOf(proxy.url, SEOUL, 'instance', 'orders')).status).toBe('available');
  expect((await databaseOf(proxy.url, SEOUL, 'cluster', 'reports')).status).toBe('available');
  const web = await groupOf(proxy.url, SEOUL, 'web');
  expect(web).toMatchObject({ min: 1, max: 4, desired: 2, instances: 2 });
  expect(web.tags).not.toHaveProperty('AutoStopStartSavedSizes');

  // Assess: nothing untagged was stopped, started, resized or tagged, in either run
  expect(await groupOf(proxy.url, SEOUL, 'batch')).toEqual({ min: 1, max: 3, desired: 2, instances: 2, tags: UNTAGGED_TEAM });
  expect(await instanceTags(untagged)).toEqual(UNTAGGED_TEAM);
  expect(Object.keys(batchMembers)).toHaveLength(2);
  expect(await instanceTagsOfGroup('batch')).toEqual(batchMembers);
  expect(await statesOf(seoul(), Object.keys(batchMembers))).toEqual(['running', 'running']);
  expect(namedByChanges(proxy.calls)).toEqual(expect.arrayContaining([hibernating, plain, 'web', 'orders', 'reports']));
  expect(namedByChanges(proxy.calls).filter((value) => untaggedThings.some((thing) => value.includes(thing)))).toEqual([]);
});

/** The ids of a group's instances, with their tags. */
async function instanceTagsOfGroup(name: string): Promise<Record<string, Record<string, string>>> {
  const out = await seoul().send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['aws:autoscaling:groupName'] }, { Name: 'value', Values: [name] }] }));
  const ids = (out.Tags ?? []).map((t) => t.ResourceId!);
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await instanceTags(id)] as const)));
}

test('ops run power-schedule --dry-run --wait shows the counts by kind and lists, by kind, each resource the dry run would change and how; nothing changes (Step Functions mocked, as moto cannot run the execution: the runner ran it)', async () => {
  // Prepare: the runner does the dry run as the deployed machine would; ops follows it through a mocked Step Functions and reads its objects from S3 (moto).
  const { orders, kept, hibernating, plain } = await seedMixedFleet();
  proxy.calls.length = 0;
  const dryRun = await runWorkflow('power-schedule', { action: 'stop', dryRun: true }, { instantWaits: true });
  expect(dryRun.status).toBe('SUCCEEDED');
  const powerArn = `arn:aws:states:${SEOUL}:${proxy.accountId}:stateMachine:ops-power-schedule`;
  const executionArn = `arn:aws:states:${SEOUL}:${proxy.accountId}:execution:ops-power-schedule:${dryRun.executionName}`;
  const sfn = mockClient(SFNClient);
  sfn.on(StartExecutionCommand).resolves({ executionArn, startDate: new Date() });
  sfn.on(DescribeExecutionCommand).resolves({ executionArn, name: dryRun.executionName, status: 'SUCCEEDED', startDate: new Date(), stopDate: new Date(), output: JSON.stringify(dryRun.output) });
  sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
  let stdout = '';
  let stderr = '';

  // Act
  const code = await main(['--power-arn', powerArn, 'run', 'power-schedule', '--action', 'stop', '--dry-run', '--wait'], {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: process.env,
    pollMs: 1,
  });
  sfn.restore();

  // Assess: what the operator reads
  expect(code).toBe(0);
  expect(stderr).toContain('dry run of stop: dry run passed 5, skipped 1');
  expect(stderr).toMatch(/by kind:\n {2}EC2 instances\s+dry run passed 2, skipped 1\n {2}RDS DB instances and clusters\s+dry run passed 2\n {2}Auto Scaling groups\s+dry run passed 1\n/);
  expect(stderr).toMatch(new RegExp(`skipped:\\n {2}ec2\\s+${kept}\\s+${proxy.accountId}\\s+${SEOUL}\\s+AutoStopStartOverride=skip-until=`));
  const wouldChange = stderr.slice(stderr.indexOf('would change (nothing was changed):')).split('\n').slice(1, 6).map((line) => line.trim().split(/\s{2,}/));
  expect(wouldChange).toEqual(
    expect.arrayContaining([
      ['ec2', hibernating, proxy.accountId, SEOUL, 'StopInstances would have succeeded'],
      ['ec2', plain, proxy.accountId, SEOUL, 'StopInstances would have succeeded'],
      ['rds', 'DB instance orders', proxy.accountId, SEOUL, 'would stop DB instance orders'],
      ['rds', 'DB cluster reports', proxy.accountId, SEOUL, 'would stop DB cluster reports'],
      ['asg', 'Auto Scaling group web', proxy.accountId, SEOUL, 'would record min=1 max=4 desired=2 in AutoStopStartSavedSizes and set min, max and desired to 0'],
    ]),
  );
  expect(JSON.parse(stdout)).toEqual(dryRun.output);
  expect((await databaseOf(proxy.url, SEOUL, 'instance', 'orders')).status).toBe('available');
  expect(orders).toMatch(/:db:orders$/);
  expect(await groupOf(proxy.url, SEOUL, 'web')).toMatchObject({ min: 1, max: 4, desired: 2 });
  expect(await statesOf(seoul(), [hibernating, plain, kept])).toEqual(['running', 'running', 'running']);
  expect(proxy.calls.filter((c) => /^(Stop|Start)DB|UpdateAutoScalingGroup|CreateOrUpdateTags|AddTagsToResource|^CreateTags$/.test(c.action ?? ''))).toEqual([]);
});
