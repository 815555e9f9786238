import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Authorize, EdgeRequest, EdgeResponse, EdgeService } from '../edge/contracts';
import { decodeAwsChunked, isAwsChunked } from './aws-chunked';
import { KeyLock } from './key-lock';
import { escapeXml, type LocalBucket } from './local-buckets';
import { createSequencer, objectEventEntry, type ObjectChange } from './object-events';
import { s3Accesses, type S3Target } from './s3-accesses';
import { isHopByHop, sendToS3rver, type BackendResponse } from './s3rver-client';

export interface S3ServiceDeps {
  /** s3rver's endpoint. */
  backend: string;
  buckets: readonly LocalBucket[];
  authorize: Authorize;
  accountId: string;
  /** Where EventBridge-enabled buckets send Object Created / Object Deleted (the default bus). */
  putEvents?: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResult | void>;
  log?: (line: string) => void;
  now?: () => Date;
}

/** What PutEvents answers: entries that failed are reported, not thrown. */
export interface PutEventsResult {
  FailedEntryCount?: number;
  Entries?: { ErrorCode?: string; ErrorMessage?: string }[];
}

export interface LocalS3Service extends EdgeService {
  /** Resolves once every object event so far has been handed to `putEvents`. */
  idle(): Promise<void>;
}

/** Query parameters of SigV4 presigned URLs (and the SDK's `x-id`): not for s3rver. */
const SIGNING_QUERY = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'x-id',
]);
/** Request headers s3rver must not see: signing, streaming framing, conditions we evaluate. */
const SIGNING_HEADERS = new Set([
  'authorization',
  'x-amz-security-token',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'x-amz-trailer',
  'content-length',
]);

/**
 * S3 on the edge, in front of s3rver (which checks no signatures, no IAM and no conditions):
 * anonymous requests are denied (public access is blocked), guests are asked about each action
 * S3 would authorize, presigned URLs expire, `If-None-Match: *` / `If-Match` on PUT are
 * evaluated here under a per-key lock (412 `PreconditionFailed`), streaming `aws-chunked`
 * uploads are unframed, and object changes in EventBridge-enabled buckets are sent to the
 * default bus. CORS (preflights and response headers) is s3rver's, from the bucket's rules.
 */
