/**
 * AWS's own S3 event on the default bus (bucket with EventBridge notifications on). Its shape
 * is AWS's, parsed with the Powertools `S3EventNotificationEventBridgeSchema`; we only name it
 * here so rules and tests don't spell the strings themselves.
 */
export const S3ObjectCreated = {
  source: 'aws.s3',
  detailType: 'Object Created',
  /** The rule pattern for objects created in one bucket (optionally under a key prefix). */
  pattern(bucketName: string, keyPrefix?: string) {
    return {
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [bucketName] },
        ...(keyPrefix ? { object: { key: [{ prefix: keyPrefix }] } } : {}),
      },
    };
  },
} as const;
