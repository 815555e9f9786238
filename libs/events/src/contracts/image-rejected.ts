import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { OptionalFileName } from './file-name';
import { ImageRejectionReason, S3ObjectRefSchema } from './image';
import { SafeText } from './safe-text';

/** An upload was not flipped; the original stays where it was, `message` says why. */
export const ImageRejected = defineEvent(
  Sources.imageFlip,
  'Image Rejected',
  z.object({
    source: S3ObjectRefSchema,
    reason: ImageRejectionReason,
    /** Shown to the uploader as it is: printable, anything quoted from the file escaped. */
    message: SafeText(1024),
    /** The uploader's name for the file, when it was read before the refusal (`file-name.ts`). */
    fileName: OptionalFileName,
  }),
);
