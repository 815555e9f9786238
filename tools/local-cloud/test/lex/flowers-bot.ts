import type { LocalResource } from '../../src/edge/contracts';

/*
 * Lex V2's dialog semantics on a small bot of another domain, written as the synthesized
 * template would carry it (a bot the runtime has never seen: nothing BookTrip-specific).
 */
const plain = (value: string) => ({ Message: { PlainTextMessage: { Value: value } } });
const prompt = (value: string, variations: string[] = [], maxRetries = 2) => ({
  MaxRetries: maxRetries,
  MessageGroupsList: [
    {
      ...plain(value),
      Variations: variations.map((v) => ({ PlainTextMessage: { Value: v } })),
    },
  ],
});
const slot = (name: string, type: string, question: string, extra: object = {}) => ({
  Name: name,
  SlotTypeName: type,
  ValueElicitationSetting: {
    SlotConstraint: 'Required',
    PromptSpecification: prompt(question, [`Sorry, ${question.toLowerCase()}`]),
    SlotCaptureSetting: {
      FailureResponse: { MessageGroupsList: [plain(`I could not get the ${name}.`)] },
    },
    ...extra,
  },
});

export const flowersBot: LocalResource = {
  stackName: 'Shop',
  logicalId: 'Bot',
  type: 'AWS::Lex::Bot',
  physicalId: 'FLOWERS',
  assemblyDir: '/nowhere',
  properties: {
    Name: 'OrderFlowers',
    IdleSessionTTLInSeconds: 300,
    BotLocales: [
      {
        LocaleId: 'en_US',
        NluConfidenceThreshold: 0.4,
        SlotTypes: [
          {
            Name: 'FlowerTypes',
            SlotTypeValues: [
              { SampleValue: { Value: 'roses' }, Synonyms: [{ Value: 'rose' }] },
              { SampleValue: { Value: 'tulips' }, Synonyms: [{ Value: 'tulip' }] },
            ],
            ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE' },
          },
          {
            Name: 'Colours',
            SlotTypeValues: [
              { SampleValue: { Value: 'red' }, Synonyms: [{ Value: 'crimson' }] },
              { SampleValue: { Value: 'white' }, Synonyms: [{ Value: 'ivory' }] },
            ],
            ValueSelectionSetting: { ResolutionStrategy: 'TOP_RESOLUTION' },
          },
        ],
        Intents: [
          {
            Name: 'OrderFlowers',
            SampleUtterances: [
              { Utterance: 'I would like to order some flowers' },
              { Utterance: 'order flowers' },
              { Utterance: 'send {Quantity} {Colour} {FlowerType}' },
              { Utterance: 'I want to buy {FlowerType}' },
            ],
            SlotPriorities: [
              { Priority: 1, SlotName: 'FlowerType' },
              { Priority: 2, SlotName: 'Colour' },
              { Priority: 3, SlotName: 'Quantity' },
              { Priority: 4, SlotName: 'Voucher' },
            ],
            Slots: [
              slot('Voucher', 'AMAZON.AlphaNumeric', 'What is your voucher code?'),
              slot('Quantity', 'AMAZON.Number', 'How many {FlowerType} would you like?'),
              slot('Colour', 'Colours', 'What colour should the {FlowerType} be?'),
              slot('FlowerType', 'FlowerTypes', 'What type of flowers would you like?'),
            ],
            IntentConfirmationSetting: {
              PromptSpecification: prompt(
                'So {Quantity} {Colour} {FlowerType} for [customer], with voucher {Voucher}. Okay?',
              ),
              DeclinationResponse: { MessageGroupsList: [plain('Okay, no flowers then.')] },
            },
            IntentClosingSetting: {
              ClosingResponse: {
                MessageGroupsList: [plain('Your {FlowerType} are on their way.')],
              },
            },
          },
          {
            Name: 'Fallback',
            ParentIntentSignature: 'AMAZON.FallbackIntent',
            IntentClosingSetting: {
              ClosingResponse: { MessageGroupsList: [plain('I only sell flowers.')] },
            },
          },
        ],
      },
    ],
  },
};

/** The bot's `prod` alias, naming `lambdaArn` as its code hook when given. */
export const alias = (lambdaArn?: string): LocalResource => ({
  stackName: 'Shop',
  logicalId: 'Alias',
  type: 'AWS::Lex::BotAlias',
  physicalId: 'PROD',
  assemblyDir: '/nowhere',
  properties: {
    BotId: 'FLOWERS',
    BotAliasName: 'prod',
    BotVersion: '1',
    BotAliasLocaleSettings: [
      {
        LocaleId: 'en_US',
        BotAliasLocaleSetting: {
          Enabled: true,
          ...(lambdaArn
            ? {
                CodeHookSpecification: {
                  LambdaCodeHook: { LambdaArn: lambdaArn, CodeHookInterfaceVersion: '1.0' },
                },
              }
            : {}),
        },
      },
    ],
  },
});

/** The same bot with its dialog code hook switched on. */
export function withCodeHooks(): LocalResource {
  return {
    ...flowersBot,
    properties: {
      ...flowersBot.properties,
      BotLocales: (flowersBot.properties.BotLocales as Record<string, unknown>[]).map((locale) => ({
        ...locale,
        Intents: (locale.Intents as Record<string, unknown>[]).map((intent) => ({
          ...intent,
          DialogCodeHook: { Enabled: true },
        })),
      })),
    },
  };
}

export const HOOK_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:Hook';
