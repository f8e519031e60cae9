/**
 * The real power-schedule ASL, executed locally with the real handlers, against moto through the
 * aws-proxy (a fresh account per test; faults moto cannot produce are injected there). With no
 * TARGET_ACCOUNTS the run's one account is the deployment account, today's behaviour; the
 * Distributed Map over targets runs as scripts/lib/distributed-map.ts emulates it.
 */
import { ec2Error, instanceIdsOf, type AwsProxy, type AwsRequest } from '../support/aws-proxy';
import { ec2At, launchInstance, launchInstances, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { usePowerWorkflow } from '../support/power-workflow';
import type { MappedRequest, RunSummary, TargetResult } from '../../functions/shared/power-types';
import { localDate } from '../../functions/shared/dates';

const SEOUL = 'ap-northeast-2';
const OREGON = 'us-west-2';
const BUCKET = `ops-power-workflow-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;

usePowerWorkflow({ region: SEOUL, regions: [SEOUL, OREGON], bucket: BUCKET }, (started) => (proxy = started));

const seoul = () => ec2At(proxy.url, SEOUL);
const oregon = () => ec2At(proxy.url, OREGON);
const calls = (action: string) => proxy.calls.filter((c) => c.action === action);
const isDryRun = (c: AwsRequest) => c.form.get('DryRun') === 'true';

/** A small fleet: tagged running instances in two regions, plus what must never be touched. */
async function seedFleet(taggedInSeoul = 3) {
  const tagged = {
    seoul: await launchInstances(seoul(), taggedInSeoul, { tags: OPT_IN }),
    oregon: await launchInstances(oregon(), 2, { tags: OPT_IN }),
  };
  const untouched = [
    await launchInstance(seoul(), { tags: { Name: 'no tag' } }),
    await launchInstance(seoul(), { tags: { AutoStopStart: 'yes' } }),
    await launchInstance(seoul(), { tags: { ...OPT_IN }, autoScalingGroup: 'web' }),
  ];
  proxy.calls.length = 0;
  return { tagged, untouched };
}

test('stop: every tagged instance in both regions stops, nothing else changes, and the summary counts them', async () => {
  // Prepare
  const { tagged, untouched } = await seedFleet();

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), tagged.seoul)).toEqual(['stopped', 'stopped', 'stopped']);
  expect(await statesOf(oregon(), tagged.oregon)).toEqual(['stopped', 'stopped']);
  expect(await statesOf(seoul(), untouched)).toEqual(['running', 'running', 'running']);
  const summary = result.output as RunSummary;
  expect(summary.totals).toEqual({ stopped: 5, skipped: 1 });
  expect(summary.byRegion).toEqual({ [SEOUL]: { stopped: 3, skipped: 1 }, [OREGON]: { stopped: 2 } });
  expect(summary.byAccount).toEqual({ [proxy.accountId]: { stopped: 5, skipped: 1 } });
  expect(summary.targets).toEqual({ total: 2, done: 2, unreachable: 0, redone: 0 });
  expect(summary.skipped).toEqual([expect.objectContaining({ accountId: proxy.accountId, region: SEOUL, instanceId: untouched[2], reason: expect.stringMatching(/Auto Scaling/) })]);
});

test('start: every tagged stopped instance starts; an untagged stopped one stays stopped', async () => {
  const tagged = await launchInstances(seoul(), 2, { tags: OPT_IN, stopped: true });
  const taggedOregon = await launchInstance(oregon(), { tags: OPT_IN, stopped: true });
  const untagged = await launchInstance(seoul(), { tags: { AutoStopStart: 'No' }, stopped: true });

  const result = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), [...tagged, untagged])).toEqual(['running', 'running', 'stopped']);
  expect(await statesOf(oregon(), [taggedOregon])).toEqual(['running']);
  expect((result.output as RunSummary).totals).toEqual({ started: 3 });
});

test('a dry run changes nothing and says what would have been done', async () => {
  const { tagged } = await seedFleet();

  const result = await runWorkflow('power-schedule', { action: 'stop', dryRun: true }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), tagged.seoul)).toEqual(['running', 'running', 'running']);
  expect(await statesOf(oregon(), tagged.oregon)).toEqual(['running', 'running']);
  expect(calls('StopInstances').length).toBeGreaterThan(0);
  expect(calls('StopInstances').every(isDryRun)).toBe(true);
  const summary = result.output as RunSummary;
  expect(summary).toMatchObject({ dryRun: true, totals: { dryRunPassed: 5, skipped: 1 } });
});

test('an invalid action fails at Validate with InvalidInputError before any instance is touched', async () => {
  const { tagged } = await seedFleet();

  const result = await runWorkflow('power-schedule', { action: 'reboot' }, { instantWaits: true });

  expect(result.status).toBe('FAILED');
  expect(result.error).toBe('InvalidInputError');
  expect(result.cause).toMatch(/action.*"stop" or "start".*"reboot"/);
  expect(result.failedState).toBe('Validate');
  expect(calls('StopInstances')).toEqual([]);
  expect(calls('StartInstances')).toEqual([]);
  expect(await statesOf(seoul(), tagged.seoul)).toEqual(['running', 'running', 'running']);
});

test('throttling on 30 % of StopInstances calls is retried by the state machine and everything still stops', async () => {
  const { tagged } = await seedFleet(120);
  let stopCalls = 0;
  // Deterministic 30 %: calls 1, 4, 7 of every 10 are throttled.
  proxy.setFault((request) => {
    if (request.action !== 'StopInstances') return undefined;
    stopCalls += 1;
    return [1, 4, 7].includes(stopCalls % 10) ? ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503) : undefined;
  });

  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), tagged.seoul)).toEqual(tagged.seoul.map(() => 'stopped'));
  expect(await statesOf(oregon(), tagged.oregon)).toEqual(['stopped', 'stopped']);
  expect(stopCalls).toBeGreaterThan(5);
  expect(result.events.some((e) => e.type === 'StateRetried' && e.state === 'ChangeInstanceState' && e.child?.map === 'Targets')).toBe(true);
  expect((result.output as RunSummary).totals.stopped).toBe(122);
});

test('one instance that refuses to stop is isolated, the run fails at RetryUnfinished with only it, and re-running that step acts on it alone', async () => {
  // Prepare: 120 tagged in Seoul (3 batches) and 2 in Oregon; one in the middle batch refuses.
  const { tagged, untouched } = await seedFleet(120);
  const bad = [...tagged.seoul].sort()[75]!;
  proxy.setFault((request) =>
    request.action === 'StopInstances' && instanceIdsOf(request).includes(bad)
      ? ec2Error('OperationNotPermitted', `The instance '${bad}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`)
      : undefined,
  );

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess: every other instance in every batch stopped; the execution names the bad one.
  const good = tagged.seoul.filter((id) => id !== bad);
  expect(await statesOf(seoul(), good)).toEqual(good.map(() => 'stopped'));
  expect(await statesOf(oregon(), tagged.oregon)).toEqual(['stopped', 'stopped']);
  expect(await statesOf(seoul(), [bad, ...untouched])).toEqual(['running', 'running', 'running', 'running']);
  expect(result.status).toBe('FAILED');
  expect(result.error).toBe('InstancesNotChangedError');
  expect(result.cause).toContain(`${bad} (${proxy.accountId} ${SEOUL}) OperationNotPermitted`);
  expect(result.failedState).toBe('RetryUnfinished');
  // Its recorded input is where the Map wrote the targets' results: no instance list in the state.
  const redriveInput = result.failedStateInput as MappedRequest;
  expect(redriveInput.results.ResultWriterDetails).toEqual({ Bucket: BUCKET, Key: expect.stringMatching(/results\/[0-9a-f-]+\/manifest\.json$/) });
  expect(JSON.stringify(redriveInput)).not.toContain('i-');

  // Act again: the fault is cleared, and the failed step runs again with its recorded input (Redrive).
  proxy.setFault(undefined);
  proxy.calls.length = 0;
  const redrive = await runWorkflow('power-schedule', result.failedStateInput, { startAt: 'RetryUnfinished', instantWaits: true });

  // Assess: only the bad instance was acted on, and the run now succeeds.
  expect(redrive.status).toBe('SUCCEEDED');
  expect(calls('StopInstances').map(instanceIdsOf)).toEqual([[bad]]);
  expect(await statesOf(seoul(), [bad])).toEqual(['stopped']);
  const summary = redrive.output as RunSummary;
  expect(summary.totals.stopped).toBe(122);
  expect(summary.recovered).toEqual([expect.objectContaining({ accountId: proxy.accountId, region: SEOUL, instanceId: bad, outcome: 'stopped' })]);
});

