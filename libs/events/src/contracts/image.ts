import { z } from 'zod';

export const S3ObjectRefSchema = z.object({
  bucket: z.string().min(3).max(63),
  key: z.string().min(1).max(1024),
  versionId: z.string().optional(),
});
export type S3ObjectRef = z.infer<typeof S3ObjectRefSchema>;

/** Why an upload was not flipped; stable codes the page can translate. */
export const ImageRejectionReason = z.enum([
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'DIMENSIONS_TOO_LARGE',
  'TOO_MANY_PIXELS',
  'CORRUPT_IMAGE',
  'INVALID_KEY',
  /** The upload was deleted (or its version removed) before it could be read. */
  'FILE_MISSING',
  'PROCESSING_FAILED',
]);
export type ImageRejectionReason = z.infer<typeof ImageRejectionReason>;

export const ImageFormat = z.enum(['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff']);
export type ImageFormat = z.infer<typeof ImageFormat>;
