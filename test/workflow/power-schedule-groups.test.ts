/**
 * Power-schedule over Auto Scaling groups: a group carrying the opt-in tag is stopped by recording
 * its sizes in a tag on it and setting them to 0, and started by restoring exactly those sizes.
 * The real ASL and handlers run against moto's Auto Scaling through the aws-proxy.
 */
import type { AwsProxy } from '../support/aws-proxy';
import { createAutoScalingGroup, ec2At, groupOf, launchInstance, OPT_IN, statesOf } from '../support/fleet';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { usePowerWorkflow } from '../support/power-workflow';
import type { RunSummary } from '../../functions/shared/power-types';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-power-groups-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
usePowerWorkflow({ region: SEOUL, regions: [SEOUL], bucket: BUCKET }, (started) => (proxy = started));

const group = (name: string) => groupOf(proxy.url, SEOUL, name);
const calls = (action: string) => proxy.calls.filter((c) => c.action === action);

test('stop then start: a tagged group goes to 0 with its sizes recorded, then back to exactly min 1 / max 4 / desired 2; an untagged group and its members are untouched', async () => {
  // Prepare
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: OPT_IN, min: 1, max: 4, desired: 2 });
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'batch', tags: { Team: 'data' }, desired: 1 });
  const plain = await launchInstance(ec2At(proxy.url, SEOUL), { tags: OPT_IN });

  // Act: stop
  const stop = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess: the group is at 0 with its sizes in its tag; its members were not stopped one by one.
  expect(stop.status).toBe('SUCCEEDED');
  expect(await group('web')).toMatchObject({ min: 0, max: 0, desired: 0, tags: { AutoStopStartSavedSizes: 'min=1 max=4 desired=2' } });
  expect(await group('batch')).toMatchObject({ min: 1, max: 1, desired: 1 });
  expect((await group('batch')).tags).not.toHaveProperty('AutoStopStartSavedSizes');
  expect(await statesOf(ec2At(proxy.url, SEOUL), [plain])).toEqual(['stopped']);
  const stopSummary = stop.output as RunSummary;
  expect(stopSummary.totals).toEqual({ stopped: 2 });
  expect(stopSummary.byKind).toEqual({ ec2: { stopped: 1 }, asg: { stopped: 1 } });
  expect(stopSummary.skipped).toEqual([]);
  expect(calls('StopInstances').flatMap((c) => c.form.getAll('InstanceId.1'))).toEqual([plain]);

  // Act again: a second stop must not record the zeros.
  const again = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });
  expect(again.status).toBe('SUCCEEDED');
  expect((again.output as RunSummary).byKind).toEqual({ asg: { alreadyStopped: 1 } });
  expect((await group('web')).tags.AutoStopStartSavedSizes).toBe('min=1 max=4 desired=2');

  // Act: start
  const start = await runWorkflow('power-schedule', { action: 'start' }, { instantWaits: true });

  // Assess: exactly the recorded sizes, and the record is gone (the next stop records that day's sizes).
  expect(start.status).toBe('SUCCEEDED');
  expect(await group('web')).toMatchObject({ min: 1, max: 4, desired: 2 });
  expect((await group('web')).tags).not.toHaveProperty('AutoStopStartSavedSizes');
  expect(await group('batch')).toMatchObject({ min: 1, max: 1, desired: 1 });
  expect((start.output as RunSummary).byKind).toEqual({ ec2: { started: 1 }, asg: { started: 1 } });
});

test('a dry run names what it would do to a tagged group and changes nothing', async () => {
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: OPT_IN, min: 1, max: 4, desired: 2 });
  proxy.calls.length = 0;

  const result = await runWorkflow('power-schedule', { action: 'stop', dryRun: true }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect((result.output as RunSummary).byKind).toEqual({ asg: { dryRunPassed: 1 } });
  expect(await group('web')).toMatchObject({ min: 1, max: 4, desired: 2 });
  expect(calls('UpdateAutoScalingGroup')).toEqual([]);
  expect(calls('CreateOrUpdateTags')).toEqual([]);
});

test('a group whose override keeps it out (skip-until ahead) is left alone and listed as skipped, with why', async () => {
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: { ...OPT_IN, AutoStopStartOverride: 'skip-until=2999-01-01' }, desired: 1 });

  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  expect(result.status).toBe('SUCCEEDED');
  expect(await group('web')).toMatchObject({ min: 1, max: 1, desired: 1 });
  const summary = result.output as RunSummary;
  expect(summary.byKind).toEqual({ asg: { skipped: 1 } });
  expect(summary.skipped).toEqual([{ accountId: proxy.accountId, region: SEOUL, instanceId: 'web', kind: 'asg', reason: expect.stringMatching(/^AutoStopStartOverride=skip-until=2999-01-01: left alone until 2999-01-01/), heldByOverride: true }]);
});

test('a group whose resize is refused (ScalingActivityInProgress, injected through the proxy) fails alone: the others change, RetryUnfinished tries it again, then names it', async () => {
  // Prepare
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'web', tags: OPT_IN, min: 1, max: 4, desired: 2 });
  await createAutoScalingGroup(proxy.url, SEOUL, { name: 'api', tags: OPT_IN, desired: 1 });
  proxy.setFault((request) =>
    request.action === 'UpdateAutoScalingGroup' && request.form.get('AutoScalingGroupName') === 'web'
      ? {
          status: 400,
          contentType: 'text/xml',
          body:
            '<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><Error><Type>Sender</Type><Code>ScalingActivityInProgress</Code>' +
            '<Message>Scaling activity 0123abcd is in progress and blocks this action.</Message></Error><RequestId>fault-injected</RequestId></ErrorResponse>',
        }
      : undefined,
  );
  proxy.calls.length = 0;

  // Act
  const result = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(await group('api')).toMatchObject({ min: 0, max: 0, desired: 0 });
  expect(await group('web')).toMatchObject({ min: 1, max: 4, desired: 2, tags: { AutoStopStartSavedSizes: 'min=1 max=4 desired=2' } });
  expect(calls('UpdateAutoScalingGroup').filter((c) => c.form.get('AutoScalingGroupName') === 'web').length).toBeGreaterThanOrEqual(1 + 3);
  expect(result.status).toBe('FAILED');
  expect(result.failedState).toBe('RetryUnfinished');
  expect(result.cause).toContain(`Auto Scaling group web (${proxy.accountId} ${SEOUL}) ScalingActivityInProgress: Scaling activity 0123abcd is in progress`);

  // Act again: the refusal is over; Redrive of the failed step stops the group with the sizes recorded the first time.
  proxy.setFault(undefined);
  const redrive = await runWorkflow('power-schedule', result.failedStateInput, { startAt: 'RetryUnfinished', instantWaits: true });

  expect(redrive.status).toBe('SUCCEEDED');
  expect(await group('web')).toMatchObject({ min: 0, max: 0, desired: 0, tags: { AutoStopStartSavedSizes: 'min=1 max=4 desired=2' } });
  expect((redrive.output as RunSummary).byKind).toEqual({ asg: { stopped: 2 } });
});
