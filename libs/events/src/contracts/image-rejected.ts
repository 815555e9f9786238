import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { ImageRejectionReason, S3ObjectRefSchema } from './image';

/** An upload was not flipped; the original stays where it was, `message` says why. */
export const ImageRejected = defineEvent(
  Sources.imageFlip,
  'Image Rejected',
  z.object({
    source: S3ObjectRefSchema,
    reason: ImageRejectionReason,
    message: z.string().min(1).max(1024),
  }),
);
