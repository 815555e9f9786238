import { ConversationTurnRecorded, EventValidationError, ResponseCardLimits } from '../src';
import { deliveredEvent, samples } from './samples';

const metadata = {
  correlationId: 'corr-cards',
  conversationId: samples.ConversationTurnRecorded.sessionId,
};
const { cards, ...turnWithoutCards } = samples.ConversationTurnRecorded;
const roomCard = cards![0]!;

/** A turn as a consumer receives it, with `data` exactly as given (no producer checks). */
const received = (data: object) =>
  deliveredEvent({
    Source: ConversationTurnRecorded.source,
    DetailType: ConversationTurnRecorded.detailType,
    Detail: JSON.stringify({
      metadata: { ...metadata, producedAt: '2026-12-01T10:00:00.000Z', schemaVersion: '1' },
      data,
    }),
  });

const buildWith = (card: object) =>
  ConversationTurnRecorded.build(
    { ...turnWithoutCards, cards: [card as typeof roomCard] },
    metadata,
  );

describe('cards on Conversation Turn Recorded', () => {
  it('may be absent: a turn recorded before the field existed is still valid', () => {
    const parsed = ConversationTurnRecorded.parse(received(turnWithoutCards));

    expect(parsed.detail.data).toEqual(turnWithoutCards);
    expect(parsed.detail.data.cards).toBeUndefined();
  });

  it('carries every card of the answer with its buttons, in order', () => {
    const second = { title: 'Or a suite', buttons: [{ text: 'Penthouse', value: 'penthouse' }] };

    const built = ConversationTurnRecorded.build(
      { ...turnWithoutCards, cards: [roomCard, second] },
      metadata,
    );
    const parsed = ConversationTurnRecorded.parse(received(built.detail.data));

    expect(parsed.detail.data.cards).toEqual([roomCard, second]);
  });

  it('keeps a hostile button text verbatim: it is data, and the page renders it as text', () => {
    const text = '<img src=x onerror=alert(1)>';

    const built = buildWith({ title: 'Room type', buttons: [{ text, value: 'king' }] });

    expect(built.detail.data.cards?.[0]?.buttons[0]?.text).toBe(text);
  });

  it.each([
    [
      'more than 5 buttons',
      {
        title: 'Room type',
        buttons: Array.from({ length: 6 }, (_, i) => ({ text: `R${i}`, value: `r${i}` })),
      },
      'data.cards[0].buttons',
    ],
    [
      'a button text over 50 characters',
      { title: 'Room type', buttons: [{ text: 'K'.repeat(51), value: 'king' }] },
      'data.cards[0].buttons[0].text',
    ],
    [
      'a button value over 50 characters',
      { title: 'Room type', buttons: [{ text: 'King', value: 'k'.repeat(51) }] },
      'data.cards[0].buttons[0].value',
    ],
    [
      'an empty button text',
      { title: 'Room type', buttons: [{ text: '', value: 'king' }] },
      'data.cards[0].buttons[0].text',
    ],
    ['a title over 250 characters', { title: 'T'.repeat(251), buttons: [] }, 'data.cards[0].title'],
    ['an empty title', { title: '', buttons: [] }, 'data.cards[0].title'],
    [
      'a subtitle over 250 characters',
      { title: 'Room type', subtitle: 's'.repeat(251), buttons: [] },
      'data.cards[0].subtitle',
    ],
  ])('refuses a card with %s, as Lex would, naming the field', (_, card, field) => {
    expect(() => buildWith(card)).toThrow(EventValidationError);
    expect(() => buildWith(card)).toThrow(field);
  });

  it('accepts a card at every limit', () => {
    const card = {
      title: 'T'.repeat(ResponseCardLimits.titleLength),
      subtitle: 's'.repeat(ResponseCardLimits.subtitleLength),
      buttons: Array.from({ length: ResponseCardLimits.buttons }, (_, i) => ({
        text: `${i}`.padEnd(ResponseCardLimits.buttonTextLength, 'x'),
        value: `${i}`.padEnd(ResponseCardLimits.buttonValueLength, 'v'),
      })),
    };

    expect(buildWith(card).detail.data.cards).toEqual([card]);
  });
});
