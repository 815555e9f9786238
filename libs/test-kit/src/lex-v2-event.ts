import type {
  LexV2DialogAction,
  LexV2Event,
  LexV2Intent,
  LexV2IntentState,
  LexV2ScalarSlotValue,
  LexV2Slot,
  LexV2Slots,
} from 'aws-lambda';

/**
 * A Lex V2 code hook event as Lex sends it for text input. `@types/aws-lambda` requires
 * `transcriptions` and `proposedNextState`, but Lex sends transcriptions only for speech and
 * no proposed next state to the fulfilment hook, so both are optional here.
 */
export type LexV2TestEvent = Omit<LexV2Event, 'transcriptions' | 'proposedNextState'> & {
  transcriptions?: LexV2Event['transcriptions'];
  proposedNextState?: LexV2Event['proposedNextState'] & { prompt?: { attempt: string } };
  invocationLabel?: string;
};

export interface LexV2EventInput {
  /** The active intent (default `BookHotel`). */
  intent?: string;
  /** Plain strings become Scalar slots (value = interpreted value); `null` is an empty slot. */
  slots?: Record<string, string | null | LexV2Slot>;
  invocationSource?: LexV2Event['invocationSource'];
  inputTranscript?: string;
  inputMode?: LexV2Event['inputMode'];
  sessionAttributes?: Record<string, string>;
  requestAttributes?: Record<string, string>;
  confirmationState?: LexV2Intent['confirmationState'];
  /** Defaults to `InProgress` on the dialog hook and `ReadyForFulfillment` on fulfilment. */
  intentState?: LexV2IntentState;
  sessionId?: string;
  originatingRequestId?: string;
  /** What Lex would do next on Delegate; omitted unless given (as on the fulfilment hook). */
  proposedDialogAction?: LexV2DialogAction;
}

/** A Scalar slot as Lex fills it. */
export function lexV2Slot(value: string, originalValue = value): LexV2ScalarSlotValue {
  return {
    shape: 'Scalar',
    value: { originalValue, interpretedValue: value, resolvedValues: [value] },
  };
}

/** A Lex V2 code hook event (messageVersion 1.0, text input) for tests. */
export function lexV2Event(input: LexV2EventInput = {}): LexV2TestEvent {
  const invocationSource = input.invocationSource ?? 'DialogCodeHook';
  const intent: LexV2Intent = {
    name: input.intent ?? 'BookHotel',
    slots: toSlots(input.slots ?? {}),
    state:
      input.intentState ??
      (invocationSource === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress'),
    confirmationState: input.confirmationState ?? 'None',
  };
  const fallback: LexV2Intent = {
    name: 'FallbackIntent',
    slots: {},
    state: 'InProgress',
    confirmationState: 'None',
  };

  return {
    messageVersion: '1.0',
    invocationSource,
    inputMode: input.inputMode ?? 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: input.sessionId ?? '123456789012345',
    inputTranscript: input.inputTranscript ?? '',
    bot: {
      id: 'BOOKTRIP01',
      name: 'BookTrip',
      aliasId: 'TSTALIASID',
      aliasName: 'TestBotAlias',
      localeId: 'en_US',
      version: 'DRAFT',
    },
    // Best first; Lex lists FallbackIntent too, without a confidence score.
    interpretations:
      intent.name === 'FallbackIntent'
        ? [{ intent }]
        : [{ intent, nluConfidence: 1 }, { intent: fallback }],
    ...(input.proposedDialogAction
      ? {
          proposedNextState: {
            dialogAction: input.proposedDialogAction,
            intent,
            prompt: { attempt: 'Initial' },
          },
        }
      : {}),
    ...(input.requestAttributes ? { requestAttributes: input.requestAttributes } : {}),
    sessionState: {
      sessionAttributes: input.sessionAttributes ?? {},
      activeContexts: [],
      intent,
      originatingRequestId: input.originatingRequestId ?? 'e5a4b0b6-8a1e-4c47-9a0d-6c1f1f6f0b1a',
    },
  };
}

function toSlots(slots: Record<string, string | null | LexV2Slot>): LexV2Slots {
  return Object.fromEntries(
    Object.entries(slots).map(([name, slot]) => [
      name,
      typeof slot === 'string' ? lexV2Slot(slot) : slot,
    ]),
  );
}
