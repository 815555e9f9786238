import { close, confirmIntent, elicitIntent, elicitSlot, MAX_MESSAGE_LENGTH } from '../src/dialog';

const intent = { name: 'BookHotel', slots: {} };
const tooLong = `${'x'.repeat(MAX_MESSAGE_LENGTH)} and more`;

describe('replies to Lex', () => {
  it.each([
    ['ElicitSlot', () => elicitSlot(intent, 'Location', {}, tooLong)],
    ['ConfirmIntent', () => confirmIntent(intent, {}, tooLong)],
    ['Close', () => close(intent, 'Fulfilled', {}, tooLong)],
    ['ElicitIntent', () => elicitIntent({}, tooLong)],
  ])('cut a %s message to the 1024 characters Lex accepts, marked with an ellipsis', (_, build) => {
    const [message] = build().messages ?? [];

    expect(message).toEqual({
      contentType: 'PlainText',
      content: `${'x'.repeat(MAX_MESSAGE_LENGTH - 1)}…`,
    });
  });

  it('keep a message of exactly 1024 characters whole', () => {
    const exact = 'y'.repeat(MAX_MESSAGE_LENGTH);

    expect(elicitIntent({}, exact).messages).toEqual([
      { contentType: 'PlainText', content: exact },
    ]);
  });
});
