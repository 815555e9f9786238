import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CONVERSATION_TOKEN_ATTRIBUTE,
  createPublisher,
  isConversationToken,
  type Price,
  type Publish,
  type Reservation,
} from '@booktrip/events';
import {
  logger,
  metrics,
  MetricUnit,
  readEnvironment,
  reportHandledError,
  traced,
  tracer,
} from '@booktrip/lambda-kit';
import { randomUUID } from 'node:crypto';
import { hotelDialogTurn } from './book-hotel';
import { carDialogTurn } from './book-car';
import { IntentNames } from '@booktrip/bot-model';
import { conversationTokenKey } from './conversation-token-key';
import { fulfilmentDefinition } from './definition';
import { close, elicitIntent, type LexResponse } from './dialog';
import { failureResponse } from './failure-response';
import { fulfilBooking } from './fulfil-booking';
import type { LexV2CodeHookEvent } from './lex-event-schema';
import { personToday } from './person-today';
import { priceTrip } from './price-trip';
import { replies } from './replies';
import { readSession, writeSession } from './session';
import { TokenKeyUnavailableError } from './token-key-unavailable';
import type { TurnContext } from './turn-context';
import { recordsTurn, turnRecord } from './turn-record';
import { validateCar } from './validate-car';
import { validateHotel } from './validate-hotel';

/** The side effects of a turn; tests replace them, production uses the defaults. */
export interface TurnEffects {
  publish: Publish;
  now: () => Date;
  newId: () => string;
  price: (reservation: Reservation) => Price;
  /** The conversation token key (Secrets Manager in AWS). */
  tokenKey: () => Promise<string>;
}

/**
 * One Lex V2 code hook invocation: answer the turn, then record it on the bus (once per user
 * turn: `recordsTurn` leaves the hand-over to fulfilment to the fulfilment hook). Recording is
 * best effort — a bus outage must not stop the conversation — and a fault in the turn logic
 * still answers (politely, intent Failed), reported as lambda-kit's error policy would. Only an
 * unreadable token key fails the invocation (TokenKeyUnavailableError).
 */
export async function handleTurn(
  event: LexV2CodeHookEvent,
  correlationId: string,
  effects: Partial<TurnEffects> = {},
): Promise<LexResponse> {
  const { publish, now, newId, price, tokenKey } = { ...defaultEffects(), ...effects };
  let verified: boolean;
  try {
    verified = await isConversationToken(
      await tokenKey(),
      event.sessionId,
      event.requestAttributes?.[CONVERSATION_TOKEN_ATTRIBUTE],
    );
  } catch (error) {
    // Without the key nothing can be checked: nothing is answered, recorded or booked, and the
    // session is left as Lex holds it (see TokenKeyUnavailableError).
    throw new TokenKeyUnavailableError(error);
  }
  if (!verified) return notOpenHere(event);

  let response: LexResponse;
  try {
    response = await answer(event, { correlationId, publish, now, newId, price });
  } catch (error) {
    reportHandledError(error instanceof Error ? error : new Error(String(error)));
    response = failureResponse(event);
  }
  metrics.addMetric(fulfilmentDefinition.metrics.turnAnswered, MetricUnit.Count, 1);

  if (!recordsTurn(event, response)) return response;
  try {
    await publish([turnRecord(event, response, correlationId)]);
  } catch (error) {
    logger.error('could not record the conversation turn', error as Error);
    tracer.addErrorAsMetadata(error as Error);
    metrics.addMetric(fulfilmentDefinition.metrics.turnNotRecorded, MetricUnit.Count, 1);
  }
  return response;
}

/**
 * A turn for a session whose conversation token is missing or wrong: a stranger who knows (or
 * guesses) a session id, or a page that lost its token. Nothing is recorded, nothing is booked,
 * and none of the session's attributes is returned: they hold the owner's reservation in
 * progress and last booking, and Lex would hand whatever the hook returns to this caller. An
 * empty set (not an absent one, which a runtime may read as "keep") means Lex stores none, so
 * the owner's booking in progress is lost — the price of not showing it to a stranger.
 */
function notOpenHere(event: LexV2CodeHookEvent): LexResponse {
  logger.warn('turn without a valid conversation token: nothing recorded or booked', {
    intent: event.sessionState.intent.name,
    invocationSource: event.invocationSource,
    tokenSent: Boolean(event.requestAttributes?.[CONVERSATION_TOKEN_ATTRIBUTE]),
  });
  metrics.addMetric(fulfilmentDefinition.metrics.turnWithoutToken, MetricUnit.Count, 1);
  return close(
    { name: event.sessionState.intent.name, slots: {} },
    'Failed',
    {},
    replies.chatNotOpen,
  );
}

async function answer(
  event: LexV2CodeHookEvent,
  effects: Omit<TurnEffects, 'tokenKey'> & { correlationId: string },
): Promise<LexResponse> {
  const context: TurnContext = {
    event,
    session: readSession(event.sessionState.sessionAttributes),
    today: personToday(effects.now(), event.requestAttributes),
    price: effects.price,
  };
  const intent = event.sessionState.intent;
  const fulfilment = event.invocationSource === 'FulfillmentCodeHook';

  switch (intent.name) {
    case IntentNames.BookHotel:
      return fulfilment
        ? fulfilBooking(context, validateHotel(intent.slots, context.today), effects)
        : hotelDialogTurn(context);
    case IntentNames.BookCar:
      return fulfilment
        ? fulfilBooking(context, validateCar(intent.slots, context.today), effects)
        : carDialogTurn(context);
    case IntentNames.Greeting:
      return elicitIntent(writeSession(context.session), replies.greeting);
    case IntentNames.FallbackIntent:
      return elicitIntent(writeSession(context.session), replies.fallback);
    default:
      logger.warn('unknown intent', { intent: intent.name });
      return close(intent, 'Failed', writeSession(context.session), replies.unknownIntent);
  }
}

let defaultPublish: Publish | undefined;

function defaultEffects(): TurnEffects {
  return {
    publish: (events) => {
      defaultPublish ??= productionPublisher();
      return defaultPublish(events);
    },
    now: () => new Date(),
    newId: randomUUID,
    price: priceTrip,
    tokenKey: conversationTokenKey,
  };
}

function productionPublisher(): Publish {
  const { eventBus: eventBusName } = readEnvironment(fulfilmentDefinition.env);
  // A Lex turn waits for the hook: retry failed entries briefly rather than patiently.
  return createPublisher({
    eventBusName,
    client: traced(new EventBridgeClient({})),
    maxAttempts: 3,
    baseDelayMs: 25,
  });
}
