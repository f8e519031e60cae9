/**
 * The notify function as Lambda runs it, publishing to a topic of moto's SNS through the test
 * proxy, and an SQS subscriber of that topic to read the messages back as a person receives them.
 * Its report bucket is the inbox's own (moto's bucket names are global across accounts, and notify
 * keeps its sent markers there), versioned as the module's is.
 */
import { CreateBucketCommand, DeleteObjectsCommand, ListObjectVersionsCommand, PutBucketVersioningCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { SENT_MARKERS_FOLDER } from '../../functions/notify/sent-markers';
import { captureTopic, type TopicCapture } from '../../scripts/lib/sns-capture';
import type { LambdaContext } from '../../functions/shared/logger';
import { startAwsProxy, type AwsProxy } from './aws-proxy';
import { invokedAsLambda } from './lambda';

export interface NotifyInbox<Result> {
  proxy: AwsProxy;
  subscriber: TopicCapture;
  notify: (event: unknown) => Promise<Result>;
  /** The report bucket notify reads and keeps its sent markers in. */
  bucket: string;
  /** Forgets every message sent (removes the sent markers, all versions): the next test is a world of its own. */
  forgetSent: () => Promise<void>;
}

/** The topic `ops-notifications` in `region`; `env` adds to the function's environment (REPORT_BUCKET names a bucket the test makes itself). */
export async function startNotifyInbox<Result = unknown>(region: string, queueName: string, env: Record<string, string> = {}): Promise<NotifyInbox<Result>> {
  const proxy = await startAwsProxy();
  const sns = new SNSClient({ region, endpoint: proxy.url });
  const s3 = new S3Client({ region, endpoint: proxy.url, forcePathStyle: true });
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'ops-notifications' }))).TopicArn!;
  const subscriber = await captureTopic(sns, proxy.url, region, topicArn, queueName);
  const bucket = env.REPORT_BUCKET ?? `ops-reports-${proxy.accountId}`;
  if (!env.REPORT_BUCKET) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }) }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  Object.assign(process.env, { AWS_ENDPOINT_URL: proxy.url, AWS_REGION: region, NOTIFY_TOPIC_ARN: topicArn, REPORT_BUCKET: bucket, ...env });
  const { handler } = await import('../../functions/notify/handler');
  const notify = invokedAsLambda(handler as (event: unknown, context: LambdaContext) => Promise<Result>, 'notify');
  const forgetSent = async () => {
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: `work/${SENT_MARKERS_FOLDER}` }));
    const versions = [...(listed.Versions ?? []), ...(listed.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
    if (versions.length > 0) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: versions } }));
  };
  return { proxy, subscriber, notify, bucket, forgetSent };
}
