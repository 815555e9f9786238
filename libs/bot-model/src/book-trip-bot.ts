import {
  CarReservationSchema,
  HotelReservationSchema,
  type CarReservation,
  type HotelReservation,
} from '@booktrip/events';
import { buttonsFor, card, prompt, response } from './messages';
import type { BotModel, IntentModel, Response, SlotTypeModel } from './model';
import {
  BuiltInSlotTypes,
  IntentNames,
  SessionAttributeNames,
  SlotNames,
  SlotTypeNames,
} from './names';

type RoomType = HotelReservation['roomType'];
type CarType = CarReservation['carType'];

/**
 * The slot values are the reservation contract's enums, so the bot can never offer a room or
 * car the booking service rejects; a new enum value without synonyms is a compile error here.
 */
export const ROOM_TYPES: readonly RoomType[] = HotelReservationSchema.shape.roomType.options;
export const CAR_TYPES: readonly CarType[] = CarReservationSchema.shape.carType.options;

const roomTypeSynonyms: Record<RoomType, readonly string[]> = {
  queen: ['queen size', 'queen bed', 'queen sized'],
  king: ['king size', 'king bed', 'king sized'],
  deluxe: ['suite', 'deluxe suite', 'deluxe room', 'executive room'],
};

const carTypeSynonyms: Record<CarType, readonly string[]> = {
  economy: ['compact', 'budget', 'cheap', 'small'],
  standard: ['regular', 'sedan', 'normal'],
  midsize: ['mid size', 'mid sized', 'intermediate'],
  'full size': ['fullsize', 'full sized', 'large', 'suv'],
  minivan: ['van', 'mini van', 'people carrier'],
  luxury: ['premium', 'prestige', 'executive car'],
};

/** Lex shows at most 5 buttons per card, and there are 6 car types: two cards. */
const carTypeCards: ReadonlyArray<{ title: string; types: readonly CarType[] }> = [
  { title: 'Everyday cars', types: ['economy', 'standard', 'midsize'] },
  { title: 'More room or more comfort', types: ['full size', 'minivan', 'luxury'] },
];

const roomTypeValues: SlotTypeModel = {
  name: SlotTypeNames.RoomTypeValues,
  description: 'Hotel room types the booking service offers',
  values: ROOM_TYPES.map((value) => ({ value, synonyms: roomTypeSynonyms[value] })),
  resolutionStrategy: 'TopResolution',
};

const carTypeValues: SlotTypeModel = {
  name: SlotTypeNames.CarTypeValues,
  description: 'Rental car classes the booking service offers',
  values: CAR_TYPES.map((value) => ({ value, synonyms: carTypeSynonyms[value] })),
  resolutionStrategy: 'TopResolution',
};

const slotFailure = (what: string): Response =>
  response(
    `Sorry, I still couldn't understand the ${what}. Let's stop here: you can start again whenever you like.`,
  );

const fulfillmentFailure = response(
  'Sorry, something went wrong on our side and I could not make that reservation. Please try again in a moment.',
);
const fulfillmentTimeout = response(
  'Sorry, the reservation system is taking too long to answer. Please try again in a moment.',
);
const { BookHotel: H, BookCar: C } = SlotNames;
const price = `[${SessionAttributeNames.currentReservationPrice}]`;

