import type { MessageDefinition, MessageGroupDefinition } from './bot-definition';
import type { SlotValue } from './slot-types';

/** A message as the runtime API and the code hook spell it. */
export interface LexMessage {
  contentType: 'PlainText' | 'SSML' | 'CustomPayload' | 'ImageResponseCard';
  content?: string;
  imageResponseCard?: {
    title: string;
    subtitle?: string;
    imageUrl?: string;
    buttons?: { text: string; value: string }[];
  };
}

export type SlotMap = Record<string, { value?: SlotValue; values?: { value: SlotValue }[] } | null>;

/**
 * `{Slot}` becomes the slot's interpreted value and `[attribute]` the session attribute, as Lex
 * substitutes them in every prompt; an unknown name is left as written.
 */
export function substitute(
  text: string,
  slots: SlotMap,
  attributes: Record<string, string>,
): string {
  return text
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const slot = slots[name];
      const value = slot?.value ?? slot?.values?.[0]?.value;
      return value ? (value.interpretedValue ?? value.originalValue) : whole;
    })
    .replace(/\[([\w.:-]+)\]/g, (whole, name: string) => attributes[name] ?? whole);
}

/**
 * The messages of a prompt or response: one per message group; the `attempt`-th retry uses the
 * group's variations in turn (so a re-asked question is worded differently, as variations are
 * meant for), the first attempt the group's main message.
 */
export function renderGroups(
  groups: readonly MessageGroupDefinition[] | undefined,
  slots: SlotMap,
  attributes: Record<string, string>,
  attempt = 0,
): LexMessage[] {
  return (groups ?? []).map((group) => {
    const choices = [group.message, ...group.variations];
    const chosen = choices[attempt % choices.length] ?? group.message;
    return renderMessage(chosen, slots, attributes);
  });
}

function renderMessage(
  message: MessageDefinition,
  slots: SlotMap,
  attributes: Record<string, string>,
): LexMessage {
  if (message.contentType === 'ImageResponseCard') {
    const { card } = message;
    const fill = (text: string) => substitute(text, slots, attributes);
    return {
      contentType: 'ImageResponseCard',
      imageResponseCard: {
        title: fill(card.title),
        ...(card.subtitle ? { subtitle: fill(card.subtitle) } : {}),
        ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}),
        buttons: card.buttons.map((button) => ({ text: fill(button.text), value: button.value })),
      },
    };
  }
  return {
    contentType: message.contentType,
    content: substitute(message.content, slots, attributes),
  };
}

/** The text a voice reply speaks: plain text and SSML messages, in order. */
export function spokenText(messages: readonly LexMessage[]): string {
  return messages
    .filter((m) => m.contentType === 'PlainText' || m.contentType === 'SSML')
    .map((m) => (m.content ?? '').replace(/<[^>]+>/g, ''))
    .join(' ')
    .trim();
}
