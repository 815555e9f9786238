import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiHandler } from '../api/api-handler';
import { callerIdentity, noContent, parseInput, type ApiRequest } from '../api/http';
import { ConversationIdParamsSchema } from '../api/schemas';
import { ownedConversation } from '../api/views';
import type { HistoryRepository } from '../history-repository';
import { defaultRepository } from '../runtime';

export interface DeleteConversationDeps {
  repository: HistoryRepository;
}

/**
 * DELETE /v1/conversations/{id}: the conversation and every entry of its timeline. Deleting a
 * deleted conversation (until its tombstone expires) deletes whatever is left and answers 204.
 * The uploaded and flipped pictures stay in S3 until the buckets' lifecycle expires them.
 */
export async function deleteConversation(
  request: ApiRequest,
  deps: DeleteConversationDeps = { repository: defaultRepository() },
): Promise<APIGatewayProxyResult> {
  const callerId = callerIdentity(request);
  const { id } = parseInput(ConversationIdParamsSchema, request.pathParameters, 'path');
  await ownedConversation(deps.repository, id, callerId, { includeDeleted: true });
  await deps.repository.deleteConversation(id);
  return noContent();
}

export const handler = apiHandler((request) => deleteConversation(request));
