import { S3Client } from '@aws-sdk/client-s3';
import { apiGatewayRestEvent, type ApiGatewayRestEventInput } from '@booktrip/test-kit';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { errorResponse, isClientError, type ApiRequest } from '../../src/api/http';
import { createCursorCodec } from '../../src/cursor';
import { createImageUrlSigner } from '../../src/image-url';
import { OUTPUT_BUCKET } from './events';

export const ALICE = 'us-east-1:11111111-aaaa-4aaa-8aaa-111111111111';
export const BOB = 'us-east-1:22222222-bbbb-4bbb-8bbb-222222222222';

export const cursors = createCursorCodec('test-signing-key-0123456789abcdef0123456789');

/** The conversation token key of the tests (shared with the code hook in AWS). */
export const TOKEN_KEY = 'history-test-conversation-token-key-0123456789';
export const tokenKey = async () => TOKEN_KEY;

/** Presigning is computed locally: no request leaves the machine. */
export const signImageUrl = createImageUrlSigner({
  client: new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  }),
  bucketName: OUTPUT_BUCKET,
});

export interface Answer {
  status: number;
  headers: APIGatewayProxyResult['headers'];
  body: Record<string, unknown> & { message?: string; code?: string };
}

/** Calls a route's business function with a REST proxy event as API Gateway sends it. */
export async function call(
  route: (request: ApiRequest) => Promise<APIGatewayProxyResult>,
  input: Omit<ApiGatewayRestEventInput, 'method' | 'resource'> &
    Partial<Pick<ApiGatewayRestEventInput, 'method' | 'resource'>>,
): Promise<Answer> {
  const event = apiGatewayRestEvent({ method: 'GET', resource: '/v1/conversations', ...input });
  try {
    return toAnswer(await route(event));
  } catch (error) {
    // What apiHandler does with the caller's mistakes (handler.test.ts goes through it).
    if (isClientError(error)) return toAnswer(errorResponse(error));
    throw error;
  }
}

export function toAnswer(result: APIGatewayProxyResult): Answer {
  return {
    status: result.statusCode,
    headers: result.headers,
    body: result.body ? (JSON.parse(result.body) as Answer['body']) : {},
  };
}

/** A cursor with one character of its payload changed, signature kept. */
export function tamper(cursor: string): string {
  const [payload, signature] = cursor.split('.') as [string, string];
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  const edited = json
    .replace(/MSG#\d/, (match) => `${match.slice(0, -1)}9`)
    .replace('CONV#', 'CONV#0');
  return `${Buffer.from(edited).toString('base64url')}.${signature}`;
}
