import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { S3ObjectRef } from '@booktrip/events';

/** User metadata of a flipped object: which source version it came from, and its size. */
export interface FlippedObjectMetadata {
  sourceBucket: string;
  sourceKey: string;
  sourceVersionId?: string;
  sourceEtag: string;
  width: number;
  height: number;
}

/** S3 lower-cases metadata names; ours are lower-case already. */
export function toS3Metadata(metadata: FlippedObjectMetadata): Record<string, string> {
  return {
    'source-bucket': metadata.sourceBucket,
    'source-key': encodeURIComponent(metadata.sourceKey),
    ...(metadata.sourceVersionId ? { 'source-version-id': metadata.sourceVersionId } : {}),
    'source-etag': metadata.sourceEtag,
    width: String(metadata.width),
    height: String(metadata.height),
  };
}

/**
 * True when an existing output object was made from this very source version (or, in a bucket
 * without versions, this very content): processing it again must not write again.
 */
export function isOutputOf(
  head: Pick<HeadObjectCommandOutput, 'Metadata'>,
  source: S3ObjectRef,
  sourceEtag: string,
): boolean {
  const metadata = head.Metadata ?? {};
  return (
    metadata['source-etag'] === sourceEtag &&
    (metadata['source-version-id'] ?? '') === (source.versionId ?? '')
  );
}

export function dimensionsOf(head: Pick<HeadObjectCommandOutput, 'Metadata'>) {
  return { width: Number(head.Metadata?.width), height: Number(head.Metadata?.height) };
}
