import { bookTripBot, type IntentModel } from '@booktrip/bot-model';
import type { ConfirmationState, LexSlots, LexV2CodeHookEvent } from './lex-event-schema';
import { fillPrompt, promptAt, promptAttempt, type SlotPrompt } from './prompt-messages';
import { slotValue } from './slot-values';

/**
 * What the bot does after a dialog turn whose slots are valid: ask for a slot, ask for the
 * confirmation, or let Lex go on to fulfilment (nothing to say).
 */
export type NextPrompt =
  | ({ action: 'ElicitSlot'; slot: string } & SlotPrompt)
  | ({ action: 'ConfirmIntent' } & SlotPrompt)
  | { action: 'Delegate' };

export interface NextPromptInput {
  intentName: string;
  slots: LexSlots;
  confirmationState: ConfirmationState;
  /** The session attributes the response carries (e.g. the price just written). */
  sessionAttributes: Readonly<Record<string, string>>;
  /** What Lex proposed to do next; its attempt words a re-asked question differently. */
  proposedNextState?: LexV2CodeHookEvent['proposedNextState'];
}

const LOCALE_ID = 'en_US';

/**
 * The next step as Lex would take it from the bot model, with the words Lex would use, so the
 * hook can say it itself (and record it): the first empty required slot in priority order, its
 * prompt on the attempt Lex proposes for that slot (else the first wording); once every required
 * slot is filled, the confirmation prompt with `{Slot}` and `[attribute]` filled in; once
 * confirmed (or for an intent without confirmation), Delegate. Denied is the caller's to answer.
 */
export function nextPrompt(input: NextPromptInput): NextPrompt {
  const intent = intentModel(input.intentName);
  const proposed = input.proposedNextState;
  const attemptFor = (type: 'ElicitSlot' | 'ConfirmIntent', slot?: string) =>
    proposed?.dialogAction.type === type && proposed.dialogAction.slotToElicit === slot
      ? promptAttempt(proposed.prompt?.attempt)
      : 0;

  const empty = intent.slots.find(
    (slot) => slot.required && slotValue(input.slots, slot.name) === undefined,
  );
  if (empty) {
    const prompt = promptAt(
      empty.prompt,
      attemptFor('ElicitSlot', empty.name),
      `${intent.name}.${empty.name}`,
    );
    return {
      action: 'ElicitSlot',
      slot: empty.name,
      ...fillPrompt(prompt, input.slots, input.sessionAttributes),
    };
  }

  if (intent.confirmation && input.confirmationState === 'None') {
    const prompt = promptAt(
      intent.confirmation.prompt,
      attemptFor('ConfirmIntent'),
      `${intent.name} confirmation`,
    );
    return { action: 'ConfirmIntent', ...fillPrompt(prompt, input.slots, input.sessionAttributes) };
  }
  return { action: 'Delegate' };
}

function intentModel(name: string): IntentModel {
  const intent = bookTripBot.locales
    .find((locale) => locale.localeId === LOCALE_ID)
    ?.intents.find((candidate) => candidate.name === name);
  if (!intent) throw new Error(`The bot model has no ${LOCALE_ID} intent ${name}`);
  return intent;
}
