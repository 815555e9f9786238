import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { createCognitoIdentity } from '../../src/cognito';
import { createGuestAuthorizer, startEdgeServer, type EdgeServer } from '../../src/edge';
import { createS3, type LocalS3 } from '../../src/s3';
import { localResource } from '../compute-support/local-resource';
import { ADMIN } from '../data-harness/tiny-edge';

const POOL_ID = 'us-east-1:5e1f0c1a-7d2b-4f3e-9a8b-0c1d2e3f4a5b';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/GuestRole';
const BUCKET = 'uploads4f6eb0fd';

/** A guest role as CDK synthesizes it: PutObject under the guest's own identity prefix only. */
const resources = [
  localResource(
    'AWS::Cognito::IdentityPool',
    'Pool',
    { AllowUnauthenticatedIdentities: true },
    { physicalId: POOL_ID },
  ),
  localResource('AWS::Cognito::IdentityPoolRoleAttachment', 'Roles', {
    IdentityPoolId: POOL_ID,
    Roles: { unauthenticated: ROLE_ARN },
  }),
  localResource(
    'AWS::IAM::Role',
    'GuestRole',
    {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] },
      Policies: [
        {
          PolicyName: 'uploads',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 's3:PutObject',
                Resource: `arn:aws:s3:::${BUCKET}/uploads/\${cognito-identity.amazonaws.com:sub}/*`,
              },
            ],
          },
        },
      ],
    },
    { physicalId: 'GuestRole', arn: ROLE_ARN },
  ),
  localResource(
    'AWS::S3::Bucket',
    'Uploads',
    { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } },
    { physicalId: BUCKET },
  ),
];

describe('a guest uploading through the real edge (SigV4 verified, IAM simulated)', () => {
  const events: PutEventsRequestEntry[] = [];
  let edge: EdgeServer;
  let s3: LocalS3;
  let guest: S3Client;
  let admin: S3Client;
  let identityId: string;

  beforeAll(async () => {
    const cognito = createCognitoIdentity({ resources, region: 'us-east-1' });
    const authorize = await createGuestAuthorizer(resources);
    s3 = await createS3({
      resources,
      authorize,
      accountId: '000000000000',
      putEvents: async (entries) => void events.push(...entries),
    });
    edge = await startEdgeServer({ port: 0, host: '127.0.0.1', credentials: cognito });
    edge.addService(cognito.service);
    edge.addService(s3.service);

    const identity = new CognitoIdentityClient({ endpoint: edge.url, region: 'us-east-1' });
    identityId =
      (await identity.send(new GetIdCommand({ IdentityPoolId: POOL_ID }))).IdentityId ?? '';
    const { Credentials } = await identity.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId }),
    );
    identity.destroy();
    const s3Client = (credentials: S3ClientConfig['credentials']) =>
      new S3Client({ endpoint: edge.url, region: 'us-east-1', forcePathStyle: true, credentials });
    guest = s3Client({
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    });
    admin = s3Client(ADMIN);
  });
  afterAll(async () => {
    guest.destroy();
    admin.destroy();
    await edge.stop();
    await s3.stop();
  });

  it('stores a signed PUT, a streamed PUT and a presigned PUT under the guest’s own prefix', async () => {
    const prefix = `uploads/${identityId}`;
    await guest.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/a.png`, Body: 'signed' }),
    );
    await guest.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}/b.png`,
        Body: Readable.from([Buffer.from('stream')]),
        ContentLength: 6,
      }),
    );
    const url = await getSignedUrl(
      guest,
      new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/c.png` }),
      { expiresIn: 300 },
    );
    expect((await fetch(url, { method: 'PUT', body: 'presigned' })).status).toBe(200);

    const read = async (key: string) =>
      (
        await admin.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))
      ).Body?.transformToString();
    expect([
      await read(`${prefix}/a.png`),
      await read(`${prefix}/b.png`),
      await read(`${prefix}/c.png`),
    ]).toEqual(['signed', 'stream', 'presigned']);
    await s3.idle();
    expect(events.map((entry) => JSON.parse(entry.Detail ?? '{}').object.key)).toEqual([
      `${prefix}/a.png`,
      `${prefix}/b.png`,
      `${prefix}/c.png`,
    ]);
  });

  it('answers AccessDenied for another identity’s prefix and for reads the role does not grant', async () => {
    await expect(
      guest.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'uploads/us-east-1:00000000-0000-4000-8000-000000000000/x.png',
          Body: 'x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      guest.send(new GetObjectCommand({ Bucket: BUCKET, Key: `uploads/${identityId}/a.png` })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });
});
