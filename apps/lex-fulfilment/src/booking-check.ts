import type { ResponseCard } from './dialog';

/** An invalid slot and what to tell the user: why, and the question (and cards) that ask again. */
export interface SlotViolation {
  slot: string;
  message: string;
  cards: ResponseCard[];
}

/**
 * The outcome of validating one turn's slots: the first invalid slot (in elicitation order),
 * or the slots are fine but some are still empty, or the reservation is complete.
 */
export type BookingCheck<TReservation> =
  | { status: 'invalid'; violation: SlotViolation }
  | { status: 'incomplete' }
  | { status: 'complete'; reservation: TReservation };
