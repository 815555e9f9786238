/*
 * CORS of the history API for the chat page's origin, as pure decisions: the handlers read the
 * allowed origin at run time (SSM, see allowed-origin.ts) and pass it in with the request's
 * `Origin`. Only an exact match is echoed; anything else gets no Access-Control-Allow-Origin, so
 * the browser refuses another site's page the response.
 */

/**
 * The request headers the page's SigV4-signed fetches send (with `x-correlation-id` for tracing
 * a request): what a preflight allows. API Gateway's own list, `Cors.DEFAULT_HEADERS`, plus it.
 */
export const CORS_ALLOWED_HEADERS = [
  'Content-Type',
  'X-Amz-Date',
  'Authorization',
  'X-Api-Key',
  'X-Amz-Security-Token',
  'X-Amz-User-Agent',
  'x-correlation-id',
] as const;

/** How long a browser may reuse a preflight answer. */
export const CORS_MAX_AGE_SECONDS = 3600;

/**
 * The configured value as an origin (`https://host[:port]`, no path), or undefined when it is
 * not an http(s) URL: a typo in the parameter must not become an allowed origin.
 */
export function originOf(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin;
}

/** The request's `Origin` header, whatever the case of its name (HTTP/2 sends it lower-case). */
export function requestOrigin(
  headers: Record<string, string | undefined> | null | undefined,
): string | undefined {
  if (!headers) return undefined;
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'origin');
  return name === undefined ? undefined : headers[name];
}

/**
 * The CORS headers of a response. No allowed origin (unreadable parameter): none at all. With
 * one, `Vary: Origin` always (the answer depends on the request's Origin, so a cache must not
 * hand one origin's answer to another), and the origin itself only when the request's equals it.
 */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigin: string | undefined,
): Record<string, string> {
  if (allowedOrigin === undefined) return {};
  if (origin !== allowedOrigin) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': allowedOrigin, Vary: 'Origin' };
}

/**
 * A preflight's answer headers: for the allowed origin, the resource's methods, the page's
 * request headers and the max age; for any other origin only `Vary`, which fails the preflight.
 */
export function preflightHeaders(
  origin: string | undefined,
  allowedOrigin: string | undefined,
  methods: readonly string[],
): Record<string, string> {
  const headers = corsHeaders(origin, allowedOrigin);
  if (!headers['Access-Control-Allow-Origin'] || methods.length === 0) {
    const { 'Access-Control-Allow-Origin': _refused, ...rest } = headers;
    return rest;
  }
  return {
    ...headers,
    'Access-Control-Allow-Methods': [...methods, 'OPTIONS'].join(','),
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(','),
    'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
  };
}
