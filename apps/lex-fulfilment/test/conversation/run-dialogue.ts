import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { createPublisher } from '@booktrip/events';
import {
  ABSENT,
  DIALOGUE_DEFAULT_NOW,
  dialogueRequestAttributes,
  lambdaContext,
  lexV2Event,
  type Dialogue,
  type DialogueStep,
} from '@booktrip/test-kit';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { LexResponse } from '../../src/dialog';
import type { TurnEffects } from '../../src/handle-turn';
import { createLexHandler } from '../../src/handler';
import type { LexSlots } from '../../src/lex-event-schema';
import { slotValue } from '../../src/slot-values';
import { TEST_TOKEN_KEY, withToken } from '../support/conversation-token';

export const SESSION_ID = 'conversation-0001';
export const TEST_BUS = 'booktrip-test';

export type EventBridgeMock = AwsClientStub<EventBridgeClient>;

export type BusBehaviour =
  /** Every entry is accepted. */
  | 'healthy'
  /** PutEvents answers, but reports the first entry of every call as failed. */
  | 'first-entry-fails'
  /** PutEvents itself fails (e.g. throttled after the SDK's retries). */
  | 'unavailable';

/**
 * A dialogue in the shared format (`@booktrip/test-kit`), with what only a direct call of the
 * hook can vary: the bus's behaviour and replaced side effects (e.g. a pricing that throws).
 */
export interface HookDialogue extends Dialogue {
  bus?: BusBehaviour;
  effects?: Partial<Pick<TurnEffects, 'price'>>;
}

export interface Turn {
  step: DialogueStep;
  response: LexResponse;
  /** Every entry sent to PutEvents during the turn, retries included. */
  entries: PutEventsRequestEntry[];
}

/**
 * Plays a dialogue against the real handler (middy, validation, publisher) the way Lex would:
 * the session attributes and slots the hook returns are sent back on the next turn, until the
 * intent ends (Close, ElicitIntent) or another intent starts. Asserts every step's expectations.
 */
export async function runDialogue(
  dialogue: HookDialogue,
  eventBridge: EventBridgeMock,
): Promise<Turn[]> {
  configureBus(eventBridge, dialogue.bus ?? 'healthy');
  let ids = 0;
  const handler = createLexHandler({
    publish: createPublisher({
      eventBusName: TEST_BUS,
      client: new EventBridgeClient({ region: 'us-east-1' }),
      baseDelayMs: 1,
    }),
    now: () => new Date(dialogue.now ?? DIALOGUE_DEFAULT_NOW),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    tokenKey: async () => TEST_TOKEN_KEY,
    ...dialogue.effects,
  });

  const turns: Turn[] = [];
  let attributes = dialogue.sessionAttributes ?? {};
  let previous: LexResponse | undefined;

  for (const [index, step] of dialogue.steps.entries()) {
    const callsBefore = eventBridge.commandCalls(PutEventsCommand).length;
    const carried = sameIntentContinues(previous, step.lex.intent) ? carriedSlots(previous) : {};
    const built = lexV2Event({
      intent: step.lex.intent,
      slots: { ...carried, ...step.lex.slots },
      invocationSource: step.lex.invocationSource ?? 'DialogCodeHook',
      confirmationState: step.lex.confirmationState ?? 'None',
      inputTranscript: step.user,
      sessionAttributes: step.lex.sessionAttributes ?? attributes,
      sessionId: SESSION_ID,
      originatingRequestId: `request-${index + 1}`,
      requestAttributes: dialogueRequestAttributes(dialogue),
    });
    // The page sends the conversation's token with every turn.
    const event = await withToken(withProposal(built, step));

    const response = (await handler(event, lambdaContext())) as LexResponse;
    const entries = eventBridge
      .commandCalls(PutEventsCommand)
      .slice(callsBefore)
      .flatMap((call) => call.args[0].input.Entries ?? []);
    turns.push({ step, response, entries });

    try {
      assertStep(step, response, entries);
    } catch (error) {
      (error as Error).message = `Step ${index + 1} ("${step.user}"):\n${(error as Error).message}`;
      throw error;
    }
    attributes = response.sessionState.sessionAttributes;
    previous = response;
  }
  return turns;
}

