import {
  bookTripBot,
  IntentNames,
  MIN_SAMPLE_UTTERANCES,
  SessionAttributeNames,
  SlotNames,
  SlotTypeNames,
  sessionAttributeReferences,
  slotReferences,
  validateBotModel,
  type IntentModel,
  type Message,
  type Prompt,
} from '../src';
import { CarReservationSchema, HotelReservationSchema } from '@booktrip/events';

const locale = bookTripBot.locales[0]!;
const intent = (name: string): IntentModel => {
  const found = locale.intents.find((i) => i.name === name);
  if (!found) throw new Error(`no intent ${name}`);
  return found;
};
const slot = (intentName: string, slotName: string) => {
  const found = intent(intentName).slots.find((s) => s.name === slotName);
  if (!found) throw new Error(`no slot ${slotName}`);
  return found;
};
const messagesOf = (prompt: Prompt): Message[] =>
  prompt.messageGroups.flatMap((g) => [g.message, ...(g.variations ?? [])]);
const plainTextOf = (prompt: Prompt): string =>
  messagesOf(prompt)
    .flatMap((m) => (m.type === 'PlainText' ? [m.text] : []))
    .join(' ');
const cardButtonValues = (prompt: Prompt): string[] =>
  messagesOf(prompt).flatMap((m) =>
    m.type === 'ImageResponseCard' ? m.buttons.map((b) => b.value) : [],
  );

