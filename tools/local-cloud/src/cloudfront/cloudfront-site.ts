import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { EdgeResponse, LocalResource } from '../edge/contracts';
import {
  localDistributions,
  type LocalBehavior,
  type LocalDistribution,
} from './local-distribution';
import { applyResponseHeadersPolicy } from './response-headers';

/** An object as the local S3 holds it; `undefined` when there is no such key. */
export interface StoredObject {
  body: Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: Date;
  cacheControl?: string;
}

/** Reads an object of the local S3 (lc-data's store), bypassing IAM as CloudFront's OAC would. */
export type ReadObject = (bucket: string, key: string) => Promise<StoredObject | undefined>;

export interface CloudFrontDeps {
  resources: LocalResource[];
  readObject: ReadObject;
  /** Which distribution the web port serves when the stacks hold several (default: the first). */
  distributionId?: string;
  log?: (line: string) => void;
}

export interface CloudFrontRequest {
  method: string;
  /** The path as sent, without the query string. */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
}

export interface LocalCloudFront {
  /** The distribution served, or `undefined` when the stacks declare none. */
  distribution?: LocalDistribution;
  distributions: LocalDistribution[];
  handle(request: CloudFrontRequest): Promise<EdgeResponse>;
  /** The web port's request listener (mount it as `startLocalCloud({ webHandler })`). */
  handler: RequestListener;
  stop(): Promise<void>;
}

// S3 stores what the deployment said; when it said nothing, the extension decides, as the AWS
// CLI that BucketDeployment runs would have.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const errorBody = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/**
 * The local CloudFront: serves a distribution's S3 origins on the web port the way CloudFront
 * would — the default root object, cache behaviours by path pattern, each behaviour's response
 * headers policy, custom error responses (the SPA fallback) and conditional GETs — from the
 * objects the local S3 holds (a BucketDeployment filled them). Generic: it reads everything
 * from `AWS::CloudFront::Distribution` and `AWS::CloudFront::ResponseHeadersPolicy`.
 */
export function createLocalCloudFront(deps: CloudFrontDeps): LocalCloudFront {
  const log = deps.log ?? (() => undefined);
  const distributions = localDistributions(deps.resources, log);
  const distribution = deps.distributionId
    ? distributions.find((d) => d.id === deps.distributionId)
    : distributions[0];
  if (deps.distributionId && !distribution) {
    throw new Error(
      `No CloudFront distribution ${deps.distributionId} in the loaded stacks (have: ${distributions.map((d) => d.id).join(', ') || 'none'})`,
    );
  }
  if (distributions.length > 1 && distribution) {
    log(
      `CloudFront: ${distributions.length} distributions; the web port serves ${distribution.id} (${distribution.stackName})`,
    );
  }

  const behaviorFor = (d: LocalDistribution, path: string): LocalBehavior =>
    d.behaviors.find((b) => b.matches(path)) ?? (d.behaviors.at(-1) as LocalBehavior);

  /** Fetches `path` from its behaviour's origin: the object, or the status S3 would answer. */
  async function fromOrigin(
    d: LocalDistribution,
    path: string,
  ): Promise<{ behavior: LocalBehavior; object?: StoredObject; status: number; key?: string }> {
    const behavior = behaviorFor(d, path);
    const decoded = decodePath(path);
    if (decoded === undefined) return { behavior, status: 400 };
    const key = `${behavior.originPath}${decoded}`.replace(/^\/+/, '');
    // Through origin access control without s3:ListBucket, S3 answers a missing key with 403.
    if (!key) return { behavior, status: 403 };
    const object = await deps.readObject(behavior.bucket, key);
    return object ? { behavior, object, status: 200, key } : { behavior, status: 403 };
  }

  async function handle(request: CloudFrontRequest): Promise<EdgeResponse> {
    if (!distribution) {
      return {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: 'No CloudFront distribution in the loaded stacks',
      };
    }
    const method = request.method.toUpperCase();
    const path =
      request.path === '/' && distribution.defaultRootObject
        ? `/${distribution.defaultRootObject}`
        : request.path;
    const first = behaviorFor(distribution, path);
    if (!first.allowedMethods.includes(method)) {
      return respond(
        first,
        403,
        {},
        errorBody('MethodNotAllowed', `${method} is not allowed on this behaviour`),
        method,
      );
    }

    let result = await fromOrigin(distribution, path);
    let status = result.status;
    if (status !== 200) {
      const custom = distribution.errorResponses.find((e) => e.errorCode === status);
      if (custom?.responsePagePath) {
        const page = await fromOrigin(distribution, custom.responsePagePath);
        if (page.object) {
          result = page;
          status = custom.responseCode ?? status;
        }
      } else if (custom?.responseCode) {
        status = custom.responseCode;
      }
    }
    const { object, behavior } = result;
    if (!object) {
      const body =
        status === 400
          ? errorBody('InvalidURI', 'Could not parse the request path')
          : errorBody('AccessDenied', 'Access Denied');
      return respond(behavior, status, { 'content-type': 'application/xml' }, body, method);
    }

    const headers: Record<string, string> = {
      // The type of the object served: the error page's, after a fallback.
      'content-type':
        object.contentType ??
        CONTENT_TYPES[extname(result.key ?? '').toLowerCase()] ??
        'application/octet-stream',
    };
    if (object.etag) headers.etag = object.etag.startsWith('"') ? object.etag : `"${object.etag}"`;
    if (object.lastModified) headers['last-modified'] = object.lastModified.toUTCString();
    if (object.cacheControl) headers['cache-control'] = object.cacheControl;
    const ifNoneMatch = request.headers?.['if-none-match'];
    if (
      status === 200 &&
      headers.etag &&
      typeof ifNoneMatch === 'string' &&
      ifNoneMatch.split(/\s*,\s*/).includes(headers.etag)
    ) {
      return respond(behavior, 304, headers, undefined, method);
    }
    return respond(behavior, status, headers, object.body, method);
  }

  function respond(
    behavior: LocalBehavior,
    status: number,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    method: string,
  ): EdgeResponse {
    const withPolicy = applyResponseHeadersPolicy(headers, behavior.responseHeaders);
    return { status, headers: withPolicy, body: method === 'HEAD' ? undefined : body };
  }

  const handler: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    handle({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers })
      .then((response) => {
        const body = response.body === undefined ? undefined : Buffer.from(response.body);
        res.writeHead(response.status, {
          ...response.headers,
          ...(body ? { 'content-length': String(body.length) } : {}),
        });
        res.end(body);
      })
      .catch((error: unknown) => {
        log(`CloudFront: ${req.method} ${req.url} failed: ${String(error)}`);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/xml' });
        res.end(errorBody('BadGateway', 'The origin could not be read'));
      });
  };

  return { distribution, distributions, handle, handler, stop: async () => undefined };
}

/**
 * The web port's listener: the stacks' CloudFront distribution when they declare one,
 * otherwise `fallback` (the local cloud's status page).
 */
export function webPortHandler(deps: CloudFrontDeps, fallback: RequestListener): RequestListener {
  const cloudFront = createLocalCloudFront(deps);
  return cloudFront.distribution ? cloudFront.handler : fallback;
}
