import { S3Client, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  correlationIdOf,
  createHandler,
  logger,
  traced,
  type IdExtractor,
} from '@booktrip/lambda-kit';
import {
  parseUploadKey,
  readUploadFileName,
  UploadKeyLayout,
  type S3ObjectRef,
} from '@booktrip/events';
import { detectImageFormat } from './detect-image-format';
import { readImageDimensions } from './read-image-dimensions';
import { refusal } from './refusal';
import {
  headObject,
  readBytes,
  readingUpload,
  unquote,
  UploadMissingError,
  type S3,
} from './s3-objects';
import { checkDimensions, checkFileSize, MISSING_UPLOAD, type Rejection } from './upload-limits';
import {
  ValidateUploadInput,
  ValidateUploadResult,
  type ValidateUploadResult as Result,
} from './workflow-io';

/** Enough for every header we accept except a TIFF whose directory sits at the end. */
export const HEADER_BYTES = 64 * 1024;

export interface ValidateUploadDeps {
  s3: S3;
  now: () => Date;
}

/**
 * First step of the image workflow: decides from the object's size and header bytes alone
 * whether it is a picture we will flip. Nothing is decoded, so a decompression bomb costs one
 * ranged GET. Every refusal is a result (`valid: false`) carrying its *Image Rejected* detail.
 */
export async function validateUpload(
  event: ValidateUploadInput,
  { s3, now }: ValidateUploadDeps,
): Promise<Result> {
  const { bucket, object } = event.detail;
  const upload = parseUploadKey(object.key);
  const source: S3ObjectRef = {
    bucket: bucket.name,
    key: upload?.key ?? object.key,
    ...(object['version-id'] ? { versionId: object['version-id'] } : {}),
  };
  const correlationId = event.id;
  const refuse = (rejection: Rejection, fileName?: string) => {
    logger.info('upload refused', { reason: rejection.reason, key: source.key });
    return refusal(rejection, source, {
      correlationId,
      conversationId: upload?.conversationId,
      now,
      fileName,
    });
  };

  if (!upload) {
    return refuse({
      reason: 'INVALID_KEY',
      message: `The file is not where uploads go (${UploadKeyLayout.description}).`,
    });
  }

  try {
    return await inspect(
      { source, eventEtag: object.etag, conversationId: upload.conversationId, correlationId },
      s3,
      refuse,
    );
  } catch (error) {
    if (!(error instanceof UploadMissingError)) throw error;
    return refuse(MISSING_UPLOAD);
  }
}

/** The size, format and dimensions of an upload at a well-formed key, from S3. */
async function inspect(
  upload: {
    source: S3ObjectRef;
    eventEtag?: string;
    conversationId: string;
    correlationId: string;
  },
  s3: S3,
  refuseUpload: (rejection: Rejection, fileName?: string) => Result,
): Promise<Result> {
  const { source, conversationId, correlationId } = upload;
  const head = await readingUpload(source, headObject(s3, source));
  // Read first, so that every refusal below names the file too.
  const fileName = fileNameOf(head, source);
  const refuse = (rejection: Rejection) => refuseUpload(rejection, fileName);
  const sizeBytes = head.ContentLength ?? 0;
  const sizeProblem = checkFileSize(sizeBytes);
  if (sizeProblem) return refuse(sizeProblem);

  let bytes = await readingUpload(source, readBytes(s3, source, Math.min(sizeBytes, HEADER_BYTES)));
  const format = detectImageFormat(bytes);
  if (!format) {
    return refuse({
      reason: 'UNSUPPORTED_FORMAT',
      message: 'Only JPEG, PNG, WebP, GIF, AVIF and TIFF pictures can be flipped.',
    });
  }
  let header = readImageDimensions(format, bytes);
  if (header.kind === 'truncated' && bytes.length < sizeBytes) {
    // The size check above bounds this read to the upload limit.
    bytes = await readingUpload(source, readBytes(s3, source));
    header = readImageDimensions(format, bytes);
  }
  if (header.kind !== 'ok') {
    const detail = header.kind === 'corrupt' ? header.detail : 'the header is cut short';
    return refuse({
      reason: 'CORRUPT_IMAGE',
      message: `The ${format.toUpperCase()} file is damaged: ${detail}.`,
    });
  }
  const dimensionsProblem = checkDimensions(header);
  if (dimensionsProblem) return refuse(dimensionsProblem);

  const etag = head.ETag ?? upload.eventEtag;
  if (!etag) throw new Error(`s3://${source.bucket}/${source.key} has no ETag`);
  return {
    valid: true,
    correlationId,
    conversationId,
    source,
    etag: unquote(etag),
    sizeBytes,
    format,
    width: header.width,
    height: header.height,
    ...(fileName === undefined ? {} : { fileName }),
  };
}

/**
 * The person's name for the upload, from the `file-name` metadata the page sent. A missing or
 * unusable name is logged (not the name: it is the uploader's data) and left out; it never
 * stops the flip.
 */
function fileNameOf(head: HeadObjectCommandOutput, source: S3ObjectRef): string | undefined {
  const read = readUploadFileName(head.Metadata);
  if (read.dropped && read.dropped !== 'absent') {
    logger.info('upload file name dropped', { reason: read.dropped, key: source.key });
  }
  return read.fileName;
}

const conversationOfUpload: IdExtractor = (event) => {
  const key = (event as { detail?: { object?: { key?: unknown } } }).detail?.object?.key;
  return typeof key === 'string' ? parseUploadKey(key)?.conversationId : undefined;
};

const s3Client = traced(new S3Client({}));
const defaultDeps = (): ValidateUploadDeps => ({ s3: s3Client, now: () => new Date() });

/** The Lambda handler around `validateUpload`; tests and the local cloud pass their own deps. */
export function createValidateUploadHandler(deps: () => ValidateUploadDeps = defaultDeps) {
  return createHandler(
    {
      schema: ValidateUploadInput,
      correlationId: correlationIdOf.eventBridge,
      conversationId: conversationOfUpload,
    },
    // Our own output is checked too: a result the workflow cannot branch on is our bug.
    async (event) => ValidateUploadResult.parse(await validateUpload(event, deps())),
  );
}

export const handler = createValidateUploadHandler();
