import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../aws/history-types';
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
