import { z } from 'zod';

/*
 * What Lex V2 accepts back from a code hook ("Response format" in the Lex V2 developer guide).
 * Anything else makes Lex fail the turn with DependencyFailedException, so the runtime checks
 * the hook's answer against this before using any of it.
 */

const SlotValueSchema = z.object({
  originalValue: z.string().optional(),
  interpretedValue: z.string(),
  resolvedValues: z.array(z.string()).optional(),
});

const ScalarSlotSchema = z.object({
  shape: z.literal('Scalar').optional(),
  value: SlotValueSchema,
});

export const HookSlotSchema = z.union([
  ScalarSlotSchema,
  z.object({
    shape: z.literal('List'),
    value: SlotValueSchema.optional(),
    values: z.array(ScalarSlotSchema),
  }),
]);

export const IntentStateSchema = z.enum([
  'Failed',
  'Fulfilled',
  'InProgress',
  'ReadyForFulfillment',
  'Waiting',
  'FulfillmentInProgress',
]);
export const ConfirmationStateSchema = z.enum(['Confirmed', 'Denied', 'None']);

const IntentSchema = z.object({
  name: z.string().min(1),
  slots: z.record(z.string(), HookSlotSchema.nullable()).nullish(),
  state: IntentStateSchema.optional(),
  confirmationState: ConfirmationStateSchema.optional(),
});

const ButtonSchema = z.object({
  text: z.string().min(1).max(50),
  value: z.string().min(1).max(50),
});

export const HookMessageSchema = z
  .object({
    contentType: z.enum(['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard']),
    content: z.string().min(1).max(1024).optional(),
    imageResponseCard: z
      .object({
        title: z.string().min(1).max(250),
        subtitle: z.string().min(1).max(250).optional(),
        imageUrl: z.string().min(1).max(250).optional(),
        buttons: z.array(ButtonSchema).max(5).optional(),
      })
      .optional(),
  })
  .refine(
    (message) =>
      message.contentType === 'ImageResponseCard'
        ? message.imageResponseCard !== undefined
        : message.content !== undefined,
    { message: 'a message needs content, or imageResponseCard for ImageResponseCard' },
  );

export const CodeHookResponseSchema = z
  .object({
    sessionState: z.object({
      sessionAttributes: z.record(z.string(), z.string().max(1024)).nullish(),
      activeContexts: z.array(z.unknown()).nullish(),
      dialogAction: z.object({
        type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
        slotToElicit: z.string().min(1).optional(),
        slotElicitationStyle: z.enum(['Default', 'SpellByLetter', 'SpellByWord']).optional(),
      }),
      intent: IntentSchema.optional(),
    }),
    messages: z.array(HookMessageSchema).max(10).nullish(),
    requestAttributes: z.record(z.string(), z.string()).nullish(),
  })
  .superRefine((response, context) => {
    const { dialogAction, intent } = response.sessionState;
    if (dialogAction.type !== 'ElicitIntent' && !intent) {
      context.addIssue({
        code: 'custom',
        message: `sessionState.intent is required with dialogAction ${dialogAction.type}`,
      });
    }
    if (dialogAction.type === 'ElicitSlot' && !dialogAction.slotToElicit) {
      context.addIssue({ code: 'custom', message: 'ElicitSlot needs slotToElicit' });
    }
    if (
      (dialogAction.type === 'ElicitIntent' || dialogAction.type === 'ConfirmIntent') &&
      !response.messages?.length
    ) {
      context.addIssue({
        code: 'custom',
        message: `dialogAction ${dialogAction.type} needs messages`,
      });
    }
  });

export type CodeHookResponse = z.output<typeof CodeHookResponseSchema>;
export type HookMessage = z.output<typeof HookMessageSchema>;
export type HookSlot = z.output<typeof HookSlotSchema>;
