// The seams between the edge and the emulated services. Every emulator (Lambda, EventBridge,
// SQS, Step Functions, API Gateway, S3, Lex, Polly, …) is built from the synthesized resources
// it owns and answers the edge's requests; the edge only authenticates and routes. Keeping
// these types small lets each service be written and tested on its own.
import type { IncomingHttpHeaders } from 'node:http';

/** Who made a request, as the edge established it from the request's SigV4 signature. */
export type Caller =
  /** Any credentials not issued by the local Cognito identity pool: the account's administrator. */
  | { kind: 'admin'; accessKeyId: string; arn: string }
  /** Credentials the local Cognito issued: they act as the identity pool's role. */
  | {
      kind: 'guest';
      accessKeyId: string;
      identityId: string;
      roleArn: string;
      arn: string;
      /** The identity pool that issued the credentials. */
      identityPoolId?: string;
    }
  /** No signature (Cognito's GetId/GetCredentialsForIdentity, presigned-less S3, …). */
  | { kind: 'anonymous' };

export interface EdgeRequest {
  method: string;
  /** The path without the query string, percent-decoded per segment by the service if needed. */
  path: string;
  query: URLSearchParams;
  /** Node's lower-cased headers. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The SigV4 credential scope's service (`sqs`, `lex`, `execute-api`, `s3`…), when signed. */
  signingService?: string;
  caller: Caller;
  /** The client's address (API Gateway's `identity.sourceIp`); 127.0.0.1 when not given. */
  sourceIp?: string;
}

export interface EdgeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * An emulated AWS service on the edge. The edge routes a request to the service whose
 * `signingNames` contain the request's SigV4 signing name (or, unsigned, whose `matches` says
 * yes), after verifying the signature and resolving the caller.
 */
export interface EdgeService {
  /** SigV4 signing names this service answers, e.g. `['sqs']`, `['lex']`, `['polly']`. */
  readonly signingNames: readonly string[];
  /**
   * `X-Amz-Target` prefixes this service answers (`AWSCognitoIdentityService`, `AmazonSQS`…);
   * routes unsigned JSON-protocol calls, and signed ones whose signing name is shared.
   */
  readonly targetPrefixes?: readonly string[];
  /** For requests without a signature (e.g. Cognito's GetId): does this service take it? */
  matches?(request: Omit<EdgeRequest, 'caller' | 'signingService'>): boolean;
  handle(request: EdgeRequest): Promise<EdgeResponse>;
  stop?(): Promise<void>;
}

/**
 * Whether `caller` may perform `action` (e.g. `lex:RecognizeText`) on `resource` (an ARN),
 * given the condition keys the request carries. Admin callers are always allowed; guests are
 * judged by their role's policies from the template.
 */
export type Authorize = (
  caller: Caller,
  action: string,
  resource: string,
  context?: Record<string, string | string[]>,
) => Promise<boolean>;

/** A synthesized resource as the local cloud runs it: intrinsics resolved to local values. */
export interface LocalResource {
  stackName: string;
  logicalId: string;
  type: string;
  /** The template's properties with Ref/GetAtt/Join/Sub/SSM parameters resolved. */
  properties: Record<string, unknown>;
  /** What `Ref` gives: a name, URL or id, as CloudFormation returns it for the type. */
  physicalId: string;
  arn?: string;
  /** The cloud assembly folder; asset paths in the template are relative to it. */
  assemblyDir: string;
  /** The template's `Metadata` of the resource (`aws:asset:path`, `aws:cdk:path`…). */
  metadata?: Record<string, unknown>;
  /** The resource's `DependsOn`, as logical ids of the same stack. */
  dependsOn?: string[];
}

/** Temporary credentials the local Cognito identity pool issued to a guest. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  /** `region:uuid`, as Cognito spells identity ids. */
  identityId: string;
  /** The pool's role from the template these credentials act as. */
  roleArn: string;
  /** The assumed-role ARN the guest acts as; derived from `roleArn` when absent. */
  arn?: string;
  /** The identity pool's id (`cognito-identity.amazonaws.com:aud`). */
  identityPoolId?: string;
}

/**
 * The edge asks this for every signed request: credentials found here are a guest's and are
 * verified and authorized; any others act as the administrator.
 */
export interface GuestCredentialSource {
  /** The credentials issued under this key, expired ones included (answered as expired). */
  lookupCredentials(accessKeyId: string): IssuedCredentials | undefined;
}

export interface LambdaInvokeOptions {
  invocationType?: 'RequestResponse' | 'Event';
  /** The trace header to hand the function (`_X_AMZN_TRACE_ID`). */
  traceId?: string;
}

export interface LambdaInvokeResult {
  /** 200 for RequestResponse, 202 for Event. */
  statusCode: number;
  /** The function's return value, or Lambda's error object `{ errorType, errorMessage, trace }`. */
  payload: unknown;
  /** Set when the function failed, as Lambda's `X-Amz-Function-Error` header. */
  functionError?: 'Unhandled';
}

/** What every emulator that triggers a function (bus targets, queues, Lex, API Gateway) calls. */
export interface LocalLambda {
  invoke(
    functionNameOrArn: string,
    payload: unknown,
    options?: LambdaInvokeOptions,
  ): Promise<LambdaInvokeResult>;
}

/** A JSON-protocol error as the SDK reads it: code in `x-amzn-errortype` and the body. */
export function jsonError(status: number, code: string, message: string): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}