const bookHotel: IntentModel = {
  name: IntentNames.BookHotel,
  description: 'Books a hotel room: city, check-in date, number of nights and room type',
  sampleUtterances: [
    'book a hotel',
    'I want to book a hotel',
    'I need a hotel room',
    'reserve a room',
    'can you book me a hotel',
    'find me somewhere to stay',
    `book a {${H.RoomType}} room in {${H.Location}}`,
    `I need a hotel in {${H.Location}}`,
    `book a hotel in {${H.Location}} for {${H.Nights}} nights`,
    `find me a place to stay in {${H.Location}}`,
    `I'd like to stay in {${H.Location}} starting {${H.CheckInDate}}`,
    `reserve a {${H.RoomType}} room for {${H.Nights}} nights`,
    `get me a hotel room in {${H.Location}} on {${H.CheckInDate}}`,
    `book a hotel for {${H.Nights}} nights starting {${H.CheckInDate}}`,
    `I need accommodation in {${H.Location}}`,
  ],
  slots: [
    {
      name: H.Location,
      description: 'City of the hotel',
      slotTypeName: BuiltInSlotTypes.City,
      required: true,
      prompt: prompt('What city will you be staying in?', {
        variations: ['Which city is the hotel in?'],
      }),
      failureResponse: slotFailure('city'),
      sampleUtterances: [`in {${H.Location}}`, `I'm staying in {${H.Location}}`],
    },
    {
      name: H.CheckInDate,
      description: 'Day of arrival',
      slotTypeName: BuiltInSlotTypes.Date,
      required: true,
      prompt: prompt('What day do you want to check in?', {
        variations: ['On which date do you arrive?'],
      }),
      failureResponse: slotFailure('check-in date'),
      sampleUtterances: [`on {${H.CheckInDate}}`, `starting {${H.CheckInDate}}`],
    },
    {
      name: H.Nights,
      description: 'Number of nights',
      slotTypeName: BuiltInSlotTypes.Number,
      required: true,
      prompt: prompt('How many nights will you be staying?'),
      failureResponse: slotFailure('number of nights'),
      sampleUtterances: [`{${H.Nights}} nights`, `for {${H.Nights}} nights`],
    },
    {
      name: H.RoomType,
      description: 'Type of room',
      slotTypeName: SlotTypeNames.RoomTypeValues,
      required: true,
      prompt: prompt('What type of room would you like: queen, king, or deluxe?', {
        cards: [card('Room type', buttonsFor(ROOM_TYPES), { subtitle: 'Pick the room you want' })],
      }),
      failureResponse: slotFailure('room type'),
      sampleUtterances: [`a {${H.RoomType}} room`, `{${H.RoomType}} please`],
    },
  ],
  dialogCodeHook: true,
  fulfillment: {
    codeHook: true,
    failureResponse: fulfillmentFailure,
    timeoutResponse: fulfillmentTimeout,
  },
  confirmation: {
    prompt: prompt(
      `Okay, I have you down for a {${H.Nights}} night stay in {${H.Location}} starting {${H.CheckInDate}}, a {${H.RoomType}} room, for ${price}. Shall I book the reservation?`,
    ),
    declinationResponse: response(
      'Okay, I have not booked that hotel. Just ask whenever you want to start again.',
    ),
    failureResponse: response(
      "Sorry, I didn't get a yes or a no, so I have not booked that hotel. Just ask to start again.",
    ),
  },
};

