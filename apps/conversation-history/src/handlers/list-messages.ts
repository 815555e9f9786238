import type { APIGatewayProxyResult } from 'aws-lambda';
import { outputKeyOf, uploadPrefix } from '@booktrip/events';
import { apiHandler } from '../api/api-handler';
import { HttpError, callerIdentity, json, parseInput, type ApiRequest } from '../api/http';
import {
  ConversationIdParamsSchema,
  DEFAULT_MESSAGES_PAGE,
  ListMessagesQuerySchema,
  MessagePageSchema,
} from '../api/schemas';
import { idsOf, readableItems } from '../api/readable-items';
import { ownedConversation } from '../api/views';
import type { CursorCodec } from '../cursor';
import type { HistoryRepository } from '../history-repository';
import { keys } from '../history-table';
import type { SignImageUrl } from '../image-url';
import { defaultCursors, defaultImageUrls, defaultRepository } from '../runtime';
import { TimelineEntrySchema, type TimelineEntry } from '../timeline-entry';

export interface ListMessagesDeps {
  repository: HistoryRepository;
  cursors: CursorCodec;
  signImageUrl: SignImageUrl;
}

/**
 * GET /v1/conversations/{id}/messages?limit&cursor&order&kind: a page of the timeline. With
 * `kind`, only that kind of entry, read through LSI1. Flipped images carry a presigned URL.
 */
export async function listMessages(
  request: ApiRequest,
  deps: ListMessagesDeps,
): Promise<APIGatewayProxyResult> {
  const callerId = callerIdentity(request);
  const { id } = parseInput(ConversationIdParamsSchema, request.pathParameters, 'path');
  const query = parseInput(ListMessagesQuerySchema, request.queryStringParameters, 'query');
  await ownedConversation(deps.repository, id, callerId);

  const order = query.order ?? 'asc';
  // Bound to owner, conversation, kind and order: a cursor only continues the listing that
  // produced it, so it can never become a way to read another partition.
  const scope = `messages:${callerId}:${id}:${query.kind ?? '*'}:${order}`;
  const startKey = query.cursor ? deps.cursors.decode(scope, query.cursor) : undefined;
  if (startKey && startKey.PK !== keys.conversation(id)) {
    throw new HttpError(400, 'INVALID_CURSOR', 'The cursor belongs to another listing');
  }
  const page = await deps.repository.listEntries(id, {
    limit: query.limit ?? DEFAULT_MESSAGES_PAGE,
    order,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(startKey ? { startKey } : {}),
  });
  // One stored entry the response schema rejects must not fail every page that holds it.
  const entries = readableItems(TimelineEntrySchema, page.items, 'timeline entry', (item) =>
    idsOf(item, ['eventId', 'conversationId', 'kind']),
  );
  const items = await Promise.all(
    entries.map((entry) => withImageUrl(entry, callerId, deps.signImageUrl)),
  );
  return json(200, MessagePageSchema, {
    items,
    ...(page.nextKey ? { nextCursor: deps.cursors.encode(scope, page.nextKey) } : {}),
  });
}

/**
 * Defence in depth: the consumer stores no image uploaded by anyone but the owner, and here only
 * the caller's own uploads to this conversation are signed, whatever an entry says.
 */
async function withImageUrl(entry: TimelineEntry, callerId: string, sign: SignImageUrl) {
  if (entry.kind !== 'image' || entry.image.status !== 'flipped') return entry;
  const ownUploads = outputKeyOf(uploadPrefix(callerId, entry.conversationId));
  if (!entry.image.output.key.startsWith(ownUploads)) return entry;
  const imageUrl = await sign(entry.image.output);
  return imageUrl ? { ...entry, imageUrl } : entry;
}

export const handler = apiHandler(async (request) =>
  listMessages(request, {
    repository: defaultRepository(),
    cursors: await defaultCursors(),
    signImageUrl: defaultImageUrls(),
  }),
);
