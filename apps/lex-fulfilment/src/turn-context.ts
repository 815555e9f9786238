import type { Price, Reservation } from '@booktrip/events';
import type { LexV2CodeHookEvent } from './lex-event-schema';
import type { BookTripSession } from './session';

/** What an intent's turn logic reads: the event, the typed session, the person's date and the pricing. */
export interface TurnContext {
  event: LexV2CodeHookEvent;
  session: BookTripSession;
  /** The date it is for the person (`person-today.ts`), against which booking dates are checked. */
  today: string;
  price: (reservation: Reservation) => Price;
}
