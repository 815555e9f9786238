import { z } from 'zod';

/** Money in integer minor units (cents), so sums never drift. */
export const PriceSchema = z.object({
  amountCents: z.int().nonnegative(),
  currency: z.literal('USD'),
});

/**
 * A reservation's identity, in its one canonical form: a lower-case UUID (what
 * `crypto.randomUUID()` makes). The booking table keys on it as a string, so `ABC…` and
 * `abc…` would be two bookings; the contract refuses the upper-case spelling instead.
 */
export const ReservationIdSchema = z
  // `abort`: an id that is no UUID at all gets one issue, not a second about its case.
  .uuid({ abort: true })
  .regex(/^[0-9a-f-]+$/, 'must be a lower-case UUID (the canonical form)');

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
  /** Days from pick-up to return: the car goes back at least the next day. */
  rentalDays: { min: 1, max: 30 },
} as const;
const { cityNameLength, hotelNights, driverAge, rentalDays } = ReservationLimits;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Whole days from one ISO date to another (both valid: the field schemas ran first). */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export const HotelReservationSchema = z.object({
  kind: z.literal('hotel'),
  location: z.string().min(1).max(cityNameLength),
  checkInDate: IsoDate,
  nights: z.int().min(hotelNights.min).max(hotelNights.max),
  roomType: z.enum(['queen', 'king', 'deluxe']),
});

/** A cross-field rule too: the return date lies 1–30 days after the pick-up date. */
export const CarReservationSchema = z
  .object({
    kind: z.literal('car'),
    pickUpCity: z.string().min(1).max(cityNameLength),
    pickUpDate: IsoDate,
    returnDate: IsoDate,
    driverAge: z.int().min(driverAge.min).max(driverAge.max),
    carType: z.enum(['economy', 'standard', 'midsize', 'full size', 'minivan', 'luxury']),
  })
  .superRefine((car, context) => {
    const days = daysBetween(car.pickUpDate, car.returnDate);
    if (days < rentalDays.min) {
      context.addIssue({
        code: 'custom',
        path: ['returnDate'],
        message: 'must be after pickUpDate',
      });
    } else if (days > rentalDays.max) {
      context.addIssue({
        code: 'custom',
        path: ['returnDate'],
        message: `must be at most ${rentalDays.max} days after pickUpDate`,
      });
    }
  });

export const ReservationSchema = z.discriminatedUnion('kind', [
  HotelReservationSchema,
  CarReservationSchema,
]);
export type Reservation = z.infer<typeof ReservationSchema>;
export type HotelReservation = z.infer<typeof HotelReservationSchema>;
export type CarReservation = z.infer<typeof CarReservationSchema>;
export type Price = z.infer<typeof PriceSchema>;
