import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ImageFlipped, type S3ObjectRef } from '@booktrip/events';
import {
  correlationIdOf,
  conversationIdOf,
  createHandler,
  logger,
  traced,
} from '@booktrip/lambda-kit';
import { Readable } from 'node:stream';
import { dimensionsOf, isOutputOf, outputKeyOf, toS3Metadata } from './flipped-object';
import { flipUpsideDown, UndecodableImageError } from './flip-upside-down';
import { refusal } from './refusal';
import { headObject, isNotFound, type S3 } from './s3-objects';
import { FlipImageInput, FlipImageResult, type FlipImageResult as Result } from './workflow-io';

export interface FlipImageDeps {
  s3: S3;
  outputBucket: string;
  now: () => Date;
}

interface Written {
  output: S3ObjectRef;
  contentType: string;
  width: number;
  height: number;
  sizeBytes: number;
}

/**
 * Second step of the image workflow: writes the upload upside down to
 * `flipped/<same key>` in the output bucket and returns the *Image Flipped* detail. The same
 * source version processed twice writes once and returns the same data. The upload itself is
 * only ever read.
 */
export async function flipImage(input: FlipImageInput, deps: FlipImageDeps): Promise<Result> {
  const target = { bucket: deps.outputBucket, key: outputKeyOf(input.source.key) };
  const metadata = {
    correlationId: input.correlationId,
    conversationId: input.conversationId,
    producedAt: deps.now().toISOString(),
  };

  const existing = await findExistingOutput(deps.s3, target, input);
  let written: Written;
  if (existing) {
    written = existing;
  } else {
    try {
      written = await writeFlipped(deps.s3, target, input);
    } catch (error) {
      if (!(error instanceof UndecodableImageError)) throw error;
      logger.info('upload does not decode', { key: input.source.key, error: error.message });
      const { valid: _, ...refused } = refusal(
        {
          reason: 'CORRUPT_IMAGE',
          message: `The ${input.format.toUpperCase()} file is damaged and cannot be read.`,
        },
        input.source,
        { ...metadata, now: deps.now },
      );
      return { flipped: false, ...refused };
    }
  }

  const event = ImageFlipped.build(
    {
      source: input.source,
      output: written.output,
      format: input.format,
      contentType: written.contentType,
      width: written.width,
      height: written.height,
      sizeBytes: written.sizeBytes,
    },
    metadata,
  );
  return { flipped: true, alreadyFlipped: existing !== undefined, detail: event.detail };
}

async function findExistingOutput(
  s3: S3,
  target: S3ObjectRef,
  input: FlipImageInput,
): Promise<Written | undefined> {
  try {
    const head = await headObject(s3, target);
    if (!isOutputOf(head, input.source, input.etag)) return undefined;
    return {
      output: { ...target, ...(head.VersionId ? { versionId: head.VersionId } : {}) },
      contentType: head.ContentType ?? '',
      ...dimensionsOf(head),
      sizeBytes: head.ContentLength ?? 0,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function writeFlipped(s3: S3, target: S3ObjectRef, input: FlipImageInput): Promise<Written> {
  const { source } = input;
  const object = await s3.send(
    new GetObjectCommand({
      Bucket: source.bucket,
      Key: source.key,
      ...(source.versionId ? { VersionId: source.versionId } : {}),
    }),
  );
  if (!(object.Body instanceof Readable)) {
    throw new Error(`s3://${source.bucket}/${source.key} did not come back as a stream`);
  }
  const flipped = await flipUpsideDown(object.Body, input.format);
  const put = await s3.send(
    new PutObjectCommand({
      Bucket: target.bucket,
      Key: target.key,
      Body: flipped.data,
      ContentType: flipped.contentType,
      Metadata: toS3Metadata({
        sourceBucket: source.bucket,
        sourceKey: source.key,
        sourceVersionId: source.versionId,
        sourceEtag: input.etag,
        width: flipped.info.width,
        height: flipped.info.height,
      }),
    }),
  );
  return {
    output: { ...target, ...(put.VersionId ? { versionId: put.VersionId } : {}) },
    contentType: flipped.contentType,
    width: flipped.info.width,
    height: flipped.info.height,
    sizeBytes: flipped.data.length,
  };
}

const s3Client = traced(new S3Client({}));
const defaultDeps = (): FlipImageDeps => {
  const outputBucket = process.env.OUTPUT_BUCKET_NAME;
  if (!outputBucket) throw new Error('OUTPUT_BUCKET_NAME is not set');
  return { s3: s3Client, outputBucket, now: () => new Date() };
};

/** The Lambda handler around `flipImage`; tests and the local cloud pass their own deps. */
export function createFlipImageHandler(deps: () => FlipImageDeps = defaultDeps) {
  return createHandler(
    {
      schema: FlipImageInput,
      correlationId: correlationIdOf.stepFunctionsTask,
      conversationId: conversationIdOf.stepFunctionsTask,
    },
    async (input) => FlipImageResult.parse(await flipImage(input, deps())),
  );
}

export const handler = createFlipImageHandler();
