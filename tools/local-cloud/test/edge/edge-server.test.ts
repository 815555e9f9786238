import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type GuestCredentialSource,
  type EdgeRequest,
  type EdgeService,
  type IssuedCredentials,
} from '../../src/edge/contracts';
import { startEdgeServer, type EdgeServer } from '../../src/edge/edge-server';

const guest: IssuedCredentials = {
  accessKeyId: 'ASIAGUEST0000000001',
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

/** Records what the edge hands over and answers just enough for the SDK to parse. */
function recordingService(signingNames: string[], answer: (request: EdgeRequest) => object) {
  const seen: EdgeRequest[] = [];
  const service: EdgeService = {
    signingNames,
    targetPrefixes: signingNames.includes('cognito-identity') ? ['AWSCognitoIdentityService'] : [],
    handle: (request) => {
      seen.push(request);
      return Promise.resolve({
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify(answer(request)),
      });
    },
  };
  return { service, seen };
}

describe('edge server', () => {
  let edge: EdgeServer;
  const sqs = recordingService(['sqs'], (request) => ({
    QueueUrl: `http://q/${request.caller.kind}`,
  }));
  const s3 = recordingService(['s3'], () => ({}));
  const cognito = recordingService(['cognito-identity'], () => ({ IdentityId: 'us-east-1:x' }));

  beforeAll(async () => {
    edge = await startEdgeServer({
      port: 0,
      host: '127.0.0.1',
      credentials: store,
      routes: { health: () => ({ status: 'ready' }) },
    });
    for (const { service } of [sqs, s3, cognito]) edge.addService(service);
  });
  afterAll(() => edge.stop());

  const sqsClient = (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) => new SQSClient({ endpoint: edge.url, region: 'us-east-1', credentials });
  const s3Client = (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) =>
    new S3Client({ endpoint: edge.url, region: 'us-east-1', forcePathStyle: true, credentials });

  it('routes a signed SDK call by its signing name and treats unknown keys as the administrator', async () => {
    const answer = await sqsClient({ accessKeyId: 'anything', secretAccessKey: 'whatever' }).send(
      new GetQueueUrlCommand({ QueueName: 'q' }),
    );
    expect(answer.QueueUrl).toBe('http://q/admin');
    expect(sqs.seen.at(-1)?.signingService).toBe('sqs');
  });

  it("verifies a guest's signature and resolves the caller to the identity and its role", async () => {
    const answer = await sqsClient(guest).send(new GetQueueUrlCommand({ QueueName: 'q' }));
    expect(answer.QueueUrl).toBe('http://q/guest');
    expect(sqs.seen.at(-1)?.caller).toMatchObject({
      kind: 'guest',
      identityId: guest.identityId,
      roleArn: guest.roleArn,
      arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
    });
  });

  it('rejects a guest key signed with the wrong secret as AWS does', async () => {
    await expect(
      sqsClient({ ...guest, secretAccessKey: 'forged' }).send(
        new GetQueueUrlCommand({ QueueName: 'q' }),
      ),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  it('rejects a guest key used with another session token', async () => {
    await expect(
      sqsClient({ ...guest, sessionToken: 'stolen' }).send(
        new GetQueueUrlCommand({ QueueName: 'q' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('verifies S3 signatures over keys with spaces, colons and plus signs, with the payload hash', async () => {
    const key = `uploads/${guest.identityId}/a photo+1.png`;
    await s3Client(guest).send(
      new PutObjectCommand({ Bucket: 'uploads', Key: key, Body: Buffer.from('png bytes') }),
    );
    const request = s3.seen.at(-1);
    expect(request?.caller.kind).toBe('guest');
    expect(request?.body.toString()).toBe('png bytes');
    expect(request?.method).toBe('PUT');
  });

  it('accepts a presigned URL a guest signed, and refuses it once tampered with', async () => {
    const url = await getSignedUrl(
      s3Client(guest),
      new GetObjectCommand({ Bucket: 'uploads', Key: `uploads/${guest.identityId}/x.png` }),
      { expiresIn: 60 },
    );
    expect((await fetch(url)).status).toBe(200);
    expect(s3.seen.at(-1)?.caller.kind).toBe('guest');

    const tampered = url.replace('x.png', 'y.png');
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it("leaves S3's CORS to S3: no allow-origin on a bucket's answer without a CORS rule", async () => {
    const url = await getSignedUrl(
      s3Client(guest),
      new GetObjectCommand({ Bucket: 'uploads', Key: `uploads/${guest.identityId}/x.png` }),
      { expiresIn: 60 },
    );
    const fromBrowser = await fetch(url, { headers: { origin: 'http://localhost:3000' } });
    expect(fromBrowser.status).toBe(200);
    expect(fromBrowser.headers.get('access-control-allow-origin')).toBeNull();
    // A JSON endpoint's answer to the same browser does get it.
    const json = await fetch(edge.url, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:3000',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      body: '{}',
    });
    expect(json.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it("answers the preflight of a guest's presigned PUT without checking the PUT's signature", async () => {
    const url = await getSignedUrl(
      s3Client(guest),
      new PutObjectCommand({ Bucket: 'uploads', Key: `uploads/${guest.identityId}/x.png` }),
      { expiresIn: 60 },
    );
    // The bucket's CORS rules answer its preflights (as the local S3 claims them).
    edge.addService({
      ...s3.service,
      signingNames: [],
      matches: (request: EdgeRequest) =>
        request.method === 'OPTIONS' && request.path.startsWith('/uploads/'),
    });
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(s3.seen.at(-1)).toMatchObject({ method: 'OPTIONS', caller: { kind: 'anonymous' } });
  });

  it('routes unsigned JSON calls by X-Amz-Target prefix, as anonymous', async () => {
    const response = await fetch(edge.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      body: JSON.stringify({ IdentityPoolId: 'us-east-1:pool' }),
    });
    expect(response.status).toBe(200);
    expect(cognito.seen.at(-1)?.caller).toEqual({ kind: 'anonymous' });
  });

  it('answers browser preflights and exposes the headers the SDK reads', async () => {
    const preflight = await fetch(edge.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,x-amz-date,x-amz-target',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target');

    const call = await fetch(edge.url, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:3000',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      body: '{}',
    });
    expect(call.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(call.headers.get('access-control-expose-headers')).toContain('x-amzn-requestid');
  });

  it('names the signing name no service answers', async () => {
    const response = await fetch(edge.url, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
          '0'.repeat(64),
        'x-amz-date': '20261201T000000Z',
      },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('signing name \\"kinesis\\"');
  });

  it('answers a malformed Authorization header with IncompleteSignature', async () => {
    const response = await fetch(edge.url, {
      method: 'POST',
      headers: { authorization: 'AWS4 nonsense' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignature');
  });

  it('serves introspection routes as JSON', async () => {
    const response = await fetch(`${edge.url}/_booktrip/health`);
    expect(await response.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${edge.url}/_booktrip/nope`)).status).toBe(404);
  });

  it('turns a failing service into a 500 naming the failure, and keeps serving', async () => {
    const edge2 = await startEdgeServer({ port: 0, host: '127.0.0.1' });
    edge2.addService({ signingNames: ['sqs'], handle: () => Promise.reject(new Error('boom')) });
    await expect(
      new SQSClient({
        endpoint: edge2.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        maxAttempts: 1,
      }).send(new GetQueueUrlCommand({ QueueName: 'q' })),
    ).rejects.toMatchObject({ name: 'InternalFailure', message: expect.stringContaining('boom') });
    await edge2.stop();
  });
});
