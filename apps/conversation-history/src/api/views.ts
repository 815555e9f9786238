import type { z } from 'zod';
import type { ConversationSummary, HistoryRepository } from '../history-repository';
import { notFound } from './http';
import type { ConversationSummarySchema } from './schemas';

/** What the API shows of a conversation: never its owner's identity. */
export function toSummaryView(
  summary: ConversationSummary,
): z.input<typeof ConversationSummarySchema> {
  return {
    conversationId: summary.conversationId,
    ...(summary.title ? { title: summary.title } : {}),
    startedAt: summary.startedAt,
    lastActivityAt: summary.lastActivityAt,
    counts: summary.counts,
  };
}

/**
 * The conversation if the caller owns it. Someone else's, an unowned one (events only), a
 * deleted one and a missing one all answer the same 404, so ids cannot be probed. Deleting
 * again may see a deleted one (`includeDeleted`), so a retry finishes an interrupted delete.
 */
export async function ownedConversation(
  repository: HistoryRepository,
  conversationId: string,
  callerId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<ConversationSummary> {
  const conversation = await repository.getConversation(conversationId);
  if (!conversation || conversation.ownerId === undefined || conversation.ownerId !== callerId) {
    throw notFound();
  }
  if (conversation.deletedAt && !options.includeDeleted) throw notFound();
  return conversation;
}
