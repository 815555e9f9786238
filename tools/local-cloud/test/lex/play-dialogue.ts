import {
  RecognizeTextCommand,
  type LexRuntimeV2Client,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { ABSENT, type Dialogue, type DialogueStep } from './dialogue-format';
import type { RecordedPutEvent } from './in-process-code-hook';

export { ABSENT };
export type { Dialogue };

export interface DialogueTarget {
  client: LexRuntimeV2Client;
  bot: { botId: string; botAliasId: string; localeId: string };
  published: RecordedPutEvent[];
}

/**
 * Plays a dialogue written for the fulfilment service's conversation tests end to end through
 * LexRuntimeV2Client: Lex understands each `user` line itself and calls the hook. Two things
 * differ from calling the hook directly, and are mapped here:
 * - Lex runs the fulfilment hook in the same request as the dialog hook's final Delegate, so a
 *   `FulfillmentCodeHook` step is checked on the previous request's response (its `published`
 *   adds to that request's);
 * - after a hook's Delegate, Lex itself acts (asks the next slot, confirms), so a Delegate step's
 *   action and message are not compared — its slots, state and attributes are.
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
    const attributes =
      step.lex.sessionAttributes ?? (index === 0 ? dialogue.sessionAttributes : undefined);
    const before = target.published.length;
    const response = await target.client.send(
      new RecognizeTextCommand({
        ...target.bot,
        sessionId,
        text: step.user,
        ...(attributes ? { sessionState: { sessionAttributes: attributes } } : {}),
      }),
    );
    responses.push(response);
    const published = target.published.slice(before).map((entry) => entry.DetailType);
    const checked = fulfilment ? (steps[index + 1] as DialogueStep) : step;
    // The request's events: the dialog hook's (when the dialogue says) then the fulfilment's.
    const fulfilmentPublished = checked.expect.published;
    const dialogPublished = fulfilment ? step.expect.published : undefined;
    const wantedPublished =
      fulfilment && fulfilmentPublished && dialogPublished
        ? [...dialogPublished, ...fulfilmentPublished]
        : fulfilmentPublished;
    const comparedPublished =
      fulfilment && fulfilmentPublished && !dialogPublished
        ? published.slice(-fulfilmentPublished.length)
        : published;
    try {
      assertTurn(checked, response, comparedPublished, wantedPublished);
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
  published: string[],
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
  if (wanted.action !== 'Delegate') {
    expect(state?.dialogAction?.type).toBe(wanted.action);
    if (wanted.slot !== undefined) expect(state?.dialogAction?.slotToElicit).toBe(wanted.slot);
    if (wanted.message instanceof RegExp) expect(text).toMatch(wanted.message);
    else if (wanted.message !== undefined) expect(text).toBe(wanted.message);
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
  if (wantedPublished !== undefined) expect(published).toEqual(wantedPublished);
}
