import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { correlationIdOf, createHandler } from '@booktrip/lambda-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ReadAllowedOrigin } from '../api/allowed-origin';
import { preflightHeaders, requestOrigin } from '../api/cors';
import { routes } from '../api/routes';
import { defaultAllowedOrigin } from '../runtime';

export interface PreflightRequest {
  /** API Gateway's resource path, e.g. `/v1/conversations/{id}`. */
  resource: string;
  headers?: Record<string, string | undefined> | null;
}

/**
 * OPTIONS on any route's resource: 204 with the methods of that resource when the Origin is
 * the chat page's; without CORS headers otherwise, which makes the browser refuse the call
 * before it sends the signed request.
 */
export async function answerPreflight(
  request: PreflightRequest,
  allowedOrigin: ReadAllowedOrigin = defaultAllowedOrigin,
): Promise<APIGatewayProxyResult> {
  const methods = routes.filter((route) => route.path === request.resource).map((r) => r.method);
  return {
    statusCode: 204,
    headers: preflightHeaders(requestOrigin(request.headers), await allowedOrigin(), methods),
    body: '',
  };
}

export const handler = createHandler(
  { schema: APIGatewayProxyEventSchema, correlationId: correlationIdOf.apiGateway },
  (event) => answerPreflight(event),
);
