import {
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type Message,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

export interface ChatReplOptions {
  /** The local cloud's edge, e.g. `http://localhost:4566`. */
  endpoint: string;
  botId: string;
  botAliasId: string;
  localeId?: string;
  region?: string;
  /**
   * Any credentials not issued by the local Cognito act as the administrator. A provider is
   * asked again when what it gave expires (a guest's credentials last an hour).
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  sessionId?: string;
  /**
   * Where session ids come from (default `repl-<uuid>`): called at start unless `sessionId` is
   * given, and on `/new` — e.g. a conversation an application's API opens for the session.
   */
  newSessionId?: () => string | Promise<string>;
  /**
   * Request attributes to send with every turn of a session — a bot's code hook may require
   * some (e.g. a proof that the caller owns the session); called again for each new session.
   */
  requestAttributes?: (
    sessionId: string,
  ) => Record<string, string> | Promise<Record<string, string>>;
  input?: Readable;
  output?: Writable;
}

const HELP =
  'Type a message; a number presses that card button. /new starts a new session, /state shows the session state, /quit ends.';

/**
 * Chats with a Lex V2 bot from a terminal through LexRuntimeV2Client's RecognizeText, the way
 * the chat page does: prints the bot's messages and response cards (numbered buttons), and shows
 * the intent, its state and what Lex asks for next. Resolves when the user quits or input ends.
 */
export async function startChatRepl(options: ChatReplOptions): Promise<void> {
  const output = options.output ?? process.stdout;
  const print = (line: string) => output.write(`${line}\n`);
  const newSessionId = options.newSessionId ?? (() => `repl-${randomUUID()}`);
  let sessionId = options.sessionId ?? (await newSessionId());
  const client = new LexRuntimeV2Client({
    endpoint: options.endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
  let buttons: string[] = [];
  let last: RecognizeTextCommandOutput | undefined;

  print(
    `Chatting with bot ${options.botId}, alias ${options.botAliasId}, session ${sessionId}. ${HELP}`,
  );
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (!line) continue;
      if (line === '/quit' || line === '/exit') break;
      if (line === '/help') {
        print(HELP);
        continue;
      }
      if (line === '/new') {
        try {
          sessionId = await newSessionId();
        } catch (error) {
          print(`! no new session: ${(error as Error).message}`);
          continue;
        }
        buttons = [];
        last = undefined;
        print(`(new session ${sessionId})`);
        continue;
      }
      if (line === '/state') {
        print(JSON.stringify(last?.sessionState ?? {}, null, 2));
        continue;
      }
      const pressed = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
      const text = pressed ?? line;
      try {
        last = await client.send(
          new RecognizeTextCommand({
            botId: options.botId,
            botAliasId: options.botAliasId,
            localeId: options.localeId ?? 'en_US',
            sessionId,
            text,
            requestAttributes: await options.requestAttributes?.(sessionId),
          }),
        );
      } catch (error) {
        print(`! ${(error as Error).name}: ${(error as Error).message}`);
        continue;
      }
      buttons = [];
      for (const message of last.messages ?? []) print(render(message, buttons));
      const state = last.sessionState;
      const next = state?.dialogAction?.slotToElicit
        ? `${state.dialogAction.type} ${state.dialogAction.slotToElicit}`
        : (state?.dialogAction?.type ?? 'None');
      print(
        `  (${state?.intent?.name ?? 'no intent'}: ${state?.intent?.state ?? '-'}, next ${next})`,
      );
    }
  } finally {
    lines.close();
    client.destroy();
  }
}

function render(message: Message, buttons: string[]): string {
  if (message.contentType !== 'ImageResponseCard') return `bot: ${message.content ?? ''}`;
  const card = message.imageResponseCard;
  const choices = (card?.buttons ?? []).map((button) => {
    buttons.push(button.value ?? button.text ?? '');
    return `${buttons.length}) ${button.text}`;
  });
  const subtitle = card?.subtitle ? ` — ${card.subtitle}` : '';
  return `bot: [${card?.title ?? ''}${subtitle}] ${choices.join('  ')}`;
}
