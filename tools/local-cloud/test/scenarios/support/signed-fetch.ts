import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { NodeSha256 } from '../../../src/edge/node-sha256';

export interface SignedResponse {
  status: number;
  json: unknown;
}

/** An API Gateway call with `AWS_IAM` auth, signed as the chat page signs it (or unsigned). */
export async function signedFetch(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    region: string;
    credentials?: AwsCredentialIdentity;
  },
): Promise<SignedResponse> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    host: target.host,
    ...(body ? { 'content-type': 'application/json' } : {}),
  };
  let sendHeaders = headers;
  if (options.credentials) {
    const signed = await new SignatureV4({
      credentials: options.credentials,
      region: options.region,
      service: 'execute-api',
      sha256: NodeSha256,
    }).sign({
      method: options.method ?? 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port ? Number(target.port) : undefined,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers,
      body,
    });
    sendHeaders = signed.headers;
  }
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: sendHeaders,
    body,
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: kept as text for the assertion message.
  }
  return { status: response.status, json };
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` with the last value seen. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
