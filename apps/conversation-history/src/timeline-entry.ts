import {
  ConversationTurnRecorded,
  FileNameSchema,
  ImageFlipped,
  ImageFormat,
  ImageRejected,
  ImageRejectionReason,
  PriceSchema,
  ReservationConfirmed,
  ReservationFailed,
  ReservationFailureReason,
  ReservationSchema,
  ResponseCardSchema,
  uploadKeySegments,
  UtcTimestamp,
} from '@booktrip/events';
import { z } from 'zod';
import type { HistoryEvent } from './history-event';

const TurnSchema = z.object({
  kind: z.literal('turn'),
  turn: z.object({
    userText: z.string(),
    botMessages: z.array(z.string()),
    cards: z
      .array(ResponseCardSchema)
      .optional()
      .describe(
        "The image response cards of the bot's answer (its quick replies), in order; show their texts as text. Absent when it sent none, or was recorded before cards were",
      ),
    intentName: z.string(),
    intentState: z.string(),
    dialogAction: z.string(),
    slotToElicit: z.string().optional(),
    inputMode: z.string(),
  }),
});

const ReservationEntrySchema = z.object({
  kind: z.literal('reservation'),
  reservation: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('confirmed'),
      reservationId: z.string(),
      details: ReservationSchema,
      price: PriceSchema,
    }),
    z.object({
      status: z.literal('failed'),
      reservationId: z.string().optional(),
      reason: ReservationFailureReason,
      message: z.string(),
    }),
  ]),
});

/**
 * Where the upload came from: its key, which names the uploader and the conversation
 * (`uploads/<identity>/<conversation>/<uuid>.<ext>`), and the bucket and version that identify
 * one upload across repeated image-flip runs.
 */
const ImageSource = {
  sourceKey: z.string(),
  sourceBucket: z.string(),
  sourceVersionId: z.string().optional(),
  /** The Cognito identity that uploaded it; absent when the key names none for this timeline. */
  uploaderId: z.string().optional(),
  /**
   * The uploader's own name for the file, as the image event carried it (validated there: 1–255
   * printable characters). Data, shown as text; absent for uploads that carried none.
   */
  fileName: FileNameSchema.optional().describe(
    "The uploader's name for the file; show it as text. Absent when none was sent",
  ),
};

const ImageEntrySchema = z.object({
  kind: z.literal('image'),
  image: z.discriminatedUnion('status', [
    z.object({
      status: z.literal('flipped'),
      ...ImageSource,
      output: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().optional() }),
      format: ImageFormat,
      contentType: z.string(),
      width: z.int(),
      height: z.int(),
      sizeBytes: z.int(),
    }),
    z.object({
      status: z.literal('rejected'),
      ...ImageSource,
      reason: ImageRejectionReason,
      message: z.string(),
    }),
  ]),
});

const EntryCommon = z.object({
  eventId: z.string(),
  conversationId: z.string(),
  /** When the producer recorded it (`YYYY-MM-DDTHH:mm:ss.sssZ`, 2000–2099): the timeline's order. */
  at: UtcTimestamp,
  correlationId: z.string(),
});

/** One entry of a conversation's timeline, as stored and as the API returns it. */
export const TimelineEntrySchema = z.discriminatedUnion('kind', [
  EntryCommon.extend(TurnSchema.shape),
  EntryCommon.extend(ReservationEntrySchema.shape),
  EntryCommon.extend(ImageEntrySchema.shape),
]);
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/**
 * The uploader named by an upload key of this conversation, `uploads/<identity>/<conversation>/
 * <file>`. IAM pins `<identity>` to the uploader's own Cognito identity, but nothing pins the
 * conversation segment, so the repository checks the uploader owns the conversation. A key of
 * another shape, or of another conversation, names no uploader here.
 */
export function uploaderOf(sourceKey: string, conversationId: string): string | undefined {
  const segments = uploadKeySegments(sourceKey);
  return segments?.conversationId === conversationId ? segments.identityId : undefined;
}

/**
 * Maps a consumed event to its timeline entry. The conversation is the event's
 * metadata.conversationId (a turn also carries it as its Lex session id). An event with neither
 * is valid (an upload at a malformed key, a malformed reservation request) but belongs to no
 * timeline: undefined, for the caller to skip.
 */
export function toTimelineEntry(history: HistoryEvent): TimelineEntry | undefined {
  const { event } = history;
  const { metadata } = event.detail;
  const fallbackConversation =
    history.type === ConversationTurnRecorded.detailType
      ? history.event.detail.data.sessionId
      : undefined;
  const conversationId = metadata.conversationId ?? fallbackConversation;
  if (!conversationId) return undefined;
  const common = {
    eventId: event.id,
    conversationId,
    // Exactly what the contract validated: it accepts UTC only and normalises the precision,
    // so the strings sort in time order and the API's own schema accepts them.
    at: metadata.producedAt,
    correlationId: metadata.correlationId,
  };

  switch (history.type) {
    case ConversationTurnRecorded.detailType: {
      const data = history.event.detail.data;
      return {
        ...common,
        kind: 'turn',
        turn: {
          userText: data.userText,
          botMessages: data.botMessages,
          ...(data.cards && data.cards.length > 0 ? { cards: data.cards } : {}),
          intentName: data.intentName,
          intentState: data.intentState,
          dialogAction: data.dialogAction,
          ...(data.slotToElicit ? { slotToElicit: data.slotToElicit } : {}),
          inputMode: data.inputMode,
        },
      };
    }
    case ReservationConfirmed.detailType: {
      const data = history.event.detail.data;
      return {
        ...common,
        kind: 'reservation',
        reservation: {
          status: 'confirmed',
          reservationId: data.reservationId,
          details: data.reservation,
          price: data.price,
        },
      };
    }
    case ReservationFailed.detailType: {
      const data = history.event.detail.data;
      return {
        ...common,
        kind: 'reservation',
        reservation: {
          status: 'failed',
          ...(data.reservationId ? { reservationId: data.reservationId } : {}),
          reason: data.reason,
          message: data.message,
        },
      };
    }
    case ImageFlipped.detailType: {
      const data = history.event.detail.data;
      return {
        ...common,
        kind: 'image',
        image: {
          status: 'flipped',
          sourceKey: data.source.key,
          sourceBucket: data.source.bucket,
          ...(data.source.versionId ? { sourceVersionId: data.source.versionId } : {}),
          ...withUploader(data.source.key, conversationId),
          ...withFileName(data.fileName),
          output: data.output,
          format: data.format,
          contentType: data.contentType,
          width: data.width,
          height: data.height,
          sizeBytes: data.sizeBytes,
        },
      };
    }
    case ImageRejected.detailType: {
      const data = history.event.detail.data;
      return {
        ...common,
        kind: 'image',
        image: {
          status: 'rejected',
          sourceKey: data.source.key,
          sourceBucket: data.source.bucket,
          ...(data.source.versionId ? { sourceVersionId: data.source.versionId } : {}),
          ...withUploader(data.source.key, conversationId),
          ...withFileName(data.fileName),
          reason: data.reason,
          message: data.message,
        },
      };
    }
  }
}

function withUploader(sourceKey: string, conversationId: string): { uploaderId?: string } {
  const uploaderId = uploaderOf(sourceKey, conversationId);
  return uploaderId ? { uploaderId } : {};
}

const withFileName = (fileName: string | undefined): { fileName?: string } =>
  fileName === undefined ? {} : { fileName };
