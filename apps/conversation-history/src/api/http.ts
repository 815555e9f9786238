import type { APIGatewayProxyResult } from 'aws-lambda';
import { printable, quoted } from '@booktrip/events';
import type { z } from 'zod';
import { InvalidCursorError } from '../cursor';
import type { ErrorBody } from './schemas';

/** The parts of an API Gateway REST proxy event the handlers read. */
export interface ApiRequest {
  pathParameters?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  body?: string | null;
  requestContext: { identity: { cognitoIdentityId?: string | null } };
}

/** An error the caller can fix; becomes `{ message, code }` with its status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: 400 | 403 | 404,
    readonly code: ErrorBody['code'],
    message: string,
  ) {
    super(message);
  }
}

export const notFound = () => new HttpError(404, 'NOT_FOUND', 'No such conversation');

/*
 * The responses below carry no CORS headers: `apiHandler` adds them for the request's Origin
 * (cors.ts), on every answer including errors.
 */

/**
 * A JSON response whose body is checked against its schema first: a response that breaks
 * its own contract is our bug, so it throws (→ 500) instead of reaching the page.
 */
export function json<T extends z.ZodType>(
  statusCode: number,
  schema: T,
  body: z.input<T>,
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(schema.parse(body)),
  };
}

export function noContent(): APIGatewayProxyResult {
  return { statusCode: 204, body: '' };
}

/** An error caused by the request, not by us. */
export function isClientError(error: unknown): error is HttpError | InvalidCursorError {
  return error instanceof HttpError || error instanceof InvalidCursorError;
}

/** Maps any error to a response: the caller's mistakes to 4xx, everything else to 500. */
export function errorResponse(error: unknown): APIGatewayProxyResult {
  const [statusCode, body]: [number, ErrorBody] =
    error instanceof HttpError
      ? [error.statusCode, { message: error.message, code: error.code }]
      : error instanceof InvalidCursorError
        ? [400, { message: error.message, code: 'INVALID_CURSOR' }]
        : [500, { message: 'Something went wrong on our side', code: 'INTERNAL_ERROR' }];
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** The caller's Cognito identity id, which IAM auth with identity-pool credentials sets. */
export function callerIdentity(request: ApiRequest): string {
  const identityId = request.requestContext.identity.cognitoIdentityId;
  if (!identityId) {
    throw new HttpError(403, 'UNAUTHENTICATED', 'Call with Cognito identity-pool credentials');
  }
  return identityId;
}

/** Where a request's input comes from, and what one of its fields is called in a message. */
const FIELD_OF = { path: 'path parameter', query: 'query parameter', body: 'body field' } as const;
export type InputPart = keyof typeof FIELD_OF;

/** zod's messages quote no input; a custom one could, so it is clipped and escaped too. */
const MAX_REASON_LENGTH = 200;

/**
 * The first issue as a sentence that names the field once (`Invalid query parameter "limit":
 * must be a whole number`) and quotes only a short, escaped excerpt of anything the caller
 * wrote: an unknown 10 000-character parameter name comes back as its first 40 characters.
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, part: InputPart): string {
  const field = FIELD_OF[part];
  if (!issue) return `Invalid ${part}`;
  const reason = printable(issue.message, MAX_REASON_LENGTH);
  if (issue.code === 'unrecognized_keys') {
    const [first = '', ...others] = issue.keys;
    const more = others.length > 0 ? ` (and ${others.length} more)` : '';
    return `Unknown ${field} ${quoted(first)}${more}`;
  }
  const path = issue.path.map(String).join('.');
  return path ? `Invalid ${field} ${quoted(path)}: ${reason}` : `Invalid ${part}: ${reason}`;
}

/** Validates path parameters, query string or body; any issue is a 400 naming the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: InputPart,
): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new HttpError(400, 'BAD_REQUEST', describeIssue(result.error.issues[0], part));
  }
  return result.data;
}

export function parseJsonBody(body: string | null | undefined): unknown {
  if (body === null || body === undefined || body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The body is not valid JSON');
  }
}
