import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** What S3 knows of one object change when it tells EventBridge. */
export interface ObjectChange {
  kind: 'Object Created' | 'Object Deleted';
  bucket: string;
  bucketArn: string;
  key: string;
  size?: number;
  /** Without quotes, as the event carries it. */
  etag?: string;
  versionId?: string;
  sequencer: string;
  requestId: string;
  requester: string;
  sourceIp: string;
  /** PutObject, CopyObject, CompleteMultipartUpload; DeleteObject for every API deletion. */
  reason: string;
  time: Date;
}

/**
 * The PutEvents entry for an object change, in the shape S3 itself sends to the default bus
 * (source `aws.s3`, detail-type `Object Created` / `Object Deleted`, the bucket's ARN as the one
 * resource) — what Powertools' `S3EventNotificationEventBridgeSchema` parses.
 */
export function objectEventEntry(change: ObjectChange): PutEventsRequestEntry {
  const object =
    change.kind === 'Object Created'
      ? {
          key: change.key,
          size: change.size ?? 0,
          etag: change.etag ?? '',
          ...(change.versionId ? { 'version-id': change.versionId } : {}),
          sequencer: change.sequencer,
        }
      : {
          key: change.key,
          ...(change.versionId ? { 'version-id': change.versionId } : {}),
          sequencer: change.sequencer,
        };
  return {
    Source: 'aws.s3',
    DetailType: change.kind,
    EventBusName: 'default',
    Time: change.time,
    Resources: [change.bucketArn],
    Detail: JSON.stringify({
      version: '0',
      bucket: { name: change.bucket },
      object,
      'request-id': change.requestId,
      requester: change.requester,
      'source-ip-address': change.sourceIp,
      reason: change.reason,
      ...(change.kind === 'Object Deleted' ? { 'deletion-type': 'Permanently Deleted' } : {}),
    }),
  };
}

/**
 * S3's sequencer: a hex string that orders the events of a key. Milliseconds since the epoch
 * and a counter, so later changes always compare greater as strings of equal length.
 */
export function createSequencer(): () => string {
  let last = 0n;
  return () => {
    const candidate = BigInt(Date.now()) * 4096n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, '0');
  };
}