test('a start that "succeeds" but leaves the instance stopped is reported by Verify and retried', async () => {
  // Prepare: the instance is alone in its region, so its batch call can be answered without the others'.
  const fine = await launchInstances(seoul(), 2, { tags: OPT_IN, stopped: true });
  const kms = await launchInstance(oregon(), { tags: OPT_IN, stopped: true });
  let faked = 0;
  proxy.setFault((request) => {
    if (request.action !== 'StartInstances' || !instanceIdsOf(request).includes(kms) || faked > 0) return undefined;
    faked += 1;
    // EC2 accepts the start; the instance then falls back to stopped (e.g. a missing KMS grant).
    return {
      status: 200,
      body:
        '<StartInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>fault-injected</requestId>' +
        `<instancesSet><item><instanceId>${kms}</instanceId><currentState><code>0</code><name>pending</name></currentState>` +
        '<previousState><code>80</code><name>stopped</name></previousState></item></instancesSet></StartInstancesResponse>',
    };
  });
  const verified: TargetResult[] = [];

  // Act
  const result = await runWorkflow('power-schedule', { action: 'start' }, {
    instantWaits: true,
    invokeHook: async (functionDir, _payload, invoke) => {
      const output = await invoke();
      if (functionDir === 'verify-instance-states') verified.push(output as TargetResult);
      return output;
    },
  });

  // Assess: Oregon's child verified one start that did not arrive and left it to RetryUnfinished.
  expect(faked).toBe(1);
  expect(verified.find((v) => v.target.region === OREGON)).toMatchObject({ status: 'done', unfinished: 1, tally: {} });
  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), fine)).toEqual(['running', 'running']);
  expect(await statesOf(oregon(), [kms])).toEqual(['running']);
  const summary = result.output as RunSummary;
  expect(summary.recovered).toEqual([expect.objectContaining({ region: OREGON, instanceId: kms, outcome: 'started' })]);
  expect(summary.totals.started).toBe(3);
});

test('a start on a skip date in the schedule\'s time zone starts nothing and says why', async () => {
  // Prepare: today, yesterday and tomorrow in Seoul, so the test holds across midnight too.
  const stopped = await launchInstance(seoul(), { tags: OPT_IN, stopped: true });
  const day = 24 * 3600 * 1000;
  const skipDates = [-day, 0, day].map((offset) => localDate(new Date(Date.now() + offset), 'Asia/Seoul'));
  proxy.calls.length = 0;

  // Act
  const result = await runWorkflow('power-schedule', { action: 'start', timezone: 'Asia/Seoul', skipDates }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect((result.output as RunSummary).skipReason).toMatch(/skip date in Asia\/Seoul: nothing is started/);
  expect(calls('StartInstances')).toHaveLength(0);
  expect(await statesOf(seoul(), [stopped])).toEqual(['stopped']);
});
