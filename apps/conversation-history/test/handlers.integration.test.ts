import {
  createSsm,
  LOCAL_ACCOUNT,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startEdgeServer,
  type EdgeServer,
} from '@booktrip/local-cloud';
import { apiGatewayRestEvent, lambdaContext, sqsEvent } from '@booktrip/test-kit';
import type { APIGatewayProxyResult, SQSBatchResponse } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { ALICE, BOB, toAnswer } from './support/api';
import { entry } from './support/entries';
import { events, ROOM_TYPE_CARD } from './support/events';
import { useHistoryTable } from './support/history-table';

// These go through the exported `handler`s as Lambda runs them: middy, Powertools, the
// proxy-event schema, the error policy and the SDK clients built from the environment.
type Handler<E, R> = (event: E, context: ReturnType<typeof lambdaContext>) => Promise<R>;

const table = useHistoryTable();
/** The chat page's origin, in the local cloud's SSM as the chat-web stack would publish it. */
const ORIGIN_PARAMETER = '/booktrip/test/chat-web/origin';
const PAGE = 'https://chat.example.com';
const fromPage = { origin: PAGE };
let edge: EdgeServer;
let handlers: {
  create: Handler<unknown, APIGatewayProxyResult>;
  get: Handler<unknown, APIGatewayProxyResult>;
  messages: Handler<unknown, APIGatewayProxyResult>;
  record: Handler<unknown, SQSBatchResponse>;
  preflight: Handler<unknown, APIGatewayProxyResult>;
};
const saved = { ...process.env };

beforeAll(async () => {
  edge = await startEdgeServer({ port: 0, host: '127.0.0.1' });
  edge.addService(
    createSsm({
      resources: [],
      // A value as a person might type it: the functions compare its origin, not its text.
      parameters: { [ORIGIN_PARAMETER]: `${PAGE}/` },
      authorize: async () => true,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
    }).service,
  );
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    CURSOR_SIGNING_KEY: 'handler-test-signing-key-0123456789abcdef',
    CONVERSATION_TOKEN_KEY: 'handler-test-conversation-token-key-0123456789',
    OUTPUT_BUCKET_NAME: 'booktrip-test-output',
    ALLOWED_ORIGIN_PARAMETER: ORIGIN_PARAMETER,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ENDPOINT_URL_SSM: edge.url,
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
    preflight: (await import('../src/handlers/cors-preflight')).handler,
  };
}, 30_000);

afterAll(async () => {
  process.env = saved;
  await edge.stop();
});

/** Alice opens a conversation, as the page does on its first message; its id. */
async function aliceOpens(): Promise<string> {
  const created = toAnswer(
    await handlers.create(
      apiGatewayRestEvent({ method: 'POST', resource: '/v1/conversations', identityId: ALICE }),
      lambdaContext(),
    ),
  );
  return created.body.conversationId as string;
}

/** Alice's timeline entries of one kind, through the messages route. */
async function aliceReads(id: string, kind: 'turn' | 'image') {
  return toAnswer(
    await handlers.messages(
      apiGatewayRestEvent({
        method: 'GET',
        resource: '/v1/conversations/{id}/messages',
        pathParameters: { id },
        query: { kind },
        identityId: ALICE,
      }),
      lambdaContext(),
    ),
  );
}

