import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export type SqsRecordOverrides = Partial<Omit<SQSRecord, 'attributes'>> & {
  attributes?: Partial<SQSRecord['attributes']>;
};

/** One SQS message as Lambda's event source mapping delivers it; objects are JSON-encoded. */
export function sqsRecord(body: unknown, overrides: SqsRecordOverrides = {}): SQSRecord {
  const { attributes, ...rest } = overrides;
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: `AQEB${randomUUID().replaceAll('-', '')}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: now,
      SenderId: 'AIDAEXAMPLEEXAMPLE00',
      ApproximateFirstReceiveTimestamp: now,
      ...attributes,
    },
    messageAttributes: {},
    md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:booktrip-test-queue',
    awsRegion: 'us-east-1',
    ...rest,
  };
}

/** An SQS batch: each item is a message body (object → JSON) or an already built record. */
export function sqsEvent(items: readonly (unknown | SQSRecord)[]): SQSEvent {
  return { Records: items.map((item) => (isSqsRecord(item) ? item : sqsRecord(item))) };
}

function isSqsRecord(value: unknown): value is SQSRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { eventSource?: unknown }).eventSource === 'aws:sqs' &&
    typeof (value as { receiptHandle?: unknown }).receiptHandle === 'string'
  );
}
