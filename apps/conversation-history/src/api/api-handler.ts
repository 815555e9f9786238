import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import {
  conversationIdOf,
  correlationIdOf,
  createHandler,
  logger,
  reportHandledError,
} from '@booktrip/lambda-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { defaultAllowedOrigin } from '../runtime';
import type { ReadAllowedOrigin } from './allowed-origin';
import { corsHeaders, requestOrigin } from './cors';
import { errorResponse, isClientError, type ApiRequest } from './http';

/**
 * A REST route's Lambda handler on lambda-kit (logs, traces, metrics, validation of the proxy
 * event). The caller's mistakes are answered 4xx here and logged as warnings, so they never
 * raise the HandlerErrors alarm; anything else is reported as lambda-kit's error policy does
 * (logged, counted, traced) and answered 500 `{ message, code }`, so API Gateway never sends a
 * bare 502. Every answer gets the CORS headers of the request's Origin (the chat page's, read
 * from SSM at run time, alongside the route's work).
 */
export function apiHandler(
  route: (request: ApiRequest) => Promise<APIGatewayProxyResult>,
  allowedOrigin: ReadAllowedOrigin = defaultAllowedOrigin,
) {
  return createHandler(
    {
      schema: APIGatewayProxyEventSchema,
      correlationId: correlationIdOf.apiGateway,
      conversationId: conversationIdOf.apiGateway,
      // Only a proxy event that fails its schema gets here (API Gateway never sends one): the
      // 500 then carries no CORS headers, since the event's Origin cannot be trusted either.
      onError: (error) => errorResponse(error),
    },
    async (event) => {
      const allowed = allowedOrigin();
      let response: APIGatewayProxyResult;
      try {
        response = await route(event);
      } catch (error) {
        if (isClientError(error)) {
          logger.warn('request rejected', { error: error.message });
        } else {
          reportHandledError(error instanceof Error ? error : new Error(String(error)));
        }
        response = errorResponse(error);
      }
      const cors = corsHeaders(requestOrigin(event.headers), await allowed);
      return { ...response, headers: { ...response.headers, ...cors } };
    },
  );
}
