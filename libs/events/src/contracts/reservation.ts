import { z } from 'zod';

/** Money in integer minor units (cents), so sums never drift. */
export const PriceSchema = z.object({
  amountCents: z.int().nonnegative(),
  currency: z.literal('USD'),
});

const IsoDate = z.iso.date();

/**
 * What booking accepts, in one place: the schemas below enforce it, and the Lex code hook
 * reads it to tell the user before they confirm, so the bot never accepts what booking rejects.
 */
export const ReservationLimits = {
  /** Characters of a city name (hotel location, car pick-up city). */
  cityNameLength: 100,
  hotelNights: { min: 1, max: 30 },
  driverAge: { min: 18, max: 100 },
} as const;
const { cityNameLength, hotelNights, driverAge } = ReservationLimits;

export const HotelReservationSchema = z.object({
  kind: z.literal('hotel'),
  location: z.string().min(1).max(cityNameLength),
  checkInDate: IsoDate,
  nights: z.int().min(hotelNights.min).max(hotelNights.max),
  roomType: z.enum(['queen', 'king', 'deluxe']),
});

export const CarReservationSchema = z.object({
  kind: z.literal('car'),
  pickUpCity: z.string().min(1).max(cityNameLength),
  pickUpDate: IsoDate,
  returnDate: IsoDate,
  driverAge: z.int().min(driverAge.min).max(driverAge.max),
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
