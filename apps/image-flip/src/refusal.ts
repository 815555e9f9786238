import { ImageRejected, printable, type S3ObjectRef } from '@booktrip/events';
import type { Rejection } from './upload-limits';
import type { UploadRefused } from './workflow-io';

export interface EventContext {
  correlationId: string;
  /** Absent when the key does not name a conversation. */
  conversationId?: string;
  now: () => Date;
  /** The uploader's name for the file, when it was read before the refusal. */
  fileName?: string;
}

/** *Image Rejected*'s `message` limit. */
const MAX_MESSAGE_LENGTH = 1024;

/**
 * A refusal with its ready *Image Rejected* detail (validated by the contract). The message is
 * shown to the uploader as it is, so it is made printable and clipped here, whatever a check
 * quoted from the file: the contract refuses control characters outright.
 */
export function refusal(
  rejection: Rejection,
  source: S3ObjectRef,
  context: EventContext,
): UploadRefused {
  const message = printable(rejection.message, MAX_MESSAGE_LENGTH);
  const event = ImageRejected.build(
    {
      source,
      reason: rejection.reason,
      message,
      ...(context.fileName === undefined ? {} : { fileName: context.fileName }),
    },
    {
      correlationId: context.correlationId,
      conversationId: context.conversationId,
      producedAt: context.now().toISOString(),
    },
  );
  return { valid: false, reason: rejection.reason, message, detail: event.detail };
}
