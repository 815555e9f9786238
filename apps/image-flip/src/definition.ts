import { ImageFlipped, ImageRejected, S3ObjectCreated, UploadKeyLayout } from '@booktrip/events';
import type { EnvironmentSpec } from '@booktrip/lambda-kit/definition';

/*
 * What the image workflow's Lambda steps and infra/image-flip must agree on, as plain data (no
 * CDK, no SDK clients): infra imports it as `@booktrip/image-flip/definition`.
 */
export const imageFlipDefinition = {
  service: 'image-flip',
  /** S3's event for objects under this prefix of the uploads bucket starts the workflow. */
  consumes: { event: S3ObjectCreated, keyPrefix: UploadKeyLayout.uploadsPrefix },
  /** What the workflow publishes (direct EventBridge integration, detail made by the steps). */
  publishes: [ImageFlipped, ImageRejected],
  functions: {
    /** Reads the upload's size and header bytes: uploads bucket, read only. */
    validateUpload: { entry: 'src/validate-upload.ts', env: {} },
    /** Writes the flipped picture under the output prefix of the output bucket. */
    flipImage: {
      entry: 'src/flip-image.ts',
      env: { outputBucket: { name: 'OUTPUT_BUCKET_NAME' } } satisfies EnvironmentSpec,
    },
  },
} as const;
