import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import type { Authorize, Caller, EdgeService } from '../../src/edge/contracts';

/** Access keys starting with this act as the identity pool's guest role in these tests. */
export const GUEST_KEY_PREFIX = 'GUEST';
export const GUEST_ROLE_ARN = 'arn:aws:iam::000000000000:role/GuestRole';

/**
 * A stand-in for the local cloud's edge in tests: routes by the SigV4 credential scope's
 * service and derives the caller from the access key (signatures are the edge's business and
 * are not checked here).
 */
export async function serveForTest(
  services: readonly EdgeService[],
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const handle = (
    request: IncomingMessage | Http2ServerRequest,
    reply: ServerResponse | Http2ServerResponse,
  ) => {
    // Both compatibility APIs take writeHead(status, headers) and end(body).
    const response = reply as ServerResponse;
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://localhost');
      const scope = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(
        request.headers.authorization ?? '',
      );
      const accessKeyId = scope?.[1];
      const signingService = scope?.[2];
      const service = services.find(
        (s) => signingService && s.signingNames.includes(signingService),
      );
      if (!service) {
        response.writeHead(400).end(`no service signs as ${signingService}`);
        return;
      }
      const caller: Caller = !accessKeyId
        ? { kind: 'anonymous' }
        : accessKeyId.startsWith(GUEST_KEY_PREFIX)
          ? {
              kind: 'guest',
              accessKeyId,
              identityId: 'us-east-1:guest',
              roleArn: GUEST_ROLE_ARN,
              arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
            }
          : { kind: 'admin', accessKeyId, arn: 'arn:aws:iam::000000000000:root' };
      const answer = await service.handle({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        signingService,
        caller,
      });
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  };
  // LexRuntimeV2Client speaks HTTP/2 (cleartext, with prior knowledge) on an http endpoint;
  // other clients HTTP/1.1: the first bytes of a connection tell which server takes it.
  const http1 = createServer(handle);
  const http2 = createHttp2Server(handle);
  const server = createNetServer((socket) => {
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('PRI * HTTP/2')) {
        socket.pause();
        socket.unshift(chunk);
        http1.emit('connection', socket);
        socket.resume();
        return;
      }
      // node:http2 reads a net.Socket's handle directly (an unshifted chunk would be lost), so
      // it gets a stream that replays the first chunk and then relays the socket.
      const relay = new Duplex({
        read() {},
        write(data: Buffer, _encoding, callback) {
          socket.write(data, callback);
        },
        final(callback) {
          socket.end();
          callback();
        },
      });
      relay.push(chunk);
      socket.on('data', (data: Buffer) => relay.push(data));
      socket.on('end', () => relay.push(null));
      socket.on('error', (error) => relay.destroy(error));
      relay.on('close', () => socket.destroy());
      http2.emit('connection', relay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      http1.closeAllConnections();
      await new Promise<void>((resolve) => http2.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(request: IncomingMessage | Http2ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * A small stand-in for the edge's IAM evaluation: an allow list, by which a guest may do exactly
 * the actions on exactly the resources listed (no policy from a template is read).
 */
export function allowGuest(grants: readonly { action: string; resource: string }[]): Authorize {
  return async (caller, action, resource) =>
    caller.kind === 'admin' ||
    grants.some(
      (grant) => grant.action === action && (grant.resource === '*' || grant.resource === resource),
    );
}
