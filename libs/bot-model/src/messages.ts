import type {
  ImageResponseCardMessage,
  Message,
  MessageGroup,
  PlainTextMessage,
  Prompt,
  Response,
  ResponseCardButton,
} from './model';

/** Retries before a prompt gives up: enough to rephrase, few enough not to loop. */
export const DEFAULT_MAX_RETRIES = 2;

export function text(value: string): PlainTextMessage {
  return { type: 'PlainText', text: value };
}

export function card(
  title: string,
  buttons: readonly ResponseCardButton[],
  options: { subtitle?: string; imageUrl?: string } = {},
): ImageResponseCardMessage {
  return { type: 'ImageResponseCard', title, ...options, buttons };
}

/** One button per value, labelled with the value capitalised; choosing it sends the value. */
export function buttonsFor(values: readonly string[]): ResponseCardButton[] {
  return values.map((value) => ({ text: value.charAt(0).toUpperCase() + value.slice(1), value }));
}

/** A message, or a plain text with rewordings Lex uses on retries. */
function group(message: Message | string, variations: readonly string[] = []): MessageGroup {
  const main = typeof message === 'string' ? text(message) : message;
  return variations.length > 0
    ? { message: main, variations: variations.map(text) }
    : { message: main };
}

/** A response of one message group per argument (Lex sends every group, in order). */
export function response(...messages: readonly (Message | string)[]): Response {
  return { messageGroups: messages.map((message) => group(message)), allowInterrupt: true };
}

/**
 * A prompt: the question (with rewordings used on retries, in order) followed by any
 * response cards, each its own message group.
 */
export function prompt(
  question: string,
  options: {
    variations?: readonly string[];
    cards?: readonly ImageResponseCardMessage[];
    maxRetries?: number;
  } = {},
): Prompt {
  return {
    messageGroups: [
      group(question, options.variations),
      ...(options.cards ?? []).map((c) => group(c)),
    ],
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    allowInterrupt: true,
  };
}
