import type { S3EventNotificationEventBridge } from '@aws-lambda-powertools/parser/types';
import { S3ObjectCreated } from '@booktrip/events';
import { randomBytes, randomUUID } from 'node:crypto';

export interface S3ObjectCreatedInput {
  bucket: string;
  key: string;
  size: number;
  versionId?: string;
  /** Without quotes, as S3 puts it in the event; a random MD5-like value by default. */
  etag?: string;
  /** How the object was created (default `PutObject`). */
  reason?: 'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload';
  id?: string;
  time?: string;
  account?: string;
  region?: string;
}

/**
 * S3's *Object Created* event as EventBridge delivers it from a bucket with EventBridge
 * notifications on, field for field as in the S3 user guide ("EventBridge event message
 * structure"); `version-id` only when the bucket is versioned.
 */
export function s3ObjectCreatedEvent(input: S3ObjectCreatedInput): S3EventNotificationEventBridge {
  const account = input.account ?? '123456789012';
  return {
    version: '0',
    id: input.id ?? randomUUID(),
    'detail-type': S3ObjectCreated.detailType,
    source: S3ObjectCreated.source,
    account,
    time: input.time ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: input.region ?? 'us-east-1',
    resources: [`arn:aws:s3:::${input.bucket}`],
    detail: {
      version: '0',
      bucket: { name: input.bucket },
      object: {
        key: input.key,
        size: input.size,
        etag: input.etag ?? randomBytes(16).toString('hex'),
        ...(input.versionId ? { 'version-id': input.versionId } : {}),
        sequencer: randomBytes(8).toString('hex').toUpperCase(),
      },
      'request-id': randomBytes(8).toString('hex').toUpperCase(),
      requester: account,
      'source-ip-address': '203.0.113.10',
      reason: input.reason ?? 'PutObject',
    },
  };
}
