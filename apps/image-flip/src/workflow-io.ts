import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import {
  FileNameSchema,
  ImageFlipped,
  ImageFormat,
  ImageRejected,
  ImageRejectionReason,
  S3ObjectCreated,
  S3ObjectRefSchema,
} from '@booktrip/events';
import { z } from 'zod';

/**
 * The contract between the image workflow (infra/image-flip) and its Lambda steps. The steps
 * return the published event's `detail` ready-made, so the state machine only places it.
 */

/** `validate-upload` receives the execution input: S3's *Object Created* event, as is. */
export const ValidateUploadInput = S3EventNotificationEventBridgeSchema.extend({
  source: z.literal(S3ObjectCreated.source),
  'detail-type': z.literal(S3ObjectCreated.detailType),
});
export type ValidateUploadInput = z.infer<typeof ValidateUploadInput>;

/** A valid upload: everything `flip-image` needs, measured from the header. */
export const UploadToFlip = z.object({
  valid: z.literal(true),
  correlationId: z.string().min(1),
  conversationId: z.string().min(1),
  source: S3ObjectRefSchema,
  /** Of the source object, without quotes; identifies the content when there is no version. */
  etag: z.string().min(1),
  sizeBytes: z.int().positive(),
  format: ImageFormat,
  width: z.int().positive(),
  height: z.int().positive(),
  /** The uploader's name for the file (S3 metadata `file-name`, decoded); absent when none. */
  fileName: FileNameSchema.optional(),
});
export type UploadToFlip = z.infer<typeof UploadToFlip>;

/** Any refusal: a result the workflow branches on, with the *Image Rejected* detail. */
export const UploadRefused = z.object({
  valid: z.literal(false),
  reason: ImageRejectionReason,
  message: z.string().min(1),
  detail: ImageRejected.detail,
});
export type UploadRefused = z.infer<typeof UploadRefused>;

export const ValidateUploadResult = z.discriminatedUnion('valid', [UploadToFlip, UploadRefused]);
export type ValidateUploadResult = z.infer<typeof ValidateUploadResult>;

/** `flip-image` receives what `validate-upload` accepted. */
export const FlipImageInput = UploadToFlip;
export type FlipImageInput = UploadToFlip;

export const ImageFlippedResult = z.object({
  flipped: z.literal(true),
  /** True when an earlier run of the same source version had already written the output. */
  alreadyFlipped: z.boolean(),
  detail: ImageFlipped.detail,
});
export type ImageFlippedResult = z.infer<typeof ImageFlippedResult>;

/** The bytes passed the header checks but do not decode (e.g. a truncated JPEG). */
export const ImageNotFlippedResult = UploadRefused.omit({ valid: true }).extend({
  flipped: z.literal(false),
});
export type ImageNotFlippedResult = z.infer<typeof ImageNotFlippedResult>;

export const FlipImageResult = z.discriminatedUnion('flipped', [
  ImageFlippedResult,
  ImageNotFlippedResult,
]);
export type FlipImageResult = z.infer<typeof FlipImageResult>;
