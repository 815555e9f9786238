import {
  bookTripBot,
  buttonsFor,
  card,
  prompt,
  response,
  validateBotModel,
  type BotModelProblem,
} from '../src';
import { editIntent, editLocale, editSlot } from './model-edits';

const codes = (problems: BotModelProblem[]) => problems.map((p) => p.code);

describe('validateBotModel', () => {
  it('finds nothing wrong with the BookTrip bot', () => {
    expect(validateBotModel(bookTripBot)).toEqual([]);
  });

  it('reports a prompt that references a slot the intent does not have', () => {
    const model = editSlot(bookTripBot, 'BookHotel', 'Nights', (slot) => ({
      ...slot,
      prompt: prompt('How many nights in {City}?'),
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'unknown-slot-reference',
        path: 'en_US/BookHotel/slots/Nights/prompt/0',
        message: '{City} is not a slot of BookHotel',
      },
    ]);
  });

  it("reports a confirmation that references another intent's slot without naming the intent", () => {
    const model = editIntent(bookTripBot, 'BookCar', (intent) => ({
      ...intent,
      confirmation: { ...intent.confirmation!, prompt: prompt('Same as {Location}?') },
    }));

    expect(codes(validateBotModel(model))).toEqual(['unknown-slot-reference']);
  });

  it('accepts a reference to a slot of another intent written {Intent.Slot}', () => {
    const model = editIntent(bookTripBot, 'BookCar', (intent) => ({
      ...intent,
      confirmation: {
        ...intent.confirmation!,
        prompt: prompt('Is this car for your stay in {BookHotel.Location}?'),
      },
    }));

    expect(validateBotModel(model)).toEqual([]);
  });

  it('reports an utterance that references an unknown slot', () => {
    const model = editIntent(bookTripBot, 'BookCar', (intent) => ({
      ...intent,
      sampleUtterances: [...intent.sampleUtterances, 'rent a car in {Location}'],
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'unknown-slot-reference',
        path: `en_US/BookCar/sampleUtterances/${intent(model, 'BookCar').sampleUtterances.length - 1}`,
      }),
    ]);
  });

  it('reports a response card button that references an unknown slot', () => {
    const model = editSlot(bookTripBot, 'BookHotel', 'RoomType', (slot) => ({
      ...slot,
      prompt: prompt('Which room?', {
        cards: [card('Rooms in {City}', buttonsFor(['queen']))],
      }),
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'unknown-slot-reference',
        path: 'en_US/BookHotel/slots/RoomType/prompt/1/title',
      }),
    ]);
  });

  it('reports a prompt that references a session attribute the bot does not declare', () => {
    const model = editIntent(bookTripBot, 'BookHotel', (intent) => ({
      ...intent,
      confirmation: { ...intent.confirmation!, prompt: prompt('Book it for [price]?') },
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'unknown-session-attribute',
        path: 'en_US/BookHotel/confirmation/prompt/0',
        message: '[price] is not a declared session attribute',
      },
    ]);
  });

  it('reports a locale without a fallback intent', () => {
    const model = editLocale(bookTripBot, (locale) => ({
      ...locale,
      intents: locale.intents.filter((i) => i.name !== 'FallbackIntent'),
    }));

    expect(codes(validateBotModel(model))).toEqual(['missing-fallback-intent']);
  });

  it('reports a fallback intent with sample utterances', () => {
    const model = editIntent(bookTripBot, 'FallbackIntent', (intent) => ({
      ...intent,
      sampleUtterances: ['whatever'],
    }));

    expect(codes(validateBotModel(model))).toEqual(['fallback-has-utterances']);
  });

  it('reports an intent with fewer than 10 sample utterances', () => {
    const model = editIntent(bookTripBot, 'Greeting', (intent) => ({
      ...intent,
      sampleUtterances: intent.sampleUtterances.slice(0, 9),
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'too-few-utterances',
        path: 'en_US/Greeting',
        message: '9 sample utterances, at least 10 needed',
      },
    ]);
  });

  it('reports the same utterance in two intents, whatever its case and punctuation', () => {
    const model = editIntent(bookTripBot, 'Greeting', (intent) => ({
      ...intent,
      sampleUtterances: [...intent.sampleUtterances, 'Book a  hotel!'],
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'duplicate-utterance',
        path: 'en_US/Greeting/sampleUtterances',
        message: '"Book a  hotel!" is also an utterance of BookHotel',
      },
    ]);
  });

  it('reports an utterance listed twice in one intent', () => {
    const model = editIntent(bookTripBot, 'BookCar', (intent) => ({
      ...intent,
      sampleUtterances: [...intent.sampleUtterances, 'Rent a car'],
    }));

    expect(codes(validateBotModel(model))).toEqual(['duplicate-utterance']);
  });

  it('reports a slot whose type is neither built-in nor defined in the locale', () => {
    const model = editLocale(bookTripBot, (locale) => ({
      ...locale,
      slotTypes: locale.slotTypes.filter((t) => t.name !== 'CarTypeValues'),
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'unknown-slot-type',
        path: 'en_US/BookCar/slots/CarType',
        message: 'slot type CarTypeValues is neither built-in nor defined',
      },
    ]);
  });

  it('reports a slot-level utterance that does not contain its slot', () => {
    const model = editSlot(bookTripBot, 'BookHotel', 'Nights', (slot) => ({
      ...slot,
      sampleUtterances: ['a few nights'],
    }));

    expect(codes(validateBotModel(model))).toEqual(['slot-utterance-misses-slot']);
  });

  it('reports a response card with more buttons than Lex shows', () => {
    const model = editSlot(bookTripBot, 'BookCar', 'CarType', (slot) => ({
      ...slot,
      prompt: prompt('Which car?', {
        cards: [
          card(
            'Cars',
            buttonsFor(['economy', 'standard', 'midsize', 'full size', 'minivan', 'luxury']),
          ),
        ],
      }),
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'too-many-buttons',
        path: 'en_US/BookCar/slots/CarType/prompt/1',
        message: '6 buttons, Lex allows 5',
      },
    ]);
  });

  it('reports a button whose value the slot type would not resolve', () => {
    const model = editSlot(bookTripBot, 'BookHotel', 'RoomType', (slot) => ({
      ...slot,
      prompt: prompt('Which room?', { cards: [card('Rooms', buttonsFor(['queen', 'twin']))] }),
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'unknown-button-value',
        message: 'button value "twin" is not a value of RoomTypeValues',
      }),
    ]);
  });

  it('reports a synonym that names two values of one slot type', () => {
    const model = editLocale(bookTripBot, (locale) => ({
      ...locale,
      slotTypes: locale.slotTypes.map((type) =>
        type.name === 'RoomTypeValues'
          ? { ...type, values: [...type.values, { value: 'twin', synonyms: ['King Size'] }] }
          : type,
      ),
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'duplicate-slot-type-value',
        path: 'en_US/slotTypes/RoomTypeValues',
      }),
    ]);
  });

  it('reports an intent or slot defined twice', () => {
    const model = editLocale(bookTripBot, (locale) => ({
      ...locale,
      intents: [...locale.intents, { ...intent(bookTripBot, 'Greeting'), sampleUtterances: [] }],
    }));

    expect(codes(validateBotModel(model))).toContain('duplicate-name');
  });

  it('reports a response with no message', () => {
    const model = editIntent(bookTripBot, 'BookHotel', (intent) => ({
      ...intent,
      confirmation: { ...intent.confirmation!, declinationResponse: response() },
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'empty-response',
        path: 'en_US/BookHotel/confirmation/declinationResponse',
      }),
    ]);
  });

  it('reports a session TTL or confidence threshold Lex does not accept', () => {
    const model = editLocale({ ...bookTripBot, idleSessionTtlInSeconds: 30 }, (locale) => ({
      ...locale,
      nluConfidenceThreshold: 1.5,
    }));

    expect(codes(validateBotModel(model))).toEqual(['out-of-range', 'out-of-range']);
  });
});

