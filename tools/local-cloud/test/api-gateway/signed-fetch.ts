import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface FetchOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Signs for `execute-api` as the SDKs and the chat page do; unsigned when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface FetchedResponse {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

/** An HTTP request to an API stage URL, SigV4-signed for `execute-api` when given credentials. */
export async function apiFetch(url: string, options: FetchOptions = {}): Promise<FetchedResponse> {
  const target = new URL(url);
  const method = options.method ?? 'GET';
  let headers: Record<string, string> = { host: target.host, ...options.headers };
  if (options.credentials) {
    const signer = new SignatureV4({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: options.credentials,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers,
      body: options.body,
    });
    headers = signed.headers;
  }
  const { host: _host, ...sent } = headers;
  const response = await fetch(target, { method, headers: sent, body: options.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}
