import type {
  ConfirmationState,
  DialogActionType,
  IntentState,
  LexSlots,
} from './lex-event-schema';

/*
 * Builders of the code hook's response ("Lambda response format" in the Lex V2 guide). Lex
 * rejects a response whose session attributes are not all strings, or that lacks the intent
 * for anything but ElicitIntent, with DependencyFailedException, so only these build responses.
 */

export interface ResponseCard {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  buttons?: { text: string; value: string }[];
}

export type LexMessage =
  | { contentType: 'PlainText'; content: string }
  | { contentType: 'ImageResponseCard'; imageResponseCard: ResponseCard };

export interface ResponseIntent {
  name: string;
  slots: LexSlots;
  state: IntentState;
  confirmationState: ConfirmationState;
}

export interface LexResponse {
  sessionState: {
    sessionAttributes: Record<string, string>;
    dialogAction: { type: DialogActionType; slotToElicit?: string };
    intent?: ResponseIntent;
  };
  messages?: LexMessage[];
}

/** The intent the turn is about: its name and current slots. */
export interface TurnIntent {
  name: string;
  slots: LexSlots;
  confirmationState?: ConfirmationState;
}

type Attributes = Record<string, string>;

/** Lex V2 refuses a message whose content is longer (DependencyFailedException). */
export const MAX_MESSAGE_LENGTH = 1024;

/**
 * Asks for one slot with `message` (which replaces the slot's prompt, so it says why and asks),
 * followed by any response cards whose buttons answer it.
 */
export function elicitSlot(
  intent: TurnIntent,
  slotToElicit: string,
  sessionAttributes: Attributes,
  message: string,
  cards: readonly ResponseCard[] = [],
): LexResponse {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit },
      intent: responseIntent(intent, 'InProgress'),
    },
    messages: withCards(message, cards),
  };
}

/**
 * Lets Lex pick the next step from the bot's configuration. The hook only delegates once the
 * intent is confirmed, when the next step is fulfilment: every question is the hook's own, so
 * what the user is told is what the turn records.
 */
export function delegate(intent: TurnIntent, sessionAttributes: Attributes): LexResponse {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'Delegate' },
      intent: responseIntent(intent, 'InProgress'),
    },
  };
}

/**
 * Asks a yes/no question (and any cards with it); the next turn arrives with confirmationState
 * Confirmed or Denied.
 */
export function confirmIntent(
  intent: TurnIntent,
  sessionAttributes: Attributes,
  message: string,
  cards: readonly ResponseCard[] = [],
): LexResponse {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'ConfirmIntent' },
      intent: responseIntent({ ...intent, confirmationState: 'None' }, 'InProgress'),
    },
    messages: withCards(message, cards),
  };
}

/** Ends the intent, Fulfilled or Failed, with a message. */
export function close(
  intent: TurnIntent,
  state: 'Fulfilled' | 'Failed',
  sessionAttributes: Attributes,
  message: string,
): LexResponse {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'Close' },
      intent: responseIntent(intent, state),
    },
    ...messages(message),
  };
}

/** Says something and waits for the user's next request (a new intent). */
export function elicitIntent(sessionAttributes: Attributes, message: string): LexResponse {
  return {
    sessionState: { sessionAttributes, dialogAction: { type: 'ElicitIntent' } },
    ...messages(message),
  };
}

function responseIntent(intent: TurnIntent, state: IntentState): ResponseIntent {
  return {
    name: intent.name,
    slots: intent.slots,
    state,
    confirmationState: intent.confirmationState ?? 'None',
  };
}

function withCards(message: string, cards: readonly ResponseCard[]): LexMessage[] {
  return [
    plainText(message),
    ...cards.map((card): LexMessage => ({
      contentType: 'ImageResponseCard',
      imageResponseCard: card,
    })),
  ];
}

function messages(message: string): Pick<LexResponse, 'messages'> {
  return { messages: [plainText(message)] };
}

/**
 * The last guard before Lex: every reply quotes user input only in short, but a message that
 * still grew too long is cut (with an ellipsis) rather than making the whole turn fail.
 */
function plainText(message: string): LexMessage {
  const content =
    message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
  return { contentType: 'PlainText', content };
}
