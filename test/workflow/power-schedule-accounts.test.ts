/**
 * power-schedule over several accounts, as one run: the real ASL and handlers, locally, against
 * moto through the aws-proxy. Each test names fresh member accounts in TARGET_ACCOUNTS and seeds
 * their fleets through assumed roles (moto's credentials from AssumeRole act in the role's
 * account); the functions reach them by assuming MEMBER_ROLE_NAME the same way. moto does not
 * check that a role exists or trusts the caller, so refusals are injected by the proxy.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  assumedAccountOf,
  ec2Error,
  freshAccountId,
  instanceIdsOf,
  signedRegionOf,
  stsError,
  type AwsProxy,
} from '../support/aws-proxy';
import { launchInstance, launchInstances, memberEc2, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { usePowerWorkflow } from '../support/power-workflow';
import { addUnfinishedFromResults, explainFromHistory, renderExplanation } from '../../scripts/ops/explain';
import { jsonStore } from '../../functions/shared/power-store';
import type { MappedRequest, RunSummary } from '../../functions/shared/power-types';
import { s3ReportStore } from '../../functions/shared/report-store';
import { HistoryBuilder, lambdaCause } from '../support/ops-history';

const SEOUL = 'ap-northeast-2';
const VIRGINIA = 'us-east-1';
const BUCKET = `ops-power-accounts-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;

usePowerWorkflow({ region: SEOUL, regions: [SEOUL, VIRGINIA], bucket: BUCKET }, (started) => (proxy = started));

interface MemberFleet {
  accountId: string;
  seoul: EC2Client;
  virginia: EC2Client;
  tagged: { seoul: string[]; virginia: string[] };
  untouched: string[];
}

/** Three member accounts, each with tagged instances in both regions and some that must not change. */
async function seedMembers(count = 3): Promise<MemberFleet[]> {
  const members: MemberFleet[] = [];
  for (let i = 0; i < count; i += 1) {
    const accountId = freshAccountId();
    const seoul = await memberEc2(proxy.url, accountId, SEOUL);
    const virginia = await memberEc2(proxy.url, accountId, VIRGINIA);
    members.push({
      accountId,
      seoul,
      virginia,
      tagged: { seoul: await launchInstances(seoul, 2 + i, { tags: OPT_IN }), virginia: await launchInstances(virginia, 1, { tags: OPT_IN }) },
      untouched: [await launchInstance(seoul, { tags: { AutoStopStart: 'No' } }), await launchInstance(virginia, { tags: { Name: 'untagged' } })],
    });
  }
  process.env.TARGET_ACCOUNTS = members.map((m) => m.accountId).join(',');
  proxy.calls.length = 0;
  return members;
}

const assumedAccounts = () => new Set(proxy.calls.map(assumedAccountOf).filter(Boolean));

test('with TARGET_ACCOUNTS naming three accounts, stop stops exactly the tagged instances in all three and nothing else', async () => {
  // Prepare
  const members = await seedMembers();

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  for (const m of members) {
    expect(await statesOf(m.seoul, m.tagged.seoul)).toEqual(m.tagged.seoul.map(() => 'stopped'));
    expect(await statesOf(m.virginia, m.tagged.virginia)).toEqual(['stopped']);
    expect([...(await statesOf(m.seoul, m.untouched.slice(0, 1))), ...(await statesOf(m.virginia, m.untouched.slice(1)))]).toEqual(['running', 'running']);
  }
  const summary = result.output as RunSummary;
  expect(summary.targets).toEqual({ total: 6, done: 6, unreachable: 0, redone: 0 });
  expect(summary.totals).toEqual({ stopped: 12 });
  expect(summary.byAccount).toEqual(Object.fromEntries(members.map((m, i) => [m.accountId, { stopped: 3 + i }])));
  expect(summary.byRegion).toEqual({ [SEOUL]: { stopped: 9 }, [VIRGINIA]: { stopped: 3 } });
  expect(summary.unreachable).toEqual([]);
  // The member role was assumed in each member account, never in the deployment account.
  expect([...assumedAccounts()].sort()).toEqual(members.map((m) => m.accountId).sort());
});

