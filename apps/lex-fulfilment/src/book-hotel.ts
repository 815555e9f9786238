import { bookingDialogTurn } from './booking-dialog';
import type { LexResponse } from './dialog';
import type { TurnContext } from './turn-context';
import { validateHotel } from './validate-hotel';

/** A BookHotel dialog turn: validate what the user said so far, then let Lex go on. */
export function hotelDialogTurn(context: TurnContext): LexResponse {
  const intent = context.event.sessionState.intent;
  return bookingDialogTurn(
    context,
    intent,
    context.session,
    validateHotel(intent.slots, context.today),
  );
}
