/**
 * power-schedule tells people: the real ASL, executed locally with the real handlers against moto
 * (through the per-account proxy), and what reaches a subscriber of the notification topic (an SQS
 * queue subscribed to moto's SNS topic). A run that ends tells the topic through NotifyRun; a run
 * that fails is told by the EventBridge rule on its status change, which the harness delivers to
 * the notify function as EventBridge would (test/support/execution-status.ts: the documented event,
 * the run's history served as GetExecutionHistory returns it). Refusals moto cannot produce (an
 * instance that may not be stopped, SNS denying Publish) are injected through the proxy.
 */
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { captureTopic, type TopicCapture } from '../../scripts/lib/sns-capture';
import { localLambdaContext, runWorkflow } from '../../scripts/lib/local-workflow';
import type { RunSummary } from '../../functions/shared/power-types';
import { ec2Error, instanceIdsOf, snsPublishRefused, startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import { executionArnOf, historyOfRun, serveHistory, statusChangeEvent } from '../support/execution-status';
import { ec2At, launchInstances, OPT_IN, statesOf } from '../support/fleet';
import { freshDeployment, preparePowerWorkflow } from '../support/power-workflow';

const SEOUL = 'ap-northeast-2';
const BUCKET = `ops-power-notify-${process.pid}-${Date.now() % 100000}`;
/** The local runner's state machine (scripts/lib/local-workflow.ts), named as Terraform names ours: <prefix>-power-schedule. */
const STATE_MACHINE_ARN = `arn:aws:states:${SEOUL}:123456789012:stateMachine:local-power-schedule`;

let proxy: AwsProxy;
let subscriber: TopicCapture;
let topicArn: string;
let inbox = 0;

type Output = RunSummary & { notification: Record<string, unknown> };

beforeAll(async () => {
  proxy = await startAwsProxy();
  await preparePowerWorkflow(proxy, { region: SEOUL, regions: [SEOUL], bucket: BUCKET });
});
beforeEach(async () => {
  freshDeployment(proxy);
  // The topic and its subscriber live in this test's account, like the deployment's.
  const sns = new SNSClient({ region: SEOUL, endpoint: proxy.url });
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'ops-notifications' }))).TopicArn!;
  inbox += 1;
  subscriber = await captureTopic(sns, proxy.url, SEOUL, topicArn, `power-notify-inbox-${inbox}`);
  Object.assign(process.env, { NOTIFY_TOPIC_ARN: topicArn, NOTIFY_ON_SUCCESS: 'false' });
});
afterAll(() => proxy.close());

const seoul = () => ec2At(proxy.url, SEOUL);

/** EventBridge delivering the run's status change to the notify function (Lambda's asynchronous invoke). */
async function deliverStatusChange(run: Awaited<ReturnType<typeof runWorkflow>>, input: unknown): Promise<unknown> {
  serveHistory(proxy, executionArnOf(STATE_MACHINE_ARN, run.executionName), historyOfRun(run, input));
  const { handler } = (await import('../../functions/notify/handler')) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
  const event = statusChangeEvent(STATE_MACHINE_ARN, run.executionName, { error: run.error ?? null, cause: run.cause ?? null, input });
  return handler(event, localLambdaContext('notify', SEOUL));
}

test('an instance that may not be stopped (refusal injected): the run FAILS at RetryUnfinished, and its status change sends one message naming the instance, its error code, and ops explain / ops redrive', async () => {
  // Prepare: three tagged instances; EC2 refuses to stop one of them.
  const tagged = await launchInstances(seoul(), 3, { tags: OPT_IN });
  const bad = tagged[1]!;
  proxy.setFault((request) =>
    request.action === 'StopInstances' && instanceIdsOf(request).includes(bad)
      ? ec2Error('OperationNotPermitted', `The instance '${bad}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`)
      : undefined,
  );
  const input = { action: 'stop' };

  // Act: the run, then EventBridge's delivery of its FAILED status change.
  const run = await runWorkflow('power-schedule', input, { instantWaits: true });
  const sentDuringRun = await subscriber.receive();
  const result = await deliverStatusChange(run, input);

  // Assess: the run failed where Redrive re-runs it, and sent nothing itself: one message, from the status change.
  expect(run.status).toBe('FAILED');
  expect(run.failedState).toBe('RetryUnfinished');
  expect(await statesOf(seoul(), tagged)).toEqual(['stopped', 'running', 'stopped']);
  expect(sentDuringRun).toEqual([]);
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(result).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] power-schedule stop FAILED: 1 instance(s) not changed');
  const lines = (received?.message ?? '').split('\n');
  expect(lines.slice(0, 3)).toEqual([
    'power-schedule stop FAILED: 1 instance(s) not changed (tag AutoStopStart=Yes)',
    `Execution: ${run.executionName}`,
    'Failed at RetryUnfinished: InstancesNotChangedError',
  ]);
  expect(lines).toContain('Counts: stopped 2, failed 1');
  expect(lines.find((line) => line.includes(bad))).toMatch(new RegExp(`^  ${bad} +${proxy.accountId} +${SEOUL} +OperationNotPermitted +The instance '${bad}' may not be stopped`));
  expect(lines.filter((line) => line.startsWith(`  ops explain ${run.executionName} `) || line.startsWith(`  ops redrive ${run.executionName} `))).toHaveLength(2);
  expect(lines.find((line) => line.startsWith('  ops redrive'))).toContain('re-runs RetryUnfinished for these 1 instance(s) only');
});

