/**
 * The messages people receive, as they read them: the cost report's "report ready" and the
 * power-schedule run message (from Summarize's output, or from a failed run's objects: its targets'
 * results and RetryUnfinished's record, kept here in memory as the Map and the steps write them),
 * how one message is shaped for e-mail and for chat (AWS Chatbot custom notifications), and how
 * long the workbook link is said to work.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { ReportSummary } from '../../functions/shared/cost-types';
import { silentLog } from '../../functions/shared/logger';
import { targetKeys } from '../../functions/shared/power-store';
import type { MapRunOutput, RetryRecord, RunSummary, SkippedInstance, TargetResult, UnfinishedInstance } from '../../functions/shared/power-types';
import { linkLifetime, presignReportLink, type ReportLink } from '../../functions/notify/link';
import { chatMarkdown, emailSubject, snsMessage } from '../../functions/notify/notification';
import { checkResultsLocation, MAX_LISTED_INSTANCES, parsePowerRunNotice, powerRunNotification, readFailedRun } from '../../functions/notify/power-run';
import { reportReadyNotification } from '../../functions/notify/report-ready';
import { memoryStore, writeMapResults, type MemoryStore } from '../support/memory-store';

const summary = (reportDate: string, totalMonthly: number, extra: Partial<ReportSummary> = {}): ReportSummary => ({
  reportDate,
  generatedAt: `${reportDate}T00:01:12.000Z`,
  regions: ['ap-northeast-2', 'us-east-1'],
  priceSource: 'AWS Price List API, us-east-1, effective 2026-11-01',
  totals: {
    ec2Monthly: totalMonthly - 1331.97 - 54.75 - 8,
    ebsMonthly: 1331.97,
    ipv4Monthly: 54.75,
    snapshotMonthly: 8,
    totalMonthly,
    wasteMonthly: 149.25,
    scheduleSavingsMonthly: 608.76,
    unpricedItems: 0,
  },
  counts: { instances: 14, running: 13, stopped: 1, volumes: 22, unattachedVolumes: 4, idleAddresses: 1, snapshots: 2 },
  ...extra,
});

const TOP = [
  { name: 'db-primary', instanceId: 'i-0a1b2c3d4e5f60001', instanceType: 'r5.xlarge', region: 'ap-northeast-2', totalMonthly: 924.12 },
  { name: 'analytics', instanceId: 'i-0a1b2c3d4e5f60002', instanceType: 'm5.xlarge', region: 'ap-northeast-2', totalMonthly: 477.65 },
  { name: 'app-1', instanceId: 'i-0a1b2c3d4e5f60003', instanceType: 'm5.large', region: 'ap-northeast-2', totalMonthly: 206.82 },
  { name: '', instanceId: 'i-0a1b2c3d4e5f60004', instanceType: 'c5.xlarge', region: 'us-east-1', totalMonthly: 188.3 },
  { name: 'qa-runner', instanceId: 'i-0a1b2c3d4e5f60005', instanceType: 't3.large', region: 'us-east-1', totalMonthly: 75.88 },
];

const LINK: ReportLink = {
  url: 'https://ops-reports.s3.ap-northeast-2.amazonaws.com/ec2/ec2_monthly_costs_20261123.xlsx?X-Amz-Expires=43200&X-Amz-Signature=abc',
  validUntil: new Date('2026-11-23T12:00:30Z'),
  limitedBy: 'requested',
};

describe('the "report ready" message', () => {
  test('says the total, the change against last week, the totals, how many instances are recoverable, the top 5 and the link, in plain text', () => {
    // Prepare
    const backups = { instances: 14, recoverableRecently: 11, coverage: 11 / 14, protected: 11, stale: 1, partial: 1, unprotected: 1, taggedWithoutPoint: 1, storageMonthly: 3.2 };
    const current = summary('2026-11-23', 2795.3, { topInstances: TOP, backups });

    // Act
    const message = reportReadyNotification({
      summary: current,
      previous: summary('2026-11-16', 2750.2),
      workbookUri: 's3://ops-reports/ec2/ec2_monthly_costs_20261123.xlsx',
      link: LINK,
      timeZone: 'Asia/Seoul',
      sentBy: 'account 111122223333, ap-northeast-2',
    });

    // Assess
    expect(message.subject).toBe('[ops-automation] Cost report 2026-11-23: $2,795.30/month (+$45.10 vs last report)');
    expect(message.text).toBe(
      [
        'The cost report for 2026-11-23 is ready: $2,795.30 per month.',
        'Change vs 2026-11-16: total +$45.10 (+1.6%); EC2 +$45.10, EBS +$0.00, waste +$0.00',
        '',
        'Summary for 2026-11-23 (ap-northeast-2, us-east-1; generated 2026-11-23T00:01:12.000Z; prices: AWS Price List API, us-east-1, effective 2026-11-01)',
        '  EC2 monthly            $1,400.58',
        '  EBS monthly            $1,331.97',
        '  Public IPv4 monthly       $54.75',
        '  Snapshots, upper bound     $8.00',
        '  Total monthly          $2,795.30',
        '  Waste (idle resources)   $149.25',
        '  Schedule savings         $608.76',
        '  Unpriced items                 0',
        '  Instances 14 (13 running, 1 stopped), volumes 22 (4 unattached), idle IPs 1, snapshots 2',
        '  Backups: 11 of 14 instances recoverable from a point < 26 h old (stale 1, partial 1, unprotected 1)',
        '',
        'Top 5 instances by monthly cost (EC2 + attached EBS):',
        '  1.  db-primary  i-0a1b2c3d4e5f60001  r5.xlarge  ap-northeast-2      $924.12',
        '  2.  analytics   i-0a1b2c3d4e5f60002  m5.xlarge  ap-northeast-2      $477.65',
        '  3.  app-1       i-0a1b2c3d4e5f60003  m5.large   ap-northeast-2      $206.82',
        '  4.  (no Name)   i-0a1b2c3d4e5f60004  c5.xlarge  us-east-1           $188.30',
        '  5.  qa-runner   i-0a1b2c3d4e5f60005  t3.large   us-east-1            $75.88',
        '',
        'Workbook: s3://ops-reports/ec2/ec2_monthly_costs_20261123.xlsx',
        "Download (valid until Mon 2026-11-23 21:00 (Asia/Seoul) at the latest: it is signed with the report function's temporary AWS credentials and stops working when they expire, which can be sooner):",
        LINK.url,
        'Later: ops report --date 2026-11-23  (downloads it with your own AWS credentials)',
        '',
        '-- ops-automation cost-report, account 111122223333, ap-northeast-2',
      ].join('\n'),
    );
  });

  test('once databases are reported, the change against last week names what they added (also against a report from before databases were counted), and the savings say what each kind saves', () => {
    const before = summary('2026-11-16', 2750.2);
    const withDatabases = summary('2026-11-23', 2847.72);
    withDatabases.totals = { ...withDatabases.totals, ec2Monthly: before.totals.ec2Monthly, rdsMonthly: 97.52, scheduleSavingsByKind: { ec2: 547.75, rds: 10.98, aurora: 50.03 } };

    const message = reportReadyNotification({
      summary: withDatabases,
      previous: before,
      workbookUri: 's3://ops-reports/ec2/ec2_monthly_costs_20261123.xlsx',
      link: LINK,
      timeZone: 'UTC',
      sentBy: 'account 111122223333, ap-northeast-2',
    });

    expect(message.text.split('\n')[1]).toBe('Change vs 2026-11-16: total +$97.52 (+3.5%); EC2 +$0.00, EBS +$0.00, RDS and Aurora +$97.52, waste +$0.00');
    expect(message.text).toContain('  RDS and Aurora monthly    $97.52');
    expect(message.text).toContain('  Schedule savings         $608.76  (EC2 instances $547.75, RDS DB instances $10.98, Aurora clusters $50.03)');
  });

  test('without an earlier report, backup figures or top list it says so briefly and leaves those lines out', () => {
    const message = reportReadyNotification({
      summary: summary('2026-11-23', 100),
      workbookUri: 's3://b/ec2/ec2_monthly_costs_20261123.xlsx',
      link: { ...LINK, limitedBy: 'credentials' },
      timeZone: 'UTC',
      sentBy: 'account 111122223333, us-east-1',
    });

    expect(message.subject).toBe('[ops-automation] Cost report 2026-11-23: $100.00/month');
    expect(message.text).toContain('\nNo earlier report to compare with.\n');
    expect(message.text).not.toMatch(/Backups:|Top \d instances/);
    expect(message.text).toContain('Download (valid until Mon 2026-11-23 12:00 (UTC), when the credentials that signed it expire):');
  });
});

describe('the workbook link', () => {
  const now = new Date('2026-11-23T00:00:00Z');

  test('is signed for the hours asked when the credentials do not say when they expire', () => {
    expect(linkLifetime(12, now)).toEqual({ seconds: 43_200, limitedBy: 'requested' });
  });

  test('is signed only until shortly before credentials that expire sooner, and says it is', () => {
    expect(linkLifetime(12, now, new Date('2026-11-23T02:00:00Z'))).toEqual({ seconds: 7_140, limitedBy: 'credentials' });
    expect(linkLifetime(1, now, new Date('2026-11-24T00:00:00Z'))).toEqual({ seconds: 3_600, limitedBy: 'requested' });
  });

  test('the URL S3 receives carries the capped X-Amz-Expires, the download name, and the credentials\' session token', async () => {
    // Prepare: temporary credentials that expire in 2 hours, as an assumed role's do.
    const s3 = new S3Client({
      region: 'ap-northeast-2',
      // The real S3 endpoint, not the emulator the test run points AWS_ENDPOINT_URL at: nothing is sent.
      ignoreConfiguredEndpointUrls: true,
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date('2026-11-23T02:00:00Z') },
    });

    // Act
    const link = await presignReportLink(s3, { bucket: 'ops-reports', key: 'ec2/ec2_monthly_costs_20261123.xlsx', filename: 'ec2_monthly_costs_20261123.xlsx', hours: 12, now });

    // Assess
    const url = new URL(link.url);
    expect(url.hostname).toBe('ops-reports.s3.ap-northeast-2.amazonaws.com');
    expect(url.pathname).toBe('/ec2/ec2_monthly_costs_20261123.xlsx');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('7140');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261123T000000Z');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="ec2_monthly_costs_20261123.xlsx"');
    expect([link.validUntil.toISOString(), link.limitedBy]).toEqual(['2026-11-23T01:59:00.000Z', 'credentials']);
  });
});

// A stop over two accounts: Seoul in 111122223333 (an Auto Scaling member skipped, two instances
// left unfinished) and Virginia in 444455556666 (one refused). RetryUnfinished then stopped one of
// the three and failed naming the other two: its record, not the targets' lists, says what was not changed.
const FOLDER = 'work/power-schedule/stop-weekday-20261125T2130Z/';
const SEOUL = { accountId: '111122223333', region: 'ap-northeast-2' };
const VIRGINIA = { accountId: '444455556666', region: 'us-east-1' };
const ASG_MEMBER: SkippedInstance = { ...SEOUL, instanceId: 'i-37282c0d1162c76fc', reason: 'member of Auto Scaling group web-asg: the group would replace it' };
const REFUSED: UnfinishedInstance = { ...VIRGINIA, instanceId: 'i-0a1b2c3d4e5f60001', errorCode: 'UnauthorizedOperation', reason: 'You are not authorized to perform this operation.' };
const STILL_STOPPING: UnfinishedInstance = { ...SEOUL, instanceId: 'i-0a1b2c3d4e5f60002', reason: 'still stopping after retry' };
const RECOVERED: UnfinishedInstance = { ...SEOUL, instanceId: 'i-0a1b2c3d4e5f60003', reason: 'did not arrive' };
const STOP = { action: 'stop' as const, dryRun: false, tagValue: 'Yes' };

/** The failed run's objects as the Map and RetryUnfinished leave them; `retry` null: RetryUnfinished wrote no record. */
async function failedRun(store: MemoryStore, retry: RetryRecord | null = { recovered: [{ ...RECOVERED, outcome: 'stopped' }], redone: [], notChanged: [REFUSED, STILL_STOPPING], targetsNotDone: [] }) {
  const results: TargetResult[] = [
    { target: SEOUL, status: 'done', tally: { stopped: 4, skipped: 1 }, unfinished: 2, skipped: 1, skippedSample: [ASG_MEMBER] },
    { target: VIRGINIA, status: 'done', tally: { stopped: 2 }, unfinished: 1, skipped: 0, skippedSample: [] },
  ];
  await store.write(targetKeys(FOLDER, SEOUL).unfinished, [STILL_STOPPING, RECOVERED]);
  await store.write(targetKeys(FOLDER, VIRGINIA).unfinished, [REFUSED]);
  if (retry) await store.write(`${FOLDER}retry.json`, retry);
  const mapped = await writeMapResults(store, FOLDER, { executionName: 'stop-weekday-20261125T2130Z', ...STOP }, results);
  return {
    kind: 'power-run',
    executionName: 'stop-weekday-20261125T2130Z',
    failure: {
      state: 'RetryUnfinished',
      Error: 'InstancesNotChangedError',
      Cause: JSON.stringify({ errorType: 'InstancesNotChangedError', errorMessage: '2 instance(s) not changed: ...', trace: [] }),
    },
    input: { ...STOP, targets: { bucket: store.bucket, key: `${FOLDER}targets.json`, count: 2, resultPrefix: `${FOLDER}results` }, results: mapped },
  };
}
const OPTIONS = { tagKey: 'AutoStopStart', notifyOnSuccess: false, sentBy: 'account 111122223333, ap-northeast-2' };
const DETAIL = 's3://ops-reports/work/power-schedule/stop-weekday-20261126T2130Z/summary.json';

