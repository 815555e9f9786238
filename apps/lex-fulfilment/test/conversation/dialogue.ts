import type { ConfirmationState, DialogActionType, IntentState } from '../../src/lex-event-schema';
import type { TurnEffects } from '../../src/handle-turn';

/** Marks a session attribute that must not be in the response. */
export const ABSENT = Symbol('absent');

/**
 * One scripted turn: what the user says, what Lex understood (the intent and the slots filled
 * by this utterance), and what the hook must answer. Slots of earlier turns are carried as
 * Lex carries them, so a step lists only what is new.
 */
export interface DialogueStep {
  user: string;
  lex: {
    intent: string;
    /** Slot values understood from this utterance (Lex's interpreted value); `null` empties one. */
    slots?: Record<string, string | null>;
    invocationSource?: 'DialogCodeHook' | 'FulfillmentCodeHook';
    confirmationState?: ConfirmationState;
    /** Session attributes the client sends with this request; they replace the stored set. */
    sessionAttributes?: Record<string, string>;
  };
  expect: {
    action: DialogActionType;
    slot?: string;
    /** The bot's text (its plain-text messages joined by a space). */
    message?: RegExp | string;
    /** The hook sends no message (Lex speaks the bot's own prompt). */
    noMessage?: true;
    /** Response cards after the message: `[title, button values]` each. */
    cards?: [string, string[]][];
    intentState?: IntentState;
    confirmationState?: ConfirmationState;
    /** Expected slot values (`null` = empty); unlisted slots are not checked. */
    slots?: Record<string, string | null>;
    /** Expected session attributes; unlisted ones are not checked. */
    sessionAttributes?: Record<string, string | RegExp | typeof ABSENT>;
    /** Detail types of the events put on the bus during this turn, in order. */
    published?: string[];
  };
}

export type BusBehaviour =
  /** Every entry is accepted. */
  | 'healthy'
  /** PutEvents answers, but reports the first entry of every call as failed. */
  | 'first-entry-fails'
  /** PutEvents itself fails (e.g. throttled after the SDK's retries). */
  | 'unavailable';

export interface Dialogue {
  name: string;
  /** The clock of the whole dialogue (default: Tuesday 2026-11-24, noon UTC). */
  now?: string;
  /** Session attributes before the first turn. */
  sessionAttributes?: Record<string, string>;
  bus?: BusBehaviour;
  /** Replaced side effects, e.g. a pricing function that throws. */
  effects?: Partial<Pick<TurnEffects, 'price'>>;
  steps: DialogueStep[];
}
