/**
 * Where each kind of event carries its correlation and conversation ids. Each function takes
 * the raw event (before validation) so even a rejected event is logged with its ids.
 */
export type IdExtractor = (event: unknown) => string | undefined;

function at(value: unknown, ...path: string[]): string | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.length > 0 ? current : undefined;
}

/** Header names are case-insensitive in HTTP; API Gateway keeps the client's spelling. */
function header(event: unknown, name: string): string | undefined {
  const headers = asRecord(event, 'headers');
  if (!headers) return undefined;
  const match = Object.keys(headers).find((key) => key.toLowerCase() === name);
  const value = match ? headers[match] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function asRecord(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null
    ? (inner as Record<string, unknown>)
    : undefined;
}

export const CORRELATION_HEADER = 'x-correlation-id';

export const correlationIdOf = {
  /** A BookTrip event's metadata, else the EventBridge event id. */
  eventBridge: ((event) =>
    at(event, 'detail', 'metadata', 'correlationId') ?? at(event, 'id')) as IdExtractor,
  /** The caller's x-correlation-id header, else API Gateway's request id. */
  apiGateway: ((event) =>
    header(event, CORRELATION_HEADER) ?? at(event, 'requestContext', 'requestId')) as IdExtractor,
  /** The client's request attribute, else the id of the RecognizeText call that caused this turn. */
  lex: ((event) =>
    at(event, 'requestAttributes', CORRELATION_HEADER) ??
    at(event, 'sessionState', 'originatingRequestId')) as IdExtractor,
  /** Step Functions task input: the workflow passes the triggering event's metadata along. */
  stepFunctionsTask: ((event) =>
    at(event, 'metadata', 'correlationId') ?? at(event, 'correlationId')) as IdExtractor,
};

export const conversationIdOf = {
  eventBridge: ((event) => at(event, 'detail', 'metadata', 'conversationId')) as IdExtractor,
  apiGateway: ((event) => at(event, 'pathParameters', 'id')) as IdExtractor,
  lex: ((event) => at(event, 'sessionId')) as IdExtractor,
  stepFunctionsTask: ((event) =>
    at(event, 'metadata', 'conversationId') ?? at(event, 'conversationId')) as IdExtractor,
};
