import type { APIGatewayProxyResult } from 'aws-lambda';
import { conversationToken } from '@booktrip/events';
import { randomUUID } from 'node:crypto';
import { apiHandler } from '../api/api-handler';
import { callerIdentity, json, parseInput, parseJsonBody, type ApiRequest } from '../api/http';
import { ConversationCreatedSchema, CreateConversationBodySchema } from '../api/schemas';
import { ConversationExistsError, type HistoryRepository } from '../history-repository';
import { defaultRepository, defaultTokenKey } from '../runtime';

export interface CreateConversationDeps {
  repository: HistoryRepository;
  /** The conversation token key, shared with the code hook. */
  tokenKey: () => Promise<string>;
  newId?: () => string;
}

/**
 * POST /v1/conversations: a new conversation owned by the caller, under a random UUID, and its
 * token (an HMAC of the id): the page sends it with every chat turn, and the code hook refuses
 * turns without it, so knowing a conversation id is not enough to write into it.
 */
export async function createConversation(
  request: ApiRequest,
  deps: CreateConversationDeps = { repository: defaultRepository(), tokenKey: defaultTokenKey },
): Promise<APIGatewayProxyResult> {
  const ownerId = callerIdentity(request);
  const body = parseInput(CreateConversationBodySchema, parseJsonBody(request.body), 'body');
  const newId = deps.newId ?? randomUUID;
  // A v4 UUID collision is practically impossible; the conditional write makes it harmless.
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await deps.repository.createConversation({
        conversationId: newId(),
        ownerId,
        ...(body.title ? { title: body.title } : {}),
      });
      return json(201, ConversationCreatedSchema, {
        conversationId: created.conversationId,
        conversationToken: await conversationToken(await deps.tokenKey(), created.conversationId),
      });
    } catch (error) {
      if (!(error instanceof ConversationExistsError) || attempt >= 3) throw error;
    }
  }
}

export const handler = apiHandler((request) => createConversation(request));
