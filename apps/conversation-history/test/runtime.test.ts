import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:CursorSigningKey-abc';
const KEY = 'k'.repeat(64);

/**
 * A fresh module registry per test, as a new Lambda container: runtime.ts caches the key per
 * container. The SDK mock must patch the client class of that same registry.
 */
async function freshContainer() {
  jest.resetModules();
  const sdk = (await import('@aws-sdk/client-secrets-manager')) as typeof SecretsManager;
  const secretsManager = mockClient(sdk.SecretsManagerClient);
  const { defaultCursors } = await import('../src/runtime');
  return { defaultCursors, secretsManager, GetSecretValueCommand: sdk.GetSecretValueCommand };
}

describe('defaultCursors', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    process.env = { ...saved, AWS_REGION: 'us-east-1', CURSOR_KEY_SECRET_ARN: SECRET_ARN };
    delete process.env.CURSOR_SIGNING_KEY;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('signs with the key read from Secrets Manager, fetched once per container', async () => {
    const { defaultCursors, secretsManager, GetSecretValueCommand } = await freshContainer();
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: KEY });

    const first = await defaultCursors();
    const second = await defaultCursors();

    const cursor = first.encode('scope', { PK: 'CONV#1' });
    expect(second.decode('scope', cursor)).toEqual({ PK: 'CONV#1' });
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secretsManager).toHaveReceivedCommandWith(GetSecretValueCommand, {
      SecretId: SECRET_ARN,
    });
  });

  it('tries again on the next request when Secrets Manager failed', async () => {
    const { defaultCursors, secretsManager, GetSecretValueCommand } = await freshContainer();
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: KEY });

    await expect(defaultCursors()).rejects.toThrow();
    await expect(defaultCursors()).resolves.toBeDefined();
  });

  it('uses the local stage key from the environment without calling Secrets Manager', async () => {
    process.env.CURSOR_SIGNING_KEY = 'local-stage-cursor-signing-key-not-a-secret-0000';
    const { defaultCursors, secretsManager, GetSecretValueCommand } = await freshContainer();

    await defaultCursors();

    expect(secretsManager).not.toHaveReceivedCommand(GetSecretValueCommand);
  });
});
