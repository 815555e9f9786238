import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import {
  CONVERSATION_TOKEN_ATTRIBUTE,
  conversationToken,
  LOCAL_CONVERSATION_TOKEN_KEY,
} from '@booktrip/events';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The real code hook records and books nothing without the session's conversation token (the
 * page sends it as a request attribute on every turn), so the test clients do what the page
 * does: every RecognizeText (and RecognizeUtterance) carries the token of its session id under the local stage's key.
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
      const utterance = args.input as {
        sessionId?: string;
        inputStream?: unknown;
        requestAttributes?: string;
      };
      if (utterance.sessionId && utterance.inputStream !== undefined) {
        // RecognizeUtterance carries its attributes as a header: JSON, gzipped, base64.
        const sent = utterance.requestAttributes
          ? (JSON.parse(
              gunzipSync(Buffer.from(utterance.requestAttributes, 'base64')).toString('utf8'),
            ) as Record<string, string>)
          : {};
        utterance.requestAttributes = gzipSync(
          JSON.stringify({ ...(await tokenAttributes(utterance.sessionId)), ...sent }),
        ).toString('base64');
      } else if (input.sessionId && input.text !== undefined) {
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
