import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretsManager, generateSecretString } from '../../src/secrets-manager';
import {
  guestClientCredentials,
  lookupGuest,
  recordingAuthorize,
} from '../data-harness/guest-caller';
import { localResource } from '../compute-support/local-resource';
import { ADMIN, startTinyEdge } from '../data-harness/tiny-edge';

const resources = [
  localResource('AWS::SecretsManager::Secret', 'SigningKey', {
    Description: 'HMAC key',
    GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
  }),
  localResource('AWS::SecretsManager::Secret', 'DbCredentials', {
    Name: 'app/db',
    GenerateSecretString: {
      SecretStringTemplate: '{"username":"app"}',
      GenerateStringKey: 'password',
      PasswordLength: 20,
      ExcludeCharacters: '"@/\\',
    },
  }),
  localResource('AWS::SecretsManager::Secret', 'Literal', {
    Name: 'app/literal',
    SecretString: 'fixed-value',
  }),
];

async function start(persistDir?: string) {
  const access = recordingAuthorize((_, resource) => resource.includes(':secret:app/literal-'));
  const secrets = createSecretsManager({
    resources,
    authorize: access.authorize,
    region: 'us-east-1',
    accountId: '000000000000',
    ...(persistDir ? { persistDir } : {}),
  });
  const edge = await startTinyEdge([secrets.service], lookupGuest);
  const admin = new SecretsManagerClient({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: ADMIN,
  });
  const guest = new SecretsManagerClient({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: guestClientCredentials,
  });
  return {
    admin,
    guest,
    async stop() {
      admin.destroy();
      guest.destroy();
      await edge.stop();
    },
  };
}

describe('local Secrets Manager, through the SDK', () => {
  let cloud: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    cloud = await start();
  });
  afterAll(() => cloud.stop());

  it('generates a value honouring length and excluded punctuation, and serves it by name or ARN', async () => {
    const byName = await cloud.admin.send(new GetSecretValueCommand({ SecretId: 'SigningKey' }));
    expect(byName.SecretString).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(byName.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:SigningKey-[A-Za-z]{6}$/,
    );
    expect(byName.VersionStages).toEqual(['AWSCURRENT']);

    const byArn = await cloud.admin.send(new GetSecretValueCommand({ SecretId: byName.ARN }));
    const byPartialArn = await cloud.admin.send(
      new GetSecretValueCommand({ SecretId: byName.ARN?.slice(0, -7) }),
    );
    expect(byArn.SecretString).toBe(byName.SecretString);
    expect(byPartialArn.SecretString).toBe(byName.SecretString);
  });

  it('fills a SecretStringTemplate with the generated password under GenerateStringKey', async () => {
    const { SecretString } = await cloud.admin.send(
      new GetSecretValueCommand({ SecretId: 'app/db' }),
    );
    const value = JSON.parse(SecretString ?? '{}') as { username: string; password: string };
    expect(value.username).toBe('app');
    expect(value.password).toHaveLength(20);
    expect(value.password).not.toMatch(/["@/\\]/);
  });

  it('describes a secret with its current version', async () => {
    const described = await cloud.admin.send(new DescribeSecretCommand({ SecretId: 'SigningKey' }));
    const value = await cloud.admin.send(new GetSecretValueCommand({ SecretId: 'SigningKey' }));
    expect(described).toMatchObject({ Name: 'SigningKey', Description: 'HMAC key' });
    expect(described.VersionIdsToStages).toEqual({ [value.VersionId ?? '']: ['AWSCURRENT'] });
  });

  it('answers ResourceNotFoundException for an unknown secret', async () => {
    await expect(
      cloud.admin.send(new GetSecretValueCommand({ SecretId: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('lets a guest read only the secrets its role allows', async () => {
    const literal = await cloud.guest.send(new GetSecretValueCommand({ SecretId: 'app/literal' }));
    expect(literal.SecretString).toBe('fixed-value');
    await expect(
      cloud.guest.send(new GetSecretValueCommand({ SecretId: 'app/db' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('secret ARNs', () => {
  it('keeps the ARN the loader resolved references to, so a function given Ref of the secret finds it', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:CursorSigningKey-AbCdEf';
    const secrets = createSecretsManager({
      resources: [
        localResource(
          'AWS::SecretsManager::Secret',
          'CursorSigningKey',
          { GenerateSecretString: {} },
          { physicalId: arn },
        ),
      ],
      authorize: async () => true,
      region: 'us-east-1',
      accountId: '000000000000',
    });
    const edge = await startTinyEdge([secrets.service]);
    const client = new SecretsManagerClient({
      endpoint: edge.endpoint,
      region: 'us-east-1',
      credentials: ADMIN,
    });
    const value = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    client.destroy();
    await edge.stop();
    expect(value).toMatchObject({ ARN: arn, Name: 'CursorSigningKey' });
    expect(value.SecretString).toHaveLength(32);
  });
});

describe('Secrets Manager values under --persist', () => {
  let persistDir: string;
  beforeEach(async () => {
    persistDir = await mkdtemp(join(tmpdir(), 'secrets-persist-'));
  });
  afterEach(() => rm(persistDir, { recursive: true, force: true }));

  it('keeps a generated value and its ARN across a restart, and regenerates without --persist', async () => {
    const first = await start(persistDir);
    const before = await first.admin.send(new GetSecretValueCommand({ SecretId: 'SigningKey' }));
    await first.stop();

    const second = await start(persistDir);
    const after = await second.admin.send(new GetSecretValueCommand({ SecretId: 'SigningKey' }));
    await second.stop();

    const fresh = await start();
    const unpersisted = await fresh.admin.send(
      new GetSecretValueCommand({ SecretId: 'SigningKey' }),
    );
    await fresh.stop();

    expect(after).toMatchObject({
      SecretString: before.SecretString,
      ARN: before.ARN,
      VersionId: before.VersionId,
    });
    expect(unpersisted.SecretString).not.toBe(before.SecretString);
  });
});

describe('generateSecretString', () => {
  it('includes each included character type by default', () => {
    for (let round = 0; round < 20; round += 1) {
      const value = generateSecretString({
        PasswordLength: 4,
        ExcludePunctuation: true,
        IncludeSpace: true,
      });
      expect(value).toMatch(/[a-z]/);
      expect(value).toMatch(/[A-Z]/);
      expect(value).toMatch(/[0-9]/);
      expect(value).toContain(' ');
    }
  });

  it('defaults to 32 characters and refuses impossible requests with a clear error', () => {
    expect(generateSecretString({})).toHaveLength(32);
    expect(() =>
      generateSecretString({
        ExcludeLowercase: true,
        ExcludeUppercase: true,
        ExcludeNumbers: true,
        ExcludePunctuation: true,
      }),
    ).toThrow('excludes every character');
    expect(() => generateSecretString({ SecretStringTemplate: '{}' })).toThrow(
      'both SecretStringTemplate and GenerateStringKey',
    );
    expect(() => generateSecretString({ PasswordLength: 0 })).toThrow('PasswordLength');
  });
});
