import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCognitoIdentity } from '../../src/cognito';
import { createSts } from '../../src/sts';
import { localResource } from '../compute-support/local-resource';
import { ADMIN, ADMIN_ARN, startTinyEdge } from '../data-harness/tiny-edge';

const POOL_ID = 'us-east-1:0f0e6a4c-2b1d-4c8e-9a37-5d7b1e2f3a4b';
const CLOSED_POOL_ID = 'us-east-1:11111111-2222-4333-8444-555555555555';
const GUEST_ROLE = 'arn:aws:iam::000000000000:role/GuestRole';

const resources = [
  localResource(
    'AWS::Cognito::IdentityPool',
    'Pool',
    { AllowUnauthenticatedIdentities: true },
    { physicalId: POOL_ID },
  ),
  localResource('AWS::Cognito::IdentityPoolRoleAttachment', 'Attachment', {
    IdentityPoolId: POOL_ID,
    Roles: { unauthenticated: GUEST_ROLE, authenticated: 'arn:aws:iam::000000000000:role/Other' },
  }),
  localResource(
    'AWS::Cognito::IdentityPool',
    'Closed',
    { AllowUnauthenticatedIdentities: false },
    { physicalId: CLOSED_POOL_ID },
  ),
];

async function startGuestCloud(persistDir?: string) {
  const cognito = createCognitoIdentity({
    resources,
    region: 'us-east-1',
    ...(persistDir ? { persistDir } : {}),
  });
  const sts = createSts({ accountId: '000000000000' });
  const edge = await startTinyEdge([cognito.service, sts.service], cognito.lookupCredentials);
  const client = new CognitoIdentityClient({ endpoint: edge.endpoint, region: 'us-east-1' });
  return { cognito, edge, client };
}

describe('local Cognito identity, through the SDK', () => {
  let cloud: Awaited<ReturnType<typeof startGuestCloud>>;
  beforeAll(async () => {
    cloud = await startGuestCloud();
  });
  afterAll(async () => {
    cloud.client.destroy();
    await cloud.edge.stop();
  });

  it('gives a guest an identity id in the real region:uuid form and temporary credentials for the pool’s unauthenticated role', async () => {
    const { IdentityId } = await cloud.client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    expect(IdentityId).toMatch(
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    const { Credentials } = await cloud.client.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretKey).toBeTruthy();
    expect(Credentials?.SessionToken).toBeTruthy();
    const expiresInMinutes = ((Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(expiresInMinutes).toBeGreaterThan(55);
    expect(expiresInMinutes).toBeLessThanOrEqual(60);

    expect(cloud.cognito.lookupCredentials(Credentials?.AccessKeyId ?? '')).toMatchObject({
      secretAccessKey: Credentials?.SecretKey,
      sessionToken: Credentials?.SessionToken,
      identityId: IdentityId,
      roleArn: GUEST_ROLE,
      identityPoolId: POOL_ID,
      arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
    });
  });

  it('answers GetCallerIdentity with the guest’s assumed role and with the administrator otherwise', async () => {
    const { IdentityId } = await cloud.client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const { Credentials } = await cloud.client.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    const asGuest = new STSClient({
      endpoint: cloud.edge.endpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      },
    });
    const asAdmin = new STSClient({
      endpoint: cloud.edge.endpoint,
      region: 'us-east-1',
      credentials: ADMIN,
    });

    const guest = await asGuest.send(new GetCallerIdentityCommand({}));
    const admin = await asAdmin.send(new GetCallerIdentityCommand({}));

    expect(guest).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
      UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:CognitoIdentityCredentials$/),
    });
    expect(admin).toMatchObject({
      Account: '000000000000',
      Arn: ADMIN_ARN,
      UserId: '000000000000',
    });
    asGuest.destroy();
    asAdmin.destroy();
  });

  it('issues an OpenID token whose claims name the identity and the pool', async () => {
    const { IdentityId } = await cloud.client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const { Token } = await cloud.client.send(new GetOpenIdTokenCommand({ IdentityId }));
    const claims = JSON.parse(
      Buffer.from(Token?.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: IdentityId, aud: POOL_ID, amr: ['unauthenticated'] });
  });

  it('refuses unknown pools and identities, pools closed to guests, and provider logins as Cognito does', async () => {
    await expect(
      cloud.client.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      cloud.client.send(new GetIdCommand({ IdentityPoolId: CLOSED_POOL_ID })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    await expect(
      cloud.client.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      cloud.client.send(
        new GetIdCommand({ IdentityPoolId: POOL_ID, Logins: { 'accounts.google.com': 'token' } }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('answers a pool without an unauthenticated role with InvalidIdentityPoolConfigurationException', async () => {
    const roleless = createCognitoIdentity({
      resources: [
        localResource(
          'AWS::Cognito::IdentityPool',
          'Pool',
          { AllowUnauthenticatedIdentities: true },
          { physicalId: POOL_ID },
        ),
      ],
      region: 'us-east-1',
    });
    const edge = await startTinyEdge([roleless.service]);
    const client = new CognitoIdentityClient({ endpoint: edge.endpoint, region: 'us-east-1' });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    await expect(
      client.send(new GetCredentialsForIdentityCommand({ IdentityId })),
    ).rejects.toMatchObject({
      name: 'InvalidIdentityPoolConfigurationException',
    });
    client.destroy();
    await edge.stop();
  });
});

describe('local Cognito identity under --persist', () => {
  let persistDir: string;
  beforeEach(async () => {
    persistDir = await mkdtemp(join(tmpdir(), 'cognito-persist-'));
  });
  afterEach(() => rm(persistDir, { recursive: true, force: true }));

  it('keeps identities and issued credentials across a restart', async () => {
    const first = await startGuestCloud(persistDir);
    const { IdentityId } = await first.client.send(new GetIdCommand({ IdentityPoolId: POOL_ID }));
    const { Credentials } = await first.client.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    first.client.destroy();
    await first.edge.stop();

    const second = await startGuestCloud(persistDir);
    const again = await second.client.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    expect(again.IdentityId).toBe(IdentityId);
    expect(second.cognito.lookupCredentials(Credentials?.AccessKeyId ?? '')).toMatchObject({
      identityId: IdentityId,
    });
    second.client.destroy();
    await second.edge.stop();
  });
});

describe('identity pools from the template', () => {
  it('fails loudly on a role attachment for a pool the templates do not declare', () => {
    expect(() =>
      createCognitoIdentity({
        resources: [
          localResource('AWS::Cognito::IdentityPoolRoleAttachment', 'Attachment', {
            IdentityPoolId: 'missing',
            Roles: {},
          }),
        ],
        region: 'us-east-1',
      }),
    ).toThrow('TestStack/Attachment: role attachment for unknown identity pool missing');
  });
});
