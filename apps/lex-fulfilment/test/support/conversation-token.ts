import { CONVERSATION_TOKEN_ATTRIBUTE, conversationToken } from '@booktrip/events';

/** The token key of the tests (the history API and the hook share the real one in AWS). */
export const TEST_TOKEN_KEY = 'lex-fulfilment-test-conversation-token-key-0000';

/** The event as the page sends it: with its conversation's token as a request attribute. */
export async function withToken<T extends { sessionId?: unknown; requestAttributes?: unknown }>(
  event: T,
): Promise<T> {
  const token = await conversationToken(TEST_TOKEN_KEY, String(event.sessionId));
  const attributes = (event.requestAttributes ?? {}) as Record<string, string>;
  return { ...event, requestAttributes: { ...attributes, [CONVERSATION_TOKEN_ATTRIBUTE]: token } };
}
