import type { IncomingHttpHeaders } from 'node:http';
import type { EdgeResponse } from './contracts';

/** Response headers a browser may read from AWS JSON services (the SDK needs these). */
const EXPOSED = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amzn-errormessage',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-version-id',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'x-amz-lex-session-state',
  'x-amz-lex-interpretations',
  'x-amz-lex-messages',
  'x-amz-lex-request-attributes',
  'x-amz-lex-session-id',
  'x-amz-lex-input-transcript',
  'x-amzn-requestcharacters',
  'etag',
  'content-type',
  'content-length',
].join(', ');

/** CORS headers for a browser caller, unless the service already set its own. */
export function corsHeaders(
  request: IncomingHttpHeaders,
  response: Record<string, string>,
): Record<string, string> {
  const origin = request.origin;
  if (!origin) return {};
  if (Object.keys(response).some((name) => name.toLowerCase() === 'access-control-allow-origin')) {
    return {};
  }
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED,
    vary: 'Origin',
  };
}

/** The preflight answer of an AWS JSON endpoint: any origin, the requested method and headers. */
export function preflightResponse(request: IncomingHttpHeaders): EdgeResponse {
  const requested = request['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': request.origin ?? '*',
      'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, PATCH, OPTIONS',
      ...(requested ? { 'access-control-allow-headers': String(requested) } : {}),
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  };
}
