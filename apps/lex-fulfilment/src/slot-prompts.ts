import {
  bookTripBot,
  SlotNames,
  type CarSlotName,
  type HotelSlotName,
  type SlottedIntentName,
} from '@booktrip/bot-model';
import { promptAt, type SlotPrompt } from './prompt-messages';

export type { SlotPrompt } from './prompt-messages';

/*
 * When the hook re-asks for a slot its message replaces the slot's prompt, so it reuses the bot
 * model's question (after the reason) and its response cards: the bot keeps one voice, and the
 * room and car type buttons stay on screen.
 */

const LOCALE_ID = 'en_US';

interface SlotPrompts {
  BookHotel: Record<HotelSlotName, SlotPrompt>;
  BookCar: Record<CarSlotName, SlotPrompt>;
}

function promptsFromModel(): SlotPrompts {
  const locale = bookTripBot.locales.find((candidate) => candidate.localeId === LOCALE_ID);
  const slotPrompt = (intentName: string, slotName: string): SlotPrompt => {
    const slot = locale?.intents
      .find((intent) => intent.name === intentName)
      ?.slots.find((candidate) => candidate.name === slotName);
    // A mismatch between the bot model and this hook is a bug: fail at start-up, in every test.
    if (!slot) throw new Error(`The bot model has no ${LOCALE_ID} slot ${intentName}.${slotName}`);
    return promptAt(slot.prompt, 0, `${intentName}.${slotName}`);
  };
  const forIntent = <I extends SlottedIntentName>(intentName: I) =>
    Object.fromEntries(
      Object.values(SlotNames[intentName]).map((slotName) => [
        slotName,
        slotPrompt(intentName, slotName),
      ]),
    ) as SlotPrompts[I];
  return { BookHotel: forIntent('BookHotel'), BookCar: forIntent('BookCar') };
}

export const slotPrompts: SlotPrompts = promptsFromModel();
