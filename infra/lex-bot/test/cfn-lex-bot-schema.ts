import { z } from 'zod';

/**
 * The parts of the CloudFormation schema of `AWS::Lex::Bot` this stack uses, written from the
 * resource reference (required properties, lengths, ranges, allowed values). Small property
 * types are strict, so a misspelt key fails as CloudFormation would fail it; large ones are
 * loose and list what is required.
 */

const NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;
/** A template value may be an intrinsic function (`{ "Fn::GetAtt": … }`). */
const Intrinsic = z.record(z.string().regex(/^(Ref|Fn::\w+)$/), z.unknown());
const text = (min: number, max: number) => z.string().min(min).max(max);

const Button = z.strictObject({ Text: text(1, 50), Value: text(1, 50) });
const ImageResponseCard = z.strictObject({
  Title: text(1, 250),
  Subtitle: text(1, 250).optional(),
  ImageUrl: text(1, 250).optional(),
  Buttons: z.array(Button).max(5).optional(),
});
const Message = z
  .strictObject({
    PlainTextMessage: z.strictObject({ Value: text(1, 1000) }).optional(),
    SSMLMessage: z.strictObject({ Value: text(1, 1000) }).optional(),
    CustomPayload: z.strictObject({ Value: text(1, 1000) }).optional(),
    ImageResponseCard: ImageResponseCard.optional(),
  })
  .refine((m) => Object.keys(m).length === 1, 'a message has exactly one kind of content');
const MessageGroup = z.strictObject({
  Message,
  Variations: z.array(Message).max(2).optional(),
});
const MessageGroupsList = z.array(MessageGroup).min(1).max(5);

const PromptSpecification = z.strictObject({
  MaxRetries: z.int().min(0).max(5),
  MessageGroupsList,
  AllowInterrupt: z.boolean().optional(),
  MessageSelectionStrategy: z.enum(['Random', 'Ordered']).optional(),
});
const ResponseSpecification = z.strictObject({
  MessageGroupsList,
  AllowInterrupt: z.boolean().optional(),
});
const SampleUtterance = z.strictObject({ Utterance: z.string().min(1) });
const DialogCodeHookInvocationSetting = z.looseObject({
  EnableCodeHookInvocation: z.boolean(),
  IsActive: z.boolean(),
  PostCodeHookSpecification: z.looseObject({}),
});

const Slot = z.looseObject({
  Name: z.string().regex(NAME),
  SlotTypeName: z.string().min(1),
  Description: text(0, 200).optional(),
  ValueElicitationSetting: z.looseObject({
    SlotConstraint: z.enum(['Required', 'Optional']),
    PromptSpecification: PromptSpecification.optional(),
    SampleUtterances: z.array(SampleUtterance).optional(),
    SlotCaptureSetting: z
      .looseObject({
        FailureResponse: ResponseSpecification.optional(),
        CodeHook: DialogCodeHookInvocationSetting.optional(),
      })
      .optional(),
  }),
});

const Intent = z.looseObject({
  Name: z.string().regex(NAME),
  Description: text(0, 200).optional(),
  ParentIntentSignature: z.string().optional(),
  SampleUtterances: z.array(SampleUtterance).optional(),
  Slots: z.array(Slot).max(100).optional(),
  SlotPriorities: z
    .array(z.strictObject({ Priority: z.int().min(0).max(100), SlotName: z.string().regex(NAME) }))
    .optional(),
  DialogCodeHook: z.strictObject({ Enabled: z.boolean() }).optional(),
  FulfillmentCodeHook: z
    .looseObject({
      Enabled: z.boolean(),
      PostFulfillmentStatusSpecification: z
        .looseObject({
          SuccessResponse: ResponseSpecification.optional(),
          FailureResponse: ResponseSpecification.optional(),
          TimeoutResponse: ResponseSpecification.optional(),
        })
        .optional(),
    })
    .optional(),
  IntentConfirmationSetting: z
    .looseObject({
      PromptSpecification: PromptSpecification.optional(),
      DeclinationResponse: ResponseSpecification.optional(),
      FailureResponse: ResponseSpecification.optional(),
      CodeHook: DialogCodeHookInvocationSetting.optional(),
    })
    .optional(),
  IntentClosingSetting: z
    .looseObject({
      ClosingResponse: ResponseSpecification.optional(),
      IsActive: z.boolean().optional(),
    })
    .optional(),
});

const SlotType = z.looseObject({
  Name: z.string().regex(NAME),
  Description: text(0, 200).optional(),
  SlotTypeValues: z
    .array(
      z.strictObject({
        SampleValue: z.strictObject({ Value: text(1, 140) }),
        Synonyms: z.array(z.strictObject({ Value: text(1, 140) })).optional(),
      }),
    )
    .optional(),
  ValueSelectionSetting: z
    .strictObject({
      ResolutionStrategy: z.enum(['ORIGINAL_VALUE', 'TOP_RESOLUTION', 'CONCATENATION']),
    })
    .optional(),
});

const BotLocale = z.looseObject({
  LocaleId: z.string().min(1),
  NluConfidenceThreshold: z.number().min(0).max(1),
  Description: text(0, 200).optional(),
  VoiceSettings: z
    .strictObject({
      VoiceId: z.string().min(1),
      Engine: z.enum(['standard', 'neural', 'long-form', 'generative']).optional(),
    })
    .optional(),
  Intents: z.array(Intent).optional(),
  SlotTypes: z.array(SlotType).optional(),
});

export const CfnLexBotProperties = z.looseObject({
  Name: z.string().regex(NAME),
  RoleArn: z.union([z.string().startsWith('arn:'), Intrinsic]),
  DataPrivacy: z.strictObject({ ChildDirected: z.boolean() }),
  IdleSessionTTLInSeconds: z.int().min(60).max(86_400),
  Description: text(0, 200).optional(),
  AutoBuildBotLocales: z.boolean().optional(),
  BotLocales: z.array(BotLocale).optional(),
});
export type CfnLexBotProperties = z.infer<typeof CfnLexBotProperties>;
