import { SlotNames } from '@booktrip/bot-model';
import { CarReservationSchema, ReservationLimits, type CarReservation } from '@booktrip/events';
import type { BookingCheck } from './booking-check';
import { slotPrompts } from './slot-prompts';
import { daysBetween } from './calendar-date';
import {
  checkChoice,
  checkCity,
  checkDate,
  checkStartDate,
  checkWholeNumber,
  listInWords,
  type FieldCheck,
} from './field-rules';
import type { LexSlots } from './lex-event-schema';
import { quoteInput } from './quote-input';
import { slotValue } from './slot-values';

const { driverAge, rentalDays } = ReservationLimits;
const CAR_TYPES = CarReservationSchema.shape.carType.options;

/** Validates the BookCar slots filled so far, relative to the person's `today`. */
export function validateCar(slots: LexSlots, today: string): BookingCheck<CarReservation> {
  const value = (slot: string) => slotValue(slots, slot);
  const cityText = value(SlotNames.BookCar.PickUpCity);
  const pickUpText = value(SlotNames.BookCar.PickUpDate);
  const returnText = value(SlotNames.BookCar.ReturnDate);
  const ageText = value(SlotNames.BookCar.DriverAge);
  const carTypeText = value(SlotNames.BookCar.CarType);

  const city = cityText === undefined ? undefined : checkCity(cityText);
  if (city && !city.ok) return invalid(SlotNames.BookCar.PickUpCity, city.reason);

  const pickUp = pickUpText === undefined ? undefined : checkStartDate(pickUpText, today);
  if (pickUp && !pickUp.ok) return invalid(SlotNames.BookCar.PickUpDate, pickUp.reason);

  const returnDate =
    returnText === undefined ? undefined : checkReturnDate(returnText, pickUp?.value);
  if (returnDate && !returnDate.ok) return invalid(SlotNames.BookCar.ReturnDate, returnDate.reason);

  const age =
    ageText === undefined
      ? undefined
      : checkWholeNumber(ageText, driverAge, {
          notANumber: `${quoteInput(ageText)} isn't an age I understand.`,
          tooSmall: (n) =>
            `Drivers must be at least ${driverAge.min}, so I can't rent to a ${n}-year-old.`,
          tooLarge: (n) => `I can't rent to a driver aged ${n}; the limit is ${driverAge.max}.`,
        });
  if (age && !age.ok) return invalid(SlotNames.BookCar.DriverAge, age.reason);

  const carType =
    carTypeText === undefined
      ? undefined
      : checkChoice(
          carTypeText,
          CAR_TYPES,
          `We have ${listInWords(CAR_TYPES)} cars, not ${quoteInput(carTypeText)}.`,
        );
  if (carType && !carType.ok) return invalid(SlotNames.BookCar.CarType, carType.reason);

  if (!city || !pickUp || !returnDate || !age || !carType) return { status: 'incomplete' };
  return {
    status: 'complete',
    reservation: CarReservationSchema.parse({
      kind: 'car',
      pickUpCity: city.value,
      pickUpDate: pickUp.value,
      returnDate: returnDate.value,
      driverAge: age.value,
      carType: carType.value,
    }),
  };
}

/** After the pick-up day and at most 30 days later; checked alone until the pick-up is known. */
function checkReturnDate(text: string, pickUp: string | undefined): FieldCheck<string> {
  const date = checkDate(text);
  if (!date.ok || pickUp === undefined) return date;
  const days = daysBetween(pickUp, date.value);
  if (days < rentalDays.min)
    return { ok: false, reason: `The car has to go back after the pick-up day, ${pickUp}.` };
  if (days > rentalDays.max) {
    return {
      ok: false,
      reason: `I can rent a car for up to ${rentalDays.max} days, and ${date.value} is ${days} days after pick-up.`,
    };
  }
  return date;
}

function invalid(slot: keyof (typeof slotPrompts)['BookCar'], reason: string): BookingCheck<never> {
  const prompt = slotPrompts.BookCar[slot];
  return {
    status: 'invalid',
    violation: { slot, message: `${reason} ${prompt.question}`, cards: prompt.cards },
  };
}
