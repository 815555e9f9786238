/*
 * The scripted-dialogue format of BookTrip's Lex tests, written once and played by two runners:
 * the fulfilment service's conversation tests call the code hook directly (apps/lex-fulfilment/
 * test/conversation/run-dialogue.ts), and the local cloud's plays the same lines end to end
 * through LexRuntimeV2Client (tools/local-cloud/test/lex/play-dialogue.ts).
 */

import { TIME_ZONE_ATTRIBUTE } from '@booktrip/events';

export type LexIntentState =
  | 'InProgress'
  | 'ReadyForFulfillment'
  | 'Waiting'
  | 'FulfillmentInProgress'
  | 'Fulfilled'
  | 'Failed';
export type LexConfirmationState = 'None' | 'Confirmed' | 'Denied';
export type LexDialogActionType =
  'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot';
/** Lex's name for the how-manieth time a prompt is asked (`proposedNextState.prompt.attempt`). */
export type LexPromptAttempt = 'Initial' | 'Retry1' | 'Retry2' | 'Retry3' | 'Retry4' | 'Retry5';

/** Marks a session attribute that must not be in the response. */
export const ABSENT = Symbol('absent');

/**
 * One scripted turn: what the user says, what Lex understood (the intent and the slots filled
 * by this utterance), and what the bot must answer. Slots of earlier turns are carried as Lex
 * carries them, so a step lists only what is new. A runner that goes through Lex itself reads
 * only `user` and the session attributes, and checks `expect`.
 */
export interface DialogueStep {
  user: string;
  lex: {
    intent: string;
    /** Slot values understood from this utterance (Lex's interpreted value); `null` empties one. */
    slots?: Record<string, string | null>;
    invocationSource?: 'DialogCodeHook' | 'FulfillmentCodeHook';
    confirmationState?: LexConfirmationState;
    /** Session attributes the client sends with this request; they replace the stored set. */
    sessionAttributes?: Record<string, string>;
    /**
     * What Lex proposes to do next (`proposedNextState`), when the step depends on it: e.g. the
     * same slot again on `Retry1` after an answer Lex could not understand.
     */
    proposed?:
      | { action: 'ElicitSlot'; slot: string; attempt: LexPromptAttempt }
      | { action: 'ConfirmIntent'; attempt: LexPromptAttempt };
  };
  expect: {
    action: LexDialogActionType;
    slot?: string;
    /** The bot's text (its plain-text messages joined by a space). */
    message?: RegExp | string;
    /** The bot says nothing of its own in this turn (the next hook call answers). */
    noMessage?: true;
    /** Response cards after the message: `[title, button values]` each. */
    cards?: [string, string[]][];
    intentState?: LexIntentState;
    confirmationState?: LexConfirmationState;
    /** Expected slot values (`null` = empty); unlisted slots are not checked. */
    slots?: Record<string, string | null>;
    /** Expected session attributes; unlisted ones are not checked. */
    sessionAttributes?: Record<string, string | RegExp | typeof ABSENT>;
    /** Detail types of the events put on the bus during this turn, in order. */
    published?: string[];
  };
}

export interface Dialogue {
  name: string;
  /** The clock of the whole dialogue (default: Tuesday 2026-11-24, noon UTC). */
  now?: string;
  /**
   * The person's IANA zone, sent with every turn as the `x-amz-lex:time-zone` request attribute
   * (Lex reads "tomorrow" in it; the hook checks dates against the person's today). None: not sent.
   */
  timeZone?: string;
  /** Session attributes before the first turn. */
  sessionAttributes?: Record<string, string>;
  steps: DialogueStep[];
}

/** The request attributes a dialogue's turns carry besides the conversation token. */
export function dialogueRequestAttributes(dialogue: Dialogue): Record<string, string> {
  return dialogue.timeZone ? { [TIME_ZONE_ATTRIBUTE]: dialogue.timeZone } : {};
}

/** The clock of a dialogue that sets none: Tuesday 2026-11-24, noon UTC. */
export const DIALOGUE_DEFAULT_NOW = '2026-11-24T12:00:00Z';
