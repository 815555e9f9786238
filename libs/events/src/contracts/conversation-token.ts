import { z } from 'zod';

/**
 * The conversation token: proof that a chat turn comes from the conversation's owner. The
 * history API issues it to the owner with the conversation (`POST /v1/conversations`); the page
 * sends it with every turn as the Lex V2 request attribute below; the code hook records and
 * books nothing for a turn without the right one. It is `base64url(HMAC-SHA256(key,
 * "booktrip-conversation:v1:" + conversationId))`, with the key in Secrets Manager, shared by the
 * two services. Web Crypto only, so the page's bundle may import this module too.
 *
 * A request attribute, not a session attribute: Lex keeps session attributes server-side for the
 * session id, so a token stored there would be handed to anyone who continues that session id.
 * Request attributes live for one request only.
 */
export const CONVERSATION_TOKEN_ATTRIBUTE = 'x-booktrip-conversation-token';

/** 32 bytes of HMAC-SHA256, base64url without padding. */
export const ConversationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a conversation token (43 base64url characters)');

/** Keys shorter than this are refused: an HMAC key should be as long as the hash. */
export const MIN_TOKEN_KEY_LENGTH = 32;

const encoder = new TextEncoder();
const signedText = (conversationId: string) =>
  encoder.encode(`booktrip-conversation:v1:${conversationId}`);

function hmacKey(secret: string, usage: 'sign' | 'verify') {
  if (secret.length < MIN_TOKEN_KEY_LENGTH) {
    throw new Error(
      `The conversation token key must have at least ${MIN_TOKEN_KEY_LENGTH} characters`,
    );
  }
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

const fromBase64Url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/** The token of a conversation, for its owner only. */
export async function conversationToken(secret: string, conversationId: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret, 'sign'),
    signedText(conversationId),
  );
  return toBase64Url(new Uint8Array(signature));
}

/**
 * True only for the token of this conversation under this key. Compared by Web Crypto's HMAC
 * verification, in constant time; anything that is not a well-formed token is simply false.
 */
export async function isConversationToken(
  secret: string,
  conversationId: string,
  token: unknown,
): Promise<boolean> {
  if (!ConversationTokenSchema.safeParse(token).success) return false;
  return crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret, 'verify'),
    fromBase64Url(token as string),
    signedText(conversationId),
  );
}

/**
 * The SSM parameter where the history stack (which issues tokens) publishes the ARN of the key's
 * secret for the lex-bot stack (whose code hook verifies them), read at deploy time.
 */
export const conversationTokenSecretParameter = (stage: string) =>
  `/booktrip/${stage}/conversation-history/conversation-token-secret-arn`;

/** The `local` stage's key: public on purpose, it protects nothing but a dev machine. */
export const LOCAL_CONVERSATION_TOKEN_KEY = 'local-stage-conversation-token-key-not-a-secret-0000';
