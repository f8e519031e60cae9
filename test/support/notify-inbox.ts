/**
 * The notify function as Lambda runs it, publishing to a topic of moto's SNS through the test
 * proxy, and an SQS subscriber of that topic to read the messages back as a person receives them.
 */
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { captureTopic, type TopicCapture } from '../../scripts/lib/sns-capture';
import type { LambdaContext } from '../../functions/shared/logger';
import { startAwsProxy, type AwsProxy } from './aws-proxy';
import { invokedAsLambda } from './lambda';

export interface NotifyInbox<Result> {
  proxy: AwsProxy;
  subscriber: TopicCapture;
  notify: (event: unknown) => Promise<Result>;
}

/** The topic `ops-notifications` in `region`; `env` adds to the function's environment. */
export async function startNotifyInbox<Result = unknown>(region: string, queueName: string, env: Record<string, string> = {}): Promise<NotifyInbox<Result>> {
  const proxy = await startAwsProxy();
  const sns = new SNSClient({ region, endpoint: proxy.url });
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'ops-notifications' }))).TopicArn!;
  const subscriber = await captureTopic(sns, proxy.url, region, topicArn, queueName);
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: region, NOTIFY_TOPIC_ARN: topicArn, REPORT_BUCKET: 'ops-reports', ...env });
  const { handler } = await import('../../functions/notify/handler');
  const notify = invokedAsLambda(handler as (event: unknown, context: LambdaContext) => Promise<Result>, 'notify');
  return { proxy, subscriber, notify };
}
