import { SlotNames } from '@booktrip/bot-model';
import type { HotelReservation, Reservation } from '@booktrip/events';
import { addDays } from './calendar-date';
import { checkStartDate } from './field-rules';
import type { LexSlots } from './lex-event-schema';
import { scalarSlot, slotValue } from './slot-values';

/** The BookCar slots that can be copied from a hotel stay. */
export const TRIP_SLOTS = [
  SlotNames.BookCar.PickUpCity,
  SlotNames.BookCar.PickUpDate,
  SlotNames.BookCar.ReturnDate,
] as const;

export interface CarFromHotel {
  slots: LexSlots;
  question: string;
}

/** Whether the user has given any of the car's city and dates. */
export function hasTripDetails(slots: LexSlots): boolean {
  return TRIP_SLOTS.some((slot) => slotValue(slots, slot) !== undefined);
}

/**
 * The last confirmed hotel stay as the car's city and dates (pick up on check-in day, return
 * on check-out day), unless there is none or it has already started.
 */
export function carFromHotel(
  last: Reservation | undefined,
  slots: LexSlots,
  today: string,
): CarFromHotel | undefined {
  if (last?.kind !== 'hotel') return undefined;
  if (!checkStartDate(last.checkInDate, today).ok) return undefined;
  const returnDate = checkOutDate(last);
  return {
    slots: {
      ...slots,
      [SlotNames.BookCar.PickUpCity]: scalarSlot(last.location),
      [SlotNames.BookCar.PickUpDate]: scalarSlot(last.checkInDate),
      [SlotNames.BookCar.ReturnDate]: scalarSlot(returnDate),
    },
    question:
      `Is this car for your ${last.nights}-night stay in ${last.location}, ` +
      `picking it up on ${last.checkInDate} and returning it on ${returnDate}?`,
  };
}

function checkOutDate(hotel: HotelReservation): string {
  return addDays(hotel.checkInDate, hotel.nights);
}
