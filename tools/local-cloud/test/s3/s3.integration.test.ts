import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createS3 } from '../../src/s3';
import {
  GUEST,
  guestClientCredentials,
  lookupGuest,
  recordingAuthorize,
} from '../data-harness/guest-caller';
import { localResource } from '../compute-support/local-resource';
import { ADMIN, startTinyEdge } from '../data-harness/tiny-edge';

const UPLOADS = 'uploads4f6eb0fd';
const OUTPUT = 'outputab65cdde';
const resources = [
  localResource(
    'AWS::S3::Bucket',
    'Uploads4F6EB0FD',
    {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedHeaders: ['*'],
            AllowedMethods: ['PUT'],
            AllowedOrigins: ['*'],
            ExposedHeaders: ['ETag'],
            MaxAge: 3000,
          },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
    },
    { physicalId: UPLOADS, arn: `arn:aws:s3:::${UPLOADS}` },
  ),
  localResource('Custom::S3BucketNotifications', 'UploadsNotifications', {
    ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:BucketNotificationsHandler',
    BucketName: UPLOADS,
    NotificationConfiguration: { EventBridgeConfiguration: {} },
    Managed: true,
  }),
  localResource('AWS::S3::Bucket', 'OutputAB65CDDE', {}, { physicalId: OUTPUT }),
];

/** Guests may write only under their own identity's prefix, and read nothing. */
const guestPolicy = (action: string, resource: string) =>
  action === 's3:PutObject' &&
  resource.startsWith(`arn:aws:s3:::${UPLOADS}/uploads/${GUEST.identityId}/`);

async function start(persistDir?: string) {
  const events: PutEventsRequestEntry[] = [];
  const access = recordingAuthorize(guestPolicy);
  const s3 = await createS3({
    resources,
    authorize: access.authorize,
    accountId: '000000000000',
    putEvents: async (entries) => {
      events.push(...entries);
    },
    ...(persistDir ? { persistDir } : {}),
  });
  const edge = await startTinyEdge([s3.service], lookupGuest);
  const client = (credentials: typeof ADMIN) =>
    new S3Client({
      endpoint: edge.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
    });
  const admin = client(ADMIN);
  const guest = client(guestClientCredentials);
  return {
    s3,
    events,
    access,
    edge,
    admin,
    guest,
    async stop() {
      admin.destroy();
      guest.destroy();
      await edge.stop();
      await s3.stop();
    },
  };
}

const text = async (output: { Body?: { transformToString(): Promise<string> } }) =>
  output.Body?.transformToString();

