import {
  RecognizeTextCommand,
  type LexRuntimeV2Client,
  type Message,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { ConversationTurnRecorded } from '@booktrip/events';
import {
  ABSENT,
  dialogueRequestAttributes,
  type Dialogue,
  type DialogueStep,
} from '@booktrip/test-kit';
import type { RecordedPutEvent } from './in-process-code-hook';

export interface DialogueTarget {
  client: LexRuntimeV2Client;
  bot: { botId: string; botAliasId: string; localeId: string };
  published: RecordedPutEvent[];
}

/**
 * Plays a dialogue of the shared format (`@booktrip/test-kit`, also played against the code hook
 * directly by the fulfilment service's conversation tests) end to end through
 * LexRuntimeV2Client: Lex understands each `user` line itself and calls the hook, so a step's
 * `lex` is not sent, only checked through its effects. One thing differs from calling the hook
 * directly, and is mapped here: Lex runs the fulfilment hook in the same request as the dialog
 * hook's Delegate of a confirmed intent, so a `FulfillmentCodeHook` step is checked on the
 * previous request's response (the two steps' `published` add up).
 *
 * Every request must also record exactly one *Conversation Turn Recorded*, with the user's words,
 * exactly the text messages the response carries and its cards (title, subtitle, buttons): what
 * the chat's history (and so a reload of the page) shows is what the user was told and offered.
 */
export async function playDialogue(
  target: DialogueTarget,
  dialogue: Dialogue,
  sessionId: string,
): Promise<RecognizeTextCommandOutput[]> {
  const responses: RecognizeTextCommandOutput[] = [];
  const steps = dialogue.steps;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as DialogueStep;
    const fulfilment = steps[index + 1]?.lex.invocationSource === 'FulfillmentCodeHook';
    if (step.expect.action === 'Delegate' && !fulfilment) {
      throw new Error(
        `${dialogue.name}, step ${index + 1}: a Delegate step must be followed by its fulfilment step (Lex acts on it within the same request)`,
      );
    }
    const attributes =
      step.lex.sessionAttributes ?? (index === 0 ? dialogue.sessionAttributes : undefined);
    const before = target.published.length;
    const response = await target.client.send(
      new RecognizeTextCommand({
        ...target.bot,
        sessionId,
        text: step.user,
        requestAttributes: dialogueRequestAttributes(dialogue),
        ...(attributes ? { sessionState: { sessionAttributes: attributes } } : {}),
      }),
    );
    responses.push(response);
    const events = target.published.slice(before);
    const checked = fulfilment ? (steps[index + 1] as DialogueStep) : step;
    const wantedPublished =
      fulfilment && checked.expect.published && step.expect.published
        ? [...step.expect.published, ...checked.expect.published]
        : checked.expect.published;
    try {
      assertTurn(checked, response, events, wantedPublished);
      assertRecordedAsSaid(step.user, response, events);
    } catch (error) {
      (error as Error).message =
        `${dialogue.name}, step ${index + 1} ("${step.user}"):\n${(error as Error).message}`;
      throw error;
    }
    if (fulfilment) index++;
  }
  return responses;
}

function assertTurn(
  step: DialogueStep,
  response: RecognizeTextCommandOutput,
  events: RecordedPutEvent[],
  wantedPublished: string[] | undefined,
): void {
  const wanted = step.expect;
  const state = response.sessionState;
  const messages = response.messages ?? [];
  const text = messages
    .filter((m) => m.contentType === 'PlainText')
    .map((m) => m.content)
    .join(' ')
    .trim();

  if (wanted.action !== 'ElicitIntent') expect(state?.intent?.name).toBe(step.lex.intent);
  expect(state?.dialogAction?.type).toBe(wanted.action);
  if (wanted.slot !== undefined) expect(state?.dialogAction?.slotToElicit).toBe(wanted.slot);
  if (wanted.message instanceof RegExp) expect(text).toMatch(wanted.message);
  else if (wanted.message !== undefined) expect(text).toBe(wanted.message);
  if (wanted.noMessage) expect(messages).toEqual([]);
  if (wanted.cards !== undefined) {
    expect(
      messages
        .filter((m) => m.contentType === 'ImageResponseCard')
        .map((m) => [
          m.imageResponseCard?.title,
          (m.imageResponseCard?.buttons ?? []).map((b) => b.value),
        ]),
    ).toEqual(wanted.cards);
  }
  if (wanted.intentState !== undefined) expect(state?.intent?.state).toBe(wanted.intentState);
  if (wanted.confirmationState !== undefined) {
    expect(state?.intent?.confirmationState).toBe(wanted.confirmationState);
  }
  for (const [slot, value] of Object.entries(wanted.slots ?? {})) {
    const actual = state?.intent?.slots?.[slot]?.value?.interpretedValue ?? null;
    expect({ slot, value: actual }).toEqual({ slot, value });
  }
  for (const [name, value] of Object.entries(wanted.sessionAttributes ?? {})) {
    const actual = state?.sessionAttributes?.[name];
    if (value === ABSENT) expect({ [name]: actual }).toEqual({ [name]: undefined });
    else if (value instanceof RegExp) {
      expect({ [name]: actual }).toEqual({ [name]: expect.stringMatching(value) });
    } else expect({ [name]: actual }).toEqual({ [name]: value });
  }
  if (wantedPublished !== undefined) {
    expect(events.map((event) => event.DetailType)).toEqual(wantedPublished);
  }
}

function assertRecordedAsSaid(
  user: string,
  response: RecognizeTextCommandOutput,
  events: RecordedPutEvent[],
): void {
  const recorded = events
    .filter((event) => event.DetailType === ConversationTurnRecorded.detailType)
    .map((event) => {
      const { userText, botMessages, cards } = (JSON.parse(event.Detail) as { data: TurnData })
        .data;
      return { userText, botMessages, cards: cards ?? [] };
    });
  const messages = response.messages ?? [];
  expect(recorded).toEqual([
    { userText: user, botMessages: messages.flatMap(said), cards: messages.flatMap(offered) },
  ]);
}

interface TurnData {
  userText: string;
  botMessages: string[];
  cards?: RecordedCard[];
}

interface RecordedCard {
  title: string;
  subtitle?: string;
  buttons: { text: string; value: string }[];
}

/** A message as the turn records its words: a card's are in `offered`. */
function said(message: Message): string[] {
  return message.contentType === 'ImageResponseCard' ? [] : [message.content ?? ''];
}

/** A card as the turn records it: its words and buttons, not its image. */
function offered(message: Message): RecordedCard[] {
  const card = message.contentType === 'ImageResponseCard' ? message.imageResponseCard : undefined;
  if (!card?.title) return [];
  return [
    {
      title: card.title,
      ...(card.subtitle ? { subtitle: card.subtitle } : {}),
      buttons: (card.buttons ?? []).map((button) => ({
        text: button.text ?? '',
        value: button.value ?? '',
      })),
    },
  ];
}
