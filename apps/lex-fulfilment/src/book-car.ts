import { SlotNames } from '@booktrip/bot-model';
import { bookingDialogTurn } from './booking-dialog';
import { carFromHotel, hasTripDetails, TRIP_SLOTS } from './car-from-hotel';
import { confirmIntent, elicitSlot, type LexResponse } from './dialog';
import { replies } from './replies';
import { AUTO_POPULATE, writeSession, type BookTripSession } from './session';
import { clearSlots } from './slot-values';
import { slotPrompts } from './slot-prompts';
import type { TurnContext } from './turn-context';
import { validateCar } from './validate-car';

/**
 * A BookCar dialog turn. Right after a hotel booking it first offers the stay's city and dates
 * (a yes/no question marked `confirmationContext=AutoPopulate`); the answer to that question is
 * not the booking's confirmation, which still comes at the end with the price.
 */
export function carDialogTurn(context: TurnContext): LexResponse {
  const { event, session, today } = context;
  const intent = event.sessionState.intent;
  const { confirmationContext, ...rest } = session;
  const withoutContext: BookTripSession = rest;

  if (confirmationContext === AUTO_POPULATE) {
    // The yes/no answered the offer, so the intent itself is not confirmed yet.
    const unconfirmed = { ...intent, confirmationState: 'None' as const };
    if (intent.confirmationState === 'Denied') {
      return elicitSlot(
        { ...unconfirmed, slots: clearSlots(intent.slots, TRIP_SLOTS) },
        SlotNames.BookCar.PickUpCity,
        writeSession(withoutContext),
        `${replies.startCarOver} ${slotPrompts.BookCar.PickUpCity.question}`,
        slotPrompts.BookCar.PickUpCity.cards,
      );
    }
    if (intent.confirmationState === 'Confirmed') {
      return bookingDialogTurn(
        context,
        unconfirmed,
        withoutContext,
        validateCar(intent.slots, today),
      );
    }
  }

  // Offered once, before the user has given any trip detail; asked again until answered.
  const offer =
    intent.confirmationState === 'None' &&
    (confirmationContext === AUTO_POPULATE || !hasTripDetails(intent.slots))
      ? carFromHotel(session.lastConfirmedReservation, intent.slots, today)
      : undefined;
  if (offer) {
    return confirmIntent(
      { ...intent, slots: offer.slots },
      writeSession({ ...withoutContext, confirmationContext: AUTO_POPULATE }),
      offer.question,
    );
  }

  return bookingDialogTurn(context, intent, withoutContext, validateCar(intent.slots, today));
}