test('a member account whose role refuses AssumeRole (AccessDenied injected by the proxy: moto checks no trust policy) is named as unreachable; the other two are done and the run succeeds', async () => {
  // Prepare
  const [first, refusing, third] = await seedMembers();
  proxy.setFault((request) =>
    assumedAccountOf(request) === refusing!.accountId
      ? stsError('AccessDenied', `User: arn:aws:sts::${proxy.accountId}:assumed-role/ops-automation-list-tagged-instances-lambda/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${refusing!.accountId}:role/ops-automation-member`)
      : undefined,
  );

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  for (const m of [first!, third!]) {
    expect(await statesOf(m.seoul, m.tagged.seoul)).toEqual(m.tagged.seoul.map(() => 'stopped'));
    expect(await statesOf(m.virginia, m.tagged.virginia)).toEqual(['stopped']);
  }
  expect(await statesOf(refusing!.seoul, refusing!.tagged.seoul)).toEqual(['running', 'running', 'running']);
  const summary = result.output as RunSummary;
  expect(summary.unreachable).toEqual([
    { accountId: refusing!.accountId, region: SEOUL, error: 'AccessDenied', message: expect.stringContaining('not authorized to perform: sts:AssumeRole') },
    { accountId: refusing!.accountId, region: VIRGINIA, error: 'AccessDenied', message: expect.stringContaining('not authorized to perform: sts:AssumeRole') },
  ].sort((a, b) => a.region.localeCompare(b.region)));
  expect(summary.targets).toEqual({ total: 6, done: 4, unreachable: 2, redone: 0 });
  expect(summary.byAccount).toEqual({ [first!.accountId]: { stopped: 3 }, [third!.accountId]: { stopped: 5 } });
});

test('a region not enabled in one account (EC2 AuthFailure injected for it) is unreachable there alone; its other region is done', async () => {
  const [member] = await seedMembers(1);
  // What EC2 answers in an opt-in region the account has not enabled.
  proxy.setFault((request) =>
    request.action === 'DescribeInstances' && signedRegionOf(request) === VIRGINIA
      ? ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
      : undefined,
  );

  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });
  proxy.setFault(undefined);

  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(member!.seoul, member!.tagged.seoul)).toEqual(['stopped', 'stopped']);
  expect(await statesOf(member!.virginia, member!.tagged.virginia)).toEqual(['running']);
  expect((result.output as RunSummary).unreachable).toEqual([{ accountId: member!.accountId, region: VIRGINIA, error: 'AuthFailure', message: expect.any(String) }]);
});

