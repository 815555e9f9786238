import type { Prompt } from '@booktrip/bot-model';
import type { ResponseCard } from './dialog';
import type { LexSlots } from './lex-event-schema';
import { slotValue } from './slot-values';

/** A prompt as the hook sends it: the question, then the response cards that answer it. */
export interface SlotPrompt {
  question: string;
  cards: ResponseCard[];
}

/**
 * `Initial` is 0, `RetryN` is N (`proposedNextState.prompt.attempt`). Anything else counts as
 * the first attempt: the worst it can do is word a re-asked question as on the first time.
 */
export function promptAttempt(attempt: string | undefined): number {
  const retry = /^Retry([1-9]\d*)$/.exec(attempt ?? '');
  return retry ? Number(retry[1]) : 0;
}

/**
 * The prompt's messages on the given attempt, as Lex's `Ordered` selection picks them: each
 * group's main message first, then its variations in turn on Retry1, Retry2…, staying on the
 * last variation once they run out. Plain-text groups make the question (joined by a space),
 * card groups the cards. A prompt with no plain text is a bot-model bug, and throws.
 */
export function promptAt(prompt: Prompt, attempt: number, name: string): SlotPrompt {
  const chosen = prompt.messageGroups.map((group) => {
    const variations = group.variations ?? [];
    if (attempt <= 0 || variations.length === 0) return group.message;
    return variations[Math.min(attempt, variations.length) - 1] ?? group.message;
  });
  const texts = chosen.flatMap((message) => (message.type === 'PlainText' ? [message.text] : []));
  if (texts.length === 0) throw new Error(`The bot model's prompt ${name} has no plain text`);
  const cards = chosen.flatMap((message): ResponseCard[] =>
    message.type === 'ImageResponseCard'
      ? [
          {
            title: message.title,
            ...(message.subtitle ? { subtitle: message.subtitle } : {}),
            ...(message.imageUrl ? { imageUrl: message.imageUrl } : {}),
            buttons: message.buttons.map(({ text, value }) => ({ text, value })),
          },
        ]
      : [],
  );
  return { question: texts.join(' '), cards };
}

/**
 * Substitutes `{Slot}` with the slot's interpreted value and `[attribute]` with the session
 * attribute, as Lex does in the prompts it speaks; a name without a value stays as written.
 */
export function fillPrompt(
  prompt: SlotPrompt,
  slots: LexSlots,
  attributes: Readonly<Record<string, string>>,
): SlotPrompt {
  const fill = (text: string) =>
    text
      .replace(/\{(\w+)\}/g, (whole, name: string) => slotValue(slots, name) ?? whole)
      .replace(/\[([\w.:-]+)\]/g, (whole, name: string) => attributes[name] ?? whole);
  return {
    question: fill(prompt.question),
    cards: prompt.cards.map((card) => ({
      ...card,
      title: fill(card.title),
      ...(card.subtitle ? { subtitle: fill(card.subtitle) } : {}),
      ...(card.buttons
        ? { buttons: card.buttons.map((button) => ({ ...button, text: fill(button.text) })) }
        : {}),
    })),
  };
}
