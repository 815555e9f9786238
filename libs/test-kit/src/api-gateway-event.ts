import type { APIGatewayProxyEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export interface ApiGatewayRestEventInput {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  /** The resource template, e.g. `/v1/conversations/{id}`. */
  resource: string;
  /** The concrete path; defaults to `resource` with the path parameters filled in. */
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  /** The caller's Cognito identity id (IAM auth with identity-pool credentials); null = none. */
  identityId?: string | null;
  headers?: Record<string, string>;
  stage?: string;
}

/**
 * An API Gateway REST (v1) Lambda proxy event as API Gateway sends it for an IAM-authorized
 * caller holding Cognito identity-pool credentials: the identity is in
 * `requestContext.identity.cognitoIdentityId`.
 */
export function apiGatewayRestEvent(input: ApiGatewayRestEventInput): APIGatewayProxyEvent {
  const stage = input.stage ?? 'test';
  const pathParameters = input.pathParameters ?? null;
  const path =
    input.path ??
    Object.entries(pathParameters ?? {}).reduce(
      (template, [name, value]) => template.replace(`{${name}}`, encodeURIComponent(value)),
      input.resource,
    );
  const identityId =
    input.identityId === undefined
      ? 'us-east-1:7f0f4bd2-2f5e-4c39-8f0c-6bb2a4f5e0a1'
      : input.identityId;
  const headers = { 'content-type': 'application/json', ...input.headers };
  const query = input.query ?? null;
  const body =
    input.body === undefined
      ? null
      : typeof input.body === 'string'
        ? input.body
        : JSON.stringify(input.body);
  const now = Date.now();

  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: query,
    multiValueQueryStringParameters: query
      ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      path: `/${stage}${path}`,
      stage,
      requestId: randomUUID(),
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: 'abc123',
      resourcePath: input.resource,
      identity: {
        accessKey: 'ASIAEXAMPLEEXAMPLE00',
        accountId: '123456789012',
        apiKey: null,
        apiKeyId: null,
        caller: 'AROAEXAMPLEEXAMPLE00:CognitoIdentityCredentials',
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: identityId ? 'unauthenticated' : null,
        cognitoIdentityId: identityId,
        cognitoIdentityPoolId: identityId ? 'us-east-1:0e4f5b0c-1111-2222-3333-444455556666' : null,
        principalOrgId: null,
        sourceIp: '203.0.113.10',
        user: 'AROAEXAMPLEEXAMPLE00:CognitoIdentityCredentials',
        userAgent: 'booktrip-tests',
        userArn: 'arn:aws:sts::123456789012:assumed-role/guest/CognitoIdentityCredentials',
      },
    },
  };
}
