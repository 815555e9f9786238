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
  it('holds the text the bot sends, not its cards (quick replies are not history)', () => {
    const response = elicitSlot({ name: 'BookHotel', slots: {} }, 'RoomType', {}, 'Which room?', [
      { title: 'Room type', buttons: [{ text: 'King', value: 'king' }] },
    ]);

    const recorded = turnRecord(event({ inputTranscript: '3' }), response, 'correlation-1');

    expect(recorded.detail).toMatchObject({
      data: {
        userText: '3',
        dialogAction: 'ElicitSlot',
        slotToElicit: 'RoomType',
        botMessages: ['Which room?'],
      },
    });
  });
});
