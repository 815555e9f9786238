const source = 'aws.s3';
const detailType = 'Object Created';

/**
 * AWS's own S3 event on the default bus (bucket with EventBridge notifications on). Its shape
 * is AWS's, parsed with the Powertools `S3EventNotificationEventBridgeSchema`; we only name it
 * here so rules and tests don't spell the strings themselves.
 */
export const S3ObjectCreated = {
  source,
  detailType,
  /** The rule pattern for objects created in one bucket (optionally under a key prefix). */
  pattern(bucketName: string, keyPrefix?: string) {
    return {
      source: [source],
      'detail-type': [detailType],
      detail: {
        bucket: { name: [bucketName] },
        ...(keyPrefix ? { object: { key: [{ prefix: keyPrefix }] } } : {}),
      },
    };
  },
} as const;
