import { SlotNames } from '@booktrip/bot-model';
import { HotelReservationSchema, ReservationLimits, type HotelReservation } from '@booktrip/events';
import type { BookingCheck } from './booking-check';
import { slotPrompts } from './slot-prompts';
import {
  checkChoice,
  checkCity,
  checkStartDate,
  checkWholeNumber,
  listInWords,
} from './field-rules';
import type { LexSlots } from './lex-event-schema';
import { quoteInput } from './quote-input';
import { slotValue } from './slot-values';

const { hotelNights } = ReservationLimits;
const ROOM_TYPES = HotelReservationSchema.shape.roomType.options;

/** Validates the BookHotel slots filled so far, relative to the person's `today`. */
export function validateHotel(slots: LexSlots, today: string): BookingCheck<HotelReservation> {
  const location = slotValue(slots, SlotNames.BookHotel.Location);
  const checkIn = slotValue(slots, SlotNames.BookHotel.CheckInDate);
  const nightsText = slotValue(slots, SlotNames.BookHotel.Nights);
  const roomTypeText = slotValue(slots, SlotNames.BookHotel.RoomType);

  const city = location === undefined ? undefined : checkCity(location);
  if (city && !city.ok) return invalid(SlotNames.BookHotel.Location, city.reason);

  const date = checkIn === undefined ? undefined : checkStartDate(checkIn, today);
  if (date && !date.ok) return invalid(SlotNames.BookHotel.CheckInDate, date.reason);

  const nights =
    nightsText === undefined
      ? undefined
      : checkWholeNumber(nightsText, hotelNights, {
          notANumber: `${quoteInput(nightsText)} isn't a number of nights I can book.`,
          tooSmall: () => 'A stay needs at least one night.',
          tooLarge: (n) =>
            `I can't book a stay of ${n} nights; up to ${hotelNights.max} is possible.`,
        });
  if (nights && !nights.ok) return invalid(SlotNames.BookHotel.Nights, nights.reason);

  const roomType =
    roomTypeText === undefined
      ? undefined
      : checkChoice(
          roomTypeText,
          ROOM_TYPES,
          `We have ${listInWords(ROOM_TYPES)} rooms, not ${quoteInput(roomTypeText)}.`,
        );
  if (roomType && !roomType.ok) return invalid(SlotNames.BookHotel.RoomType, roomType.reason);

  if (!city || !date || !nights || !roomType) return { status: 'incomplete' };
  return {
    status: 'complete',
    reservation: HotelReservationSchema.parse({
      kind: 'hotel',
      location: city.value,
      checkInDate: date.value,
      nights: nights.value,
      roomType: roomType.value,
    }),
  };
}

function invalid(
  slot: keyof (typeof slotPrompts)['BookHotel'],
  reason: string,
): BookingCheck<never> {
  const prompt = slotPrompts.BookHotel[slot];
  return {
    status: 'invalid',
    violation: { slot, message: `${reason} ${prompt.question}`, cards: prompt.cards },
  };
}
