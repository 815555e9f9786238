import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startS3Local, type S3Local } from '@booktrip/local-cloud';
import { s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { createHash } from 'node:crypto';

export const UPLOADS = 'booktrip-test-uploads';
export const OUTPUT = 'booktrip-test-output';

/** s3rver with the two buckets of the service, for tests that need real bytes. */
export function localBuckets(): Promise<S3Local> {
  return startS3Local({ buckets: [UPLOADS, OUTPUT] });
}

/** Uploads like a guest would and returns the *Object Created* event S3 would send. */
export async function upload(
  s3: S3Local,
  key: string,
  body: Uint8Array,
  contentType = 'image/jpeg',
) {
  await s3.client.send(
    new PutObjectCommand({ Bucket: UPLOADS, Key: key, Body: body, ContentType: contentType }),
  );
  return s3ObjectCreatedEvent({
    bucket: UPLOADS,
    key,
    size: body.length,
    etag: createHash('md5').update(body).digest('hex'),
  });
}

export async function download(s3: S3Local, bucket: string, key: string) {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return {
    bytes: Buffer.from(await object.Body!.transformToByteArray()),
    contentType: object.ContentType,
    metadata: object.Metadata ?? {},
  };
}
