import {
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { S3ObjectRef } from '@booktrip/events';

/** The S3 calls the steps make; a real client or a test double. */
export type S3 = Pick<S3Client, 'send'>;

const versionOf = (ref: S3ObjectRef) => (ref.versionId ? { VersionId: ref.versionId } : {});

export function headObject(s3: S3, ref: S3ObjectRef): Promise<HeadObjectCommandOutput> {
  return s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...versionOf(ref) }));
}

/** The object's bytes, or only the first `length` of them. */
export async function readBytes(s3: S3, ref: S3ObjectRef, length?: number): Promise<Uint8Array> {
  const output = await s3.send(
    new GetObjectCommand({
      Bucket: ref.bucket,
      Key: ref.key,
      ...versionOf(ref),
      ...(length === undefined ? {} : { Range: `bytes=0-${length - 1}` }),
    }),
  );
  if (!output.Body) throw new Error(`s3://${ref.bucket}/${ref.key} has no body`);
  return output.Body.transformToByteArray();
}

/** S3 quotes ETags in headers; the event does not. */
export const unquote = (etag: string) => etag.replaceAll('"', '');

/** HeadObject answers 404 as `NotFound` (no body to carry `NoSuchKey`). */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || status === 404;
}

/**
 * A conditional PUT lost: 412 `PreconditionFailed` (the object exists, or changed), or 409
 * `ConditionalRequestConflict` (a concurrent write to the key was in flight).
 */
export function isLostConditionalWrite(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    error.name === 'PreconditionFailed' ||
    error.name === 'ConditionalRequestConflict' ||
    status === 412 ||
    status === 409
  );
}

/**
 * The upload, or the version the event named, no longer exists. S3 is strongly consistent
 * after a write, so a 404 after *Object Created* means it was deleted: retrying cannot bring it
 * back, and the person should hear so at once rather than "try again later".
 */
export class UploadMissingError extends Error {
  override readonly name = 'UploadMissingError';
}

/** A read of the upload itself: its 404 becomes `UploadMissingError`, anything else stays. */
export async function readingUpload<T>(ref: S3ObjectRef, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (isNotFound(error)) throw new UploadMissingError(`s3://${ref.bucket}/${ref.key} is gone`);
    throw error;
  }
}
