import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
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
  }),
);
