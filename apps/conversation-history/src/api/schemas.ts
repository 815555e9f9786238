import { ConversationTokenSchema, UtcTimestamp } from '@booktrip/events';
import { z } from 'zod';
import { ENTRY_KINDS } from '../history-table';
import { TimelineEntrySchema } from '../timeline-entry';

/** Query strings arrive as text: a positive integer written in decimal digits. */
const limit = (max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.int().min(1).max(max))
    .optional()
    .describe(`Page size, 1–${max}`);

const cursor = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'is malformed')
  .optional()
  .describe('The `nextCursor` of the previous page, unchanged');

export const MAX_CONVERSATIONS_PAGE = 100;
export const DEFAULT_CONVERSATIONS_PAGE = 20;
export const MAX_MESSAGES_PAGE = 100;
export const DEFAULT_MESSAGES_PAGE = 50;

export const ConversationIdParamsSchema = z.object({
  id: z.uuid().describe('Conversation id (a random UUID from POST /v1/conversations)'),
});

export const CreateConversationBodySchema = z
  .object({ title: z.string().trim().min(1).max(100).optional() })
  .strict();

export const ListConversationsQuerySchema = z
  .object({ limit: limit(MAX_CONVERSATIONS_PAGE), cursor })
  .strict();

export const ListMessagesQuerySchema = z
  .object({
    limit: limit(MAX_MESSAGES_PAGE),
    cursor,
    order: z.enum(['asc', 'desc']).optional().describe('Time order (default asc)'),
    kind: z.enum(ENTRY_KINDS).optional().describe('Only entries of this kind (LSI1)'),
  })
  .strict();

export const ConversationSummarySchema = z.object({
  conversationId: z.uuid(),
  title: z.string().optional(),
  startedAt: UtcTimestamp,
  lastActivityAt: UtcTimestamp,
  counts: z.object({
    turn: z.int().nonnegative(),
    reservation: z.int().nonnegative(),
    image: z.int().nonnegative(),
    total: z.int().nonnegative(),
  }),
});

export const ConversationCreatedSchema = z.object({
  conversationId: z.uuid(),
  conversationToken: ConversationTokenSchema.describe(
    'Send with every chat turn as the Lex request attribute x-booktrip-conversation-token; only the owner receives it',
  ),
});

export const ConversationListSchema = z.object({
  items: z.array(ConversationSummarySchema),
  nextCursor: z.string().optional(),
});

/** An entry as served: image entries of flipped images carry a short-lived download URL. */
export const MessageSchema = z.intersection(
  TimelineEntrySchema,
  z.object({
    imageUrl: z.url().optional().describe('Presigned GET of the flipped image; expires soon'),
  }),
);

export const MessagePageSchema = z.object({
  items: z.array(MessageSchema),
  nextCursor: z.string().optional(),
});

export const ErrorCodeSchema = z.enum([
  'BAD_REQUEST',
  'INVALID_CURSOR',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'INTERNAL_ERROR',
]);
export const ErrorBodySchema = z.object({ message: z.string(), code: ErrorCodeSchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
