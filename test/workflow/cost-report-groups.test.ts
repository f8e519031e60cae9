/**
 * The cost report with Auto Scaling groups on the schedule, created in moto (Auto Scaling and a
 * launch template): `web` running two t3.micro members, `workers` with a mixed instances policy
 * running one, `nightly` stopped by the schedule (sizes 0, its sizes recorded in its tag), and a
 * tagged instance outside any group. Priced by the local Pricing endpoint from real-format items,
 * rendered and published by the real cost-report state machine, then read back. Every figure is
 * worked out by hand below from the fixture's us-east-1 list prices and the default schedule
 * (08:00-20:00 Monday to Friday in Asia/Seoul: 60 of the week's 168 hours, × 730 = 260.71 hours a
 * month). moto launches each member as EC2 does from a launch template without mappings: an 8 GB
 * gp2 root with DeleteOnTermination and an auto-assigned public IPv4.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import type { PublishResult } from '../../functions/shared/cost-types';
import { runWorkflow, type RunResult } from '../../scripts/lib/local-workflow';
import type { PricingServer } from '../../scripts/local/pricing-server';
import type { AwsProxy } from '../support/aws-proxy';
import { publishedWorkbook, startCostReportWorld, closeCostReportWorld } from '../support/cost-report-world';
import { createAutoScalingGroup, ec2At, launchInstance, OPT_IN } from '../support/fleet';
import { rowsOf, rowWhere } from '../support/sheet-rows';

const REGION = 'us-east-1';
const BUCKET = `ops-cost-groups-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let run: RunResult;
let workbook: ExcelJS.Workbook;
let plain: string;

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [REGION], bucket: BUCKET, prefix: 'ec2/', pricingRegion: REGION }));
  delete process.env.POWER_SCHEDULES;
  process.env.ENABLE_COST_EXPLORER = 'false';
  // Prepare
  await createAutoScalingGroup(proxy.url, REGION, { name: 'web', tags: OPT_IN, min: 1, max: 4, desired: 2 });
  await createAutoScalingGroup(proxy.url, REGION, { name: 'workers', tags: OPT_IN, desired: 1, mixedInstanceTypes: ['t3.micro', 't3.small'] });
  await createAutoScalingGroup(proxy.url, REGION, { name: 'nightly', tags: { ...OPT_IN, AutoStopStartSavedSizes: 'min=1 max=2 desired=1' }, desired: 0 });
  await createAutoScalingGroup(proxy.url, REGION, { name: 'untagged', tags: { Team: 'data' }, desired: 1 });
  plain = await launchInstance(ec2At(proxy.url, REGION), { tags: OPT_IN });

  // Act
  run = await runWorkflow('cost-report', { regions: [REGION], reportDate: '2026-11-23' }, { instantWaits: true });
  workbook = await publishedWorkbook(s3, BUCKET, run);
}, 180_000);

afterAll(async () => {
  delete process.env.ENABLE_COST_EXPLORER;
  await closeCostReportWorld({ proxy, pricing, s3 });
});

const groupRow = (name: string) => rowWhere(workbook, 'Auto_Scaling', 'Group', name);
const summaryLine = (item: string) => rowWhere(workbook, 'Summary', 'Item', item);

test('Auto_Scaling: a running group saves its members\' hours, their roots deleted on termination and their public IPv4 outside the schedule, by hand', () => {
  // Per member: t3.micro 0.0104 × 730 = 7.59, under the schedule 0.0104 × 260.71 = 2.71; 8 GB gp2 root 0.80, under it
  // 0.80 × 260.71 / 730 = 0.29; public IPv4 0.005 × 730 = 3.65, under it 1.30. Two members: all month 2 × 12.04 = 24.08,
  // under the schedule 2 × 4.30 = 8.60, saves 15.48.
  expect(groupRow('web')).toMatchObject({
    ScheduleState: 'running',
    AccountId: proxy.accountId,
    Region: REGION,
    Schedule: 'Yes',
    Sizes: 'min=1 max=4 desired=2',
    InServiceMembers: 2,
    VolumesDeletedOnTermination: 2,
    PublicIPv4: 2,
    'AllMonth(USD)': 24.08,
    'ScheduledMonthly(USD)': 8.6,
    'ScheduleSavings(USD)': 15.48,
    Note: '2 in-service member(s): instance hours, 2 EBS volume(s) deleted on termination, 2 public IPv4 address(es)',
  });
  expect(groupRow('web')!.ScheduledHours as number).toBeCloseTo(260.71, 2);
});

test('Auto_Scaling: a mixed-instances group is estimated from the member running now and says so; a stopped one has nothing running to price; an untagged one is not listed', () => {
  // One t3.micro member: 4.88 + 0.51 + 2.35 = 7.74.
  expect(groupRow('workers')).toMatchObject({ InServiceMembers: 1, 'ScheduleSavings(USD)': 7.74 });
  expect(groupRow('workers')!.Note).toContain('mixed instances policy: estimated from the members running now (t3.micro)');
  expect(groupRow('nightly')).toMatchObject({
    ScheduleState: 'stopped',
    Sizes: 'min=0 max=0 desired=0',
    SavedSizes: 'min=1 max=2 desired=1',
    InServiceMembers: 0,
    Note: 'stopped now by the schedule (recorded min=1 max=2 desired=1): nothing running to price',
  });
  expect(groupRow('nightly')!['ScheduleSavings(USD)']).toBeUndefined();
  expect(groupRow('untagged')).toBeUndefined();
});

test('EC2_Detail_Costs: the members are listed with their cost, save nothing as instances and name the group whose saving counts them; the tagged instance outside a group saves on its row', () => {
  const detail = rowsOf(workbook.getWorksheet('EC2_Detail_Costs')!);
  const members = detail.filter((r) => String(r.PriceStatus ?? '').includes('member of Auto Scaling group'));
  expect(members.map((r) => r.PriceStatus).sort()).toEqual([
    'priced; the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): its saving is counted with its group web on Auto_Scaling',
    'priced; the schedule leaves it alone (member of Auto Scaling group web: the group would replace it): its saving is counted with its group web on Auto_Scaling',
    'priced; the schedule leaves it alone (member of Auto Scaling group workers: the group would replace it): its saving is counted with its group workers on Auto_Scaling',
  ]);
  for (const member of members) expect(member['ScheduleSavings(USD)']).toBeUndefined();
  // 7.59 − 2.71 = 4.88
  expect(detail.find((r) => r.InstanceId === plain)?.['ScheduleSavings(USD)']).toBe(4.88);
});

test('Summary: the Auto Scaling groups line, inside the total and the account\'s savings, by hand', () => {
  expect(summaryLine('Schedule savings — EC2 instances')?.['Monthly(USD)']).toBe(4.88);
  // web 15.48 + workers 7.74
  expect(summaryLine('Schedule savings — Auto Scaling groups')).toMatchObject({
    'Monthly(USD)': 23.22,
    Note: expect.stringContaining('a mixed-instances group is estimated from the members running now; stopped now, nothing running to price: nightly; see Auto_Scaling'),
  });
  // 4.88 + 23.22
  expect(summaryLine('Schedule savings (total)')).toMatchObject({ 'Monthly(USD)': 28.1, Note: 'the lines above together' });
  expect(summaryLine(proxy.accountId)?.Note).toMatch(/schedule savings \$28\.10;/);
  expect((run.output as PublishResult).totals).toMatchObject({ scheduleSavingsMonthly: 28.1, scheduleSavingsByKind: { ec2: 4.88, rds: 0, aurora: 0, asg: 23.22 } });
});
