import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  jsonError,
  type GuestCredentialSource,
  type EdgeRequest,
  type EdgeResponse,
  type EdgeService,
} from './contracts';
import { corsHeaders, preflightResponse } from './cors';
import { resolveCaller } from './resolve-caller';
import { routeRequest } from './route-request';
import { parseSigV4, SigV4Error, type SigV4Claims } from './sigv4';

export interface EdgeServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Credentials the local Cognito issued; any other signed request acts as the administrator. */
  credentials?: GuestCredentialSource;
  /** `GET /_booktrip/<name>` answers `routes[name]()` as JSON. */
  routes?: Record<string, () => unknown>;
  /** Largest request body accepted, in bytes (S3 single PUTs of a 12 MP photo are ~10 MB). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface EdgeServer {
  /** `http://host:port`, the `AWS_ENDPOINT_URL` of everything local. */
  readonly url: string;
  readonly port: number;
  addService(service: EdgeService): void;
  setCredentialSource(credentials: GuestCredentialSource): void;
  /** Stops listening, closes every connection, then stops the services it routes to. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_BODY = 512 * 1024 * 1024;

/**
 * The one HTTP port every SDK client of the local cloud talks to: buffers the body, reads the
 * SigV4 signature, resolves the caller (verifying guests' signatures), and hands the request to
 * the emulated service it is for. It answers CORS for browser callers and the introspection
 * routes under `/_booktrip/`.
 */
export async function startEdgeServer(options: EdgeServerOptions): Promise<EdgeServer> {
  const services: EdgeService[] = [];
  let credentials = options.credentials;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.log ?? (() => undefined);

  const handle = async (incoming: IncomingMessage): Promise<EdgeResponse> => {
    const url = new URL(incoming.url ?? '/', 'http://edge.local');
    const rawPath = url.pathname;
    const query = url.searchParams;
    const method = (incoming.method ?? 'GET').toUpperCase();

    if (rawPath.startsWith('/_booktrip/') && (method === 'GET' || method === 'HEAD')) {
      const route = options.routes?.[rawPath.slice('/_booktrip/'.length)];
      if (!route) return jsonError(404, 'NotFound', `No introspection route ${rawPath}`);
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(route(), null, 2),
      };
    }

    const body = await readBody(incoming, maxBody);
    let claims: SigV4Claims | undefined;
    try {
      claims = parseSigV4(incoming.headers, query);
    } catch (error) {
      return signatureError(error, undefined);
    }
    const base = {
      method,
      path: rawPath,
      query,
      headers: incoming.headers,
      body,
      sourceIp: (incoming.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    };
    if (method === 'OPTIONS' && incoming.headers['access-control-request-method']) {
      // Browsers send preflights without credentials, but with the URL's query: a presigned
      // URL's signature is for the PUT, so AWS answers preflights before any signature check.
      const preflight: EdgeRequest = {
        ...base,
        caller: { kind: 'anonymous' },
        signingService: claims?.service,
      };
      // A service with its own CORS rules (S3 buckets, API Gateway) claims its preflights via
      // `matches`; everything else is an AWS JSON endpoint, which allows any origin.
      const owner = services.find((candidate) => candidate.matches?.(preflight) === true);
      return owner ? owner.handle(preflight) : preflightResponse(incoming.headers);
    }
    let request: EdgeRequest;
    try {
      const caller = await resolveCaller({ ...base, rawPath }, claims, credentials);
      request = { ...base, caller, signingService: claims?.service };
    } catch (error) {
      return signatureError(error, claims?.service);
    }

    const service = routeRequest(services, request);
    if (!service) {
      const target = incoming.headers['x-amz-target'];
      return jsonError(
        404,
        'UnknownOperationException',
        `The local cloud emulates no service for ${
          claims ? `signing name "${claims.service}"` : 'this unsigned request'
        }${target ? ` (X-Amz-Target ${String(target)})` : ''} at ${method} ${rawPath}`,
      );
    }
    return service.handle(request);
  };

  const server = createServer((incoming, outgoing) => {
    const requestId = randomUUID();
    handle(incoming)
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          return jsonError(413, 'RequestEntityTooLarge', error.message);
        }
        log(`edge: ${incoming.method} ${incoming.url} failed: ${describe(error)}`);
        return jsonError(500, 'InternalFailure', `The local cloud failed: ${describe(error)}`);
      })
      .then((response) => send(outgoing, response, requestId, incoming))
      .catch((error: unknown) => {
        log(`edge: could not answer ${incoming.method} ${incoming.url}: ${describe(error)}`);
        outgoing.destroy();
      });
  });
  // SDK clients keep connections alive; long polls (SQS, 20 s) must not be cut by Node's default.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${urlHost === '0.0.0.0' ? '127.0.0.1' : urlHost}:${port}`,
    port,
    addService: (service) => {
      services.push(service);
    },
    setCredentialSource: (store) => {
      credentials = store;
    },
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      for (const service of [...services].reverse()) await service.stop?.();
    },
  };
}

function send(
  outgoing: ServerResponse,
  response: EdgeResponse,
  requestId: string,
  incoming: IncomingMessage,
): void {
  const headers: Record<string, string> = {
    'x-amzn-requestid': requestId,
    ...corsHeaders(incoming.headers, response.headers ?? {}),
    ...response.headers,
  };
  const body = response.body ?? '';
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  outgoing.writeHead(response.status, headers);
  outgoing.end(incoming.method === 'HEAD' ? undefined : body);
}

class BodyTooLarge extends Error {}

async function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new BodyTooLarge(`The request body exceeds ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** XML for the services that answer in XML (S3, and STS's query protocol), JSON otherwise. */
function signatureError(error: unknown, service: string | undefined): EdgeResponse {
  const code = error instanceof SigV4Error ? error.code : 'InternalFailure';
  const message = error instanceof Error ? error.message : String(error);
  const status =
    code === 'IncompleteSignature' || code === 'AuthorizationQueryParametersError' ? 400 : 403;
  if (service === 's3' || service === 'sts') {
    return {
      status,
      headers: { 'content-type': 'application/xml' },
      body:
        service === 's3'
          ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`
          : `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></ErrorResponse>`,
    };
  }
  return jsonError(status, code, message);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
