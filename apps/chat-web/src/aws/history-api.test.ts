import { describe, expect, it } from 'vitest';
import { historyApi, HistoryApiError, wholeTimeline } from './history-api';

const credentials = async () => ({
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'tok',
});

function recordingFetch(responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next;
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

describe('historyApi', () => {
  it('signs each request for execute-api with the guest session token', async () => {
    const { calls, fetchImpl } = recordingFetch([
      new Response(JSON.stringify({ conversationId: 'c1', conversationToken: 't' }), {
        status: 201,
      }),
    ]);
    const api = historyApi({
      baseUrl: 'https://api.example.com/prod',
      region: 'eu-west-1',
      credentials,
      fetchImpl,
    });
    const created = await api.create();
    expect(created).toEqual({ conversationId: 'c1', conversationToken: 't' });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(calls[0]?.url).toBe('https://api.example.com/prod/v1/conversations');
    expect(headers.authorization).toMatch(
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
    expect(headers['x-amz-security-token']).toBe('tok');
    expect(headers).not.toHaveProperty('host');
  });

  it('sends only headers the API allows in its CORS preflight', async () => {
    const { calls, fetchImpl } = recordingFetch([
      new Response(JSON.stringify({ conversationId: 'c1', conversationToken: 't' }), {
        status: 201,
      }),
    ]);
    const api = historyApi({
      baseUrl: 'https://api.example.com/prod',
      region: 'eu-west-1',
      credentials,
      fetchImpl,
    });
    await api.create();
    // API Gateway's Cors.DEFAULT_HEADERS, plus what a browser may send without asking.
    const allowed = [
      'content-type',
      'x-amz-date',
      'authorization',
      'x-amz-security-token',
      'accept',
    ];
    const sent = Object.keys(calls[0]?.init.headers as Record<string, string>);
    expect(sent.filter((name) => !allowed.includes(name.toLowerCase()))).toEqual([]);
  });

  it('turns an error body into a HistoryApiError with its status and code', async () => {
    const { fetchImpl } = recordingFetch([
      new Response(JSON.stringify({ message: 'Conversation not found', code: 'NOT_FOUND' }), {
        status: 404,
      }),
    ]);
    const api = historyApi({
      baseUrl: 'https://api.example.com',
      region: 'us-east-1',
      credentials,
      fetchImpl,
    });
    const error = await api.get('c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Conversation not found',
    });
  });

  it('reads every page of a timeline', async () => {
    const entry = (id: string) => ({ eventId: id, kind: 'turn' });
    const { calls, fetchImpl } = recordingFetch([
      new Response(JSON.stringify({ items: [entry('a')], nextCursor: 'next' }), { status: 200 }),
      new Response(JSON.stringify({ items: [entry('b')] }), { status: 200 }),
    ]);
    const api = historyApi({
      baseUrl: 'https://api.example.com',
      region: 'us-east-1',
      credentials,
      fetchImpl,
    });
    const entries = await wholeTimeline(api, 'c1');
    expect(entries.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(new URL(calls[1]!.url).searchParams.get('cursor')).toBe('next');
  });

  it('answers a DELETE 204 without reading a body', async () => {
    const { fetchImpl } = recordingFetch([new Response(null, { status: 204 })]);
    const api = historyApi({
      baseUrl: 'https://api.example.com',
      region: 'us-east-1',
      credentials,
      fetchImpl,
    });
    await expect(api.remove('c1')).resolves.toBeUndefined();
  });
});