describe('the Lambda handlers', () => {
  it('create then read a conversation through API Gateway events, with CORS for the page', async () => {
    const created = toAnswer(
      await handlers.create(
        apiGatewayRestEvent({
          method: 'POST',
          resource: '/v1/conversations',
          body: {},
          identityId: ALICE,
          headers: fromPage,
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
        headers: fromPage,
      }),
      lambdaContext(),
    );

    expect(created.status).toBe(201);
    expect(read.statusCode).toBe(200);
    expect(read.headers).toMatchObject({ 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' });
    expect(toAnswer(read).body.conversationId).toBe(id);
  });

  it('record the queue’s events and serve them on the timeline', async () => {
    const id = await aliceOpens();

    const flipped = events.flipped(id);
    Object.assign(flipped.detail.data, { fileName: '<img src=x onerror=alert(1)>.png' });
    const batch = await handlers.record(sqsEvent([events.turn(id), flipped]), lambdaContext());
    const page = await aliceReads(id, 'image');

    expect(batch.batchItemFailures).toEqual([]);
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: 'image',
        image: expect.objectContaining({ fileName: '<img src=x onerror=alert(1)>.png' }),
        imageUrl: expect.stringContaining('X-Amz-Signature='),
      }),
    ]);
  });

  it("serve the cards of the bot's answer on its turn, so a reload can offer them again", async () => {
    const id = await aliceOpens();

    const batch = await handlers.record(sqsEvent([events.roomTypeTurn(id)]), lambdaContext());
    const page = await aliceReads(id, 'turn');

    expect(batch.batchItemFailures).toEqual([]);
    expect(page.status).toBe(200);
    // As the hook sent them, the hostile button text included.
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: 'turn',
        turn: expect.objectContaining({ cards: [ROOM_TYPE_CARD] }),
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
        headers: fromPage,
      }),
      lambdaContext(),
    );
    process.env.TABLE_NAME = tableName;

    expect(result.statusCode).toBe(500);
    expect(result.headers).toMatchObject({ 'Access-Control-Allow-Origin': PAGE });
    expect(JSON.parse(result.body)).toEqual({
      message: 'Something went wrong on our side',
      code: 'INTERNAL_ERROR',
    });
  });
});

describe("CORS for the chat page's origin, read from SSM at run time", () => {
  it("gives another site's page no Access-Control-Allow-Origin, so its browser refuses the answer", async () => {
    const answer = await handlers.get(
      apiGatewayRestEvent({
        method: 'GET',
        resource: '/v1/conversations/{id}',
        pathParameters: { id: randomUUID() },
        identityId: ALICE,
        headers: { origin: 'https://chat.example.com.evil.example' },
      }),
      lambdaContext(),
    );

    expect(answer.statusCode).toBe(404);
    expect(answer.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect(answer.headers).toMatchObject({ Vary: 'Origin' });
  });

  it("answers the page's preflight with the resource's methods, and a stranger's with nothing", async () => {
    const preflight = (origin: string, resource: string) =>
      handlers.preflight(
        apiGatewayRestEvent({
          method: 'OPTIONS',
          resource,
          identityId: null,
          headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE' },
        }),
        lambdaContext(),
      );

    const page = await preflight(PAGE, '/v1/conversations/{id}');
    const stranger = await preflight('https://evil.example', '/v1/conversations/{id}');

    expect(page.statusCode).toBe(204);
    expect(page.headers).toEqual({
      'Access-Control-Allow-Origin': PAGE,
      'Access-Control-Allow-Methods': 'GET,DELETE,OPTIONS',
      'Access-Control-Allow-Headers':
        'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,x-correlation-id',
      'Access-Control-Max-Age': '3600',
      Vary: 'Origin',
    });
    expect(stranger).toMatchObject({ statusCode: 204, headers: { Vary: 'Origin' } });
    expect(Object.keys(stranger.headers ?? {})).toEqual(['Vary']);
  });

  it('answers without CORS headers, never a crash, while the parameter does not exist', async () => {
    process.env.ALLOWED_ORIGIN_PARAMETER = '/booktrip/test/chat-web/not-published-yet';
    try {
      const answer = await handlers.create(
        apiGatewayRestEvent({
          method: 'POST',
          resource: '/v1/conversations',
          body: {},
          identityId: ALICE,
          headers: fromPage,
        }),
        lambdaContext(),
      );

      expect(answer.statusCode).toBe(201);
      expect(answer.headers).toEqual({ 'Content-Type': 'application/json' });
    } finally {
      process.env.ALLOWED_ORIGIN_PARAMETER = ORIGIN_PARAMETER;
    }
  });
});
