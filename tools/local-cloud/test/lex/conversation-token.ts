import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import {
  CONVERSATION_TOKEN_ATTRIBUTE,
  conversationToken,
  LOCAL_CONVERSATION_TOKEN_KEY,
} from '@booktrip/events';

/**
 * The real code hook records and books nothing without the session's conversation token (the
 * page sends it as a request attribute on every turn), so the test clients do what the page
 * does: every RecognizeText carries the token of its session id under the local stage's key.
 * Tests that want a stranger's turn send their own `requestAttributes` with a wrong token.
 */
/** The request attributes the page sends with a turn of `sessionId`. */
export async function tokenAttributes(sessionId: string): Promise<Record<string, string>> {
  return {
    [CONVERSATION_TOKEN_ATTRIBUTE]: await conversationToken(
      LOCAL_CONVERSATION_TOKEN_KEY,
      sessionId,
    ),
  };
}

export function withConversationToken(client: LexRuntimeV2Client): LexRuntimeV2Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as {
        sessionId?: string;
        text?: string;
        requestAttributes?: Record<string, string>;
      };
      if (input.sessionId && input.text !== undefined) {
        input.requestAttributes = {
          ...(await tokenAttributes(input.sessionId)),
          ...input.requestAttributes,
        };
      }
      return next(args);
    },
    { step: 'initialize', name: 'conversationToken' },
  );
  return client;
}
