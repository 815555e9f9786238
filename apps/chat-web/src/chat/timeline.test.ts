import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../aws/history-types';
import { botReply } from './bot-reply';
import type { ChatItem } from './chat-item';
import { timelineToItems } from './timeline';

const base = { conversationId: 'c1', correlationId: 'x' };

describe('timelineToItems', () => {
  it('orders entries by time and turns a turn into the user message then the bot replies', () => {
    const entries: TimelineEntry[] = [
      {
        ...base,
        eventId: 'e2',
        at: '2026-12-01T10:01:00Z',
        kind: 'reservation',
        reservation: {
          status: 'confirmed',
          reservationId: 'r1',
          details: {
            kind: 'hotel',
            location: 'Chicago',
            checkInDate: '2026-12-24',
            nights: 3,
            roomType: 'queen',
          },
          price: { amountCents: 123450, currency: 'USD' },
        },
      },
      {
        ...base,
        eventId: 'e1',
        at: '2026-12-01T10:00:00Z',
        kind: 'turn',
        turn: {
          userText: 'book a hotel',
          botMessages: ['Where to?'],
          intentName: 'BookHotel',
          intentState: 'InProgress',
          dialogAction: 'ElicitSlot',
        },
      },
    ];
    const items = timelineToItems(entries);
    expect(items.map((i) => i.kind)).toEqual(['user', 'bot', 'reservation']);
    expect(items[1]).not.toHaveProperty('price');
    expect(items[2]).toMatchObject({
      status: 'confirmed',
      summary: 'queen room in Chicago, 3 nights from 2026-12-24',
      price: '$1,234.50',
    });
  });

  it('shows a rejected picture with its reason and a flipped one with its URL', () => {
    const items = timelineToItems([
      {
        ...base,
        eventId: 'i1',
        at: '2026-12-01T10:00:00Z',
        kind: 'image',
        image: {
          status: 'rejected',
          sourceKey: 'uploads/id/c1/7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b.PNG',
          reason: 'TOO_LARGE',
          message: 'The picture is too large.',
        },
      },
      {
        ...base,
        eventId: 'i2',
        at: '2026-12-01T10:00:01Z',
        kind: 'image',
        imageUrl: 'https://out.example/flipped.png',
        image: {
          status: 'flipped',
          sourceKey: 'uploads/id/c1/b.png',
          output: { bucket: 'o', key: 'flipped/b.png' },
        },
      },
    ]);
    expect(items[0]).toMatchObject({
      status: 'rejected',
      message: 'The picture is too large.',
      fileName: 'picture.png',
    });
    expect(items[1]).toMatchObject({ status: 'flipped', url: 'https://out.example/flipped.png' });
  });
});

describe('a reloaded picture', () => {
  const flipped = (fileName?: string): TimelineEntry => ({
    ...base,
    eventId: 'i3',
    at: '2026-12-01T10:00:02Z',
    kind: 'image',
    imageUrl: 'https://out.example/flipped.png',
    image: {
      status: 'flipped',
      sourceKey: 'uploads/id/c1/7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b.png',
      output: { bucket: 'o', key: 'flipped/x.png' },
      ...(fileName === undefined ? {} : { fileName }),
    },
  });

  it('keeps the name the person gave it, markup and all, as the live one showed it', () => {
    const [item] = timelineToItems([flipped('<img src=x onerror=alert(1)>.png')]);

    expect(item).toMatchObject({ kind: 'image', fileName: '<img src=x onerror=alert(1)>.png' });
  });

  it('keeps the name of a rejected picture too', () => {
    const [item] = timelineToItems([
      {
        ...base,
        eventId: 'i4',
        at: '2026-12-01T10:00:03Z',
        kind: 'image',
        image: {
          status: 'rejected',
          sourceKey: 'uploads/id/c1/a.gif',
          reason: 'TOO_MANY_PIXELS',
          fileName: 'Zürich 🏨.gif',
        },
      },
    ]);

    expect(item).toMatchObject({ status: 'rejected', fileName: 'Zürich 🏨.gif' });
  });

  it('is called picture.<ext> only when the history has no name for it', () => {
    const [item] = timelineToItems([flipped()]);

    expect(item).toMatchObject({ fileName: 'picture.png' });
  });
});

