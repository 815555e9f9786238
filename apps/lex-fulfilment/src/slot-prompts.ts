import {
  bookTripBot,
  SlotNames,
  type CarSlotName,
  type HotelSlotName,
  type SlottedIntentName,
} from '@booktrip/bot-model';
import type { ResponseCard } from './dialog';

/*
 * When the hook re-asks for a slot its message replaces the slot's prompt, so it reuses the bot
 * model's question (after the reason) and its response cards: the bot keeps one voice, and the
 * room and car type buttons stay on screen.
 */

const LOCALE_ID = 'en_US';

export interface SlotPrompt {
  question: string;
  cards: ResponseCard[];
}

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
    const messages = (slot?.prompt.messageGroups ?? []).map((group) => group.message);
    const question = messages[0];
    // A mismatch between the bot model and this hook is a bug: fail at start-up, in every test.
    if (question?.type !== 'PlainText') {
      throw new Error(`The bot model has no ${LOCALE_ID} question for ${intentName}.${slotName}`);
    }
    const cards = messages.flatMap((message): ResponseCard[] =>
      message.type === 'ImageResponseCard'
        ? [
            {
              title: message.title,
              ...(message.subtitle ? { subtitle: message.subtitle } : {}),
              ...(message.imageUrl ? { imageUrl: message.imageUrl } : {}),
              buttons: message.buttons.map(({ text, value }) => ({ text, value })),
            },
          ]
        : [],
    );
    return { question: question.text, cards };
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
