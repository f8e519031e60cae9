/**
 * The cost report tells people: the real cost-report ASL, executed locally with the real handlers
 * against moto (through the per-account proxy) and the local Pricing endpoint, ends by publishing
 * "report ready" to an SNS topic. The message is read back as a subscriber receives it, through an
 * SQS queue subscribed to the topic (moto delivers SNS to SQS as AWS does), and its link is
 * followed. A refusal moto cannot produce (SNS denying Publish) is injected through the proxy.
 */
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { startPricingServer, type PricingServer } from '../../scripts/local/pricing-server';
import { runWorkflow } from '../../scripts/lib/local-workflow';
import { captureTopic, type TopicCapture } from '../../scripts/lib/sns-capture';
import type { PublishResult } from '../../functions/shared/cost-types';
import { snsPublishRefused, startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { ec2At, launchInstance } from '../support/fleet';
import { invokedAsLambda } from '../support/lambda';
import type { LambdaContext } from '../../functions/shared/logger';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-notify-workflow-${process.pid}-${Date.now() % 100000}`;

let proxy: AwsProxy;
let pricing: PricingServer;
let s3: S3Client;
let topicArn: string;
let subscriber: TopicCapture;

type Output = PublishResult & { notification: Record<string, unknown> };

beforeAll(async () => {
  proxy = await startAwsProxy();
  pricing = await startPricingServer({ port: 0 });
  const sns = new SNSClient({ region: SEOUL, endpoint: proxy.url });
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'ops-notifications' }))).TopicArn!;
  subscriber = await captureTopic(sns, proxy.url, SEOUL, topicArn, 'notifications-inbox');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: proxy.url,
    AWS_ENDPOINT_URL_PRICING: pricing.url,
    AWS_REGION: SEOUL,
    TARGET_REGIONS: SEOUL,
    REPORT_BUCKET: BUCKET,
    REPORT_PREFIX: 'ec2/',
    REPORT_TIMEZONE: 'Asia/Seoul',
    NOTIFY_TOPIC_ARN: topicArn,
    REPORT_LINK_HOURS: '24',
  });
  s3 = new S3Client({ region: SEOUL, endpoint: proxy.url, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: SEOUL } }));
  const ec2 = ec2At(proxy.url, SEOUL);
  const fleet: [string, string][] = [['db-1', 'r5.large'], ['web-1', 'm5.large'], ['web-2', 'm5.large'], ['ci-1', 't3.micro'], ['ci-2', 't3.micro'], ['tools', 't3.medium']];
  for (const [name, type] of fleet) {
    await launchInstance(ec2, { instanceType: type, tags: { Name: name } });
  }
});

afterAll(async () => {
  await pricing.close();
  await proxy.close();
});

test('a weekly run ends with "report ready" on the topic: totals, change vs last week, top 5, and a link that downloads the workbook', async () => {
  // Prepare: last week's report, whose summary the message compares with.
  const lastWeek = await runWorkflow('cost-report', { reportDate: '2026-11-16' }, { instantWaits: true });
  expect(lastWeek.status).toBe('SUCCEEDED');
  await subscriber.receive();

  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-23' }, { instantWaits: true });

  // Assess: the run's output records the message; the subscriber got exactly that one.
  expect(run.status).toBe('SUCCEEDED');
  const output = run.output as Output;
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(output.notification).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, linkValidUntil: expect.any(String), reason: null });
  expect(received?.topicArn).toBe(topicArn);
  const total = output.totals.totalMonthly.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
  expect(received?.subject).toBe(`[ops-automation] Cost report 2026-11-23: ${total}/month (+$0.00 vs last report)`);

  const text = received?.message ?? '';
  expect(text.split('\n').slice(0, 2)).toEqual([
    `The cost report for 2026-11-23 is ready: ${total} per month.`,
    'Change vs 2026-11-16: total +$0.00 (+0.0%); EC2 +$0.00, EBS +$0.00, waste +$0.00',
  ]);
  expect(text).toContain(`  Total monthly          ${total}`);
  const top = text.split('\n').filter((line) => /^ {2}\d\. /.test(line));
  expect(top).toHaveLength(5);
  expect(top[0]).toMatch(/^ {2}1\. {2}db-1 +i-[0-9a-f]{17} +r5\.large +ap-northeast-2 +\$\d+\.\d{2}$/);
  expect(text).toContain(`Workbook: s3://${BUCKET}/ec2/ec2_monthly_costs_20261123.xlsx`);
  expect(text).toContain('Later: ops report --date 2026-11-23');

  // The link, as a reader clicks it, downloads the published workbook, valid for the 24 hours asked.
  const url = text.split('\n').find((line) => line.startsWith('http')) ?? '';
  expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe(String(24 * 3600));
  const download = await fetch(url);
  const published = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ec2/ec2_monthly_costs_20261123.xlsx' }));
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(await published.Body!.transformToByteArray()));
  expect(Date.parse(String(output.notification.linkValidUntil)) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
});

test('"report ready" goes out once per cost-report execution: NotifyReportReady invoked again with the same input (a retry whose first answer was lost) sends nothing more', async () => {
  // Prepare: a run that told its report.
  const run = await runWorkflow('cost-report', { reportDate: '2026-12-07' }, { instantWaits: true });
  expect(run.status).toBe('SUCCEEDED');
  const { notification, ...report } = run.output as Output;
  expect(notification).toMatchObject({ sent: true });
  expect(await subscriber.receive()).toHaveLength(1);
  const { handler } = await import('../../functions/notify/handler');
  const notify = invokedAsLambda(handler as (event: unknown, context: LambdaContext) => Promise<unknown>, 'notify');

  // Act: the task's payload again, as Step Functions' Retry would send it.
  const again = await notify({ kind: 'report-ready', executionName: run.executionName, report });

  // Assess
  expect(again).toEqual({
    sent: false,
    subject: null,
    messageId: null,
    linkValidUntil: null,
    reason: `already sent: an earlier delivery of this event claimed s3://${BUCKET}/work/notify-sent/report-ready/${run.executionName}/2026-12-07.json`,
  });
  expect(await subscriber.receive()).toEqual([]);
});

test('when SNS refuses the message (injected), the report is still published and the run SUCCEEDED, its output saying why nothing was sent', async () => {
  // Prepare: SNS answers Publish as it does for a role without sns:Publish on the topic.
  proxy.setFault((request) => (request.action === 'Publish' ? snsPublishRefused(topicArn) : undefined));

  // Act
  const run = await runWorkflow('cost-report', { reportDate: '2026-11-30' }, { instantWaits: true }).finally(() => proxy.setFault(undefined));

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  const output = run.output as Output;
  expect(output.uri).toBe(`s3://${BUCKET}/ec2/ec2_monthly_costs_20261130.xlsx`);
  expect(output.notification).toEqual({ sent: false, error: 'AuthorizationErrorException', cause: expect.stringContaining('is not authorized to perform: SNS:Publish') });
  expect(await subscriber.receive()).toEqual([]);
  await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'ec2/ec2_monthly_costs_20261130.summary.json' }))).resolves.toBeDefined();
});
