import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EnvironmentError, logger, readEnvironment, traced } from '@booktrip/lambda-kit';
import { allowedOriginReader, type ReadAllowedOrigin } from './api/allowed-origin';
import { createCursorCodec, type CursorCodec } from './cursor';
import { historyDefinition } from './definition';
import { createHistoryRepository, type HistoryRepository } from './history-repository';
import { createImageUrlSigner, type SignImageUrl } from './image-url';

// Module scope: one client per container, captured by the tracer. Nothing here reads the
// environment until a handler first asks, so tests can import handlers without it.
const documentClient = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const s3 = traced(new S3Client({}));
const secrets = new SecretsProvider({ awsSdkV3Client: traced(new SecretsManagerClient({})) });
const parameters = new SSMProvider({ awsSdkV3Client: traced(new SSMClient({})) });

/** How long a container keeps the cursor key: a rotated key reaches every container within it. */
export const CURSOR_KEY_MAX_AGE_SECONDS = 300;

const { env } = historyDefinition;

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The History table the function's environment names. */
export const defaultRepository: () => HistoryRepository = once(() =>
  createHistoryRepository({
    client: documentClient,
    tableName: readEnvironment({ table: env.table }).table,
  }),
);

/**
 * Cursor signing. In AWS the key stays in Secrets Manager (CURSOR_KEY_SECRET_ARN), read on the
 * first listing and cached by Powertools Parameters, so it shows in no function configuration;
 * the `local` stage, which has no Secrets Manager, passes its public dev key as
 * CURSOR_SIGNING_KEY. A failed read is not cached: the next request tries again.
 */
export async function defaultCursors(): Promise<CursorCodec> {
  const { cursorSigningKey, cursorKeySecretArn } = readEnvironment({
    cursorSigningKey: env.cursorSigningKey,
    cursorKeySecretArn: env.cursorKeySecretArn,
  });
  if (cursorSigningKey) return createCursorCodec(cursorSigningKey);
  if (!cursorKeySecretArn) {
    throw new EnvironmentError(`Environment variable ${env.cursorKeySecretArn.name} is not set`);
  }
  const key = await secrets.get(cursorKeySecretArn, {
    maxAge: CURSOR_KEY_MAX_AGE_SECONDS,
  });
  if (typeof key !== 'string') throw new Error('The cursor signing key secret is not a string');
  return createCursorCodec(key);
}

/**
 * The key conversation tokens are signed with (the code hook verifies them with the same key).
 * As for cursors: Secrets Manager in AWS (CONVERSATION_TOKEN_SECRET_ARN, cached 5 minutes), the
 * `local` stage's public dev key in CONVERSATION_TOKEN_KEY.
 */
export async function defaultTokenKey(): Promise<string> {
  const { tokenKey, tokenKeySecretArn } = readEnvironment({
    tokenKey: env.tokenKey,
    tokenKeySecretArn: env.tokenKeySecretArn,
  });
  if (tokenKey) return tokenKey;
  if (!tokenKeySecretArn) {
    throw new EnvironmentError(`Environment variable ${env.tokenKeySecretArn.name} is not set`);
  }
  const key = await secrets.get(tokenKeySecretArn, { maxAge: CURSOR_KEY_MAX_AGE_SECONDS });
  if (typeof key !== 'string') throw new Error('The conversation token key secret is not a string');
  return key;
}

/** Presigned GETs for the image-flip output bucket. */
export const defaultImageUrls: () => SignImageUrl = once(() =>
  createImageUrlSigner({
    client: s3,
    bucketName: readEnvironment({ outputBucket: env.outputBucket }).outputBucket,
  }),
);

/**
 * The chat page's origin for CORS, from the SSM parameter ALLOWED_ORIGIN_PARAMETER names,
 * cached by Powertools Parameters (5 minutes); undefined, with an error log line, when unreadable.
 */
export const defaultAllowedOrigin: ReadAllowedOrigin = allowedOriginReader({
  parameterName: () => process.env[env.allowedOriginParameter.name],
  read: (name, options) => parameters.get(name, options),
  log: { error: (message, extra) => logger.error(message, extra ?? {}) },
});
