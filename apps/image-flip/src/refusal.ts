import { ImageRejected, type S3ObjectRef } from '@booktrip/events';
import type { Rejection } from './upload-limits';
import type { UploadRefused } from './workflow-io';

export interface EventContext {
  correlationId: string;
  /** Absent when the key does not name a conversation. */
  conversationId?: string;
  now: () => Date;
}

/** A refusal with its ready *Image Rejected* detail (validated by the contract). */
export function refusal(
  rejection: Rejection,
  source: S3ObjectRef,
  context: EventContext,
): UploadRefused {
  const event = ImageRejected.build(
    { source, reason: rejection.reason, message: rejection.message },
    {
      correlationId: context.correlationId,
      conversationId: context.conversationId,
      producedAt: context.now().toISOString(),
    },
  );
  return { valid: false, ...rejection, detail: event.detail };
}
