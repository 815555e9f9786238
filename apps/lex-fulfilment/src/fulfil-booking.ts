import { ReservationRequested, type Publish, type Reservation } from '@booktrip/events';
import { logger, metrics, MetricUnit, tracer } from '@booktrip/lambda-kit';
import type { BookingCheck } from './booking-check';
import { fulfilmentDefinition } from './definition';
import { describeReservation } from './describe-reservation';
import { close, type LexResponse } from './dialog';
import { formatPrice } from './price-trip';
import { replies } from './replies';
import { writeSession, type BookTripSession } from './session';
import type { TurnContext } from './turn-context';

export interface FulfilmentEffects {
  publish: Publish;
  newId: () => string;
  correlationId: string;
}

/**
 * The fulfilment hook of a booking intent: hand the reservation to the booking workflow
 * (*Reservation Requested*) and tell the user. The user is only told it is requested once the
 * event is on the bus; if publishing fails the intent fails politely and nothing is booked.
 */
export async function fulfilBooking(
  context: TurnContext,
  check: BookingCheck<Reservation>,
  effects: FulfilmentEffects,
): Promise<LexResponse> {
  const { event, session } = context;
  const intent = event.sessionState.intent;

  if (check.status !== 'complete') {
    // Lex only fulfils complete intents, but a date may have passed since the dialog checked it.
    logger.warn('fulfilment with an incomplete or invalid booking', { status: check.status });
    return close(intent, 'Failed', writeSession(withoutBooking(session)), replies.detailsChanged);
  }

  const { reservation } = check;
  const price = context.price(reservation);
  const reservationId = effects.newId();
  try {
    await effects.publish([
      ReservationRequested.build(
        { reservationId, reservation, price },
        { correlationId: effects.correlationId, conversationId: event.sessionId },
      ),
    ]);
  } catch (error) {
    logger.error('could not publish Reservation Requested', error as Error);
    tracer.addErrorAsMetadata(error as Error);
    metrics.addMetric(fulfilmentDefinition.metrics.reservationNotPublished, MetricUnit.Count, 1);
    // The priced reservation stays in the session so that the user can try again.
    return close(intent, 'Failed', writeSession(session), replies.notSubmitted);
  }

  logger.info('reservation requested', { reservationId, kind: reservation.kind });
  return close(
    intent,
    'Fulfilled',
    writeSession({ ...withoutBooking(session), lastConfirmedReservation: reservation }),
    `Thanks! I've requested ${describeReservation(reservation)} for ${formatPrice(price)}. ` +
      `Your reservation number is ${reservationId}; you'll get a confirmation shortly.`,
  );
}

function withoutBooking(session: BookTripSession): BookTripSession {
  const {
    currentReservation: _reservation,
    currentReservationPrice: _price,
    confirmationContext: _context,
    ...rest
  } = session;
  return rest;
}
