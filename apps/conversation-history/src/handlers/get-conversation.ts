import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiHandler } from '../api/api-handler';
import { callerIdentity, json, parseInput, type ApiRequest } from '../api/http';
import { ConversationIdParamsSchema, ConversationSummarySchema } from '../api/schemas';
import { ownedConversation, toSummaryView } from '../api/views';
import type { HistoryRepository } from '../history-repository';
import { defaultRepository } from '../runtime';

export interface GetConversationDeps {
  repository: HistoryRepository;
}

/** GET /v1/conversations/{id}: the summary of one of the caller's conversations. */
export async function getConversation(
  request: ApiRequest,
  deps: GetConversationDeps = { repository: defaultRepository() },
): Promise<APIGatewayProxyResult> {
  const callerId = callerIdentity(request);
  const { id } = parseInput(ConversationIdParamsSchema, request.pathParameters, 'path');
  const conversation = await ownedConversation(deps.repository, id, callerId);
  return json(200, ConversationSummarySchema, toSummaryView(conversation));
}

export const handler = apiHandler((request) => getConversation(request));
