import { conversationIdOf, createHandler } from '@booktrip/lambda-kit';
import { usableCorrelationId } from './correlation-id';
import type { LexResponse } from './dialog';
import { failureResponse } from './failure-response';
import { handleTurn, type TurnEffects } from './handle-turn';
import { LexV2EventSchema } from './lex-event-schema';

/**
 * The Lex V2 code hook (dialog and fulfilment) with the given side effects. It never throws to
 * Lex, which would show the user an error (DependencyFailedException): an invalid event or a
 * fault is logged and counted by lambda-kit, and answered with a polite Close.
 */
export function createLexHandler(effects: Partial<TurnEffects> = {}) {
  return createHandler<typeof LexV2EventSchema, LexResponse>(
    {
      schema: LexV2EventSchema,
      correlationId: usableCorrelationId,
      conversationId: conversationIdOf.lex,
      // Only an event that fails its schema gets here: handleTurn answers every fault itself.
      onError: (_error, rawEvent) => failureResponse(rawEvent),
    },
    (event, _context, ids) => handleTurn(event, ids.correlationId, effects),
  );
}

export const handler = createLexHandler();
