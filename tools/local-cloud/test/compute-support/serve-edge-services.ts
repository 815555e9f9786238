import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Caller, EdgeService } from '../../src/edge/contracts';

/**
 * A tiny stand-in for lc-core's edge: routes SDK requests to a service by the SigV4 signing
 * name of their credential scope, as the edge does, with every caller the administrator
 * (or the caller `callerOf` chooses). Signatures are not verified here.
 */
export async function serveEdgeServices(
  services: readonly EdgeService[],
  callerOf: (accessKeyId: string) => Caller = (accessKeyId) => ({
    kind: 'admin',
    accessKeyId,
    arn: 'arn:aws:iam::000000000000:root',
  }),
): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const scope = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(
        req.headers.authorization ?? '',
      );
      const service = services.find((candidate) =>
        candidate.signingNames.includes(scope?.[2] ?? ''),
      );
      if (!service || !scope?.[1]) {
        res.writeHead(400).end('no service for this request');
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      service
        .handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks),
          signingService: scope[2],
          caller: callerOf(scope[1]),
        })
        .then((response) => {
          res.writeHead(response.status, response.headers).end(response.body);
        })
        .catch((error: unknown) => {
          res.writeHead(500).end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
