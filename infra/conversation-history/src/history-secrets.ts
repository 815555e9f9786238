import type { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LOCAL_STAGE, acknowledge, type Binding, type ServiceStack } from '@booktrip/constructs';
import { conversationTokenSecretParameter, LOCAL_CONVERSATION_TOKEN_KEY } from '@booktrip/events';

/** The `local` stage's cursor key: public on purpose, it protects nothing but a dev machine. */
export const LOCAL_CURSOR_SIGNING_KEY = 'local-stage-cursor-signing-key-not-a-secret-0000';

/**
 * The cursor HMAC key. In AWS: generated once by Secrets Manager; the listing functions get
 * its ARN and read it at run time (cached), so the value is in neither the template, the
 * repository nor any function configuration. The local cloud has no Secrets Manager and
 * nothing to protect: it gets a fixed, public, local-only key in the environment.
 */
export function cursorKeySource(
  stack: ServiceStack,
  removalPolicy: RemovalPolicy,
): { cursorSigningKey: string } | { cursorKeySecretArn: Binding } {
  if (stack.stage === LOCAL_STAGE) return { cursorSigningKey: LOCAL_CURSOR_SIGNING_KEY };
  const secret = new Secret(stack, 'CursorSigningKey', {
    description: 'HMAC key that signs conversation-history page cursors',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy,
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'Signs short-lived page cursors only: rotating it merely invalidates open cursors, so a manual rotation (new secret value, picked up within 5 minutes) needs no rotation Lambda.',
  );
  return {
    cursorKeySecretArn: { value: secret.secretArn, grant: (fn) => secret.grantRead(fn) },
  };
}

/**
 * The conversation token key (issue 18): `POST /v1/conversations` signs each new conversation
 * id with it, and the lex-bot stack's code hook verifies the token of every turn with it. In
 * AWS: generated once by Secrets Manager, only the create function may read it here, and its ARN
 * is published in SSM for the lex-bot stack, which grants its own function the read. The local
 * cloud gets the public local key in the environment of both.
 */
export function conversationTokenKeySource(
  stack: ServiceStack,
  removalPolicy: RemovalPolicy,
): { tokenKey: string } | { tokenKeySecretArn: Binding } {
  if (stack.stage === LOCAL_STAGE) return { tokenKey: LOCAL_CONVERSATION_TOKEN_KEY };
  const secret = new Secret(stack, 'ConversationTokenKey', {
    description:
      'HMAC key of conversation tokens (issued by the history API, checked by the code hook)',
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy,
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'Rotating it would end every open chat (their tokens no longer verify); a manual rotation, picked up by both services within 5 minutes, is the deliberate way to do that, so no rotation Lambda.',
  );
  stack.share(
    'ConversationTokenSecretParameter',
    conversationTokenSecretParameter(stack.stage),
    secret.secretArn,
  );
  return {
    tokenKeySecretArn: { value: secret.secretArn, grant: (fn) => secret.grantRead(fn) },
  };
}
