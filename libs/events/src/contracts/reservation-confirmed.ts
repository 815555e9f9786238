import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { PriceSchema, ReservationIdSchema, ReservationSchema } from './reservation';

/** The reservation is stored; published once per reservation, whatever the replays. */
export const ReservationConfirmed = defineEvent(
  Sources.booking,
  'Reservation Confirmed',
  z.object({
    reservationId: ReservationIdSchema,
    reservation: ReservationSchema,
    price: PriceSchema,
  }),
);
