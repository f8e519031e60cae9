/**
 * One cost report over several accounts: the real ASL and handlers, locally, against moto through
 * the aws-proxy and the local Pricing endpoint. TARGET_ACCOUNTS names two member accounts, seeded
 * through assumed roles (moto's credentials from AssumeRole act in the role's account), and a
 * third whose member role refuses AssumeRole (AccessDenied injected by the proxy: moto checks no
 * trust policy). What a reader of the workbook sees: every detail row with its AccountId, a line
 * per account on Summary, and the refusing account named as not collected.
 */
import { CreateVolumeCommand } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import type { PricingServer } from '../../scripts/local/pricing-server';
import { assumedAccountOf, freshAccountId, stsError, type AwsProxy } from '../support/aws-proxy';
import { publishedWorkbook, startCostReportWorld } from '../support/cost-report-world';
import { launchInstance, memberEc2 } from '../support/fleet';
import { rowsOf } from '../support/sheet-rows';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-cost-accounts-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
const members = { web: freshAccountId(), data: freshAccountId(), refusing: freshAccountId() };
const fleet: Record<string, string> = {};

beforeAll(async () => {
  ({ proxy, pricing, s3 } = await startCostReportWorld({ regions: [SEOUL], bucket: BUCKET, prefix: 'ec2/' }));
  const web = await memberEc2(proxy.url, members.web, SEOUL);
  const data = await memberEc2(proxy.url, members.data, SEOUL);
  fleet.web1 = await launchInstance(web, { instanceType: 'm5.large', tags: { Name: 'web-1' } });
  fleet.web2 = await launchInstance(web, { instanceType: 'm5.large', tags: { Name: 'web-2', AutoStopStart: 'Yes' } });
  fleet.db = await launchInstance(data, { instanceType: 'm5.large', tags: { Name: 'db-1' } });
  // Waste in the data account only: an unattached 500 GiB gp2 volume, 500 × 0.114 USD = 57.00 a month in Seoul.
  fleet.spare = (await data.send(new CreateVolumeCommand({ AvailabilityZone: `${SEOUL}a`, Size: 500, VolumeType: 'gp2' }))).VolumeId!;
  process.env.TARGET_ACCOUNTS = Object.values(members).join(',');
  process.env.AWS_MAX_ATTEMPTS = '1';
  proxy.setFault((request) =>
    assumedAccountOf(request) === members.refusing
      ? stsError('AccessDenied', `User: arn:aws:sts::${proxy.accountId}:assumed-role/ops-automation-collect-inventory-lambda/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${members.refusing}:role/ops-automation-member`)
      : undefined,
  );
}, 120_000);

afterAll(async () => {
  delete process.env.TARGET_ACCOUNTS;
  delete process.env.AWS_MAX_ATTEMPTS;
  await pricing.close();
  await proxy.close();
});

test('a report over two member accounts and one whose role refuses: every detail row carries its AccountId, Summary has a line per account and names the refusing one; prices are asked once for both', async () => {
  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-23' }, { instantWaits: true });

  // Assess: the run succeeds; the refusing account is a named row, not a failed report.
  expect({ status: run.status, error: run.error, cause: run.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
  const workbook = await publishedWorkbook(s3, BUCKET, run);

  const detail = rowsOf(workbook.getWorksheet('EC2_Detail_Costs')!).filter((r) => r.Name !== 'TOTAL');
  expect(Object.fromEntries(detail.map((r) => [r.InstanceId, r.AccountId]))).toEqual({
    [fleet.web1!]: members.web,
    [fleet.web2!]: members.web,
    [fleet.db!]: members.data,
  });
  const volumes = rowsOf(workbook.getWorksheet('EBS_Volumes')!).filter((r) => String(r.VolumeId).startsWith('vol-'));
  expect(volumes.find((r) => r.VolumeId === fleet.spare)).toMatchObject({ AccountId: members.data });
  expect(volumes.every((r) => r.AccountId === members.web || r.AccountId === members.data)).toBe(true);
  const waste = rowsOf(workbook.getWorksheet('Waste')!).filter((r) => r.Region);
  expect(waste).toEqual([expect.objectContaining({ Kind: 'Unattached volume', Id: fleet.spare, AccountId: members.data })]);

  const summary = rowsOf(workbook.getWorksheet('Summary')!);
  const line = (item: string) => summary.find((r) => r.Item === item);
  expect(line('Accounts covered')).toMatchObject({ Value: 2, Note: expect.stringContaining('2 account-region target(s) collected; 1 not collected') });
  expect(summary.filter((r) => String(r.Item).trim() === 'not collected')).toEqual([
    expect.objectContaining({ Value: `${members.refusing} ${SEOUL}`, Note: expect.stringMatching(/^unreachable: AccessDenied \(.*not authorized to perform: sts:AssumeRole/) }),
  ]);
  // Seoul m5.large Linux: 0.118 USD/h × 730 h = 86.14 a month, plus each instance's 8 GiB gp2 root volume.
  const web = line(members.web)!;
  const data = line(members.data)!;
  expect(web).toMatchObject({ Value: 2, Note: expect.stringMatching(/^waste \$0\.00, schedule savings \$[1-9][\d.,]*;/) });
  expect(data).toMatchObject({ Value: 1, Note: expect.stringMatching(/^waste \$57\.00, schedule savings \$0\.00;/) });
  expect((web['Monthly(USD)'] as number) + (data['Monthly(USD)'] as number)).toBeCloseTo(line('Total monthly')!['Monthly(USD)'] as number, 2);

  // One Pricing call per unique key for both accounts: m5.large in Seoul is asked once.
  const ec2Queries = pricing.counters().requests.filter((r) => JSON.stringify(r.Filters).includes('m5.large'));
  expect(ec2Queries).toHaveLength(1);
}, 180_000);

test('the next week\'s report shows each account\'s figures of both weeks in Trend_By_Account, with the change, after a new instance in one of them', async () => {
  // Prepare: the first test published 2026-11-23; the web account gains an instance since.
  const web = await memberEc2(proxy.url, members.web, SEOUL);
  await launchInstance(web, { instanceType: 'm5.large', tags: { Name: 'web-3' } });

  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-30' }, { instantWaits: true });

  // Assess
  expect({ status: run.status, error: run.error, cause: run.cause }).toEqual({ status: 'SUCCEEDED', error: undefined, cause: undefined });
  const workbook = await publishedWorkbook(s3, BUCKET, run);
  const trend = rowsOf(workbook.getWorksheet('Trend_By_Account')!).filter((r) => r.ReportDate);
  expect(trend.map((r) => [r.AccountId, r.ReportDate, r.Instances, r.Note])).toEqual([
    [members.web, '2026-11-23', 2, undefined],
    [members.web, '2026-11-30', 3, 'this report'],
    [members.data, '2026-11-23', 1, undefined],
    [members.data, '2026-11-30', 1, 'this report'],
  ]);
  const [webBefore, webNow, , dataNow] = trend;
  // The new m5.large: 86.14 a month, plus its 8 GiB gp2 root volume.
  expect(webNow!['ChangeVsPrevious(USD)']).toBeCloseTo((webNow!['TotalMonthly(USD)'] as number) - (webBefore!['TotalMonthly(USD)'] as number), 2);
  expect(webNow!['ChangeVsPrevious(USD)'] as number).toBeGreaterThan(86.14);
  expect(dataNow!['ChangeVsPrevious(USD)']).toBe(0);
}, 180_000);