describe('local S3 behind the edge', () => {
  let cloud: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    cloud = await start();
  });
  afterAll(() => cloud.stop());
  beforeEach(() => {
    cloud.events.length = 0;
  });

  it('stores and returns objects for the administrator, streamed (aws-chunked) uploads included', async () => {
    await cloud.admin.send(
      new PutObjectCommand({ Bucket: OUTPUT, Key: 'flipped/a b.txt', Body: 'hello' }),
    );
    await cloud.admin.send(
      new PutObjectCommand({
        Bucket: OUTPUT,
        Key: 'streamed.txt',
        Body: Readable.from([Buffer.from('streamed '), Buffer.from('body')]),
        ContentLength: 13,
      }),
    );
    expect(
      await text(
        await cloud.admin.send(new GetObjectCommand({ Bucket: OUTPUT, Key: 'flipped/a b.txt' })),
      ),
    ).toBe('hello');
    expect(
      await text(
        await cloud.admin.send(new GetObjectCommand({ Bucket: OUTPUT, Key: 'streamed.txt' })),
      ),
    ).toBe('streamed body');
  });

  it('lets a guest write under its own prefix and answers AccessDenied outside it', async () => {
    const own = `uploads/${GUEST.identityId}/photo.png`;
    await cloud.guest.send(new PutObjectCommand({ Bucket: UPLOADS, Key: own, Body: 'png' }));

    await expect(
      cloud.guest.send(
        new PutObjectCommand({
          Bucket: UPLOADS,
          Key: 'uploads/us-east-1:someone-else/photo.png',
          Body: 'png',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      cloud.guest.send(new GetObjectCommand({ Bucket: UPLOADS, Key: own })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect(
      cloud.access.calls
        .filter((call) => call.caller.kind === 'guest')
        .slice(-3)
        .map((call) => [call.action, call.resource]),
    ).toEqual([
      ['s3:PutObject', `arn:aws:s3:::${UPLOADS}/${own}`],
      ['s3:PutObject', `arn:aws:s3:::${UPLOADS}/uploads/us-east-1:someone-else/photo.png`],
      ['s3:GetObject', `arn:aws:s3:::${UPLOADS}/${own}`],
    ]);
  });

  it('accepts a guest’s presigned PUT, refuses it once expired, and refuses anonymous requests', async () => {
    const key = `uploads/${GUEST.identityId}/presigned.png`;
    const url = await getSignedUrl(
      cloud.guest,
      new PutObjectCommand({ Bucket: UPLOADS, Key: key }),
      { expiresIn: 60 },
    );
    const put = await fetch(url, { method: 'PUT', body: 'presigned bytes' });
    expect(put.status).toBe(200);
    const stored = await cloud.admin.send(new GetObjectCommand({ Bucket: UPLOADS, Key: key }));
    expect(await text(stored)).toBe('presigned bytes');

    const signedAt = new Date(Date.now() - 120_000);
    const stale = await getSignedUrl(
      cloud.guest,
      new PutObjectCommand({ Bucket: UPLOADS, Key: key }),
      { expiresIn: 60, signingDate: signedAt },
    );
    const expired = await fetch(stale, { method: 'PUT', body: 'late' });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');

    const anonymous = await fetch(`${cloud.edge.endpoint}/${UPLOADS}/${key}`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('answers a second If-None-Match: * PUT with 412 PreconditionFailed, and checks If-Match etags', async () => {
    const key = 'once-only.png';
    const first = await cloud.admin.send(
      new PutObjectCommand({ Bucket: OUTPUT, Key: key, Body: 'first', IfNoneMatch: '*' }),
    );
    await expect(
      cloud.admin.send(
        new PutObjectCommand({ Bucket: OUTPUT, Key: key, Body: 'second', IfNoneMatch: '*' }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    await expect(
      cloud.admin.send(
        new PutObjectCommand({
          Bucket: OUTPUT,
          Key: key,
          Body: 'third',
          IfMatch: '"0123456789abcdef0123456789abcdef"',
        }),
      ),
    ).rejects.toMatchObject({ name: 'PreconditionFailed' });
    await cloud.admin.send(
      new PutObjectCommand({ Bucket: OUTPUT, Key: key, Body: 'fourth', IfMatch: first.ETag }),
    );
    expect(
      await text(await cloud.admin.send(new GetObjectCommand({ Bucket: OUTPUT, Key: key }))),
    ).toBe('fourth');
  });

  it('lets exactly one of many concurrent If-None-Match: * PUTs of a key win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        cloud.admin.send(
          new PutObjectCommand({
            Bucket: OUTPUT,
            Key: 'race.txt',
            Body: `writer ${index}`,
            IfNoneMatch: '*',
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === 'rejected')
        .map((result) => (result as PromiseRejectedResult).reason.name),
    ).toEqual(Array(7).fill('PreconditionFailed'));
  });

  it('sends Object Created and Object Deleted in S3’s EventBridge shape, for EventBridge-enabled buckets only', async () => {
    const key = `uploads/${GUEST.identityId}/event.png`;
    const put = await cloud.guest.send(
      new PutObjectCommand({ Bucket: UPLOADS, Key: key, Body: 'twelve bytes' }),
    );
    await cloud.admin.send(new DeleteObjectCommand({ Bucket: UPLOADS, Key: key }));
    await cloud.admin.send(
      new PutObjectCommand({ Bucket: OUTPUT, Key: 'silent.txt', Body: 'no events here' }),
    );
    await cloud.s3.idle();

    expect(
      cloud.events.map((entry) => [
        entry.Source,
        entry.DetailType,
        entry.EventBusName,
        entry.Resources,
      ]),
    ).toEqual([
      ['aws.s3', 'Object Created', 'default', [`arn:aws:s3:::${UPLOADS}`]],
      ['aws.s3', 'Object Deleted', 'default', [`arn:aws:s3:::${UPLOADS}`]],
    ]);
    const [created, deleted] = cloud.events.map(
      (entry) => JSON.parse(entry.Detail ?? '{}') as Record<string, unknown>,
    );
    expect(created).toEqual({
      version: '0',
      bucket: { name: UPLOADS },
      object: {
        key,
        size: 12,
        etag: put.ETag?.replace(/"/g, ''),
        sequencer: expect.stringMatching(/^[0-9A-F]{18}$/),
      },
      'request-id': expect.stringMatching(/^[0-9A-F]{16}$/),
      requester: '000000000000',
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    });
    expect(deleted).toMatchObject({
      object: { key },
      reason: 'DeleteObject',
      'deletion-type': 'Permanently Deleted',
    });
    expect(
      String((deleted?.object as { sequencer: string }).sequencer) >
        String((created?.object as { sequencer: string }).sequencer),
    ).toBe(true);

    // What the bus delivers (its envelope around the entry) is what the image workflow parses.
    const delivered = {
      version: '0',
      id: '17793124-05d4-b198-2fde-7ededc63b103',
      'detail-type': cloud.events[0]?.DetailType,
      source: cloud.events[0]?.Source,
      account: '000000000000',
      time: cloud.events[0]?.Time?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'us-east-1',
      resources: cloud.events[0]?.Resources,
      detail: created,
    };
    expect(S3EventNotificationEventBridgeSchema.safeParse(delivered).success).toBe(true);
  });

  it('sends one Object Deleted per key of a multi-object delete, and asks about each key for guests', async () => {
    const keys = ['uploads/many/1.png', 'uploads/many/2.png'];
    for (const key of keys)
      await cloud.admin.send(new PutObjectCommand({ Bucket: UPLOADS, Key: key, Body: key }));
    await cloud.s3.idle();
    cloud.events.length = 0;

    await expect(
      cloud.guest.send(
        new DeleteObjectsCommand({
          Bucket: UPLOADS,
          Delete: { Objects: keys.map((Key) => ({ Key })) },
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    const deleted = await cloud.admin.send(
      new DeleteObjectsCommand({
        Bucket: UPLOADS,
        Delete: { Objects: keys.map((Key) => ({ Key })) },
      }),
    );
    await cloud.s3.idle();

    expect(deleted.Deleted?.map((entry) => entry.Key)).toEqual(keys);
    expect(
      cloud.events.map((entry) => [entry.DetailType, JSON.parse(entry.Detail ?? '{}').object.key]),
    ).toEqual([
      ['Object Deleted', keys[0]],
      ['Object Deleted', keys[1]],
    ]);
    expect(cloud.access.calls.at(-1)).toMatchObject({
      action: 's3:DeleteObject',
      resource: `arn:aws:s3:::${UPLOADS}/${keys[0]}`,
    });
  });

  it('answers CORS preflights and adds CORS headers from the bucket’s rules', async () => {
    const preflight = await fetch(`${cloud.edge.endpoint}/${UPLOADS}/uploads/x.png`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:3000',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-max-age')).toBe('3000');

    const refused = await fetch(`${cloud.edge.endpoint}/${UPLOADS}/uploads/x.png`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:3000', 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(refused.status).toBe(403);

    const url = await getSignedUrl(
      cloud.guest,
      new PutObjectCommand({ Bucket: UPLOADS, Key: `uploads/${GUEST.identityId}/cors.png` }),
      { expiresIn: 60 },
    );
    const put = await fetch(url, {
      method: 'PUT',
      body: 'from a page',
      headers: { Origin: 'http://127.0.0.1:3000' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('*');
    expect(put.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});

describe('local S3 buckets from the template', () => {
  it('refuses Lambda notifications loudly, naming the resource', async () => {
    await expect(
      createS3({
        resources: [
          localResource('AWS::S3::Bucket', 'Bucket', {}, { physicalId: 'b' }),
          localResource('Custom::S3BucketNotifications', 'Notifications', {
            BucketName: 'b',
            NotificationConfiguration: {
              LambdaFunctionConfigurations: [{ Events: ['s3:ObjectCreated:*'] }],
            },
          }),
        ],
        authorize: async () => true,
        accountId: '000000000000',
      }),
    ).rejects.toThrow('TestStack/Notifications: S3 LambdaFunctionConfigurations are not emulated');
  });

  it('logs the object events the bus refuses instead of dropping them silently', async () => {
    const lines: string[] = [];
    const s3 = await createS3({
      resources,
      authorize: async () => true,
      accountId: '000000000000',
      putEvents: async () => ({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'bus down' }],
      }),
      log: (line) => lines.push(line),
    });
    await s3.service.handle({
      method: 'PUT',
      path: `/${UPLOADS}/uploads/x.png`,
      query: new URLSearchParams(),
      headers: { 'content-length': '3' },
      body: Buffer.from('png'),
      caller: { kind: 'admin', accessKeyId: 'AKIA', arn: 'arn:aws:iam::000000000000:root' },
    });
    await s3.stop();
    expect(lines).toEqual(['s3: the bus refused 1 object event(s): InternalFailure: bus down']);
  });

  it('keeps objects across a restart under --persist', async () => {
    const persistDir = await mkdtemp(join(tmpdir(), 's3-persist-'));
    try {
      const first = await start(persistDir);
      await first.admin.send(
        new PutObjectCommand({ Bucket: OUTPUT, Key: 'kept.txt', Body: 'still here' }),
      );
      await first.stop();
      const second = await start(persistDir);
      const kept = await second.admin.send(
        new GetObjectCommand({ Bucket: OUTPUT, Key: 'kept.txt' }),
      );
      expect(await text(kept)).toBe('still here');
      await second.stop();
    } finally {
      await rm(persistDir, { recursive: true, force: true });
    }
  });
});
