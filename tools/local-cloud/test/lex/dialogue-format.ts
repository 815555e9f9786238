/*
 * The fulfilment service's conversation-test format (apps/lex-fulfilment/test/conversation/
 * dialogue.ts), restated here: importing it would make local-cloud depend on an app (and close a
 * project cycle through tools/workspace). Keep the two in step until the format moves to
 * libs/test-kit, where both can import it.
 */
type IntentState =
  | 'InProgress'
  | 'ReadyForFulfillment'
  | 'Waiting'
  | 'FulfillmentInProgress'
  | 'Fulfilled'
  | 'Failed';
type ConfirmationState = 'None' | 'Confirmed' | 'Denied';
type DialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot';

/** Marks a session attribute that must not be in the response. */
export const ABSENT = Symbol('absent');

export interface DialogueStep {
  user: string;
  lex: {
    intent: string;
    slots?: Record<string, string | null>;
    invocationSource?: 'DialogCodeHook' | 'FulfillmentCodeHook';
    confirmationState?: ConfirmationState;
    sessionAttributes?: Record<string, string>;
  };
  expect: {
    action: DialogActionType;
    slot?: string;
    message?: RegExp | string;
    noMessage?: true;
    cards?: [string, string[]][];
    intentState?: IntentState;
    confirmationState?: ConfirmationState;
    slots?: Record<string, string | null>;
    sessionAttributes?: Record<string, string | RegExp | typeof ABSENT>;
    published?: string[];
  };
}

export interface Dialogue {
  name: string;
  now?: string;
  sessionAttributes?: Record<string, string>;
  steps: DialogueStep[];
}
