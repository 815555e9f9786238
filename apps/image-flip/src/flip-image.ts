import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { ImageFlipped, outputKeyOf, type S3ObjectRef } from '@booktrip/events';
import {
  correlationIdOf,
  conversationIdOf,
  createHandler,
  environmentOnce,
  logger,
  traced,
} from '@booktrip/lambda-kit';
import { Readable } from 'node:stream';
import { imageFlipDefinition } from './definition';
import { dimensionsOf, isOutputOf, toS3Metadata } from './flipped-object';
import { flipUpsideDown, UndecodableImageError } from './flip-upside-down';
import { refusal } from './refusal';
import {
  headObject,
  isLostConditionalWrite,
  isNotFound,
  readingUpload,
  UploadMissingError,
  type S3,
} from './s3-objects';
import { MISSING_UPLOAD, type Rejection } from './upload-limits';
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

  const existing = await findOutput(deps.s3, target, input);
  let written: Written;
  let alreadyFlipped = false;
  if (existing?.ours) {
    written = existing.written;
    alreadyFlipped = true;
  } else {
    try {
      const outcome = await writeFlipped(deps.s3, target, input, existing?.etag);
      written = outcome.written;
      alreadyFlipped = outcome.alreadyFlipped;
    } catch (error) {
      const rejection = rejectionOf(error, input);
      if (!rejection) throw error;
      logger.info('upload not flipped', { key: input.source.key, reason: rejection.reason });
      const { valid: _, ...refused } = refusal(rejection, input.source, {
        ...metadata,
        now: deps.now,
        fileName: input.fileName,
      });
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
      ...(input.fileName === undefined ? {} : { fileName: input.fileName }),
    },
    metadata,
  );
  return { flipped: true, alreadyFlipped, detail: event.detail };
}

/**
 * The upload's own faults, final: bytes that do not decode, or an upload deleted since it was
 * validated. Anything else (S3 unavailable, our bugs) is thrown for the workflow to retry.
 */
function rejectionOf(error: unknown, input: FlipImageInput): Rejection | undefined {
  if (error instanceof UploadMissingError) return MISSING_UPLOAD;
  if (error instanceof UndecodableImageError) {
    return {
      reason: 'CORRUPT_IMAGE',
      message: `The ${input.format.toUpperCase()} file is damaged and cannot be read.`,
    };
  }
  return undefined;
}

/** The output object as it is now, and whether it was made from this source version. */
interface FoundOutput {
  ours: boolean;
  /** What to overwrite conditionally when the output came from another version. */
  etag: string | undefined;
  written: Written;
}

async function findOutput(
  s3: S3,
  target: S3ObjectRef,
  input: FlipImageInput,
): Promise<FoundOutput | undefined> {
  try {
    const head = await headObject(s3, target);
    return {
      ours: isOutputOf(head, input.source, input.etag),
      etag: head.ETag,
      written: {
        output: { ...target, ...(head.VersionId ? { versionId: head.VersionId } : {}) },
        contentType: head.ContentType ?? '',
        ...dimensionsOf(head),
        sizeBytes: head.ContentLength ?? 0,
      },
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Raised when another run replaced the output while this one flipped: retry, do not guess. */
export class OutputChangedError extends Error {
  override readonly name = 'OutputChangedError';
}

/**
 * Flips and PUTs conditionally — `If-None-Match: *` when there was no output, `If-Match` on
 * the ETag seen when an older version's output is being replaced — so two runs that both
 * missed the HEAD cannot both write. The loser HEADs again and reports what the winner wrote.
 */
async function writeFlipped(
  s3: S3,
  target: S3ObjectRef,
  input: FlipImageInput,
  replacing: string | undefined,
): Promise<{ written: Written; alreadyFlipped: boolean }> {
  const { source } = input;
  const object = await readingUpload(
    source,
    s3.send(
      new GetObjectCommand({
        Bucket: source.bucket,
        Key: source.key,
        ...(source.versionId ? { VersionId: source.versionId } : {}),
      }),
    ),
  );
  if (!(object.Body instanceof Readable)) {
    throw new Error(`s3://${source.bucket}/${source.key} did not come back as a stream`);
  }
  const flipped = await flipUpsideDown(object.Body, input.format);
  let put: PutObjectCommandOutput;
  try {
    put = await s3.send(
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
        ...(replacing === undefined ? { IfNoneMatch: '*' } : { IfMatch: replacing }),
      }),
    );
  } catch (error) {
    if (!isLostConditionalWrite(error)) throw error;
    const winner = await findOutput(s3, target, input);
    if (!winner?.ours) {
      throw new OutputChangedError(`s3://${target.bucket}/${target.key} changed while flipping`);
    }
    logger.info('another run wrote the output first', { key: target.key });
    return { written: winner.written, alreadyFlipped: true };
  }
  return {
    written: {
      output: { ...target, ...(put.VersionId ? { versionId: put.VersionId } : {}) },
      contentType: flipped.contentType,
      width: flipped.info.width,
      height: flipped.info.height,
      sizeBytes: flipped.data.length,
    },
    alreadyFlipped: false,
  };
}

const s3Client = traced(new S3Client({}));
const environment = environmentOnce(imageFlipDefinition.functions.flipImage.env);
const defaultDeps = (): FlipImageDeps => ({
  s3: s3Client,
  outputBucket: environment().outputBucket,
  now: () => new Date(),
});

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
