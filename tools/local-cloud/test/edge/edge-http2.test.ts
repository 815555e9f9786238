import { connect } from 'node:http2';
import { GetSessionCommand, LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { DescribeVoicesCommand, PollyClient } from '@aws-sdk/client-polly';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type {
  EdgeRequest,
  EdgeService,
  GuestCredentialSource,
  IssuedCredentials,
} from '../../src/edge/contracts';
import { startEdgeServer, type EdgeServer } from '../../src/edge/edge-server';

const guest: IssuedCredentials = {
  accessKeyId: 'ASIAGUEST0000000002',
  secretAccessKey: 'guest-secret',
  sessionToken: 'guest-session-token',
  expiration: new Date(Date.now() + 3_600_000),
  identityId: 'us-east-1:11111111-2222-4333-8444-555555555555',
  roleArn: 'arn:aws:iam::000000000000:role/GuestRole',
  identityPoolId: 'us-east-1:pool',
};
const store: GuestCredentialSource = {
  lookupCredentials: (key) => (key === guest.accessKeyId ? guest : undefined),
};

describe('edge server over HTTP/2', () => {
  let edge: EdgeServer;
  const seen: EdgeRequest[] = [];
  const lex: EdgeService = {
    signingNames: ['lex'],
    handle: (request) => {
      seen.push(request);
      return Promise.resolve({
        status: 200,
        // An HTTP/1.1-minded emulator's header, which HTTP/2 forbids: the edge must drop it.
        headers: { 'content-type': 'application/json', connection: 'keep-alive' },
        body: JSON.stringify({ sessionId: request.path.split('/').at(-1), messages: [] }),
      });
    },
  };
  const sqs: EdgeService = {
    signingNames: ['sqs'],
    handle: (request) =>
      Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({ QueueUrl: `http://q/${request.caller.kind}` }),
      }),
  };

  beforeAll(async () => {
    edge = await startEdgeServer({ port: 0, host: '127.0.0.1', credentials: store });
    edge.addService(lex);
    edge.addService(sqs);
  });
  afterAll(() => edge.stop());

  it('answers a default-configured Lex client (NodeHttp2Handler, h2c) and verifies a guest signature over it', async () => {
    const client = new LexRuntimeV2Client({
      endpoint: edge.url,
      region: 'us-east-1',
      credentials: guest,
    });
    expect(client.config.requestHandler.constructor.name).toBe('NodeHttp2Handler');
    const answer = await client.send(
      new GetSessionCommand({
        botId: 'BOT',
        botAliasId: 'ALIAS',
        localeId: 'en_US',
        sessionId: 'session-1',
      }),
    );
    expect(answer.sessionId).toBe('session-1');
    const request = seen.at(-1);
    expect(request?.caller).toMatchObject({ kind: 'guest', identityId: guest.identityId });
    expect(request?.path).toBe('/bots/BOT/botAliases/ALIAS/botLocales/en_US/sessions/session-1');
    // Services see HTTP/1.1-style headers: no pseudo-headers, `host` present.
    expect(Object.keys(request?.headers ?? {}).filter((name) => name.startsWith(':'))).toEqual([]);
    expect(request?.headers.host).toBe(new URL(edge.url).host);
    client.destroy();
  });

  it('rejects a guest request over HTTP/2 whose signature does not match', async () => {
    const client = new LexRuntimeV2Client({
      endpoint: edge.url,
      region: 'us-east-1',
      credentials: { ...guest, secretAccessKey: 'not-the-secret' },
    });
    await expect(
      client.send(
        new GetSessionCommand({
          botId: 'BOT',
          botAliasId: 'ALIAS',
          localeId: 'en_US',
          sessionId: 'session-2',
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    client.destroy();
  });

  it('answers a default-configured Polly client, which speaks HTTP/2 too', async () => {
    const polly: EdgeService = {
      signingNames: ['polly'],
      handle: () =>
        Promise.resolve({
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ Voices: [{ Id: 'Joanna' }] }),
        }),
    };
    edge.addService(polly);
    const client = new PollyClient({ endpoint: edge.url, region: 'us-east-1', credentials: guest });
    expect(client.config.requestHandler.constructor.name).toBe('NodeHttp2Handler');
    const answer = await client.send(new DescribeVoicesCommand({}));
    expect(answer.Voices?.map((voice) => voice.Id)).toEqual(['Joanna']);
    client.destroy();
  });

  it('keeps HTTP/1.1 clients on the same port', async () => {
    const answer = await new SQSClient({
      endpoint: edge.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
    }).send(new GetQueueUrlCommand({ QueueName: 'q' }));
    expect(answer.QueueUrl).toBe('http://q/admin');
  });

  it('speaks HTTP/2 to a plain h2c client and drops connection-specific headers', async () => {
    const session = connect(edge.url);
    const response = await new Promise<{ status: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const stream = session.request({
          ':method': 'GET',
          ':path': '/bots/B/botAliases/A/botLocales/en_US/sessions/raw',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/lex/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
            '0'.repeat(64),
          'x-amz-date': '20261201T000000Z',
        });
        stream.on('response', (headers) => {
          resolve({ status: Number(headers[':status']), headers });
          stream.resume();
        });
        stream.on('error', reject);
      },
    );
    session.close();
    expect(response.status).toBe(200);
    expect(response.headers.connection).toBeUndefined();
    expect(response.headers['x-amzn-requestid']).toEqual(expect.any(String));
  });

  it('stops with an HTTP/2 session still open', async () => {
    const other = await startEdgeServer({ port: 0, host: '127.0.0.1' });
    other.addService(lex);
    const client = new LexRuntimeV2Client({
      endpoint: other.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
    });
    await client.send(
      new GetSessionCommand({ botId: 'B', botAliasId: 'A', localeId: 'en_US', sessionId: 'open' }),
    );
    await other.stop();
    await expect(fetch(other.url)).rejects.toThrow();
    client.destroy();
  });
});
