import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingHttpHeaders } from 'node:http';
import { NodeSha256 } from './node-sha256';

/** What a SigV4 signature says about its request, from `Authorization` or a presigned query. */
export interface SigV4Claims {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`). */
  amzDate: string;
  sessionToken?: string;
  /** Set for presigned URLs: seconds from `amzDate` the URL is valid for. */
  expiresIn?: number;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})$/;

/**
 * Reads the SigV4 claims of a request. `undefined` means unsigned; a malformed signature is an
 * error, so a client bug is answered clearly instead of being treated as anonymous.
 */
export function parseSigV4(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): SigV4Claims | undefined {
  const authorization = headerValue(headers, 'authorization');
  if (authorization !== undefined) {
    const match = AUTHORIZATION.exec(authorization.trim());
    if (!match)
      throw new SigV4Error('IncompleteSignature', 'The Authorization header is malformed');
    const [, accessKeyId, scopeDate, region, service, signedHeaders, signature] =
      match as unknown as [string, string, string, string, string, string, string];
    const amzDate = headerValue(headers, 'x-amz-date');
    if (!amzDate) throw new SigV4Error('IncompleteSignature', 'The request has no X-Amz-Date');
    return {
      accessKeyId,
      scopeDate,
      region,
      service,
      signedHeaders: signedHeaders.split(';'),
      signature,
      amzDate,
      sessionToken: headerValue(headers, 'x-amz-security-token'),
    };
  }
  const credential = query.get('X-Amz-Credential');
  if (credential === null) return undefined;
  const parts = credential.split('/');
  const signature = query.get('X-Amz-Signature');
  const amzDate = query.get('X-Amz-Date');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const expires = Number(query.get('X-Amz-Expires') ?? '900');
  if (
    parts.length !== 5 ||
    parts[4] !== 'aws4_request' ||
    query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' ||
    !signature ||
    !amzDate ||
    !signedHeaders ||
    !Number.isInteger(expires)
  ) {
    throw new SigV4Error('AuthorizationQueryParametersError', 'The presigned URL is malformed');
  }
  const [accessKeyId, scopeDate, region, service] = parts as [string, string, string, string];
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
    expiresIn: expires,
  };
}

export class SigV4Error extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SignedRequest {
  method: string;
  /** The path exactly as it came on the wire (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How far a signature's date may be from now, as AWS allows (15 minutes). */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Recomputes the request's signature with `secretAccessKey` and compares. The canonical request
 * is built by `@smithy/signature-v4` itself — the SDK's own signer — over exactly the headers
 * the caller signed, so both ends agree on encoding rules (S3 paths are not double-encoded).
 */
export async function verifySigV4(
  request: SignedRequest,
  claims: SigV4Claims,
  secretAccessKey: string,
  now = new Date(),
): Promise<void> {
  const signingDate = parseAmzDate(claims.amzDate);
  if (!claims.amzDate.startsWith(claims.scopeDate)) {
    throw new SigV4Error(
      'SignatureDoesNotMatch',
      'The credential scope date is not the request date',
    );
  }
  if (claims.expiresIn !== undefined) {
    if (now.getTime() > signingDate.getTime() + claims.expiresIn * 1000) {
      throw new SigV4Error('AccessDenied', 'Request has expired');
    }
  } else if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new SigV4Error(
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large',
    );
  }

  const signedHeaderSet = new Set(claims.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of claims.signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) {
      throw new SigV4Error('SignatureDoesNotMatch', `Signed header ${name} is missing`);
    }
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    if (claims.expiresIn !== undefined && PRESIGN_PARAMETERS.has(key)) continue;
    const values = request.query.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  const isS3 = claims.service === 's3';
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: claims.accessKeyId,
      secretAccessKey,
      sessionToken: claims.sessionToken,
    },
    region: claims.region,
    service: claims.service,
    sha256: NodeSha256,
    uriEscapePath: !isS3,
    applyChecksum: isS3,
  });
  const host = headers.host ?? '';
  const httpRequest = {
    method: request.method,
    protocol: 'http:',
    hostname: host.split(':')[0] ?? '',
    path: request.rawPath,
    query,
    headers,
    body: request.body.length > 0 ? request.body : undefined,
  };
  const options = {
    signingDate,
    signingRegion: claims.region,
    signingService: claims.service,
    signableHeaders: signedHeaderSet,
  };
  let expected: string | undefined;
  if (claims.expiresIn !== undefined) {
    // Presigned S3 URLs sign `UNSIGNED-PAYLOAD` (the query may say so); the signer reads the
    // payload hash from this header, which must itself stay out of the signed and hoisted set.
    const payloadHeader = {
      'x-amz-content-sha256': request.query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
    };
    const presigned = await signer.presign(
      { ...httpRequest, headers: { ...headers, ...(isS3 ? payloadHeader : {}) }, body: undefined },
      {
        ...options,
        expiresIn: claims.expiresIn,
        unhoistableHeaders: new Set([...signedHeaderSet, 'x-amz-content-sha256']),
        unsignableHeaders: new Set(['x-amz-content-sha256']),
      },
    );
    expected = String(presigned.query?.['X-Amz-Signature']);
  } else {
    const signed = await signer.sign(httpRequest, options);
    expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1];
  }
  if (expected !== claims.signature) {
    throw new SigV4Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided',
    );
  }
}

const PRESIGN_PARAMETERS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
]);

function parseAmzDate(value: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match)
    throw new SigV4Error('IncompleteSignature', `X-Amz-Date ${value} is not ISO 8601 basic`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}
