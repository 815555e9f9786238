import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type {
  ConversationSummary,
  CreatedConversation,
  Page,
  TimelineEntry,
} from './history-types';

/** An answer of the history API other than 2xx, with its `{ message, code }` body. */
export class HistoryApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code === 'NOT_FOUND' ? 'NotFound' : 'HistoryApiError';
  }
}

export interface HistoryApi {
  create(title?: string): Promise<CreatedConversation>;
  list(cursor?: string): Promise<Page<ConversationSummary>>;
  get(conversationId: string): Promise<ConversationSummary>;
  remove(conversationId: string): Promise<void>;
  messages(
    conversationId: string,
    options?: { cursor?: string; kind?: 'turn' | 'reservation' | 'image'; limit?: number },
  ): Promise<Page<TimelineEntry>>;
}

/**
 * The history REST API through SigV4-signed fetches (API Gateway IAM auth, service
 * `execute-api`) with the guest's credentials.
 */
export function historyApi(options: {
  baseUrl: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
  fetchImpl?: typeof fetch;
}): HistoryApi {
  const signer = new SignatureV4({
    service: 'execute-api',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    // API Gateway hashes the body itself; an x-amz-content-sha256 header would only be one the
    // API's CORS preflight does not allow (Cors.DEFAULT_HEADERS), so the browser would refuse.
    applyChecksum: false,
  });
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));

  async function call<T>(
    method: string,
    path: string,
    query: Record<string, string> = {},
    body?: unknown,
  ): Promise<T> {
    const url = new URL(options.baseUrl + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { host: url.host, accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: payload,
    });
    // Browsers set Host themselves and refuse to be told.
    const { host: _host, ...sendHeaders } = signed.headers;
    const response = await doFetch(url.toString(), { method, headers: sendHeaders, body: payload });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const err = (parsed ?? {}) as { message?: string; code?: string };
      const error = new HistoryApiError(
        response.status,
        err.code ?? `HTTP_${response.status}`,
        err.message ?? `The history API answered HTTP ${response.status}`,
      );
      throw Object.assign(error, { $metadata: { httpStatusCode: response.status } });
    }
    if (parsed === undefined)
      throw new HistoryApiError(
        response.status,
        'BAD_RESPONSE',
        'The history API answered no JSON',
      );
    return parsed as T;
  }

  const conversation = (id: string) => `/v1/conversations/${encodeURIComponent(id)}`;
  return {
    create: (title) => call('POST', '/v1/conversations', {}, title ? { title } : {}),
    list: (cursor) =>
      call('GET', '/v1/conversations', cursor ? { cursor, limit: '50' } : { limit: '50' }),
    get: (id) => call('GET', conversation(id)),
    remove: (id) => call('DELETE', conversation(id)),
    messages: (id, { cursor, kind, limit = 100 } = {}) =>
      call('GET', `${conversation(id)}/messages`, {
        order: 'asc',
        limit: String(limit),
        ...(cursor ? { cursor } : {}),
        ...(kind ? { kind } : {}),
      }),
  };
}

/** Every page of a conversation's timeline, oldest first. */
export async function wholeTimeline(
  api: HistoryApi,
  conversationId: string,
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.messages(conversationId, { cursor });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}