describe('the BookTrip bot', () => {
  it('is a valid bot model', () => {
    expect(validateBotModel(bookTripBot)).toEqual([]);
  });

  it('speaks US English with a neural Polly voice and a 0.4 confidence threshold', () => {
    expect(bookTripBot.locales.map((l) => l.localeId)).toEqual(['en_US']);
    expect(locale.voice).toEqual({ voiceId: 'Danielle', engine: 'neural' });
    expect(locale.nluConfidenceThreshold).toBe(0.4);
    expect(bookTripBot.idleSessionTtlInSeconds).toBeGreaterThanOrEqual(60);
  });

  it('has exactly the intents the fulfilment knows by name', () => {
    expect(locale.intents.map((i) => i.name).sort()).toEqual(Object.values(IntentNames).sort());
    expect(intent(IntentNames.FallbackIntent).parentIntentSignature).toBe('AMAZON.FallbackIntent');
  });

  it.each([IntentNames.BookHotel, IntentNames.BookCar] as const)(
    '%s has exactly the slots of SlotNames, all required, in elicitation order',
    (name) => {
      expect(intent(name).slots.map((s) => s.name)).toEqual(Object.values(SlotNames[name]));
      expect(intent(name).slots.every((s) => s.required)).toBe(true);
    },
  );

  it('elicits hotel slots by priority: city, check-in, nights, room type', () => {
    expect(intent(IntentNames.BookHotel).slots.map((s) => s.name)).toEqual([
      'Location',
      'CheckInDate',
      'Nights',
      'RoomType',
    ]);
  });

  it('uses the built-in types for cities, dates and numbers', () => {
    const types = Object.fromEntries(
      [...intent('BookHotel').slots, ...intent('BookCar').slots].map((s) => [
        s.name,
        s.slotTypeName,
      ]),
    );
    expect(types).toEqual({
      Location: 'AMAZON.City',
      CheckInDate: 'AMAZON.Date',
      Nights: 'AMAZON.Number',
      RoomType: 'RoomTypeValues',
      PickUpCity: 'AMAZON.City',
      PickUpDate: 'AMAZON.Date',
      ReturnDate: 'AMAZON.Date',
      DriverAge: 'AMAZON.Number',
      CarType: 'CarTypeValues',
    });
  });

  it('offers exactly the room and car types the reservation contract accepts', () => {
    const valuesOf = (name: string) =>
      locale.slotTypes.find((t) => t.name === name)?.values.map((v) => v.value);

    expect(valuesOf(SlotTypeNames.RoomTypeValues)).toEqual(
      HotelReservationSchema.shape.roomType.options,
    );
    expect(valuesOf(SlotTypeNames.CarTypeValues)).toEqual(
      CarReservationSchema.shape.carType.options,
    );
    expect(locale.slotTypes.every((t) => t.resolutionStrategy === 'TopResolution')).toBe(true);
  });

  it('gives every room and car type synonyms a guest might type', () => {
    for (const type of locale.slotTypes) {
      for (const value of type.values) expect(value.synonyms.length).toBeGreaterThan(0);
    }
    const carType = locale.slotTypes.find((t) => t.name === SlotTypeNames.CarTypeValues);
    expect(carType?.values.find((v) => v.value === 'full size')?.synonyms).toContain('suv');
  });

  it('shows a button for every room type and every car type, once each', () => {
    expect(cardButtonValues(slot('BookHotel', 'RoomType').prompt)).toEqual(
      HotelReservationSchema.shape.roomType.options,
    );
    expect(cardButtonValues(slot('BookCar', 'CarType').prompt).sort()).toEqual(
      [...CarReservationSchema.shape.carType.options].sort(),
    );
  });

  it('asks for every slot with a plain-text question', () => {
    for (const s of [...intent('BookHotel').slots, ...intent('BookCar').slots]) {
      expect(plainTextOf(s.prompt)).toMatch(/\?/);
      expect(s.prompt.maxRetries).toBeGreaterThan(0);
    }
  });

  it.each([IntentNames.BookHotel, IntentNames.BookCar, IntentNames.Greeting])(
    '%s has at least 10 varied sample utterances',
    (name) => {
      const utterances = intent(name).sampleUtterances;
      expect(utterances.length).toBeGreaterThanOrEqual(MIN_SAMPLE_UTTERANCES);
      expect(new Set(utterances.map((u) => u.split(' ')[0])).size).toBeGreaterThan(3);
    },
  );

  it('understands requests that already carry slot values', () => {
    expect(intent('BookHotel').sampleUtterances).toContain('book a {RoomType} room in {Location}');
    expect(intent('BookCar').sampleUtterances).toContain(
      'I need a {CarType} car in {PickUpCity} on {PickUpDate}',
    );
    for (const name of [IntentNames.BookHotel, IntentNames.BookCar]) {
      const referenced = new Set(intent(name).sampleUtterances.flatMap(slotReferences));
      expect([...referenced].sort()).toEqual(Object.values(SlotNames[name]).sort());
    }
  });

  it.each([IntentNames.BookHotel, IntentNames.BookCar] as const)(
    '%s confirms every slot and the price before booking, and says so when declined',
    (name) => {
      const confirmation = intent(name).confirmation;
      const question = plainTextOf(confirmation!.prompt);

      expect(slotReferences(question).sort()).toEqual(Object.values(SlotNames[name]).sort());
      expect(sessionAttributeReferences(question)).toEqual([
        SessionAttributeNames.currentReservationPrice,
      ]);
      expect(question).toMatch(/\?$/);
      expect(confirmation!.declinationResponse.messageGroups.length).toBeGreaterThan(0);
      expect(confirmation!.failureResponse.messageGroups.length).toBeGreaterThan(0);
    },
  );

  it('uses the hotel confirmation wording of the classic sample', () => {
    expect(plainTextOf(intent('BookHotel').confirmation!.prompt)).toBe(
      'Okay, I have you down for a {Nights} night stay in {Location} starting {CheckInDate}, a {RoomType} room, for [currentReservationPrice]. Shall I book the reservation?',
    );
  });

  it.each([IntentNames.BookHotel, IntentNames.BookCar])(
    '%s calls the code hook on every turn and to fulfil, with failure and timeout messages',
    (name) => {
      const { dialogCodeHook, fulfillment } = intent(name);

      expect(dialogCodeHook).toBe(true);
      expect(fulfillment.codeHook).toBe(true);
      expect(fulfillment.failureResponse?.messageGroups.length).toBeGreaterThan(0);
      expect(fulfillment.timeoutResponse?.messageGroups.length).toBeGreaterThan(0);
    },
  );

  it.each([IntentNames.Greeting, IntentNames.FallbackIntent])(
    '%s is answered by the fulfilment hook, and says what the bot can do if the hook fails',
    (name) => {
      const { dialogCodeHook, fulfillment } = intent(name);
      const fallbackAnswers = [fulfillment.failureResponse, fulfillment.timeoutResponse].map(
        (r) => r?.messageGroups[0]?.message,
      );

      expect(dialogCodeHook).toBe(false);
      expect(fulfillment.codeHook).toBe(true);
      for (const answer of fallbackAnswers) {
        expect(answer).toMatchObject({
          type: 'PlainText',
          text: expect.stringMatching(/hotel.*car/),
        });
      }
    },
  );

  it('declares the session attributes of the fulfilment contract, named as they are spelled', () => {
    for (const [key, value] of Object.entries(SessionAttributeNames)) expect(key).toBe(value);
    expect([...bookTripBot.sessionAttributes].sort()).toEqual([
      'confirmationContext',
      'currentReservation',
      'currentReservationPrice',
      'lastConfirmedReservation',
    ]);
  });
});