test('a clean run with success messages off sends nothing, and its output says why', async () => {
  // Prepare
  const tagged = await launchInstances(seoul(), 2, { tags: OPT_IN });

  // Act
  const run = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), tagged)).toEqual(['stopped', 'stopped']);
  const output = run.output as Output;
  expect(output.totals).toEqual({ stopped: 2 });
  expect(output.notification).toEqual({ sent: false, subject: null, messageId: null, reason: 'the run needed nobody and success messages are off' });
  expect(await subscriber.receive()).toEqual([]);
});

test('a clean run with success messages on (NOTIFY_ON_SUCCESS=true) sends one short message with its counts', async () => {
  // Prepare
  process.env.NOTIFY_ON_SUCCESS = 'true';
  await launchInstances(seoul(), 2, { tags: OPT_IN });

  // Act
  const run = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect((run.output as Output).notification).toEqual({ sent: true, subject: received?.subject, messageId: received?.messageId, reason: null });
  expect(received?.subject).toBe('[ops-automation] power-schedule stop: stopped 2');
  expect(received?.message.split('\n')).toEqual([
    'power-schedule stop: stopped 2 (tag AutoStopStart=Yes)',
    `Execution: ${run.executionName}`,
    '',
    'Counts: stopped 2',
    '',
    `Detail: s3://${BUCKET}/work/power-schedule/${run.executionName}/summary.json`,
    '',
    `-- ops-automation power-schedule, account ${proxy.accountId}, ${SEOUL}`,
  ]);
});

test('NotifyRun retried after its message went out (Lambda.ServiceException on the answer, injected): one message, and the run\'s output says the retry found it sent', async () => {
  // Prepare: success messages on, so the run has a message; the first answer of notify is lost.
  process.env.NOTIFY_ON_SUCCESS = 'true';
  await launchInstances(seoul(), 2, { tags: OPT_IN });
  let notifyCalls = 0;

  // Act
  const run = await runWorkflow('power-schedule', { action: 'stop' }, {
    instantWaits: true,
    invokeHook: async (functionDir, _payload, invoke) => {
      const output = await invoke();
      if (functionDir === 'notify' && ++notifyCalls === 1) {
        const lost = new Error('Lambda returned an error after the function ran (the answer was lost)');
        lost.name = 'Lambda.ServiceException';
        throw lost;
      }
      return output;
    },
  });

  // Assess: Step Functions retried NotifyRun; the retry claimed nothing new and sent nothing.
  expect(run.status).toBe('SUCCEEDED');
  expect(notifyCalls).toBe(2);
  const [received, ...more] = await subscriber.receive();
  expect(more).toEqual([]);
  expect(received?.subject).toBe('[ops-automation] power-schedule stop: stopped 2');
  expect((run.output as Output).notification).toEqual({
    sent: false,
    subject: null,
    messageId: null,
    reason: expect.stringMatching(new RegExp(`^already sent: an earlier attempt of this step with the same message claimed s3://${BUCKET}/work/notify-sent/run-message/${SEOUL}/\\d{12}/local-power-schedule/${run.executionName}/[0-9a-f]{64}\\.json$`)),
  });
});

test('when SNS refuses the message (injected), the instances are still stopped and the run SUCCEEDS, its output saying why nothing was sent', async () => {
  // Prepare: success messages on, so the run has something to send; SNS answers Publish as for a role without sns:Publish.
  process.env.NOTIFY_ON_SUCCESS = 'true';
  const tagged = await launchInstances(seoul(), 2, { tags: OPT_IN });
  proxy.setFault((request) => (request.action === 'Publish' ? snsPublishRefused(topicArn) : undefined));

  // Act
  const run = await runWorkflow('power-schedule', { action: 'stop' }, { instantWaits: true });

  // Assess
  expect(run.status).toBe('SUCCEEDED');
  expect(await statesOf(seoul(), tagged)).toEqual(['stopped', 'stopped']);
  const output = run.output as Output;
  expect(output.totals).toEqual({ stopped: 2 });
  expect(output.notification).toEqual({ sent: false, error: 'AuthorizationErrorException', cause: expect.stringContaining('is not authorized to perform: SNS:Publish') });
  proxy.setFault(undefined);
  expect(await subscriber.receive()).toEqual([]);
});
