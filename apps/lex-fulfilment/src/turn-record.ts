import { ConversationTurnRecorded, type OutgoingEvent } from '@booktrip/events';
import type { LexResponse } from './dialog';
import type { LexV2CodeHookEvent } from './lex-event-schema';

const MAX_USER_TEXT = 1024;

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
      // On Delegate, Lex speaks the bot's own prompt, which the hook never sees. A card counts
      // by its title.
      botMessages: (response.messages ?? []).map((message) =>
        message.contentType === 'PlainText' ? message.content : message.imageResponseCard.title,
      ),
    },
    { correlationId, conversationId: event.sessionId },
  );
}
