import type { Message, RecognizeTextResponse } from '@aws-sdk/client-lex-runtime-v2';
import type { ChatItem, ResponseCard } from './chat-item';
import { ssmlToText } from './markdown';

// The confirmation prompts say "… for $1,234.00. Shall I book …": the amount is lifted out so
// the page can show it large, and the rest is kept as the sentence it is.
const PRICE = /\$\d{1,3}(?:,\d{3})*(?:\.\d{2})?|\$\d+(?:\.\d{2})?/;

/** The amount a confirmation prompt asks the person to agree to, if it names one. */
export const confirmationPrice = (text: string): string | undefined => PRICE.exec(text)?.[0];

export interface BotReply {
  items: ChatItem[];
  /** What Lex does next: `ConfirmIntent`, `ElicitSlot`, `Close`, … */
  dialogAction?: string;
  intentName?: string;
  intentState?: string;
  /** Lex's stored attributes after the turn; undefined when the response carried no state. */
  sessionAttributes?: Record<string, string>;
}

function toCard(message: Message): ResponseCard | undefined {
  const card = message.imageResponseCard;
  if (!card?.title) return undefined;
  return {
    title: card.title,
    subtitle: card.subtitle,
    imageUrl: card.imageUrl && /^https:\/\//i.test(card.imageUrl) ? card.imageUrl : undefined,
    buttons: (card.buttons ?? [])
      .filter((b): b is { text: string; value: string } => Boolean(b.text && b.value))
      .map(({ text, value }) => ({ text, value })),
  };
}

/**
 * A RecognizeText response as chat items: each text message a bubble, every response card of
 * the reply together as one set of quick replies (never only the first), the price of a
 * confirmation set apart. The response's looser shapes (intents without `state`, slots
 * without `shape`) are tolerated.
 */
export function botReply(response: RecognizeTextResponse, at: string, idPrefix: string): BotReply {
  const dialogAction = response.sessionState?.dialogAction?.type;
  const items: ChatItem[] = [];
  const cards: ResponseCard[] = [];
  (response.messages ?? []).forEach((message, index) => {
    const id = `${idPrefix}-${index}`;
    if (message.contentType === 'ImageResponseCard') {
      const card = toCard(message);
      if (card) cards.push(card);
      return;
    }
    const raw = message.content ?? '';
    if (!raw.trim()) return;
    const text = message.contentType === 'SSML' ? ssmlToText(raw) : raw;
    const price = dialogAction === 'ConfirmIntent' ? confirmationPrice(text) : undefined;
    items.push({
      kind: 'bot',
      id,
      at,
      text,
      format: message.contentType === 'PlainText' ? 'markdown' : 'text',
      ...(price ? { price } : {}),
    });
  });
  if (cards.length > 0)
    items.push({ kind: 'cards', id: `${idPrefix}-cards`, at, cards, used: false });
  const intent = response.sessionState?.intent;
  return {
    items,
    dialogAction,
    intentName: intent?.name,
    intentState: intent?.state,
    ...(response.sessionState
      ? { sessionAttributes: { ...(response.sessionState.sessionAttributes ?? {}) } }
      : {}),
  };
}
