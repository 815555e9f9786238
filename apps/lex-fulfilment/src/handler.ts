import { conversationIdOf, createHandler } from '@booktrip/lambda-kit';
import { usableCorrelationId } from './correlation-id';
import type { LexResponse } from './dialog';
import { failureResponse } from './failure-response';
import { handleTurn, type TurnEffects } from './handle-turn';
import { LexV2EventSchema } from './lex-event-schema';
import { TokenKeyUnavailableError } from './token-key-unavailable';

/**
 * The Lex V2 code hook (dialog and fulfilment) with the given side effects. An invalid event or
 * a fault is logged and counted by lambda-kit, and answered with a polite Close. The one failure
 * it throws to Lex (DependencyFailedException, a retry for the page) is an unreadable token key:
 * any answer would replace the session's attributes, the owner's booking in progress among them.
 */
export function createLexHandler(effects: Partial<TurnEffects> = {}) {
  return createHandler<typeof LexV2EventSchema, LexResponse>(
    {
      schema: LexV2EventSchema,
      correlationId: usableCorrelationId,
      conversationId: conversationIdOf.lex,
      // An event that fails its schema, or an unreadable token key: handleTurn answers the rest.
      onError: (error, rawEvent) =>
        error instanceof TokenKeyUnavailableError ? undefined : failureResponse(rawEvent),
    },
    (event, _context, ids) => handleTurn(event, ids.correlationId, effects),
  );
}

export const handler = createLexHandler();
