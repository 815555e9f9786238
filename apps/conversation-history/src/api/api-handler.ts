import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { conversationIdOf, correlationIdOf, createHandler, logger } from '@booktrip/lambda-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { errorResponse, isClientError, type ApiRequest } from './http';

/**
 * A REST route's Lambda handler on lambda-kit (logs, traces, metrics, validation of the proxy
 * event). The caller's mistakes are answered 4xx here and logged as warnings, so they never
 * raise the HandlerErrors alarm; anything else goes through lambda-kit's error policy (logged,
 * counted) and is answered 500 `{ message, code }`, so API Gateway never sends a bare 502.
 */
export function apiHandler(route: (request: ApiRequest) => Promise<APIGatewayProxyResult>) {
  return createHandler(
    {
      schema: APIGatewayProxyEventSchema,
      correlationId: correlationIdOf.apiGateway,
      conversationId: conversationIdOf.apiGateway,
      onError: (error) => errorResponse(error),
    },
    async (event) => {
      try {
        return await route(event);
      } catch (error) {
        if (!isClientError(error)) throw error;
        logger.warn('request rejected', { error: error.message });
        return errorResponse(error);
      }
    },
  );
}
