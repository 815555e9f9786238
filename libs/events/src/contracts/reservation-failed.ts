import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { ReservationIdSchema } from './reservation';
import { SafeText } from './safe-text';

export const ReservationFailureReason = z.enum([
  'INVALID_REQUEST',
  'STORAGE_FAILED',
  'INTERNAL_ERROR',
]);

/** The longest `message` a *Reservation Failed* may carry. */
export const FAILURE_MESSAGE_MAX_LENGTH = 1024;

/** The booking workflow could not book; `message` is safe to show to the user. */
export const ReservationFailed = defineEvent(
  Sources.booking,
  'Reservation Failed',
  z.object({
    /** Absent when the request carried none in the canonical form (see ReservationIdSchema). */
    reservationId: ReservationIdSchema.optional(),
    reason: ReservationFailureReason,
    message: SafeText(FAILURE_MESSAGE_MAX_LENGTH),
  }),
);
