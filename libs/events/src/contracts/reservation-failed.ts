import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';

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
    /** Absent when the request was too malformed to carry one. */
    reservationId: z.string().optional(),
    reason: ReservationFailureReason,
    message: z.string().min(1).max(FAILURE_MESSAGE_MAX_LENGTH),
  }),
);
