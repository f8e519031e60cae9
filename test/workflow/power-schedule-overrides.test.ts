/**
 * Power-schedule beyond a plain stop and start, EC2 side: the per-resource override tag
 * (`AutoStopStartOverride`), hibernation, and a start refused for lack of capacity. The real ASL
 * and handlers run against moto through the aws-proxy (a fresh account per test); what moto cannot
 * produce (InsufficientInstanceCapacity) is injected there.
 */
import { ec2Error, instanceIdsOf, type AwsProxy } from '../support/aws-proxy';
import { ec2At, launchInstance, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { usePowerWorkflow } from '../support/power-workflow';
import type { RunSummary } from '../../functions/shared/power-types';
import { localDate } from '../../functions/shared/dates';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-power-overrides-${process.pid}-${Date.now() % 100000}`;
const DAY = 24 * 3600 * 1000;

let proxy: AwsProxy;
usePowerWorkflow({ region: SEOUL, regions: [SEOUL], bucket: BUCKET }, (started) => (proxy = started));

const seoul = () => ec2At(proxy.url, SEOUL);
const stopCalls = () => proxy.calls.filter((c) => c.action === 'StopInstances');
const seoulDate = (offsetDays: number) => localDate(new Date(Date.now() + offsetDays * DAY), 'Asia/Seoul');

test('stop with hibernate: the configured instance hibernates, the other stops normally with the reason; skip-until and a bad override are left alone with theirs', async () => {
  // Prepare
  const hibernating = await launchInstance(seoul(), { tags: OPT_IN, hibernationConfigured: true });
  const plain = await launchInstance(seoul(), { tags: OPT_IN });
  const skipUntil = `skip-until=${seoulDate(2)}`;
  const kept = await launchInstance(seoul(), { tags: { ...OPT_IN, AutoStopStartOverride: skipUntil } });
  const typo = await launchInstance(seoul(), { tags: { ...OPT_IN, AutoStopStartOverride: 'skip until friday' } });
  const pastDate = await launchInstance(seoul(), { tags: { ...OPT_IN, AutoStopStartOverride: `skip-until=${seoulDate(-1)}` } });
  proxy.calls.length = 0;

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop', hibernate: true, timezone: 'Asia/Seoul' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), [hibernating, plain, pastDate, kept, typo])).toEqual(['stopped', 'stopped', 'stopped', 'running', 'running']);
  const hibernateCalls = stopCalls().filter((c) => c.form.get('Hibernate') === 'true');
  expect(hibernateCalls.map(instanceIdsOf)).toEqual([[hibernating]]);
  expect(stopCalls().flatMap(instanceIdsOf).sort()).toEqual([hibernating, plain, pastDate].sort());
  const summary = result.output as RunSummary;
  expect(summary.totals).toEqual({ hibernated: 1, stopped: 2, skipped: 2 });
  expect(summary.notes).toEqual(
    [plain, pastDate].sort().map((instanceId) => ({ accountId: proxy.accountId, region: SEOUL, instanceId, outcome: 'stopped', reason: expect.stringMatching(/not configured for it.*stopped normally/) })),
  );
  expect(summary.skipped).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ instanceId: kept, reason: `AutoStopStartOverride=${skipUntil}: left alone until ${seoulDate(2)} (today is ${seoulDate(0)})` }),
      expect.objectContaining({ instanceId: typo, reason: expect.stringMatching(/AutoStopStartOverride="skip until friday" is not understood.*allowed: skip-until=YYYY-MM-DD .*stop-only/) }),
    ]),
  );
  // Held as asked (the run message lists it apart, needing nobody); the typo wants fixing.
  expect(summary.skipped?.find((s) => s.instanceId === kept)?.heldByOverride).toBe(true);
  expect(summary.skipped?.find((s) => s.instanceId === typo)).not.toHaveProperty('heldByOverride');
});

test('start: a stop-only instance stays stopped and says why; the others start', async () => {
  // Prepare
  const stopOnly = await launchInstance(seoul(), { tags: { ...OPT_IN, AutoStopStartOverride: 'stop-only' }, stopped: true });
  const plain = await launchInstance(seoul(), { tags: OPT_IN, stopped: true });

  // Act
  const result = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  // Assess
  expect(result.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), [stopOnly, plain])).toEqual(['stopped', 'running']);
  const summary = result.output as RunSummary;
  expect(summary.totals).toEqual({ started: 1, skipped: 1 });
  expect(summary.skipped).toEqual([{ accountId: proxy.accountId, region: SEOUL, instanceId: stopOnly, reason: 'AutoStopStartOverride=stop-only: never started by the schedule', heldByOverride: true }]);
});

test('InsufficientInstanceCapacity on every start of one instance (injected through the proxy): the others start, RetryUnfinished retries it, then names its type, zone and what to do', async () => {
  // Prepare: EC2 answers a capacity shortage with HTTP 500 and this message.
  const short = await launchInstance(seoul(), { tags: OPT_IN, stopped: true, instanceType: 'm5.large' });
  const fine = await launchInstance(seoul(), { tags: OPT_IN, stopped: true });
  proxy.setFault((request) =>
    request.action === 'StartInstances' && instanceIdsOf(request).includes(short)
      ? ec2Error(
          'InsufficientInstanceCapacity',
          'We currently do not have sufficient m5.large capacity in the Availability Zone you requested (ap-northeast-2a). Our system will be working on provisioning additional capacity. You can currently get m5.large capacity by not specifying an Availability Zone in your request or choosing ap-northeast-2b, ap-northeast-2c.',
          500,
        )
      : undefined,
  );
  proxy.calls.length = 0;

  // Act
  const result = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  // Assess: the first pass isolated it, RetryUnfinished tried again on each of its attempts, then reported it.
  expect(await statesOf(seoul(), [short, fine])).toEqual(['stopped', 'running']);
  const startsOfShort = proxy.calls.filter((c) => c.action === 'StartInstances' && instanceIdsOf(c).length === 1 && instanceIdsOf(c)[0] === short);
  expect(startsOfShort.length).toBeGreaterThanOrEqual(1 + 3);
  expect(result.status).toBe('FAILED');
  expect(result.failedState).toBe('RetryUnfinished');
  expect(result.error).toBe('InstancesNotChangedError');
  expect(result.cause).toContain(`${short} (${proxy.accountId} ${SEOUL}) InsufficientInstanceCapacity: AWS has no m5.large capacity in ap-northeast-2a now (retried).`);
  expect(result.cause).toMatch(/Start it again later .*or change its instance type, or move it to a subnet in another Availability Zone/);
});
