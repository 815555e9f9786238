import type { RecognizeTextResponse } from '@aws-sdk/client-lex-runtime-v2';
import { describe, expect, it } from 'vitest';
import { botReply } from './bot-reply';

const at = '2026-12-01T10:00:00.000Z';

describe('botReply', () => {
  it('keeps every response card of a reply as quick replies', () => {
    const response: RecognizeTextResponse = {
      messages: [
        { contentType: 'PlainText', content: 'What kind of room?' },
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: {
            title: 'Room type',
            buttons: [
              { text: 'Queen', value: 'queen' },
              { text: 'King', value: 'king' },
            ],
          },
        },
        {
          contentType: 'ImageResponseCard',
          imageResponseCard: { title: 'Or', buttons: [{ text: 'Deluxe', value: 'deluxe' }] },
        },
      ],
      sessionState: { dialogAction: { type: 'ElicitSlot', slotToElicit: 'RoomType' } },
    };
    const reply = botReply(response, at, 't1');
    const cards = reply.items.find((item) => item.kind === 'cards');
    expect(cards?.kind === 'cards' && cards.cards.map((c) => c.title)).toEqual(['Room type', 'Or']);
    expect(
      cards?.kind === 'cards' && cards.cards.flatMap((c) => c.buttons.map((b) => b.value)),
    ).toEqual(['queen', 'king', 'deluxe']);
  });

  it('sets the price of a confirmation apart', () => {
    const reply = botReply(
      {
        messages: [
          {
            contentType: 'PlainText',
            content:
              'Okay, a 3 night stay in Chicago, a queen room, for $1,234.50. Shall I book the reservation?',
          },
        ],
        sessionState: {
          dialogAction: { type: 'ConfirmIntent' },
          intent: { name: 'BookHotel', state: 'InProgress' },
        },
      },
      at,
      't2',
    );
    expect(reply.items[0]).toMatchObject({ kind: 'bot', price: '$1,234.50' });
    expect(reply.dialogAction).toBe('ConfirmIntent');
    expect(reply.intentName).toBe('BookHotel');
  });

  it('finds no price in a slot prompt that mentions money', () => {
    const reply = botReply(
      {
        messages: [{ contentType: 'PlainText', content: 'Rooms start at $99. How many nights?' }],
        sessionState: { dialogAction: { type: 'ElicitSlot' } },
      },
      at,
      't3',
    );
    expect(reply.items[0]).not.toHaveProperty('price');
  });

  it('shows SSML as its text, drops empty messages and cards without a title', () => {
    const reply = botReply(
      {
        messages: [
          { contentType: 'SSML', content: '<speak>Hi <emphasis>there</emphasis></speak>' },
          { contentType: 'PlainText', content: '   ' },
          { contentType: 'ImageResponseCard', imageResponseCard: { title: '' } },
        ],
      },
      at,
      't4',
    );
    expect(reply.items).toEqual([
      { kind: 'bot', id: 't4-0', at, text: 'Hi there', format: 'text' },
    ]);
  });

  it('ignores a card image that is not https', () => {
    const reply = botReply(
      {
        messages: [
          {
            contentType: 'ImageResponseCard',
            imageResponseCard: { title: 'x', imageUrl: 'javascript:alert(1)', buttons: [] },
          },
        ],
      },
      at,
      't5',
    );
    const cards = reply.items[0];
    expect(cards?.kind === 'cards' && cards.cards[0]?.imageUrl).toBeUndefined();
  });
});