describe('a reloaded confirmation', () => {
  it('sets its price apart as the live one does', () => {
    const [, bot] = timelineToItems([
      {
        conversationId: 'c1',
        correlationId: 'x',
        eventId: 't1',
        at: '2026-12-01T10:00:00Z',
        kind: 'turn',
        turn: {
          userText: 'king',
          botMessages: ['A king room for $627.00. Shall I book the reservation?'],
          intentName: 'BookHotel',
          intentState: 'InProgress',
          dialogAction: 'ConfirmIntent',
        },
      },
    ]);
    expect(bot).toMatchObject({ kind: 'bot', price: '$627.00' });
  });
});

describe('restored quick replies', () => {
  const roomCard = {
    title: 'Room type',
    subtitle: 'Pick the room you want',
    buttons: [
      { text: 'King', value: 'king' },
      { text: 'Queen', value: 'queen' },
    ],
  };
  const suiteCard = { title: 'Or a suite', buttons: [{ text: 'Deluxe', value: 'deluxe' }] };
  const turn = (
    eventId: string,
    at: string,
    userText: string,
    botMessages: string[],
    cards?: (typeof roomCard | typeof suiteCard)[],
  ): TimelineEntry => ({
    ...base,
    eventId,
    at,
    kind: 'turn',
    turn: {
      userText,
      botMessages,
      ...(cards ? { cards } : {}),
      intentName: 'BookHotel',
      intentState: 'InProgress',
      dialogAction: 'ElicitSlot',
    },
  });
  const asked = turn(
    't1',
    '2026-12-01T10:00:00Z',
    '3 nights',
    ['What type of room would you like?'],
    [roomCard, suiteCard],
  );

  it('offers the cards of the last turn, still unanswered, as the live reply does', () => {
    const live = botReply(
      {
        messages: [
          { contentType: 'PlainText', content: 'What type of room would you like?' },
          { contentType: 'ImageResponseCard', imageResponseCard: roomCard },
          { contentType: 'ImageResponseCard', imageResponseCard: suiteCard },
        ],
        sessionState: { dialogAction: { type: 'ElicitSlot' } },
      },
      asked.at,
      'live',
    ).items;

    const restored = timelineToItems([asked]);

    expect(restored.map((item) => item.kind)).toEqual(['user', 'bot', 'cards']);
    // Same shape as the live items (ids aside): every card of the reply in one enabled set.
    const withoutIds = (items: ChatItem[]) => items.map(({ id: _, ...rest }) => rest);
    expect(withoutIds(restored.slice(1))).toEqual(withoutIds(live));
    expect(restored[2]).toMatchObject({ kind: 'cards', used: false });
  });

  it('shows an answered question’s cards used, and the new question’s cards open', () => {
    const items = timelineToItems([
      turn('t2', '2026-12-01T10:01:00Z', 'king', ['Which car?'], [suiteCard]),
      asked,
    ]);

    const cards = items.filter((item) => item.kind === 'cards');
    expect(cards.map((item) => [item.id, item.used])).toEqual([
      ['t1-cards', true],
      ['t2-cards', false],
    ]);
  });

  it('shows every card used once the person answered, even without cards in the answer', () => {
    const items = timelineToItems([
      asked,
      turn('t2', '2026-12-01T10:01:00Z', 'king', ['A king room for $627.00. Shall I book it?']),
    ]);

    expect(items.filter((item) => item.kind === 'cards')).toEqual([
      expect.objectContaining({ id: 't1-cards', used: true }),
    ]);
  });

  it('keeps the last question open when only a picture or a booking came after it', () => {
    const items = timelineToItems([
      asked,
      {
        ...base,
        eventId: 'i1',
        at: '2026-12-01T10:02:00Z',
        kind: 'image',
        image: {
          status: 'rejected',
          sourceKey: 'uploads/a/c1/x.png',
          reason: 'TOO_LARGE',
          message: 'Too big',
        },
      },
    ]);

    expect(items.find((item) => item.kind === 'cards')).toMatchObject({ used: false });
  });

  it('keeps hostile button texts as the text they are', () => {
    const hostile = {
      title: '<b>Room</b>',
      buttons: [{ text: '<img src=x onerror=alert(1)>', value: 'king' }],
    };

    const [, , cards] = timelineToItems([turn('t1', asked.at, '3', ['Which?'], [hostile])]);

    expect(cards).toMatchObject({
      kind: 'cards',
      cards: [{ title: '<b>Room</b>', buttons: [hostile.buttons[0]] }],
    });
  });

  it('restores a turn recorded before cards were as its messages alone', () => {
    const items = timelineToItems([turn('t1', asked.at, '3', ['Which room?'])]);

    expect(items.map((item) => item.kind)).toEqual(['user', 'bot']);
  });
});
