import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3ObjectRef } from '@booktrip/events';

/** A short-lived GET URL of a flipped image, or undefined for an object we must not sign. */
export type SignImageUrl = (output: S3ObjectRef) => Promise<string | undefined>;

export interface ImageUrlSignerOptions {
  client: S3Client;
  /** The image-flip output bucket: the only bucket this service signs URLs for. */
  bucketName: string;
  expiresInSeconds?: number;
}

export function createImageUrlSigner(options: ImageUrlSignerOptions): SignImageUrl {
  const expiresIn = options.expiresInSeconds ?? 300;
  return async (output) => {
    // An event naming another bucket must not turn our role into a signer for it.
    if (output.bucket !== options.bucketName) return undefined;
    return getSignedUrl(
      options.client,
      new GetObjectCommand({
        Bucket: output.bucket,
        Key: output.key,
        ...(output.versionId ? { VersionId: output.versionId } : {}),
      }),
      { expiresIn },
    );
  };
}
