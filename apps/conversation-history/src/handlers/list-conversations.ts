import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiHandler } from '../api/api-handler';
import { callerIdentity, json, parseInput, type ApiRequest } from '../api/http';
import {
  ConversationListSchema,
  ConversationSummarySchema,
  DEFAULT_CONVERSATIONS_PAGE,
  ListConversationsQuerySchema,
} from '../api/schemas';
import type { CursorCodec } from '../cursor';
import type { HistoryRepository } from '../history-repository';
import { defaultCursors, defaultRepository } from '../runtime';
import { idsOf, readableItems } from '../api/readable-items';
import { toSummaryView } from '../api/views';

export interface ListConversationsDeps {
  repository: HistoryRepository;
  cursors: CursorCodec;
}

/** GET /v1/conversations: the caller's conversations, most recent activity first. */
export async function listConversations(
  request: ApiRequest,
  deps: ListConversationsDeps,
): Promise<APIGatewayProxyResult> {
  const ownerId = callerIdentity(request);
  const query = parseInput(ListConversationsQuerySchema, request.queryStringParameters, 'query');
  // The cursor is bound to the owner: someone else's cursor does not verify.
  const scope = `conversations:${ownerId}`;
  const page = await deps.repository.listConversations(ownerId, {
    limit: query.limit ?? DEFAULT_CONVERSATIONS_PAGE,
    ...(query.cursor ? { startKey: deps.cursors.decode(scope, query.cursor) } : {}),
  });
  const items = readableItems(
    ConversationSummarySchema,
    page.items.map(toSummaryView),
    'conversation',
    (item) => idsOf(item, ['conversationId']),
  );
  return json(200, ConversationListSchema, {
    items,
    ...(page.nextKey ? { nextCursor: deps.cursors.encode(scope, page.nextKey) } : {}),
  });
}

export const handler = apiHandler(async (request) =>
  listConversations(request, { repository: defaultRepository(), cursors: await defaultCursors() }),
);
