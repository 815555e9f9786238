import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

export interface BackendResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers that belong to one hop (and `host`, which must name s3rver). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'expect']);

/** One plain HTTP exchange with s3rver (which checks no signatures, so none are sent). */
export function sendToS3rver(
  endpoint: string,
  method: string,
  pathAndQuery: string,
  headers: OutgoingHttpHeaders,
  body?: Buffer,
): Promise<BackendResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(pathAndQuery, endpoint),
      {
        method,
        headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined || HOP_BY_HOP.has(name)) continue;
            responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: incoming.statusCode ?? 502,
            headers: responseHeaders,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export function isHopByHop(header: string): boolean {
  return HOP_BY_HOP.has(header);
}
