import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';

export const ReservationFailureReason = z.enum([
  'INVALID_REQUEST',
  'STORAGE_FAILED',
  'INTERNAL_ERROR',
]);

/** The booking workflow could not book; `message` is safe to show to the user. */
export const ReservationFailed = defineEvent(
  Sources.booking,
  'Reservation Failed',
  z.object({
    /** Absent when the request was too malformed to carry one. */
    reservationId: z.string().optional(),
    reason: ReservationFailureReason,
    message: z.string().min(1).max(1024),
  }),
);
