import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller, EdgeRequest, EdgeService } from '../../src/edge/contracts';
import type { GuestCredentials } from '../../src/cognito';

/** The administrator's pair in these tests (any key the local Cognito did not issue). */
export const ADMIN = { accessKeyId: 'AKIAADMINLOCAL000000', secretAccessKey: 'admin-secret' };
export const ADMIN_ARN = 'arn:aws:iam::000000000000:root';

/**
 * A stand-in for lc-core's edge, just enough to drive the data services with real SDK clients:
 * reads the SigV4 credential (header or presigned query) to pick the service and the caller.
 * It does not verify signatures — that is the edge's job and tested there.
 */
export async function startTinyEdge(
  services: readonly EdgeService[],
  lookupCredentials: (accessKeyId: string) => GuestCredentials | undefined = () => undefined,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const request = await edgeRequest(incoming, lookupCredentials);
      const service =
        services.find(
          (candidate) =>
            request.signingService && candidate.signingNames.includes(request.signingService),
        ) ?? services.find((candidate) => candidate.matches?.(request));
      const response = service
        ? await service.handle(request)
        : { status: 404, body: `no service for ${request.signingService ?? 'unsigned request'}` };
      outgoing.writeHead(response.status, response.headers);
      outgoing.end(response.body);
    })().catch((error: unknown) => {
      outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function edgeRequest(
  incoming: IncomingMessage,
  lookupCredentials: (accessKeyId: string) => GuestCredentials | undefined,
): Promise<EdgeRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://edge');
  const credential =
    /Credential=([^,\s]+)/.exec(String(incoming.headers.authorization ?? ''))?.[1] ??
    url.searchParams.get('X-Amz-Credential') ??
    undefined;
  const [accessKeyId, , , signingService] = credential?.split('/') ?? [];
  let caller: Caller = { kind: 'anonymous' };
  if (accessKeyId) {
    const guest = lookupCredentials(accessKeyId);
    caller = guest
      ? {
          kind: 'guest',
          accessKeyId,
          identityId: guest.identityId,
          roleArn: guest.roleArn,
          arn: guest.arn,
        }
      : { kind: 'admin', accessKeyId, arn: ADMIN_ARN };
  }
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body: Buffer.concat(chunks),
    ...(signingService ? { signingService } : {}),
    caller,
  };
}
