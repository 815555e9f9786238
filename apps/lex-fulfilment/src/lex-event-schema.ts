import { z } from 'zod';

/*
 * The Lex V2 code hook event (messageVersion 1.0), as the Lex V2 developer guide describes it
 * ("AWS Lambda input event format for Lex V2"). Powertools has no Lex V2 schema. The guide warns
 * that fields may be added without a version change, so every object passes unknown keys
 * through, and only what the fulfilment logic reads is required.
 */

const SlotValueSchema = z.looseObject({
  originalValue: z.string(),
  // Absent when Lex could not resolve the input to a value of the slot type.
  interpretedValue: z.string().optional(),
  resolvedValues: z.array(z.string()).optional(),
});

const ScalarSlotSchema = z.looseObject({
  shape: z.literal('Scalar'),
  value: SlotValueSchema,
});

const ListSlotSchema = z.looseObject({
  shape: z.literal('List'),
  value: SlotValueSchema.optional(),
  values: z.array(ScalarSlotSchema),
});

export const LexSlotSchema = z.union([ScalarSlotSchema, ListSlotSchema]);

/** Slot name → value; `null` until the slot is filled. */
export const LexSlotsSchema = z.record(z.string(), LexSlotSchema.nullable());

export const IntentStateSchema = z.enum([
  'InProgress',
  'ReadyForFulfillment',
  'Waiting',
  'FulfillmentInProgress',
  'Fulfilled',
  'Failed',
]);

export const ConfirmationStateSchema = z.enum(['None', 'Confirmed', 'Denied']);

export const DialogActionTypeSchema = z.enum([
  'Close',
  'ConfirmIntent',
  'Delegate',
  'ElicitIntent',
  'ElicitSlot',
]);

export const LexIntentSchema = z.looseObject({
  name: z.string().min(1),
  // Lex sends `{}` (or nothing) for intents without slots, such as FallbackIntent.
  slots: LexSlotsSchema.nullish().transform((slots) => slots ?? {}),
  state: IntentStateSchema,
  confirmationState: ConfirmationStateSchema.default('None'),
});

const DialogActionSchema = z.looseObject({
  type: DialogActionTypeSchema,
  slotToElicit: z.string().optional(),
});

export const LexV2EventSchema = z.looseObject({
  messageVersion: z.string(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.enum(['Text', 'Speech', 'DTMF']),
  responseContentType: z.string(),
  sessionId: z.string().regex(/^[0-9a-zA-Z._:-]{2,100}$/),
  inputTranscript: z.string(),
  invocationLabel: z.string().nullish(),
  bot: z.looseObject({
    id: z.string(),
    name: z.string(),
    aliasId: z.string(),
    aliasName: z.string().optional(),
    localeId: z.string(),
    version: z.string(),
  }),
  interpretations: z.array(
    z.looseObject({
      intent: LexIntentSchema,
      // A number in the Lambda event; the runtime API spells it `{ score }`. Absent for fallback.
      nluConfidence: z.union([z.number(), z.looseObject({ score: z.number() })]).optional(),
      sentimentResponse: z.looseObject({}).optional(),
      interpretationSource: z.string().optional(),
    }),
  ),
  // What Lex would do next if the hook delegates; absent on the fulfilment hook.
  proposedNextState: z
    .looseObject({
      dialogAction: DialogActionSchema,
      intent: LexIntentSchema.optional(),
      prompt: z.looseObject({ attempt: z.string() }).optional(),
    })
    .nullish(),
  requestAttributes: z.record(z.string(), z.string()).nullish(),
  sessionState: z.looseObject({
    sessionAttributes: z
      .record(z.string(), z.string())
      .nullish()
      .transform((attributes) => attributes ?? {}),
    activeContexts: z.array(z.looseObject({})).nullish(),
    runtimeHints: z.looseObject({}).nullish(),
    dialogAction: DialogActionSchema.nullish(),
    intent: LexIntentSchema,
    originatingRequestId: z.string().optional(),
  }),
  transcriptions: z.array(z.looseObject({})).nullish(),
});

export type LexV2CodeHookEvent = z.output<typeof LexV2EventSchema>;
export type LexIntent = z.output<typeof LexIntentSchema>;
export type LexSlot = z.output<typeof LexSlotSchema>;
export type LexSlots = z.output<typeof LexSlotsSchema>;
export type IntentState = z.output<typeof IntentStateSchema>;
export type ConfirmationState = z.output<typeof ConfirmationStateSchema>;
export type DialogActionType = z.output<typeof DialogActionTypeSchema>;
