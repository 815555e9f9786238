import { ConversationTurnRecorded, type OutgoingEvent, type ResponseCard } from '@booktrip/events';
import type { LexMessage, LexResponse } from './dialog';
import type { LexV2CodeHookEvent } from './lex-event-schema';

const MAX_USER_TEXT = 1024;

/**
 * Whether this invocation records the user's turn. The one that does not: the dialog hook's
 * answer to a confirmed intent, which only lets Lex go on to fulfilment with nothing said — the
 * fulfilment hook, called in the same request with the same input, records it with its answer.
 * So a user turn is recorded once.
 */
export function recordsTurn(event: LexV2CodeHookEvent, response: LexResponse): boolean {
  const { dialogAction, intent } = response.sessionState;
  const handsOverToFulfilment =
    event.invocationSource === 'DialogCodeHook' &&
    dialogAction.type === 'Delegate' &&
    intent?.confirmationState === 'Confirmed' &&
    (response.messages ?? []).length === 0;
  return !handsOverToFulfilment;
}

/** *Conversation Turn Recorded* for one invocation: what the user said and what the bot answered. */
export function turnRecord(
  event: LexV2CodeHookEvent,
  response: LexResponse,
  correlationId: string,
): OutgoingEvent {
  const { dialogAction, intent } = response.sessionState;
  return ConversationTurnRecorded.build(
    {
      sessionId: event.sessionId,
      invocationSource: event.invocationSource,
      inputMode: event.inputMode,
      userText: event.inputTranscript.slice(0, MAX_USER_TEXT),
      intentName: intent?.name ?? event.sessionState.intent.name,
      intentState: intent?.state ?? event.sessionState.intent.state,
      dialogAction: dialogAction.type,
      ...(dialogAction.slotToElicit ? { slotToElicit: dialogAction.slotToElicit } : {}),
      // The hook words every question itself (it delegates only to fulfilment), so these are
      // what the user was told: each text a bubble after a reload, and the cards its quick
      // replies, which the chat offers again while the question is still open.
      botMessages: (response.messages ?? []).flatMap((message) =>
        message.contentType === 'PlainText' ? [message.content] : [],
      ),
      ...withCards(response.messages ?? []),
    },
    { correlationId, conversationId: event.sessionId },
  );
}

/**
 * The response's image response cards as the turn records them: title, subtitle and buttons
 * (no image URL, see the contract). None: no `cards` field, as on turns before it existed.
 */
function withCards(messages: readonly LexMessage[]): { cards?: ResponseCard[] } {
  const cards = messages.flatMap((message): ResponseCard[] =>
    message.contentType === 'ImageResponseCard'
      ? [
          {
            title: message.imageResponseCard.title,
            ...(message.imageResponseCard.subtitle
              ? { subtitle: message.imageResponseCard.subtitle }
              : {}),
            buttons: (message.imageResponseCard.buttons ?? []).map(({ text, value }) => ({
              text,
              value,
            })),
          },
        ]
      : [],
  );
  return cards.length > 0 ? { cards } : {};
}
