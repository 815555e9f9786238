import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { OptionalFileName } from './file-name';
import { ImageFormat, S3ObjectRefSchema } from './image';

/** An upload came back upside down; the original is untouched. */
export const ImageFlipped = defineEvent(
  Sources.imageFlip,
  'Image Flipped',
  z.object({
    source: S3ObjectRefSchema,
    output: S3ObjectRefSchema,
    format: ImageFormat,
    contentType: z.string().min(1),
    width: z.int().positive(),
    height: z.int().positive(),
    sizeBytes: z.int().nonnegative(),
    /** The uploader's name for the file, when the upload carried a valid one (`file-name.ts`). */
    fileName: OptionalFileName,
  }),
);
