import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@booktrip/local-cloud';
import { apiGatewayRestEvent, lambdaContext, sqsEvent } from '@booktrip/test-kit';
import type { APIGatewayProxyResult, SQSBatchResponse } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { ALICE, BOB, toAnswer } from './support/api';
import { entry } from './support/entries';
import { events } from './support/events';
import { useHistoryTable } from './support/history-table';

// These go through the exported `handler`s as Lambda runs them: middy, Powertools, the
// proxy-event schema, the error policy and the SDK clients built from the environment.
type Handler<E, R> = (event: E, context: ReturnType<typeof lambdaContext>) => Promise<R>;

const table = useHistoryTable();
let handlers: {
  create: Handler<unknown, APIGatewayProxyResult>;
  get: Handler<unknown, APIGatewayProxyResult>;
  messages: Handler<unknown, APIGatewayProxyResult>;
  record: Handler<unknown, SQSBatchResponse>;
};
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    CURSOR_SIGNING_KEY: 'handler-test-signing-key-0123456789abcdef',
    CONVERSATION_TOKEN_KEY: 'handler-test-conversation-token-key-0123456789',
    OUTPUT_BUCKET_NAME: 'booktrip-test-output',
    ALLOWED_ORIGIN: 'https://chat.example.com',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  // Imported after the environment is set: clients are built at module scope, as in Lambda.
  handlers = {
    create: (await import('../src/handlers/create-conversation')).handler,
    get: (await import('../src/handlers/get-conversation')).handler,
    messages: (await import('../src/handlers/list-messages')).handler,
    record: (await import('../src/handlers/record-events')).handler,
  };
}, 30_000);

afterAll(() => {
  process.env = saved;
});

describe('the Lambda handlers', () => {
  it('create then read a conversation through API Gateway events, with CORS for the page', async () => {
    const created = toAnswer(
      await handlers.create(
        apiGatewayRestEvent({
          method: 'POST',
          resource: '/v1/conversations',
          body: {},
          identityId: ALICE,
        }),
        lambdaContext(),
      ),
    );
    const id = created.body.conversationId as string;

    const read = await handlers.get(
      apiGatewayRestEvent({
        method: 'GET',
        resource: '/v1/conversations/{id}',
        pathParameters: { id },
        identityId: ALICE,
      }),
      lambdaContext(),
    );

    expect(created.status).toBe(201);
    expect(read.statusCode).toBe(200);
    expect(read.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://chat.example.com',
    });
    expect(toAnswer(read).body.conversationId).toBe(id);
  });

  it('record the queue’s events and serve them on the timeline', async () => {
    const created = toAnswer(
      await handlers.create(
        apiGatewayRestEvent({ method: 'POST', resource: '/v1/conversations', identityId: ALICE }),
        lambdaContext(),
      ),
    );
    const id = created.body.conversationId as string;

    const batch = await handlers.record(
      sqsEvent([events.turn(id), events.flipped(id)]),
      lambdaContext(),
    );
    const page = toAnswer(
      await handlers.messages(
        apiGatewayRestEvent({
          method: 'GET',
          resource: '/v1/conversations/{id}/messages',
          pathParameters: { id },
          query: { kind: 'image' },
          identityId: ALICE,
        }),
        lambdaContext(),
      ),
    );

    expect(batch.batchItemFailures).toEqual([]);
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: 'image',
        imageUrl: expect.stringContaining('X-Amz-Signature='),
      }),
    ]);
  });

  it("answer 404 with a JSON error body for someone else's conversation", async () => {
    const id = randomUUID();
    await table.repository.createConversation({ conversationId: id, ownerId: BOB });
    await table.repository.recordEntry(entry(id, 'turn', 1));

    const answer = toAnswer(
      await handlers.messages(
        apiGatewayRestEvent({
          method: 'GET',
          resource: '/v1/conversations/{id}/messages',
          pathParameters: { id },
          identityId: ALICE,
        }),
        lambdaContext(),
      ),
    );

    expect(answer).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('answer 400, not 500, to bad input', async () => {
    const answer = toAnswer(
      await handlers.messages(
        apiGatewayRestEvent({
          method: 'GET',
          resource: '/v1/conversations/{id}/messages',
          pathParameters: { id: randomUUID() },
          query: { limit: '100000' },
          identityId: ALICE,
        }),
        lambdaContext(),
      ),
    );

    expect(answer).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });

  it('answer 500 with a JSON body (and CORS) when we fail, not a bare API Gateway 502', async () => {
    const tableName = process.env.TABLE_NAME;
    process.env.TABLE_NAME = 'no-such-table';
    jest.resetModules();
    const { handler } = await import('../src/handlers/get-conversation');

    const result = await handler(
      apiGatewayRestEvent({
        method: 'GET',
        resource: '/v1/conversations/{id}',
        pathParameters: { id: randomUUID() },
        identityId: ALICE,
      }),
      lambdaContext(),
    );
    process.env.TABLE_NAME = tableName;

    expect(result.statusCode).toBe(500);
    expect(result.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://chat.example.com',
    });
    expect(JSON.parse(result.body)).toEqual({
      message: 'Something went wrong on our side',
      code: 'INTERNAL_ERROR',
    });
  });
});
