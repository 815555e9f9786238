import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebServer {
  url: string;
  /** What the port serves from now on (the port is bound first so its URL can be localized). */
  serve(handler: RequestListener): void;
  stop(): Promise<void>;
}

/**
 * The web port. It serves whatever `handler` is: the status page, or the stacks' CloudFront
 * distribution with the status page under `STATUS_PATH`, or `startLocalCloud({ webHandler })`.
 */
export async function startWebServer(
  port: number,
  host: string,
  handler: RequestListener,
): Promise<WebServer> {
  let current = handler;
  const server = createServer((request, response) => current(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  // On the loopback the page is named `localhost`, as the local stage's CORS origin and
  // config.json name it: a page opened at http://127.0.0.1 would be another origin to the API.
  const loopback = host === '0.0.0.0' || host === '127.0.0.1';
  const urlHost = loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actual}`,
    serve: (next) => {
      current = next;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Where the status page lives when a site has the web port. */
export const STATUS_PATH = '/_booktrip/status';

/** `site` on the web port, except `STATUS_PATH` (and below), which `status` answers. */
export function withStatusPage(site: RequestListener, status: RequestListener): RequestListener {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === STATUS_PATH || path.startsWith(`${STATUS_PATH}/`)) {
      void status(request, response);
    } else {
      void site(request, response);
    }
  };
}
