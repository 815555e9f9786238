import type { Reservation } from '@booktrip/events';
import type { BookingCheck } from './booking-check';
import { close, delegate, elicitSlot, type LexResponse, type TurnIntent } from './dialog';
import { formatPrice } from './price-trip';
import { replies } from './replies';
import { writeSession, type BookTripSession } from './session';
import type { TurnContext } from './turn-context';

/**
 * One dialog turn of a booking intent, once its slots are checked: a declined confirmation ends
 * the intent; an invalid slot is emptied and asked again with the reason; otherwise Lex goes on,
 * and a complete reservation is priced first so the confirmation prompt can show the price.
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
      { ...intent, slots: { ...intent.slots, [slot]: null } },
      slot,
      writeSession(withoutCurrent),
      message,
      cards,
    );
  }

  if (check.status === 'incomplete') return delegate(intent, writeSession(withoutCurrent));

  const price = context.price(check.reservation);
  return delegate(
    intent,
    writeSession({
      ...withoutCurrent,
      currentReservation: check.reservation,
      currentReservationPrice: formatPrice(price),
    }),
  );
}
