import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { PriceSchema, ReservationIdSchema, ReservationSchema } from './reservation';

/** The user confirmed a hotel or car; the booking workflow takes it from here. */
export const ReservationRequested = defineEvent(
  Sources.lexFulfilment,
  'Reservation Requested',
  z.object({
    reservationId: ReservationIdSchema,
    reservation: ReservationSchema,
    price: PriceSchema,
  }),
);
