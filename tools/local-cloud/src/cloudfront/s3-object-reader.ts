import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReadObject } from './cloudfront-site';

/**
 * Reads the local CloudFront's origin objects straight from the local S3's backend (no IAM, no
 * events), as origin access control would: a missing key is `undefined`, anything else throws.
 */
export function s3ObjectReader(client: S3Client): ReadObject {
  return async (bucket, key) => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return {
        body: Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array()),
        contentType: object.ContentType,
        etag: object.ETag,
        lastModified: object.LastModified,
        cacheControl: object.CacheControl,
      };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw error;
    }
  };
}
