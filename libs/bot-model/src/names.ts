/**
 * Names shared by the bot, its code hook and the local Lex runtime. The fulfilment reads and
 * writes intents, slots and session attributes only through these constants, so renaming one
 * here is a compile error there instead of a silent mismatch at runtime.
 */

export const IntentNames = {
  BookHotel: 'BookHotel',
  BookCar: 'BookCar',
  Greeting: 'Greeting',
  FallbackIntent: 'FallbackIntent',
} as const;
export type IntentName = (typeof IntentNames)[keyof typeof IntentNames];

export const SlotNames = {
  BookHotel: {
    Location: 'Location',
    CheckInDate: 'CheckInDate',
    Nights: 'Nights',
    RoomType: 'RoomType',
  },
  BookCar: {
    PickUpCity: 'PickUpCity',
    PickUpDate: 'PickUpDate',
    ReturnDate: 'ReturnDate',
    DriverAge: 'DriverAge',
    CarType: 'CarType',
  },
} as const;
/** The intents that have slots. */
export type SlottedIntentName = keyof typeof SlotNames;
/** The slot names of one intent, e.g. `SlotNameOf<'BookHotel'>` = `'Location' | …`. */
export type SlotNameOf<I extends SlottedIntentName> =
  (typeof SlotNames)[I][keyof (typeof SlotNames)[I]];
export type HotelSlotName = SlotNameOf<'BookHotel'>;
export type CarSlotName = SlotNameOf<'BookCar'>;

export const SlotTypeNames = {
  RoomTypeValues: 'RoomTypeValues',
  CarTypeValues: 'CarTypeValues',
} as const;
export type CustomSlotTypeName = (typeof SlotTypeNames)[keyof typeof SlotTypeNames];

/** Lex's built-in slot types this bot uses. */
export const BuiltInSlotTypes = {
  City: 'AMAZON.City',
  Date: 'AMAZON.Date',
  Number: 'AMAZON.Number',
} as const;
export type BuiltInSlotTypeName = (typeof BuiltInSlotTypes)[keyof typeof BuiltInSlotTypes];

/**
 * Session attributes the code hook writes and the prompts read (`[name]` in a prompt).
 * Values are strings, as Lex requires: the reservations are JSON.
 */
export const SessionAttributeNames = {
  /** JSON of the reservation being built in the active intent. */
  currentReservation: 'currentReservation',
  /** Display price of `currentReservation`, shown by the confirmation prompts. */
  currentReservationPrice: 'currentReservationPrice',
  /** JSON of the last reservation the guest confirmed (BookCar pre-fills from a hotel). */
  lastConfirmedReservation: 'lastConfirmedReservation',
  /** `AutoPopulate` while BookCar's pre-filled slots wait for the guest's confirmation. */
  confirmationContext: 'confirmationContext',
} as const;
export type SessionAttributeName =
  (typeof SessionAttributeNames)[keyof typeof SessionAttributeNames];
