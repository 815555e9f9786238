import { lexV2Event } from '@booktrip/test-kit';
import { confirmIntent, delegate, elicitSlot } from '../src/dialog';
import { LexV2EventSchema } from '../src/lex-event-schema';
import { recordsTurn, turnRecord } from '../src/turn-record';

const event = (input: Parameters<typeof lexV2Event>[0]) =>
  LexV2EventSchema.parse(
    lexV2Event({ inputTranscript: 'yes', sessionId: 'conversation-1', ...input }),
  );
const confirmed = { name: 'BookHotel', slots: {}, confirmationState: 'Confirmed' as const };

describe('which invocation records a user turn', () => {
  it('leaves a confirmed dialog turn that only hands over to fulfilment to the fulfilment hook', () => {
    expect(recordsTurn(event({ confirmationState: 'Confirmed' }), delegate(confirmed, {}))).toBe(
      false,
    );
  });

  it('records the fulfilment of that same input', () => {
    const fulfilment = event({
      invocationSource: 'FulfillmentCodeHook',
      confirmationState: 'Confirmed',
    });

    expect(recordsTurn(fulfilment, delegate(confirmed, {}))).toBe(true);
  });

  it('records every dialog turn in which the bot says something', () => {
    const intent = { name: 'BookHotel', slots: {} };

    expect(recordsTurn(event({}), elicitSlot(intent, 'Location', {}, 'Where?'))).toBe(true);
    expect(recordsTurn(event({}), confirmIntent(intent, {}, 'Shall I?'))).toBe(true);
    expect(recordsTurn(event({}), delegate(intent, {}))).toBe(true);
  });
});

describe('the recorded turn', () => {
  it('holds the text the bot sends and every card of its answer, as quick replies to restore', () => {
    const response = elicitSlot({ name: 'BookHotel', slots: {} }, 'RoomType', {}, 'Which room?', [
      {
        title: 'Room type',
        subtitle: 'Pick the room you want',
        imageUrl: 'https://example.com/rooms.png',
        buttons: [
          { text: 'King', value: 'king' },
          { text: 'Queen', value: 'queen' },
        ],
      },
      { title: 'Or a suite', buttons: [{ text: 'Deluxe', value: 'deluxe' }] },
    ]);

    const recorded = turnRecord(event({ inputTranscript: '3' }), response, 'correlation-1');

    expect(recorded.detail).toMatchObject({
      data: {
        userText: '3',
        dialogAction: 'ElicitSlot',
        slotToElicit: 'RoomType',
        botMessages: ['Which room?'],
        cards: [
          {
            title: 'Room type',
            subtitle: 'Pick the room you want',
            buttons: [
              { text: 'King', value: 'king' },
              { text: 'Queen', value: 'queen' },
            ],
          },
          { title: 'Or a suite', buttons: [{ text: 'Deluxe', value: 'deluxe' }] },
        ],
      },
    });
    // The image is not history: a URL kept there would be fetched by every reader.
    expect(recorded.detail).not.toHaveProperty('data.cards.0.imageUrl');
  });

  it('records no cards field for an answer without cards, as before the field existed', () => {
    const response = elicitSlot({ name: 'BookHotel', slots: {} }, 'Location', {}, 'Where?');

    const recorded = turnRecord(event({ inputTranscript: 'a hotel' }), response, 'correlation-1');

    expect(recorded.detail).not.toHaveProperty('data.cards');
  });

  it('refuses a card Lex would refuse, so the handler logs the turn as not recorded', () => {
    const response = elicitSlot({ name: 'BookHotel', slots: {} }, 'RoomType', {}, 'Which room?', [
      { title: 'Room type', buttons: [{ text: 'K'.repeat(51), value: 'king' }] },
    ]);

    expect(() => turnRecord(event({}), response, 'correlation-1')).toThrow(
      'data.cards[0].buttons[0].text',
    );
  });
});
