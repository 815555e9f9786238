import type { CarReservation, HotelReservation, Price, Reservation } from '@booktrip/events';
import { addDays, dayOfWeek, daysBetween } from './calendar-date';
import { cityTier, type CityTier } from './city-tiers';

/*
 * Deterministic pricing in integer cents: the same reservation always costs the same, and no
 * floating-point amount ever leaves this module. Percentages are applied per night or day and
 * rounded there, so a total is the plain sum of what a line-by-line bill would show.
 */

/** Price of one night of a queen room, and of one day of a standard car, per city tier. */
export const BASE_CENTS_BY_TIER: Readonly<
  Record<CityTier, { hotelNight: number; carDay: number }>
> = {
  1: { hotelNight: 24_000, carDay: 6_500 },
  2: { hotelNight: 18_000, carDay: 5_000 },
  3: { hotelNight: 12_000, carDay: 4_000 },
};

/** Percent of the base price. */
export const ROOM_TYPE_PERCENT: Readonly<Record<HotelReservation['roomType'], number>> = {
  queen: 100,
  king: 120,
  deluxe: 160,
};

export const CAR_TYPE_PERCENT: Readonly<Record<CarReservation['carType'], number>> = {
  economy: 80,
  standard: 100,
  midsize: 115,
  'full size': 130,
  minivan: 150,
  luxury: 220,
};

/** Friday and Saturday nights cost more at hotels; Saturday and Sunday days at rental desks. */
export const WEEKEND_NIGHT_PERCENT = 125;
export const WEEKEND_DAY_PERCENT = 115;
const WEEKEND_NIGHTS = new Set([5, 6]);
const WEEKEND_DAYS = new Set([6, 0]);

/** Insurers charge drivers under 25 more: a flat amount per rental day. */
export const YOUNG_DRIVER_AGE_LIMIT = 25;
export const YOUNG_DRIVER_CENTS_PER_DAY = 2_500;

export function priceHotel(reservation: HotelReservation): Price {
  const night = percentOf(
    BASE_CENTS_BY_TIER[cityTier(reservation.location)].hotelNight,
    ROOM_TYPE_PERCENT[reservation.roomType],
  );
  let amountCents = 0;
  for (let i = 0; i < reservation.nights; i++) {
    const date = addDays(reservation.checkInDate, i);
    amountCents += WEEKEND_NIGHTS.has(dayOfWeek(date))
      ? percentOf(night, WEEKEND_NIGHT_PERCENT)
      : night;
  }
  return { amountCents, currency: 'USD' };
}

export function priceCar(reservation: CarReservation): Price {
  const day = percentOf(
    BASE_CENTS_BY_TIER[cityTier(reservation.pickUpCity)].carDay,
    CAR_TYPE_PERCENT[reservation.carType],
  );
  const surcharge = reservation.driverAge < YOUNG_DRIVER_AGE_LIMIT ? YOUNG_DRIVER_CENTS_PER_DAY : 0;
  let amountCents = 0;
  for (let i = 0; i < rentalDays(reservation); i++) {
    const date = addDays(reservation.pickUpDate, i);
    amountCents +=
      (WEEKEND_DAYS.has(dayOfWeek(date)) ? percentOf(day, WEEKEND_DAY_PERCENT) : day) + surcharge;
  }
  return { amountCents, currency: 'USD' };
}

export function priceTrip(reservation: Reservation): Price {
  return reservation.kind === 'hotel' ? priceHotel(reservation) : priceCar(reservation);
}

/** A car returned the day it was picked up still costs one day. */
export function rentalDays(reservation: Pick<CarReservation, 'pickUpDate' | 'returnDate'>): number {
  return Math.max(1, daysBetween(reservation.pickUpDate, reservation.returnDate));
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.00`, as the confirmation prompt shows it. */
export function formatPrice(price: Price): string {
  // cents / 100 rounds back to the same two decimals for any amount below 2^53 cents.
  return usd.format(price.amountCents / 100);
}

function percentOf(cents: number, percent: number): number {
  return Math.round((cents * percent) / 100);
}
