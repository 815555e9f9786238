import { z } from 'zod';

/** Money in integer minor units (cents), so sums never drift. */
export const PriceSchema = z.object({
  amountCents: z.int().nonnegative(),
  currency: z.literal('USD'),
});

const IsoDate = z.iso.date();

export const HotelReservationSchema = z.object({
  kind: z.literal('hotel'),
  location: z.string().min(1).max(100),
  checkInDate: IsoDate,
  nights: z.int().min(1).max(30),
  roomType: z.enum(['queen', 'king', 'deluxe']),
});

export const CarReservationSchema = z.object({
  kind: z.literal('car'),
  pickUpCity: z.string().min(1).max(100),
  pickUpDate: IsoDate,
  returnDate: IsoDate,
  driverAge: z.int().min(18).max(100),
  carType: z.enum(['economy', 'standard', 'midsize', 'full size', 'minivan', 'luxury']),
});

export const ReservationSchema = z.discriminatedUnion('kind', [
  HotelReservationSchema,
  CarReservationSchema,
]);
export type Reservation = z.infer<typeof ReservationSchema>;
export type HotelReservation = z.infer<typeof HotelReservationSchema>;
export type CarReservation = z.infer<typeof CarReservationSchema>;
export type Price = z.infer<typeof PriceSchema>;
