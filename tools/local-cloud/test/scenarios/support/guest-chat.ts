// A guest chatting with the stage's bot as the chat page does: a conversation the history API
// opens, its id as the Lex session id, and its token sent on every turn as a request attribute.
// Endpoint, credentials and SSM parameters only, like every scenario.
import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import type { CloudUnderTest, Guest } from './cloud-under-test';
import { signedFetch } from './signed-fetch';

export interface GuestChat {
  conversationId: string;
  token: string;
  say(text: string): Promise<RecognizeTextCommandOutput>;
}

export interface GuestChats {
  /** Opens a conversation (signed `POST /v1/conversations`) and a chat in it. */
  open(title?: string): Promise<GuestChat>;
  close(): void;
}

export async function guestChats(cloud: CloudUnderTest, guest: Guest): Promise<GuestChats> {
  const apiUrl = await cloud.parameter('conversation-history/api-url');
  const bot = {
    botId: await cloud.parameter('lex-bot/bot-id'),
    botAliasId: await cloud.parameter('lex-bot/bot-alias-id'),
    localeId: 'en_US',
  };
  const lex = new LexRuntimeV2Client(cloud.config(guest.credentials));
  return {
    async open(title = 'Scenario') {
      const created = await signedFetch(new URL('v1/conversations', apiUrl).toString(), {
        method: 'POST',
        body: { title },
        region: cloud.region,
        credentials: guest.credentials,
      });
      if (created.status !== 201) {
        throw new Error(
          `POST /v1/conversations: ${created.status} ${JSON.stringify(created.json)}`,
        );
      }
      const { conversationId, conversationToken: token } = created.json as {
        conversationId: string;
        conversationToken: string;
      };
      // Lex replaces the session attributes with what a request carries: send back the last.
      let attributes: Record<string, string> = {};
      const say = async (text: string) => {
        const answer = await lex.send(
          new RecognizeTextCommand({
            ...bot,
            sessionId: conversationId,
            text,
            sessionState: { sessionAttributes: attributes },
            // The proof of ownership travels per request, never in the session Lex keeps.
            requestAttributes: { 'x-booktrip-conversation-token': token },
          }),
        );
        attributes = answer.sessionState?.sessionAttributes ?? {};
        return answer;
      };
      return { conversationId, token, say };
    },
    close: () => lex.destroy(),
  };
}

/** The plain-text messages of an answer, joined. */
export function textOf(answer: RecognizeTextCommandOutput): string {
  return (answer.messages ?? [])
    .filter((message) => message.contentType === 'PlainText')
    .map((message) => message.content)
    .join(' ');
}

/** A slot's interpreted value, or null while it is empty. */
export function slotOf(answer: RecognizeTextCommandOutput, name: string): string | null {
  return answer.sessionState?.intent?.slots?.[name]?.value?.interpretedValue ?? null;
}

/** `YYYY-MM-DD`, `days` after today (UTC; negative: before), whatever day the test runs. */
export function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
