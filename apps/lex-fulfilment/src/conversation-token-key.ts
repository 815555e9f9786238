import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EnvironmentError, readEnvironment, traced } from '@booktrip/lambda-kit';
import { fulfilmentDefinition } from './definition';

/** How long a container keeps the key: a rotated key reaches every container within it. */
export const TOKEN_KEY_MAX_AGE_SECONDS = 300;

let secrets: SecretsProvider | undefined;

/**
 * The key that conversation tokens are signed with (the history API issues them). In AWS it
 * stays in Secrets Manager (CONVERSATION_TOKEN_SECRET_ARN), read on the first turn and cached by
 * Powertools Parameters; the `local` stage, which has no Secrets Manager, passes its public dev
 * key as CONVERSATION_TOKEN_KEY. A failed read is not cached: the next turn tries again.
 */
export async function conversationTokenKey(): Promise<string> {
  const { tokenKey, tokenKeySecretArn } = fulfilmentDefinition.env;
  const env = readEnvironment({ tokenKey, tokenKeySecretArn });
  if (env.tokenKey) return env.tokenKey;
  const secretArn = env.tokenKeySecretArn;
  if (!secretArn)
    throw new EnvironmentError(`Environment variable ${tokenKeySecretArn.name} is not set`);
  secrets ??= new SecretsProvider({ awsSdkV3Client: traced(new SecretsManagerClient({})) });
  const key = await secrets.get(secretArn, { maxAge: TOKEN_KEY_MAX_AGE_SECONDS });
  if (typeof key !== 'string') throw new Error('The conversation token key secret is not a string');
  return key;
}