function assertStep(
  step: DialogueStep,
  response: LexResponse,
  entries: PutEventsRequestEntry[],
): void {
  const { expect: wanted } = step;
  const { dialogAction, intent, sessionAttributes } = response.sessionState;
  const messages = response.messages ?? [];
  const message = messages
    .map((m) => (m.contentType === 'PlainText' ? m.content : ''))
    .join(' ')
    .trim();
  const cards = messages.flatMap((m) =>
    m.contentType === 'ImageResponseCard' ? [m.imageResponseCard] : [],
  );

  expect(dialogAction.type).toBe(wanted.action);
  if (wanted.slot !== undefined) expect(dialogAction.slotToElicit).toBe(wanted.slot);
  if (wanted.message instanceof RegExp) expect(message).toMatch(wanted.message);
  else if (wanted.message !== undefined) expect(message).toBe(wanted.message);
  if (wanted.noMessage) expect(response.messages).toBeUndefined();
  if (wanted.cards !== undefined) {
    expect(
      cards.map((card) => [card.title, (card.buttons ?? []).map((button) => button.value)]),
    ).toEqual(wanted.cards);
  }
  if (wanted.intentState !== undefined) expect(intent?.state).toBe(wanted.intentState);
  if (wanted.confirmationState !== undefined) {
    expect(intent?.confirmationState).toBe(wanted.confirmationState);
  }
  for (const [slot, value] of Object.entries(wanted.slots ?? {})) {
    expect({ slot, value: slotValue(intent?.slots ?? {}, slot) ?? null }).toEqual({ slot, value });
  }
  for (const [name, value] of Object.entries(wanted.sessionAttributes ?? {})) {
    const actual = sessionAttributes[name];
    if (value === ABSENT) expect({ [name]: actual }).toEqual({ [name]: undefined });
    else if (value instanceof RegExp)
      expect({ [name]: actual }).toEqual({ [name]: expect.stringMatching(value) });
    else expect({ [name]: actual }).toEqual({ [name]: value });
  }
  if (wanted.published !== undefined) {
    expect(entries.map((entry) => entry.DetailType)).toEqual(wanted.published);
  }
  // Lex rejects any non-string attribute value with DependencyFailedException.
  for (const value of Object.values(sessionAttributes)) expect(typeof value).toBe('string');
}

/** Adds what Lex proposes to do next, when the step says (a retry of the same slot, say). */
function withProposal(
  event: ReturnType<typeof lexV2Event>,
  step: DialogueStep,
): ReturnType<typeof lexV2Event> {
  const proposed = step.lex.proposed;
  if (!proposed) return event;
  const dialogAction =
    proposed.action === 'ElicitSlot'
      ? { type: 'ElicitSlot' as const, slotToElicit: proposed.slot }
      : { type: 'ConfirmIntent' as const };
  return {
    ...event,
    proposedNextState: {
      dialogAction,
      intent: event.sessionState.intent,
      prompt: { attempt: proposed.attempt },
    },
  };
}

function sameIntentContinues(previous: LexResponse | undefined, intentName: string): boolean {
  const state = previous?.sessionState;
  return (
    state?.intent?.name === intentName &&
    state.dialogAction.type !== 'Close' &&
    state.dialogAction.type !== 'ElicitIntent'
  );
}

function carriedSlots(previous: LexResponse | undefined): Record<string, string | null> {
  const slots: LexSlots = previous?.sessionState.intent?.slots ?? {};
  return Object.fromEntries(
    Object.keys(slots).map((name) => [name, slotValue(slots, name) ?? null]),
  );
}

function configureBus(eventBridge: EventBridgeMock, behaviour: BusBehaviour): void {
  eventBridge.reset();
  if (behaviour === 'unavailable') {
    eventBridge.on(PutEventsCommand).rejects(new Error('ThrottlingException: Rate exceeded'));
    return;
  }
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries?: unknown[] }) => {
    const entries = input.Entries ?? [];
    const failFirst = behaviour === 'first-entry-fails';
    return {
      FailedEntryCount: failFirst ? 1 : 0,
      Entries: entries.map((_, i) =>
        failFirst && i === 0
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure' }
          : { EventId: `event-${i}` },
      ),
    };
  });
}