export function s3Service(deps: S3ServiceDeps): LocalS3Service {
  const buckets = new Map(deps.buckets.map((bucket) => [bucket.name, bucket]));
  const locks = new KeyLock();
  const sequencer = createSequencer();
  const now = deps.now ?? (() => new Date());
  let events: Promise<void> = Promise.resolve();

  const emit = (changes: ObjectChange[]) => {
    if (!deps.putEvents || changes.length === 0) return;
    const putEvents = deps.putEvents;
    const entries = changes.map(objectEventEntry);
    // S3 notifies asynchronously: the request is answered without waiting for the bus, but
    // events leave in the order their changes happened.
    events = events
      .then(() => putEvents(entries))
      .then(
        (result) => {
          if (!result?.FailedEntryCount) return;
          const reasons = (result.Entries ?? [])
            .filter((entry) => entry.ErrorCode)
            .map((entry) => `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`);
          deps.log?.(
            `s3: the bus refused ${result.FailedEntryCount} object event(s): ${reasons.join('; ')}`,
          );
        },
        (error: unknown) =>
          deps.log?.(`s3: could not deliver ${entries.length} object event(s): ${String(error)}`),
      );
  };

  return {
    signingNames: ['s3'],
    // Unsigned requests (CORS preflights, anonymous reads to be denied) name a bucket we know.
    matches: (request) => {
      const bucket = targetOf({ ...request, caller: { kind: 'anonymous' } }, buckets)?.bucket;
      return bucket !== undefined && buckets.has(bucket);
    },
    idle: () => events,
    async handle(request) {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const respond = (response: EdgeResponse): EdgeResponse => ({
        ...response,
        headers: { ...response.headers, 'x-amz-request-id': requestId },
      });
      const target = targetOf(request, buckets);
      if (!target)
        return respond(s3Error(400, 'InvalidURI', 'Couldn’t parse the specified URI.', requestId));
      const backendPath = backendPathOf(target, request.query);

      // CORS preflights carry no credentials; s3rver answers them from the bucket's rules.
      if (request.method === 'OPTIONS') {
        const preflight = fromBackend(await forward(request, backendPath, request.body, new Set()));
        const bucket = target.bucket ? buckets.get(target.bucket) : undefined;
        return respond(
          preflight.status === 200 && bucket
            ? completePreflight(preflight, bucket, request)
            : preflight,
        );
      }
      const expired = presignedExpired(request.query, now());
      if (expired) return respond(s3Error(403, 'AccessDenied', expired, requestId));
      if (request.caller.kind === 'anonymous') {
        return respond(s3Error(403, 'AccessDenied', 'Access Denied', requestId));
      }

      let body = request.body;
      if (isAwsChunked(request.headers)) {
        try {
          body = decodeAwsChunked(request.body);
        } catch (error) {
          return respond(s3Error(400, 'IncompleteBody', (error as Error).message, requestId));
        }
      }
      const deleteKeys =
        request.method === 'POST' && request.query.has('delete') ? keysOfDeleteRequest(body) : [];

      if (request.caller.kind === 'guest') {
        const accesses = s3Accesses(
          request.method,
          target,
          request.query,
          request.headers,
          deleteKeys,
        );
        for (const access of accesses) {
          if (
            !(await deps.authorize(request.caller, access.action, access.resource, access.context))
          ) {
            return respond(s3Error(403, 'AccessDenied', 'Access Denied', requestId));
          }
        }
      }

      const bucket = target.bucket ? buckets.get(target.bucket) : undefined;
      const change = (
        kind: ObjectChange['kind'],
        key: string,
        reason: string,
        head?: BackendResponse,
      ) => ({
        kind,
        bucket: bucket?.name ?? '',
        bucketArn: bucket?.arn ?? '',
        key,
        ...(head
          ? { size: Number(head.headers['content-length'] ?? 0), etag: unquote(head.headers.etag) }
          : {}),
        ...(head?.headers['x-amz-version-id']
          ? { versionId: head.headers['x-amz-version-id'] }
          : {}),
        sequencer: sequencer(),
        requestId,
        requester: deps.accountId,
        sourceIp: sourceIpOf(request),
        reason,
        time: now(),
      });
      const writeReason = objectWriteReason(request, target);
      if (target.bucket && target.key !== undefined && writeReason) {
        const { bucket: bucketName, key } = target;
        return respond(
          await locks.run(`${bucketName}/${key}`, async () => {
            if (request.method === 'PUT') {
              const failed = await preconditionFailure(
                request,
                { bucket: bucketName, key },
                requestId,
              );
              if (failed) return failed;
            }
            const response = await forward(request, backendPath, body, CONDITION_HEADERS);
            if (response.status < 300 && bucket?.eventBridge) {
              if (writeReason === 'DeleteObject') {
                emit([change('Object Deleted', key, writeReason)]);
              } else {
                const head = await sendToS3rver(
                  deps.backend,
                  'HEAD',
                  objectPath(bucketName, key),
                  {},
                );
                if (head.status === 200) emit([change('Object Created', key, writeReason, head)]);
              }
            }
            return fromBackend(response);
          }),
        );
      }

      const response = await forward(request, backendPath, body, new Set());
      if (deleteKeys.length > 0 && response.status < 300 && bucket?.eventBridge) {
        emit(
          deletedKeysOf(response.body).map((key) => change('Object Deleted', key, 'DeleteObject')),
        );
      }
      return respond(fromBackend(response));
    },
  };

  function forward(
    request: EdgeRequest,
    backendPath: string,
    body: Buffer,
    dropped: ReadonlySet<string>,
  ): Promise<BackendResponse> {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || isHopByHop(name) || SIGNING_HEADERS.has(name) || dropped.has(name))
        continue;
      if (name === 'content-encoding') {
        const rest = String(value)
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== 'aws-chunked' && part !== '');
        if (rest.length > 0) headers[name] = rest.join(', ');
        continue;
      }
      headers[name] = value;
    }
    const hasBody = body.length > 0 || request.method === 'PUT' || request.method === 'POST';
    return sendToS3rver(
      deps.backend,
      request.method,
      backendPath,
      headers,
      hasBody ? body : undefined,
    );
  }

  async function preconditionFailure(
    request: EdgeRequest,
    target: Required<S3Target>,
    requestId: string,
  ): Promise<EdgeResponse | undefined> {
    const ifNoneMatch = headerOf(request, 'if-none-match');
    const ifMatch = headerOf(request, 'if-match');
    if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
      return s3Error(501, 'NotImplemented', 'If-None-Match on PUT only supports *', requestId);
    }
    const head = await sendToS3rver(
      deps.backend,
      'HEAD',
      objectPath(target.bucket, target.key),
      {},
    );
    const exists = head.status === 200;
    if (ifNoneMatch !== undefined && exists) return preconditionFailed('If-None-Match', requestId);
    if (ifMatch !== undefined) {
      if (!exists) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.', requestId);
      const wanted = ifMatch.split(',').map((tag) => unquote(tag.trim()));
      if (!wanted.includes('*') && !wanted.includes(unquote(head.headers.etag))) {
        return preconditionFailed('If-Match', requestId);
      }
    }
    return undefined;
  }
}

const CONDITION_HEADERS = new Set(['if-none-match', 'if-match']);