function intent(model: typeof bookTripBot, name: string) {
  const found = model.locales[0]?.intents.find((i) => i.name === name);
  if (!found) throw new Error(`no intent ${name}`);
  return found;
}

describe("validateBotModel on Lex's limits", () => {
  it('reports a button label longer than Lex shows', () => {
    const label = 'A queen room with a view of the harbour and breakfast';
    const model = editSlot(bookTripBot, 'BookHotel', 'RoomType', (slot) => ({
      ...slot,
      prompt: prompt('Which room?', {
        cards: [card('Rooms', [{ text: label, value: 'queen' }])],
      }),
    }));

    expect(validateBotModel(model)).toEqual([
      {
        code: 'text-length',
        path: 'en_US/BookHotel/slots/RoomType/prompt/1/buttons/0/text',
        message: `${label.length} characters, Lex accepts 1–50`,
      },
    ]);
  });

  it('reports an empty message', () => {
    const model = editIntent(bookTripBot, 'Greeting', (intent) => ({
      ...intent,
      closingResponse: response(''),
    }));

    expect(codes(validateBotModel(model))).toEqual(['text-length']);
  });

  it('reports more message groups or rewordings than Lex sends', () => {
    const model = editSlot(bookTripBot, 'BookHotel', 'Nights', (slot) => ({
      ...slot,
      prompt: prompt('How many nights?', {
        variations: ['Nights?', 'Number of nights?', 'How long?'],
      }),
      failureResponse: response('a', 'b', 'c', 'd', 'e', 'f'),
    }));

    expect(validateBotModel(model)).toEqual([
      expect.objectContaining({
        code: 'too-many-messages',
        path: 'en_US/BookHotel/slots/Nights/prompt/0',
      }),
      expect.objectContaining({
        code: 'too-many-messages',
        path: 'en_US/BookHotel/slots/Nights/failureResponse',
      }),
    ]);
  });
});