const succeeded = (extra: Partial<RunSummary> = {}): RunSummary => ({
  ...STOP,
  targets: { total: 2, done: 2, unreachable: 0, redone: 0 },
  totals: { stopped: 6 },
  byAccount: { [SEOUL.accountId]: { stopped: 4 }, [VIRGINIA.accountId]: { stopped: 2 } },
  byRegion: { [SEOUL.region]: { stopped: 4 }, [VIRGINIA.region]: { stopped: 2 } },
  unreachable: [],
  skipped: [],
  recovered: [],
  detail: DETAIL,
  ...extra,
});

const messageOf = async (event: Record<string, unknown>, store: MemoryStore, options = OPTIONS) => powerRunNotification(await readFailedRun(parsePowerRunNotice(event), store, silentLog), options);

describe('the power-schedule run message', () => {
  test('a failed run: counts per outcome, region and account, each instance not changed with its account, region and error code, the skipped ones, and ops explain / redrive', async () => {
    // Prepare
    const store = memoryStore('ops-reports');
    const event = await failedRun(store);

    // Act
    const message = await messageOf(event, store);

    // Assess: i-...0003, which RetryUnfinished stopped, is counted as stopped and not listed.
    expect(message?.subject).toBe('[ops-automation] power-schedule stop FAILED: 2 instance(s) not changed');
    expect(message?.text).toBe(
      [
        'power-schedule stop FAILED: 2 instance(s) not changed (tag AutoStopStart=Yes)',
        'Execution: stop-weekday-20261125T2130Z',
        'Failed at RetryUnfinished: InstancesNotChangedError',
        'Targets (account x region): 2, 2 done',
        '',
        'Counts: stopped 7, skipped 1, failed 2',
        '  ap-northeast-2  stopped 5, skipped 1, failed 1',
        '  us-east-1       stopped 2, failed 1',
        'By account:',
        '  111122223333  stopped 5, skipped 1, failed 1',
        '  444455556666  stopped 2, failed 1',
        '',
        'Instances not changed (2):',
        '  i-0a1b2c3d4e5f60001  444455556666  us-east-1       UnauthorizedOperation  You are not authorized to perform this operation.',
        '  i-0a1b2c3d4e5f60002  111122223333  ap-northeast-2  notArrived             still stopping after retry',
        '',
        'Skipped on every run until someone acts (1): tagged AutoStopStart=Yes, but a schedule must not change them:',
        '  i-37282c0d1162c76fc  111122223333  ap-northeast-2  member of Auto Scaling group web-asg: the group would replace it',
        '',
        'What next:',
        "  ops explain stop-weekday-20261125T2130Z  (the failed step, its error and each instance's error code)",
        '  ops redrive stop-weekday-20261125T2130Z  (after fixing the cause: re-runs RetryUnfinished for these 2 instance(s) only, then the steps after it)',
        '',
        "For the skipped resources: remove the AutoStopStart tag, or schedule what owns them instead (e.g. an Auto Scaling group's scheduled actions); where their AutoStopStartOverride tag is not understood, correct its value.",
        '',
        '-- ops-automation power-schedule, account 111122223333, ap-northeast-2',
      ].join('\n'),
    );
    expect(message?.nextSteps).toEqual(['ops explain stop-weekday-20261125T2130Z', 'ops redrive stop-weekday-20261125T2130Z']);
  });

  test('a failed run without RetryUnfinished\'s record names what the targets left unfinished, as a Redrive would re-attempt it', async () => {
    const store = memoryStore('ops-reports');
    const event = await failedRun(store, null);

    const message = await messageOf(event, store);

    expect(message?.subject).toBe('[ops-automation] power-schedule stop FAILED: 3 instance(s) not changed');
    expect(message?.text).toContain('Counts: stopped 6, skipped 1, failed 3\n');
    expect(message?.text).toContain('  i-0a1b2c3d4e5f60003  111122223333  ap-northeast-2  notArrived             did not arrive\n');
  });

  test('a failed run whose results cannot be read still sends its message, saying what could not be read', async () => {
    const store = memoryStore('ops-reports');
    const event = await failedRun(store);
    store.objects.delete((event.input.results as MapRunOutput).ResultWriterDetails.Key);

    const message = await messageOf(event, store);

    expect(message?.subject).toBe('[ops-automation] power-schedule stop FAILED at RetryUnfinished: InstancesNotChangedError');
    expect(message?.text).toContain(`(No counts: its targets' results at s3://ops-reports/${FOLDER}results/`);
    expect(message?.text).toContain('\n2 instance(s) not changed: ...\n');
    expect(message?.text).toContain('ops redrive stop-weekday-20261125T2130Z');
  });

  test('a run that succeeded and needed nobody sends nothing, unless success messages are on: then one short line of counts', () => {
    const notice = parsePowerRunNotice({ kind: 'power-run', executionName: 'stop-weekday-20261126T2130Z', summary: succeeded() });

    expect(powerRunNotification(notice, OPTIONS)).toBeUndefined();
    const message = powerRunNotification(notice, { ...OPTIONS, notifyOnSuccess: true });
    expect(message?.subject).toBe('[ops-automation] power-schedule stop: stopped 6');
    expect(message?.text.split('\n').slice(0, 5)).toEqual([
      'power-schedule stop: stopped 6 (tag AutoStopStart=Yes)',
      'Execution: stop-weekday-20261126T2130Z',
      'Targets (account x region): 2, 2 done',
      '',
      'Counts: stopped 6',
    ]);
    expect(message?.text).toContain(`\nDetail: ${DETAIL}\n`);
    expect(message?.text).not.toMatch(/ops explain|ops redrive|Skipped|not reached/);
  });

  test('a run that succeeded but skipped tagged instances a schedule must not change is worth a message by itself', () => {
    const skipped = [{ ...SEOUL, instanceId: 'i-37282c0d1162c76fc', reason: 'one-time Spot instance: it cannot be stopped, only terminated' }];

    const message = powerRunNotification(parsePowerRunNotice({ kind: 'power-run', executionName: 'e-1', summary: succeeded({ skipped, totals: { stopped: 6, skipped: 1 } }) }), OPTIONS);

    expect(message?.subject).toBe('[ops-automation] power-schedule stop: stopped 6; 1 tagged resource(s) skipped, needs a look');
    expect(message?.text).toContain('  i-37282c0d1162c76fc  111122223333  ap-northeast-2  one-time Spot instance: it cannot be stopped, only terminated');
    expect(message?.text).not.toMatch(/ops redrive/);
  });

  test('resources kept out by a valid override tag, as someone asked, need nobody: no message unless success messages are on, then listed apart, without "needs a look"; an override not understood still needs a look', () => {
    const held = [
      { ...SEOUL, instanceId: 'i-0a1b2c3d4e5f60007', reason: 'AutoStopStartOverride=stop-only: never started by the schedule', heldByOverride: true as const },
      { ...SEOUL, instanceId: 'web', kind: 'asg' as const, reason: 'AutoStopStartOverride=skip-until=2026-12-24: left alone until 2026-12-24 (today is 2026-11-26)', heldByOverride: true as const },
    ];
    const typo = { ...SEOUL, instanceId: 'i-0a1b2c3d4e5f60008', reason: 'AutoStopStartOverride="stop only" is not understood, so it is left alone; allowed: skip-until=YYYY-MM-DD (a date that exists) or stop-only' };
    const heldOnly = parsePowerRunNotice({ kind: 'power-run', executionName: 'e-1', summary: succeeded({ skipped: held, totals: { stopped: 6, skipped: 2 } }) });
    const withTypo = parsePowerRunNotice({ kind: 'power-run', executionName: 'e-2', summary: succeeded({ skipped: [...held, typo], totals: { stopped: 6, skipped: 3 } }) });

    const quiet = powerRunNotification(heldOnly, OPTIONS);
    const told = powerRunNotification(heldOnly, { ...OPTIONS, notifyOnSuccess: true });
    const typoMessage = powerRunNotification(withTypo, OPTIONS);

    expect(quiet).toBeUndefined();
    expect(told?.subject).toBe('[ops-automation] power-schedule stop: stopped 6, skipped 2');
    expect(told?.text).toContain(
      [
        'Kept out by their AutoStopStartOverride tag, as asked (2):',
        '  i-0a1b2c3d4e5f60007     111122223333  ap-northeast-2  AutoStopStartOverride=stop-only: never started by the schedule',
        '  Auto Scaling group web  111122223333  ap-northeast-2  AutoStopStartOverride=skip-until=2026-12-24: left alone until 2026-12-24 (today is 2026-11-26)',
      ].join('\n'),
    );
    expect(told?.text).not.toMatch(/needs a look|Skipped on every run|For the skipped/);
    expect(typoMessage?.subject).toBe('[ops-automation] power-schedule stop: stopped 6; 1 tagged resource(s) skipped, needs a look');
    expect(typoMessage?.text).toContain('Skipped on every run until someone acts (1): tagged AutoStopStart=Yes, but a schedule must not change them:\n  i-0a1b2c3d4e5f60008');
    expect(typoMessage?.text).toContain('Kept out by their AutoStopStartOverride tag, as asked (2):');
  });

  test('a run that succeeded but could not reach a target names it with its error, says what to do, and links the whole summary', () => {
    const unreachable = [
      {
        ...VIRGINIA,
        region: 'eu-west-1',
        error: 'AccessDenied',
        message: `User: arn:aws:sts::111122223333:assumed-role/ops-list-tagged-instances-lambda/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/ops-automation-member`,
      },
    ];
    const summary = succeeded({ targets: { total: 3, done: 2, unreachable: 1, redone: 0 }, unreachable });

    const message = powerRunNotification(parsePowerRunNotice({ kind: 'power-run', executionName: 'e-2', summary }), OPTIONS);

    expect(message?.subject).toBe('[ops-automation] power-schedule stop: stopped 6; 1 target(s) not reached, needs a look');
    const text = message?.text.split('\n') ?? [];
    expect(text).toContain('Targets (account x region): 3, 2 done, 1 not reached');
    expect(text).toContain('Targets not reached (1): nothing was changed there:');
    expect(text).toContainEqual(expect.stringMatching(/^ {2}444455556666 {2}eu-west-1 {2}AccessDenied {2}User: arn:aws:sts::111122223333:assumed-role\/.* is not authorized to perform: sts:AssumeRole .*\.\.\.$/));
    expect(text).toContainEqual(expect.stringContaining('deploy the member role (modules/member-role) in the account'));
    expect(text).toContain(`Detail: ${DETAIL}`);
    expect(message?.nextSteps).toBeUndefined();
  });

  test(`a run with many instances not changed lists ${MAX_LISTED_INSTANCES} and counts the rest, pointing at ops explain`, async () => {
    const store = memoryStore('ops-reports');
    const notChanged = Array.from({ length: 45 }, (_, i) => ({ ...VIRGINIA, instanceId: `i-${String(i).padStart(17, '0')}`, errorCode: 'InsufficientInstanceCapacity', reason: 'no capacity' }));
    const event = await failedRun(store, { recovered: [], redone: [], notChanged, targetsNotDone: [] });

    const message = await messageOf(event, store);

    const listed = (message?.text ?? '').split('\n').filter((l) => /^ {2}i-0/.test(l));
    expect(listed).toHaveLength(MAX_LISTED_INSTANCES);
    expect(message?.text).toContain('  ... and 25 more: ops explain stop-weekday-20261125T2130Z');
  });

  test('a target RetryUnfinished could not handle at all is named with its error, and counted in what a redrive re-runs', async () => {
    const store = memoryStore('ops-reports');
    const targetsNotDone = [{ ...VIRGINIA, errorCode: 'ThrottlingException', reason: 'Rate exceeded' }];
    const event = await failedRun(store, { recovered: [], redone: [], notChanged: [], targetsNotDone });

    const message = await messageOf(event, store);

    expect(message?.subject).toBe('[ops-automation] power-schedule stop FAILED: 1 target(s) not changed');
    expect(message?.text).toContain('Targets whose tagged instances could not be handled at all (1):\n  444455556666  us-east-1  ThrottlingException  Rate exceeded\n');
    expect(message?.text).toContain('(after fixing the cause: re-runs RetryUnfinished for these 1 target(s) only, then the steps after it)');
  });

  test('a run that failed before changing anything says where and why, with the step\'s message', async () => {
    const event = {
      kind: 'power-run',
      executionName: 'start-weekday-20261126T2300Z',
      failure: { state: 'ResolveTargets', Error: 'ConfigError', Cause: JSON.stringify({ errorType: 'ConfigError', errorMessage: 'environment variable ORGANIZATION_UNIT_IDS: names an organizational unit that does not exist' }) },
      input: { action: 'start', dryRun: false, tagValue: 'Yes' },
    };

    const message = await messageOf(event, memoryStore('ops-reports'));

    expect(message?.subject).toBe('[ops-automation] power-schedule start FAILED at ResolveTargets: ConfigError');
    expect(message?.text).toContain('\nCounts: no instances to change\n\nenvironment variable ORGANIZATION_UNIT_IDS: names an organizational unit that does not exist\n');
    expect(message?.text).toContain('(after fixing the cause: re-runs ResolveTargets, then the steps after it)');
  });

  test('a day the schedule skips says so, when success messages are on', () => {
    const notice = parsePowerRunNotice({ kind: 'power-run', executionName: 'e-3', summary: { action: 'start', dryRun: false, tagValue: 'Yes', skipReason: '2026-12-25 is in skipDates', totals: {} } });

    expect(powerRunNotification(notice, OPTIONS)).toBeUndefined();
    expect(powerRunNotification(notice, { ...OPTIONS, notifyOnSuccess: true })?.subject).toBe('[ops-automation] power-schedule start: nothing done today (2026-12-25 is in skipDates)');
  });

  test('a notice without a summary or a failure, or with results from elsewhere, is refused, naming what it needs', async () => {
    const store = memoryStore('ops-reports');
    const event = await failedRun(store);

    expect(() => parsePowerRunNotice({ executionName: 'e-1' })).toThrow(/summary: a power-run notice needs the run's summary, or the failure/);
    expect(() => parsePowerRunNotice({ summary: succeeded() })).toThrow(/executionName: must be the execution name/);
    expect(() => parsePowerRunNotice({ executionName: 'e-1', summary: { ...succeeded(), action: 'reboot' } })).toThrow(/summary: must carry the run's action/);
    expect(() => parsePowerRunNotice({ executionName: 'e-1', summary: { ...succeeded(), unreachable: 'none' } })).toThrow(/summary.unreachable: must be a list of targets/);
    const results = parsePowerRunNotice(event).results!;
    expect(() => checkResultsLocation(results, 'ops-reports', 'work/')).not.toThrow();
    expect(() => checkResultsLocation(results, 'someone-elses', 'work/')).toThrow(`input.results: must be where this deployment's power-schedule runs write, s3://someone-elses/work/power-schedule/..., got s3://ops-reports/${FOLDER}`);
    expect(() => checkResultsLocation({ ...results, ResultWriterDetails: { Bucket: 'ops-reports', Key: 'ec2/manifest.json' } }, 'ops-reports', 'work/')).toThrow(/input.results: must be where/);
  });
});

describe('one message, for e-mail and for chat', () => {
  const notification = { subject: 'Cost report 2026-11-23 — $1.00', title: 'Cost report ready', text: 'Total:\n  EC2  $1.00\n  EBS  $0.00\nhttps://example.com/x', nextSteps: ['ops report --latest'] };

  test('e-mail and SQS get the plain text; HTTPS (AWS Chatbot) gets a custom notification with the tables in code blocks', () => {
    const message = snsMessage(notification);
    const structured = JSON.parse(message.Message) as Record<string, string>;
    const chat = JSON.parse(structured.https ?? '{}') as { version: string; source: string; content: Record<string, unknown> };

    expect(message.MessageStructure).toBe('json');
    expect([structured.default, structured.email]).toEqual([notification.text, notification.text]);
    expect(chat).toEqual({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown', title: 'Cost report ready', description: 'Total:\n```\n  EC2  $1.00\n  EBS  $0.00\n```\nhttps://example.com/x', nextSteps: ['ops report --latest'] },
    });
  });

  test('the subject is what SNS accepts for e-mail: printable ASCII on one line, under 100 characters', () => {
    expect(snsMessage(notification).Subject).toBe('Cost report 2026-11-23 ? $1.00');
    const long = emailSubject(`power-schedule start: ${'x'.repeat(120)}\nsecond line`);
    expect(long).toHaveLength(99);
    expect(long).toMatch(/^[\x20-\x7E]+\.\.\.$/);
  });

  test('a table at the end of the text closes its code block', () => {
    expect(chatMarkdown('Counts:\n  a  1')).toBe('Counts:\n```\n  a  1\n```');
  });
});