const bookCar: IntentModel = {
  name: IntentNames.BookCar,
  description: 'Books a rental car: city, pick-up and return dates, driver age and car type',
  sampleUtterances: [
    'book a car',
    'rent a car',
    'I want to rent a car',
    'reserve a rental car',
    'hire a car',
    'can you book me a rental car',
    'I need a vehicle for my trip',
    `I need a {${C.CarType}} car in {${C.PickUpCity}} on {${C.PickUpDate}}`,
    `rent a {${C.CarType}} in {${C.PickUpCity}}`,
    `I need a car in {${C.PickUpCity}}`,
    `book a car from {${C.PickUpDate}} to {${C.ReturnDate}}`,
    `I'd like a {${C.CarType}} rental`,
    `get me a rental car in {${C.PickUpCity}} from {${C.PickUpDate}} until {${C.ReturnDate}}`,
    `reserve a {${C.CarType}} car`,
    `rent a car for a {${C.DriverAge}} year old driver`,
  ],
  slots: [
    {
      name: C.PickUpCity,
      description: 'City where the car is picked up',
      slotTypeName: BuiltInSlotTypes.City,
      required: true,
      prompt: prompt('In what city do you need to rent a car?'),
      failureResponse: slotFailure('pick-up city'),
      sampleUtterances: [`in {${C.PickUpCity}}`, `I'm picking it up in {${C.PickUpCity}}`],
    },
    {
      name: C.PickUpDate,
      description: 'First day of the rental',
      slotTypeName: BuiltInSlotTypes.Date,
      required: true,
      prompt: prompt('What day do you want to start your rental?'),
      failureResponse: slotFailure('pick-up date'),
      sampleUtterances: [`on {${C.PickUpDate}}`, `from {${C.PickUpDate}}`],
    },
    {
      name: C.ReturnDate,
      description: 'Day the car is returned',
      slotTypeName: BuiltInSlotTypes.Date,
      required: true,
      prompt: prompt('What day do you want to return this car?'),
      failureResponse: slotFailure('return date'),
      sampleUtterances: [`on {${C.ReturnDate}}`, `until {${C.ReturnDate}}`],
    },
    {
      name: C.DriverAge,
      description: 'Age of the driver',
      slotTypeName: BuiltInSlotTypes.Number,
      required: true,
      prompt: prompt('How old is the driver for this rental?'),
      failureResponse: slotFailure("driver's age"),
      sampleUtterances: [`I am {${C.DriverAge}}`, `{${C.DriverAge}} years old`],
    },
    {
      name: C.CarType,
      description: 'Class of car',
      slotTypeName: SlotTypeNames.CarTypeValues,
      required: true,
      prompt: prompt(
        'What type of car would you like to rent? Our most popular options are economy, midsize, and luxury.',
        { cards: carTypeCards.map(({ title, types }) => card(title, buttonsFor(types))) },
      ),
      failureResponse: slotFailure('car type'),
      sampleUtterances: [`a {${C.CarType}} car`, `{${C.CarType}} please`],
    },
  ],
  dialogCodeHook: true,
  fulfillment: {
    codeHook: true,
    failureResponse: fulfillmentFailure,
    timeoutResponse: fulfillmentTimeout,
  },
  confirmation: {
    prompt: prompt(
      `Okay, I have you down for a rental car in {${C.PickUpCity}} from {${C.PickUpDate}} to {${C.ReturnDate}} ({${C.CarType}}), driver aged {${C.DriverAge}}, for ${price}. Should I book the reservation?`,
    ),
    declinationResponse: response(
      'Okay, I have not booked that car. Just ask whenever you want to start again.',
    ),
    failureResponse: response(
      "Sorry, I didn't get a yes or a no, so I have not booked that car. Just ask to start again.",
    ),
  },
};

/**
 * Greeting and fallback turns go to the code hook too (its fulfilment hook: the fallback intent
 * has no dialog hook), so every turn is recorded; the hook answers. Should it fail, Lex still
 * says what the bot can do.
 */
const answeredByCodeHook = (answer: string) => ({
  codeHook: true,
  failureResponse: response(answer),
  timeoutResponse: response(answer),
});

const WHAT_I_CAN_DO =
  'I can book a hotel room or a rental car for you. Try "book a king room in Chicago" or "I need a midsize car in Seattle on Friday".';

const greeting: IntentModel = {
  name: IntentNames.Greeting,
  description: 'Says hello and explains what the bot can do',
  sampleUtterances: [
    'hello',
    'hi',
    'hey there',
    'good morning',
    'good evening',
    'help',
    'what can you do',
    'how does this work',
    'who are you',
    'what can I ask you',
    'I need some help',
    'hi what can you do for me',
  ],
  slots: [],
  dialogCodeHook: false,
  fulfillment: answeredByCodeHook(`Hi! ${WHAT_I_CAN_DO}`),
};

/** Lex picks it when no intent reaches the confidence threshold. */
const fallback: IntentModel = {
  name: IntentNames.FallbackIntent,
  description: 'Answers input the bot did not understand',
  parentIntentSignature: 'AMAZON.FallbackIntent',
  sampleUtterances: [],
  slots: [],
  dialogCodeHook: false,
  fulfillment: answeredByCodeHook(`Sorry, I didn't understand that. ${WHAT_I_CAN_DO}`),
};

/** The BookTrip bot: one English (US) locale with BookHotel, BookCar, Greeting and fallback. */
export const bookTripBot: BotModel = {
  name: 'BookTrip',
  description: 'Books hotel rooms and rental cars',
  // Long enough to look up a date mid-conversation, short enough to drop a stale booking.
  idleSessionTtlInSeconds: 600,
  childDirected: false,
  sessionAttributes: Object.values(SessionAttributeNames),
  locales: [
    {
      localeId: 'en_US',
      description: 'English (US)',
      nluConfidenceThreshold: 0.4,
      // Danielle is a US English voice available with the neural engine only.
      voice: { voiceId: 'Danielle', engine: 'neural' },
      slotTypes: [roomTypeValues, carTypeValues],
      intents: [bookHotel, bookCar, greeting, fallback],
    },
  ],
};