test('instances that refuse to stop in two accounts fail the run at RetryUnfinished, named with account and region; re-running that step with its recorded input acts on them alone', async () => {
  // Prepare: one refusing instance in each of two accounts.
  const members = await seedMembers();
  const bad = [members[0]!.tagged.seoul[1]!, members[2]!.tagged.virginia[0]!];
  proxy.setFault((request) =>
    request.action === 'StopInstances' && instanceIdsOf(request).some((id) => bad.includes(id))
      ? ec2Error('OperationNotPermitted', "The instance may not be stopped. Modify its 'disableApiStop' instance attribute and try again.")
      : undefined,
  );

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess: everything else stopped; the error names both with account, region and code.
  expect(result.status).toBe('FAILED');
  expect(result.failedState).toBe('RetryUnfinished');
  expect(result.error).toBe('InstancesNotChangedError');
  expect(result.cause).toContain(`${bad[0]} (${members[0]!.accountId} ${SEOUL}) OperationNotPermitted`);
  expect(result.cause).toContain(`${bad[1]} (${members[2]!.accountId} ${VIRGINIA}) OperationNotPermitted`);
  for (const m of members) {
    const good = m.tagged.seoul.filter((id) => !bad.includes(id));
    expect(await statesOf(m.seoul, good)).toEqual(good.map(() => 'stopped'));
  }
  const recorded = result.failedStateInput as MappedRequest;
  expect(Object.keys(recorded).sort()).toEqual(['action', 'dryRun', 'hibernate', 'results', 'tagValue', 'targets', 'timezone']);

  // ops explain, given this step's recorded input in the history, lists them from the run's S3 objects.
  const history = new HistoryBuilder();
  const failedStep = history.task('RetryUnfinished', recorded, history.start({ action: 'stop' }), { error: result.error, cause: lambdaCause(result.error!, result.cause!) });
  history.failExecution(result.error!, lambdaCause(result.error!, result.cause!), failedStep.lastId);
  const s3 = new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true });
  const explanation = await addUnfinishedFromResults(
    explainFromHistory(
      { executionArn: `arn:aws:states:${SEOUL}:000000000000:execution:local-power-schedule:${result.executionName}`, stateMachineArn: `arn:aws:states:${SEOUL}:000000000000:stateMachine:local-power-schedule`, name: result.executionName, status: 'FAILED', startDate: new Date() },
      history.events,
      'power-schedule',
    ),
    (bucket) => jsonStore(s3ReportStore(s3, bucket)),
  );
  expect(explanation.unfinished.map((u) => [u.instanceId, u.accountId, u.region, u.errorCode])).toEqual(
    expect.arrayContaining([
      [bad[0], members[0]!.accountId, SEOUL, 'OperationNotPermitted'],
      [bad[1], members[2]!.accountId, VIRGINIA, 'OperationNotPermitted'],
    ]),
  );
  expect(renderExplanation(explanation).join('\n')).toContain('re-runs RetryUnfinished for these 2 instance(s) only');

  // Act again: the cause is fixed; the failed step runs again with its recorded input (Redrive).
  proxy.setFault(undefined);
  proxy.calls.length = 0;
  const redrive = await runWorkflow('power-schedule', recorded, { startAt: 'RetryUnfinished', instantWaits: true });

  // Assess: only the two were acted on, each in its own account, and the run now succeeds.
  expect(redrive.status).toBe('SUCCEEDED');
  expect(proxy.calls.filter((c) => c.action === 'StopInstances').flatMap(instanceIdsOf).sort()).toEqual([...bad].sort());
  expect(await statesOf(members[0]!.seoul, [bad[0]!])).toEqual(['stopped']);
  expect(await statesOf(members[2]!.virginia, [bad[1]!])).toEqual(['stopped']);
  const summary = redrive.output as RunSummary;
  expect(summary.totals).toEqual({ stopped: 12 });
  expect(summary.recovered).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ accountId: members[0]!.accountId, region: SEOUL, instanceId: bad[0], outcome: 'stopped' }),
      expect.objectContaining({ accountId: members[2]!.accountId, region: VIRGINIA, instanceId: bad[1], outcome: 'stopped' }),
    ]),
  );
  expect(summary.recovered).toHaveLength(2);
});

test('a target whose listing stays throttled through all its retries (RequestLimitExceeded injected) is done again whole by RetryUnfinished, and the run succeeds', async () => {
  const [member] = await seedMembers(1);
  let throttled = 0;
  // Every attempt of the child's ListTaggedInstances (1 + 6 retries) is throttled in Seoul; the next call goes through.
  proxy.setFault((request) => {
    if (request.action !== 'DescribeInstances' || signedRegionOf(request) !== SEOUL || throttled >= 7) return undefined;
    throttled += 1;
    return ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
  });

  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  expect(throttled).toBe(7);
  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(member!.seoul, member!.tagged.seoul)).toEqual(['stopped', 'stopped']);
  expect(await statesOf(member!.virginia, member!.tagged.virginia)).toEqual(['stopped']);
  const summary = result.output as RunSummary;
  expect(summary.targets).toEqual({ total: 2, done: 1, unreachable: 0, redone: 1 });
  expect(summary.byRegion).toEqual({ [SEOUL]: { stopped: 2 }, [VIRGINIA]: { stopped: 1 } });
});
