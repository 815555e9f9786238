import {
  bookTripBot,
  card,
  prompt,
  response,
  type BotModel,
  type IntentModel,
} from '@booktrip/bot-model';
import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import { toCfnBotLocales } from '../src/to-cfn-bot-locales';

const [locale] = toCfnBotLocales(bookTripBot);
const intents = locale!.intents as CfnBot.IntentProperty[];
const intent = (name: string) => {
  const found = intents.find((i) => i.name === name);
  if (!found) throw new Error(`no intent ${name}`);
  return found;
};
const slotsOf = (name: string) => intent(name).slots as CfnBot.SlotProperty[];
const elicitation = (intentName: string, slotName: string) =>
  slotsOf(intentName).find((s) => s.name === slotName)!
    .valueElicitationSetting as CfnBot.SlotValueElicitationSettingProperty;

describe('toCfnBotLocales', () => {
  it('keeps the locale, its confidence threshold and its neural voice', () => {
    expect(locale).toMatchObject({
      localeId: 'en_US',
      nluConfidenceThreshold: 0.4,
      voiceSettings: { voiceId: 'Danielle', engine: 'neural' },
    });
  });

  it('turns slot type values and synonyms into sample values, resolved to the listed value', () => {
    const roomTypes = (locale!.slotTypes as CfnBot.SlotTypeProperty[]).find(
      (t) => t.name === 'RoomTypeValues',
    );

    expect(roomTypes?.valueSelectionSetting).toEqual({ resolutionStrategy: 'TOP_RESOLUTION' });
    expect(roomTypes?.slotTypeValues).toContainEqual({
      sampleValue: { value: 'king' },
      synonyms: [{ value: 'king size' }, { value: 'king bed' }, { value: 'king sized' }],
    });
  });

  it('elicits slots in the order the model lists them', () => {
    expect(intent('BookHotel').slotPriorities).toEqual([
      { priority: 1, slotName: 'Location' },
      { priority: 2, slotName: 'CheckInDate' },
      { priority: 3, slotName: 'Nights' },
      { priority: 4, slotName: 'RoomType' },
    ]);
    expect(
      (intent('BookCar').slotPriorities as CfnBot.SlotPriorityProperty[]).map((p) => p.slotName),
    ).toEqual(['PickUpCity', 'PickUpDate', 'ReturnDate', 'DriverAge', 'CarType']);
  });

  it('asks for a required slot with its question, then its response card', () => {
    const roomType = elicitation('BookHotel', 'RoomType');

    expect(roomType.slotConstraint).toBe('Required');
    expect(roomType.promptSpecification).toEqual({
      maxRetries: 2,
      allowInterrupt: true,
      messageSelectionStrategy: 'Ordered',
      messageGroupsList: [
        {
          message: {
            plainTextMessage: {
              value: 'What type of room would you like: queen, king, or deluxe?',
            },
          },
        },
        {
          message: {
            imageResponseCard: {
              title: 'Room type',
              subtitle: 'Pick the room you want',
              buttons: [
                { text: 'Queen', value: 'queen' },
                { text: 'King', value: 'king' },
                { text: 'Deluxe', value: 'deluxe' },
              ],
            },
          },
        },
      ],
    });
    expect(roomType.sampleUtterances).toContainEqual({ utterance: 'a {RoomType} room' });
  });

  it('calls the dialog code hook after each captured slot and says why a slot failed', () => {
    const location = elicitation('BookHotel', 'Location');

    expect(location.slotCaptureSetting).toMatchObject({
      codeHook: { enableCodeHookInvocation: true, isActive: true, postCodeHookSpecification: {} },
      failureResponse: { messageGroupsList: [expect.anything()] },
    });
  });

  it('confirms with the price from the session, declines and fails politely', () => {
    const confirmation = intent('BookHotel')
      .intentConfirmationSetting as CfnBot.IntentConfirmationSettingProperty;

    expect(JSON.stringify(confirmation.promptSpecification)).toContain('[currentReservationPrice]');
    expect(confirmation.declinationResponse).toMatchObject({
      messageGroupsList: [expect.anything()],
    });
    expect(confirmation.failureResponse).toMatchObject({ messageGroupsList: [expect.anything()] });
    expect(confirmation.codeHook).toMatchObject({ enableCodeHookInvocation: true });
  });

  it('enables both code hooks of the booking intents, with failure and timeout messages', () => {
    for (const name of ['BookHotel', 'BookCar']) {
      expect(intent(name).dialogCodeHook).toEqual({ enabled: true });
      expect(intent(name).fulfillmentCodeHook).toMatchObject({
        enabled: true,
        postFulfillmentStatusSpecification: {
          failureResponse: { messageGroupsList: [expect.anything()] },
          timeoutResponse: { messageGroupsList: [expect.anything()] },
        },
      });
    }
  });

  it('answers a greeting through the fulfilment hook, with its own words as the fallback', () => {
    const greeting = intent('Greeting');

    expect(greeting.dialogCodeHook).toBeUndefined();
    expect(greeting.fulfillmentCodeHook).toMatchObject({
      enabled: true,
      postFulfillmentStatusSpecification: {
        failureResponse: { messageGroupsList: [expect.anything()] },
      },
    });
    expect(greeting.intentClosingSetting).toBeUndefined();
    expect(greeting.sampleUtterances).toContainEqual({ utterance: 'what can you do' });
  });

  it('declares the fallback intent with no utterances, slots or dialog hook, as Lex requires', () => {
    const fallback = intent('FallbackIntent');

    expect(fallback.parentIntentSignature).toBe('AMAZON.FallbackIntent');
    expect(fallback.sampleUtterances).toBeUndefined();
    expect(fallback.slots).toBeUndefined();
    expect(fallback.slotPriorities).toBeUndefined();
    expect(fallback.dialogCodeHook).toBeUndefined();
    expect(fallback.fulfillmentCodeHook).toMatchObject({ enabled: true });
  });

  it('maps optional slots, rewordings and as-typed slot types', () => {
    const ask: IntentModel = {
      name: 'AskColour',
      description: 'asks a colour',
      sampleUtterances: ['colour {Colour}'],
      slots: [
        {
          name: 'Colour',
          description: 'a colour',
          slotTypeName: 'Colours',
          required: false,
          prompt: prompt('Which colour?', {
            variations: ['What colour?'],
            cards: [card('Colours', [{ text: 'Red', value: 'red' }])],
          }),
          sampleUtterances: [],
        },
      ],
      dialogCodeHook: false,
      fulfillment: { codeHook: false },
      closingResponse: response('Noted {Colour}'),
    };
    const model: BotModel = {
      ...bookTripBot,
      locales: [
        {
          ...bookTripBot.locales[0]!,
          slotTypes: [
            {
              name: 'Colours',
              description: 'colours',
              values: [{ value: 'red', synonyms: [] }],
              resolutionStrategy: 'OriginalValue',
            },
          ],
          intents: [ask],
        },
      ],
    };

    const [mapped] = toCfnBotLocales(model);
    const slot = (mapped!.intents as CfnBot.IntentProperty[])[0]!.slots as CfnBot.SlotProperty[];
    const setting = slot[0]!.valueElicitationSetting as CfnBot.SlotValueElicitationSettingProperty;

    expect(setting.slotConstraint).toBe('Optional');
    expect((mapped!.intents as CfnBot.IntentProperty[])[0]!.intentClosingSetting).toEqual({
      closingResponse: {
        messageGroupsList: [{ message: { plainTextMessage: { value: 'Noted {Colour}' } } }],
        allowInterrupt: true,
      },
      isActive: true,
    });
    expect(setting.slotCaptureSetting).toBeUndefined();
    expect(setting.promptSpecification).toMatchObject({
      messageGroupsList: [
        {
          message: { plainTextMessage: { value: 'Which colour?' } },
          variations: [{ plainTextMessage: { value: 'What colour?' } }],
        },
        { message: { imageResponseCard: { title: 'Colours' } } },
      ],
    });
    expect(mapped!.slotTypes).toEqual([
      {
        name: 'Colours',
        description: 'colours',
        slotTypeValues: [{ sampleValue: { value: 'red' }, synonyms: undefined }],
        valueSelectionSetting: { resolutionStrategy: 'ORIGINAL_VALUE' },
      },
    ]);
  });
});
