import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type { Caller, EdgeRequest } from '../edge/contracts';
import type { RouteMatch } from './match-route';

export interface ProxyEventContext {
  apiId: string;
  accountId: string;
  stage: string;
  stageVariables: Record<string, string>;
  /** The path under the stage, e.g. `/v1/conversations/abc`. */
  path: string;
  requestId: string;
  /** The Host the client used (API Gateway's `domainName`). */
  domainName: string;
  binaryMediaTypes: readonly string[];
  now: Date;
}

/**
 * The Lambda proxy integration's event, in API Gateway REST's (v1) exact shape: single- and
 * multi-value headers and query strings (null when absent), path parameters, stage variables,
 * the request context with the caller's identity (Cognito identity id and pool for guests'
 * identity-pool credentials), and the body — base64 for binary media types.
 */
export function proxyEvent(
  request: EdgeRequest,
  route: RouteMatch,
  context: ProxyEventContext,
): APIGatewayProxyEvent {
  const { headers, multiValueHeaders } = eventHeaders(request, context);
  const { single: queryStringParameters, multi: multiValueQueryStringParameters } = multiMap([
    ...request.query.entries(),
  ]);
  const contentType = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const binary = context.binaryMediaTypes.some((type) => mediaTypeMatches(type, contentType));
  const resourcePath = route.resource.path;
  return {
    resource: resourcePath,
    path: context.path,
    httpMethod: request.method.toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    pathParameters: Object.keys(route.pathParameters).length ? route.pathParameters : null,
    stageVariables: Object.keys(context.stageVariables).length ? context.stageVariables : null,
    requestContext: {
      resourceId: route.resource.id,
      resourcePath,
      httpMethod: request.method.toUpperCase(),
      extendedRequestId: context.requestId.replace(/-/g, '').slice(0, 16),
      requestTime: requestTime(context.now),
      path: `/${context.stage}${context.path}`,
      accountId: context.accountId,
      protocol: 'HTTP/1.1',
      stage: context.stage,
      domainPrefix: context.domainName.split('.')[0] ?? context.domainName,
      requestTimeEpoch: context.now.getTime(),
      requestId: context.requestId,
      identity: identity(request, route, context.accountId),
      domainName: context.domainName,
      apiId: context.apiId,
      authorizer: null,
    } as APIGatewayProxyEvent['requestContext'],
    body: request.body.length ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: binary && request.body.length > 0,
  };
}

function identity(request: EdgeRequest, route: RouteMatch, accountId: string) {
  const caller = route.method.authorizationType === 'AWS_IAM' ? request.caller : undefined;
  const guest = caller?.kind === 'guest' ? caller : undefined;
  const signed = caller && caller.kind !== 'anonymous' ? caller : undefined;
  const principal = signed && principalOf(signed);
  return {
    cognitoIdentityPoolId: guest?.identityPoolId ?? null,
    accountId: signed ? accountId : null,
    cognitoIdentityId: guest?.identityId ?? null,
    caller: principal ?? null,
    sourceIp: request.sourceIp ?? '127.0.0.1',
    principalOrgId: null,
    accessKey: signed?.accessKeyId ?? null,
    cognitoAuthenticationType: guest ? 'unauthenticated' : null,
    cognitoAuthenticationProvider: null,
    userArn: signed?.arn ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    user: principal ?? null,
    apiKey: null,
    apiKeyId: null,
    clientCert: null,
  };
}

/**
 * IAM's `<unique id>:<session>` for a role session, `<unique id>` for a user, as API Gateway
 * fills `caller`/`user`. Local principals have no unique ids: a stable one is derived.
 */
function principalOf(caller: Exclude<Caller, { kind: 'anonymous' }>): string {
  const digest = createHash('sha256').update(caller.arn).digest('hex').slice(0, 17).toUpperCase();
  const session = /:assumed-role\/[^/]+\/(.+)$/.exec(caller.arn)?.[1];
  return session ? `AROA${digest}:${session}` : `AIDA${digest}`;
}

function eventHeaders(request: EdgeRequest, context: ProxyEventContext) {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push([name, item]);
  }
  const present = new Set(entries.map(([name]) => name));
  // What API Gateway adds in front of the integration.
  const added: [string, string][] = [
    ['x-forwarded-for', request.sourceIp ?? '127.0.0.1'],
    ['x-forwarded-proto', 'http'],
    [
      'x-amzn-trace-id',
      `Root=1-${Math.floor(context.now.getTime() / 1000).toString(16)}-${context.requestId.replace(/-/g, '').slice(0, 24)}`,
    ],
  ];
  for (const [name, value] of added) if (!present.has(name)) entries.push([name, value]);
  const { single, multi } = multiMap(entries);
  return { headers: single ?? {}, multiValueHeaders: multi ?? {} };
}

/** Single values (the last one wins, as in API Gateway) and all values; null when empty. */
function multiMap(entries: [string, string][]) {
  if (!entries.length) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of entries) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

function mediaTypeMatches(pattern: string, contentType: string): boolean {
  if (pattern === '*/*') return true;
  const [type, subtype] = pattern.toLowerCase().split('/');
  const [actualType, actualSubtype] = contentType.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `01/Dec/2026:07:20:00 +0000`, API Gateway's `requestTime`. */
function requestTime(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
}
