import type { Reservation } from '@booktrip/events';
import type { BookingCheck } from './booking-check';
import {
  close,
  confirmIntent,
  delegate,
  elicitSlot,
  type LexResponse,
  type TurnIntent,
} from './dialog';
import { nextPrompt } from './next-prompt';
import { formatPrice } from './price-trip';
import { replies } from './replies';
import { writeSession, type BookTripSession } from './session';
import type { TurnContext } from './turn-context';

/**
 * One dialog turn of a booking intent, once its slots are checked: a declined confirmation ends
 * the intent; an invalid slot is emptied and asked again with the reason; otherwise the hook
 * asks the next question itself (the next slot, or the confirmation once a complete reservation
 * is priced, so it can show the price), and delegates only once the user has confirmed.
 */
export function bookingDialogTurn(
  context: TurnContext,
  intent: TurnIntent,
  session: BookTripSession,
  check: BookingCheck<Reservation>,
): LexResponse {
  const { currentReservation: _reservation, currentReservationPrice: _price, ...rest } = session;
  const withoutCurrent: BookTripSession = rest;

  if (intent.confirmationState === 'Denied') {
    return close(intent, 'Failed', writeSession(withoutCurrent), replies.declined);
  }

  if (check.status === 'invalid') {
    const { slot, message, cards } = check.violation;
    return elicitSlot(
      { ...unconfirmed(intent), slots: { ...intent.slots, [slot]: null } },
      slot,
      writeSession(withoutCurrent),
      message,
      cards,
    );
  }

  if (check.status === 'incomplete') {
    return askNext(context, intent, writeSession(withoutCurrent), false);
  }

  const price = context.price(check.reservation);
  const attributes = writeSession({
    ...withoutCurrent,
    currentReservation: check.reservation,
    currentReservationPrice: formatPrice(price),
  });
  return askNext(context, intent, attributes, true);
}

function askNext(
  context: TurnContext,
  intent: TurnIntent,
  sessionAttributes: Record<string, string>,
  complete: boolean,
): LexResponse {
  const next = nextPrompt({
    intentName: intent.name,
    slots: intent.slots,
    confirmationState: intent.confirmationState ?? 'None',
    sessionAttributes,
    proposedNextState: context.event.proposedNextState,
  });
  // Validation and the bot model name the same required slots; if they ever disagree, failing
  // the turn (politely, counted) beats confirming a booking with a slot missing.
  if ((next.action === 'ElicitSlot') === complete) {
    throw new Error(
      `${intent.name}: the bot model's next step is ${next.action} but validation found the booking ${complete ? 'complete' : 'incomplete'}`,
    );
  }
  switch (next.action) {
    case 'ElicitSlot':
      return elicitSlot(
        unconfirmed(intent),
        next.slot,
        sessionAttributes,
        next.question,
        next.cards,
      );
    case 'ConfirmIntent':
      return confirmIntent(intent, sessionAttributes, next.question, next.cards);
    case 'Delegate':
      return delegate(intent, sessionAttributes);
  }
}

/**
 * A slot asked again after the user confirmed (a date that has passed meanwhile) changes the
 * booking and its price, so the confirmation must be asked again before fulfilment.
 */
function unconfirmed(intent: TurnIntent): TurnIntent {
  return { ...intent, confirmationState: 'None' };
}
