import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
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

  const handle = async (incoming: IncomingMessage | Http2ServerRequest): Promise<EdgeResponse> => {
    const url = new URL(incoming.url ?? '/', 'http://edge.local');
    const headers = plainHeaders(incoming.headers);
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
      claims = parseSigV4(headers, query);
    } catch (error) {
      return signatureError(error, undefined);
    }
    const base = {
      method,
      path: rawPath,
      query,
      headers,
      body,
      sourceIp: (incoming.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    };
    if (method === 'OPTIONS' && headers['access-control-request-method']) {
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
      return owner ? answeredBy(owner, preflight) : preflightResponse(headers);
    }
    let request: EdgeRequest;
    try {
      // The SDK's HTTP/2 handler signs `:authority` too: verify over the headers as sent.
      const signed = { ...base, headers: { ...incoming.headers, ...headers }, rawPath };
      const caller = await resolveCaller(signed, claims, credentials);
      request = { ...base, caller, signingService: claims?.service };
    } catch (error) {
      return signatureError(error, claims?.service);
    }

    const service = routeRequest(services, request);
    if (!service) {
      const target = headers['x-amz-target'];
      return jsonError(
        404,
        'UnknownOperationException',
        `The local cloud emulates no service for ${
          claims ? `signing name "${claims.service}"` : 'this unsigned request'
        }${target ? ` (X-Amz-Target ${String(target)})` : ''} at ${method} ${rawPath}`,
      );
    }
    return answeredBy(service, request);
  };
  // Responses of services that answer CORS themselves: the edge adds no CORS headers to them.
  const ownCors = new WeakSet<EdgeResponse>();
  const answeredBy = async (service: EdgeService, request: EdgeRequest) => {
    const response = await service.handle(request);
    if (answersOwnCors(service)) ownCors.add(response);
    return response;
  };

  const answer = (
    incoming: IncomingMessage | Http2ServerRequest,
    outgoing: Http2ServerResponse | ServerResponse,
  ) => {
    const requestId = randomUUID();
    handle(incoming)
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          return jsonError(413, 'RequestEntityTooLarge', error.message);
        }
        log(`edge: ${incoming.method} ${incoming.url} failed: ${describe(error)}`);
        return jsonError(500, 'InternalFailure', `The local cloud failed: ${describe(error)}`);
      })
      .then((response) => send(outgoing, response, requestId, incoming, !ownCors.has(response)))
      .catch((error: unknown) => {
        log(`edge: could not answer ${incoming.method} ${incoming.url}: ${describe(error)}`);
        outgoing.destroy();
      });
  };
  const http1 = createServer(answer);
  // SDK clients keep connections alive; long polls (SQS, 20 s) must not be cut by Node's default.
  http1.requestTimeout = 0;
  http1.keepAliveTimeout = 5000;
  // Node's Lex and Polly clients (NodeHttp2Handler) speak HTTP/2 without TLS, with prior
  // knowledge, to an http:// endpoint; everything else HTTP/1.1. One port takes both: the
  // connection's first bytes tell which server gets it.
  const http2 = createHttp2Server(answer);
  const sessions = new Set<Http2Session>();
  http2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      if (isHttp2Preface(first)) http2.emit('connection', relayFrom(socket, first));
      else {
        socket.pause();
        socket.unshift(first);
        http1.emit('connection', socket);
        socket.resume();
      }
    });
  });

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
      http1.closeAllConnections();
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await closed;
      for (const service of [...services].reverse()) await service.stop?.();
    },
  };
}

/** Headers HTTP/2 forbids (RFC 9113 §8.2.2); an emulator's HTTP/1.1 answer may carry them. */
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

function send(
  outgoing: Http2ServerResponse | ServerResponse,
  response: EdgeResponse,
  requestId: string,
  incoming: IncomingMessage | Http2ServerRequest,
  addCors: boolean,
): void {
  const headers: Record<string, string> = {
    'x-amzn-requestid': requestId,
    ...(addCors ? corsHeaders(incoming.headers, response.headers ?? {}) : {}),
    ...response.headers,
  };
  const body = response.body ?? '';
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  if (incoming.httpVersionMajor === 2) {
    for (const name of Object.keys(headers)) {
      if (CONNECTION_HEADERS.has(name.toLowerCase())) delete headers[name];
    }
  }
  // Both compatibility APIs take writeHead(status, headers) and end(body); their union does not
  // type-check as one call.
  const reply = outgoing as ServerResponse;
  reply.writeHead(response.status, headers);
  reply.end(incoming.method === 'HEAD' ? undefined : body);
}

/**
 * S3 answers CORS from the bucket's own configuration (a bucket without a rule sends no CORS
 * headers, and the browser must refuse the response); the AWS JSON endpoints allow any origin.
 */
function answersOwnCors(service: EdgeService): boolean {
  return service.answersOwnCors ?? service.signingNames.includes('s3');
}

/** HTTP/2's connection preface starts `PRI * HTTP/2.0`; a first packet may hold only part of it. */
function isHttp2Preface(first: Buffer): boolean {
  const preface = 'PRI * HTTP/2.0';
  const start = first.subarray(0, preface.length).toString('latin1');
  return start.length > 0 && preface.startsWith(start) && start.startsWith('PRI');
}

/**
 * node:http2 reads a net.Socket's handle directly, so a chunk already read (the preface) cannot
 * be unshifted back: the HTTP/2 server gets a stream that replays it and then relays the socket.
 */
function relayFrom(socket: Socket, first: Buffer): Duplex {
  const relay = new Duplex({
    read() {
      socket.resume();
    },
    write(data: Buffer, _encoding, callback) {
      socket.write(data, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
  });
  // API Gateway's `identity.sourceIp` reads the client's address from the connection.
  Object.defineProperty(relay, 'remoteAddress', { value: socket.remoteAddress });
  relay.push(first);
  socket.on('data', (data: Buffer) => {
    if (!relay.push(data)) socket.pause();
  });
  socket.on('end', () => relay.push(null));
  socket.on('error', (error) => relay.destroy(error));
  socket.on('close', () => relay.destroy());
  relay.on('close', () => socket.destroy());
  return relay;
}

/**
 * The request's headers as the services read them: HTTP/2's pseudo-headers dropped, and `host`
 * from `:authority` when the client sent none (SigV4 signs `host`).
 */
function plainHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const plain: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(':')) plain[name] = value;
  }
  const authority = headers[':authority'];
  if (plain.host === undefined && typeof authority === 'string') plain.host = authority;
  return plain;
}

class BodyTooLarge extends Error {}

async function readBody(
  incoming: IncomingMessage | Http2ServerRequest,
  limit: number,
): Promise<Buffer> {
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
