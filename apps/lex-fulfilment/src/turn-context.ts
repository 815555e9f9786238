import type { Price, Reservation } from '@booktrip/events';
import type { LexV2CodeHookEvent } from './lex-event-schema';
import type { BookTripSession } from './session';

/** What an intent's turn logic reads: the event, the typed session, the clock and the pricing. */
export interface TurnContext {
  event: LexV2CodeHookEvent;
  session: BookTripSession;
  now: Date;
  price: (reservation: Reservation) => Price;
}