/** Path-style `/bucket/key`, or virtual-hosted `bucket.<host>/key` for a bucket we know. */
function targetOf(
  request: EdgeRequest,
  buckets: ReadonlyMap<string, LocalBucket>,
): S3Target | undefined {
  let segments: string[];
  try {
    segments = request.path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const host = String(request.headers.host ?? '').replace(/:\d+$/, '');
  const hosted = [...buckets.keys()].find((name) => host.startsWith(`${name}.`));
  if (hosted) {
    const key = segments.join('/');
    return { bucket: hosted, ...(key ? { key } : {}) };
  }
  const [bucket, ...rest] = segments;
  if (!bucket) return {};
  const key = rest.join('/');
  return { bucket, ...(rest.length > 0 && key !== '' ? { key } : {}) };
}

function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function backendPathOf(target: S3Target, query: URLSearchParams): string {
  const path = !target.bucket
    ? '/'
    : target.key === undefined
      ? `/${encodeURIComponent(target.bucket)}`
      : objectPath(target.bucket, target.key);
  const kept = new URLSearchParams([...query].filter(([name]) => !SIGNING_QUERY.has(name)));
  const search = kept.toString();
  return search ? `${path}?${search}` : path;
}

/** Which object change a request makes, if it writes one object (for the lock and the event). */
function objectWriteReason(request: EdgeRequest, target: S3Target): string | undefined {
  if (target.key === undefined) return undefined;
  const query = request.query;
  if (['acl', 'tagging', 'retention', 'legal-hold'].some((name) => query.has(name)))
    return undefined;
  if (request.method === 'PUT' && !query.has('uploadId')) {
    return request.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  }
  if (request.method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
  if (request.method === 'DELETE' && !query.has('uploadId')) return 'DeleteObject';
  return undefined;
}

/** Why a presigned URL is no longer valid, if it is not. */
function presignedExpired(query: URLSearchParams, now: Date): string | undefined {
  const date = query.get('X-Amz-Date');
  const expires = query.get('X-Amz-Expires');
  if (!date || !expires) return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  const seconds = Number(expires);
  if (!match || !Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) {
    return 'X-Amz-Date or X-Amz-Expires of the presigned URL is invalid';
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const signedAt = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  return now.getTime() > signedAt + seconds * 1000 ? 'Request has expired' : undefined;
}

function keysOfDeleteRequest(body: Buffer): string[] {
  const objects = body.toString('utf8').match(/<Object>[\s\S]*?<\/Object>/g) ?? [];
  return objects.map((object) => unescapeXml(/<Key>([\s\S]*?)<\/Key>/.exec(object)?.[1] ?? ''));
}

function deletedKeysOf(body: Buffer): string[] {
  const deleted = body.toString('utf8').match(/<Deleted>[\s\S]*?<\/Deleted>/g) ?? [];
  return deleted.map((entry) => unescapeXml(/<Key>([\s\S]*?)<\/Key>/.exec(entry)?.[1] ?? ''));
}

function unescapeXml(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity] ?? '';
  });
}

/**
 * s3rver answers preflights without the rule's `Access-Control-Max-Age` and always with origin
 * `*`; S3 sends the max age and echoes the origin for rules that name origins.
 */
function completePreflight(
  response: EdgeResponse,
  bucket: LocalBucket,
  request: EdgeRequest,
): EdgeResponse {
  const origin = headerOf(request, 'origin') ?? '';
  const method = headerOf(request, 'access-control-request-method') ?? '';
  const rule = bucket.corsRules.find(
    (candidate) =>
      candidate.AllowedMethods.includes(method) &&
      candidate.AllowedOrigins.some((allowed) => globMatches(allowed, origin)),
  );
  if (!rule) return response;
  const headers = { ...response.headers };
  if (!rule.AllowedOrigins.includes('*')) headers['access-control-allow-origin'] = origin;
  if (rule.MaxAge !== undefined) headers['access-control-max-age'] = String(rule.MaxAge);
  return { ...response, headers };
}

/** CORS origins allow one `*` wildcard. */
function globMatches(pattern: string, value: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(value);
}

function fromBackend(response: BackendResponse): EdgeResponse {
  return { status: response.status, headers: response.headers, body: response.body };
}

function s3Error(status: number, code: string, message: string, requestId: string): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
  };
}

function preconditionFailed(condition: string, requestId: string): EdgeResponse {
  return {
    status: 412,
    headers: { 'content-type': 'application/xml' },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>` +
      `<Message>At least one of the pre-conditions you specified did not hold</Message>` +
      `<Condition>${condition}</Condition><RequestId>${requestId}</RequestId></Error>`,
  };
}

function headerOf(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"|"$/g, '');
}

function sourceIpOf(request: EdgeRequest): string {
  return request.sourceIp ?? '127.0.0.1';
}
