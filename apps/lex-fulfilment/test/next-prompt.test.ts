import { prompt, text, type Prompt } from '@booktrip/bot-model';
import type { LexSlots, LexV2CodeHookEvent } from '../src/lex-event-schema';
import { nextPrompt, type NextPromptInput } from '../src/next-prompt';
import { fillPrompt, promptAt, promptAttempt } from '../src/prompt-messages';
import { scalarSlot } from '../src/slot-values';

const slots = (values: Record<string, string>): LexSlots =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, scalarSlot(value)]));

const hotel = (
  filled: Record<string, string>,
  more: Partial<NextPromptInput> = {},
): NextPromptInput => ({
  intentName: 'BookHotel',
  slots: { Location: null, CheckInDate: null, Nights: null, RoomType: null, ...slots(filled) },
  confirmationState: 'None',
  sessionAttributes: {},
  ...more,
});

const proposing = (
  slotToElicit: string,
  attempt: string,
): LexV2CodeHookEvent['proposedNextState'] => ({
  dialogAction: { type: 'ElicitSlot', slotToElicit },
  prompt: { attempt },
});

const CHICAGO = { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' };

describe('the next question, from the bot model', () => {
  it('asks for the first empty required slot in priority order, with its prompt', () => {
    expect(nextPrompt(hotel({ Location: 'Chicago', Nights: '3' }))).toEqual({
      action: 'ElicitSlot',
      slot: 'CheckInDate',
      question: 'What day do you want to check in?',
      cards: [],
    });
  });

  it("asks with the slot's response cards", () => {
    const next = nextPrompt(hotel({ Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3' }));

    expect(next).toMatchObject({
      action: 'ElicitSlot',
      slot: 'RoomType',
      question: 'What type of room would you like: queen, king, or deluxe?',
      cards: [
        {
          title: 'Room type',
          subtitle: 'Pick the room you want',
          buttons: [
            { text: 'Queen', value: 'queen' },
            { text: 'King', value: 'king' },
            { text: 'Deluxe', value: 'deluxe' },
          ],
        },
      ],
    });
  });

  it('words a retry of the slot Lex proposes with the next variation, staying on the last', () => {
    const asked = (attempt: string) =>
      nextPrompt(
        hotel({ Location: 'Chicago' }, { proposedNextState: proposing('CheckInDate', attempt) }),
      );

    expect(asked('Initial')).toMatchObject({ question: 'What day do you want to check in?' });
    expect(asked('Retry1')).toMatchObject({ question: 'On which date do you arrive?' });
    expect(asked('Retry2')).toMatchObject({ question: 'On which date do you arrive?' });
  });

  it('asks a retry in the first words when the slot has no variations', () => {
    const next = nextPrompt(
      hotel(
        { Location: 'Chicago', CheckInDate: '2026-12-04' },
        { proposedNextState: proposing('Nights', 'Retry1') },
      ),
    );

    expect(next).toMatchObject({
      slot: 'Nights',
      question: 'How many nights will you be staying?',
    });
  });

  it('uses the first wording when Lex proposed another slot, or an attempt it does not name', () => {
    const otherSlot = nextPrompt(
      hotel({}, { proposedNextState: proposing('CheckInDate', 'Retry1') }),
    );
    const oddAttempt = nextPrompt(hotel({}, { proposedNextState: proposing('Location', 'Again') }));

    expect(otherSlot).toMatchObject({
      slot: 'Location',
      question: 'What city will you be staying in?',
    });
    expect(oddAttempt).toMatchObject({
      slot: 'Location',
      question: 'What city will you be staying in?',
    });
  });

  it('asks for confirmation once every slot is filled, with the slots and the price filled in', () => {
    const next = nextPrompt(
      hotel(CHICAGO, { sessionAttributes: { currentReservationPrice: '$756.00' } }),
    );

    expect(next).toEqual({
      action: 'ConfirmIntent',
      question:
        'Okay, I have you down for a 3 night stay in Chicago starting 2026-12-04, a king room, for $756.00. Shall I book the reservation?',
      cards: [],
    });
  });

  it('delegates to Lex once the user has confirmed, for it to fulfil', () => {
    expect(nextPrompt(hotel(CHICAGO, { confirmationState: 'Confirmed' }))).toEqual({
      action: 'Delegate',
    });
  });

  it('asks for an emptied slot even after a confirmation (the details changed)', () => {
    const { RoomType: _, ...withoutRoom } = CHICAGO;

    expect(nextPrompt(hotel(withoutRoom, { confirmationState: 'Confirmed' }))).toMatchObject({
      action: 'ElicitSlot',
      slot: 'RoomType',
    });
  });

  it('refuses an intent the bot model does not have', () => {
    expect(() => nextPrompt(hotel({}, { intentName: 'BookFlight' }))).toThrow(
      'The bot model has no en_US intent BookFlight',
    );
  });
});

describe('prompt wording', () => {
  it('reads Lex attempt names, anything unknown as the first attempt', () => {
    expect(
      ['Initial', 'Retry1', 'Retry5', 'retry1', 'Retry', undefined].map(promptAttempt),
    ).toEqual([0, 1, 5, 0, 0, 0]);
  });

  it('picks each group’s variation for the attempt', () => {
    const asked: Prompt = prompt('First?', { variations: ['Second?', 'Third?'] });

    expect([0, 1, 2, 3].map((attempt) => promptAt(asked, attempt, 'test').question)).toEqual([
      'First?',
      'Second?',
      'Third?',
      'Third?',
    ]);
  });

  it('refuses a prompt with no plain text, naming it', () => {
    const onlyCards: Prompt = { ...prompt('x'), messageGroups: [] };

    expect(() => promptAt(onlyCards, 0, 'BookHotel.Location')).toThrow(
      "The bot model's prompt BookHotel.Location has no plain text",
    );
  });

  it('fills {Slot} and [attribute] references, leaving unknown ones as written', () => {
    const filled = fillPrompt(
      { question: text('{Location} for [price], {Nowhere} [missing]').text, cards: [] },
      slots({ Location: 'Chicago' }),
      { price: '$1.00' },
    );

    expect(filled.question).toBe('Chicago for $1.00, {Nowhere} [missing]');
  });
});
