import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller, EdgeService } from '../../../src';

/** Access keys the test edge treats as a guest of the local Cognito; any other key is admin. */
export const GUEST = {
  accessKeyId: 'ASIAGUESTLOCAL000001',
  secretAccessKey: 'guest-secret',
  identityId: 'us-east-1:11111111-2222-3333-4444-555555555555',
  roleArn: 'arn:aws:iam::000000000000:role/GuestRole',
  arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
};
export const ADMIN = { accessKeyId: 'AKIAADMINLOCAL000001', secretAccessKey: 'admin-secret' };

export interface TestEdge {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A tiny stand-in for lc-core's edge: it reads the caller and signing name from the SigV4
 * Authorization header (without verifying the signature, which is the edge's job) and hands
 * the request to the one service under test.
 */
export async function startTestEdge(service: EdgeService): Promise<TestEdge> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://localhost');
      const scope = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(
        String(request.headers.authorization ?? ''),
      );
      const caller: Caller = !scope
        ? { kind: 'anonymous' }
        : scope[1] === GUEST.accessKeyId
          ? { kind: 'guest', ...GUEST }
          : { kind: 'admin', accessKeyId: scope[1]!, arn: 'arn:aws:iam::000000000000:root' };
      const edgeRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
      };
      if (!scope && !service.matches?.(edgeRequest)) {
        response.writeHead(403).end('unsigned request not taken by the service');
        return;
      }
      const answer = await service.handle({ ...edgeRequest, caller, signingService: scope?.[2] });
      response.writeHead(answer.status, answer.headers).end(answer.body);
    })().catch((error: Error) => {
      response.writeHead(500).end(error.stack);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
