/**
 * Local stack only (the demo and the tests): what an SNS topic sent, read back through an SQS
 * queue subscribed to it. moto delivers a topic's messages to SQS as AWS does: the queue message
 * body is SNS's JSON envelope (Type, MessageId, TopicArn, Subject, Message, ...), and with
 * MessageStructure json the Message is the one for the `sqs` protocol, else `default`.
 *
 * The SQS client is not installed: moto speaks SQS's JSON protocol (AWS JSON 1.0), called here
 * with an unsigned Authorization header, which moto routes by its credential scope without
 * checking the signature.
 */
import { SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';

export interface SentMessage {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
}

export interface TopicCapture {
  queueUrl: string;
  /** Everything delivered since the last call, oldest first. */
  receive(): Promise<SentMessage[]>;
}

async function sqs(endpoint: string, region: string, operation: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=local/20250101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=unsigned`,
      'x-amz-date': '20250101T000000Z',
      'x-amz-target': `AmazonSQS.${operation}`,
      'content-type': 'application/x-amz-json-1.0',
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`SQS ${operation} answered ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** Creates a queue `queueName`, subscribes it to the topic, and returns a reader of what arrives. */
export async function captureTopic(sns: SNSClient, endpoint: string, region: string, topicArn: string, queueName: string): Promise<TopicCapture> {
  const { QueueUrl: queueUrl } = (await sqs(endpoint, region, 'CreateQueue', { QueueName: queueName })) as { QueueUrl: string };
  const { Attributes } = (await sqs(endpoint, region, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })) as { Attributes: { QueueArn: string } };
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn }));
  return {
    queueUrl,
    async receive() {
      const received: SentMessage[] = [];
      for (;;) {
        const { Messages = [] } = (await sqs(endpoint, region, 'ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 })) as {
          Messages?: { Body: string; ReceiptHandle: string }[];
        };
        if (Messages.length === 0) return received;
        for (const m of Messages) {
          const envelope = JSON.parse(m.Body) as { MessageId: string; TopicArn: string; Subject?: string; Message: string };
          received.push({ messageId: envelope.MessageId, topicArn: envelope.TopicArn, subject: envelope.Subject, message: envelope.Message });
          await sqs(endpoint, region, 'DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle });
        }
      }
    },
  };
}
