import { describe, expect, it } from 'vitest';
import type { BotReply } from './bot-reply';
import { chatReducer, initialChatState, type ChatState } from './chat-state';
import { problem } from './problem';

const summary = (id: string) => ({
  conversationId: id,
  startedAt: '2026-12-01T10:00:00Z',
  lastActivityAt: '2026-12-01T10:00:00Z',
  counts: { turn: 0, reservation: 0, image: 0, total: 0 },
});

const withCards: ChatState = {
  ...initialChatState,
  activeId: 'c1',
  timelineStatus: 'ready',
  items: [
    {
      kind: 'cards',
      id: 'k1',
      at: 'x',
      used: false,
      cards: [{ title: 'Room', buttons: [{ text: 'King', value: 'king' }] }],
    },
  ],
};

describe('chatReducer', () => {
  it('retires the quick replies once the person sends anything', () => {
    const next = chatReducer(withCards, {
      type: 'userSent',
      item: { kind: 'user', id: 'u1', at: 'x', text: 'king' },
    });
    expect(next.items[0]).toMatchObject({ kind: 'cards', used: true });
    expect(next.typing).toBe(true);
  });

  it('keeps the reply, its session attributes and announces all of its bot messages once', () => {
    const reply: BotReply = {
      items: [
        { kind: 'bot', id: 'b1', at: 'x', text: 'First', format: 'markdown' },
        { kind: 'bot', id: 'b2', at: 'x', text: 'Where to?', format: 'markdown' },
      ],
      sessionAttributes: { currentReservation: '{}' },
    };
    const next = chatReducer(
      { ...withCards, typing: true },
      { type: 'botReplied', reply, at: 1000 },
    );
    expect(next.typing).toBe(false);
    expect(next.sessionAttributes).toEqual({ currentReservation: '{}' });
    expect(next.announcement).toEqual({ id: 'b2', text: 'First Where to?' });
    expect(next.lastTurnAt).toBe(1000);
  });

  it('forgets the session attributes when another chat opens: only Lex knows that chat’s', () => {
    const known = { ...withCards, sessionAttributes: { lastBookedHotel: '{}' } };
    const opening = chatReducer(known, { type: 'opening', conversationId: 'c2' });
    expect(opening.sessionAttributes).toBeUndefined();
    // A reply without any session state tells nothing new: what was known stays.
    const reply: BotReply = { items: [] };
    expect(chatReducer(known, { type: 'botReplied', reply, at: 1 }).sessionAttributes).toEqual({
      lastBookedHotel: '{}',
    });
  });

  it('keeps the failed text for the retry and ends the typing indicator', () => {
    const next = chatReducer(
      { ...withCards, typing: true },
      { type: 'failed', problem: problem('throttled'), retry: 'send', unsent: 'book a car' },
    );
    expect(next).toMatchObject({
      typing: false,
      unsent: 'book a car',
      problem: { kind: 'throttled', retry: 'send' },
    });
  });

  it('ignores a timeline that arrives after the person opened another chat', () => {
    const opening = chatReducer(initialChatState, { type: 'opening', conversationId: 'c2' });
    const late = chatReducer(opening, { type: 'opened', conversationId: 'c1', items: [] });
    expect(late.timelineStatus).toBe('loading');
  });

  it('keeps a turn sent while the timeline was loading, after the restored entries', () => {
    const opening = chatReducer(initialChatState, { type: 'opening', conversationId: 'c1' });
    const sent = chatReducer(opening, {
      type: 'userSent',
      item: { kind: 'user', id: 'u-live', at: 'x', text: 'I need a car too' },
    });
    const opened = chatReducer(sent, {
      type: 'opened',
      conversationId: 'c1',
      items: [{ kind: 'user', id: 'u-old', at: 'x', text: 'Book a hotel' }],
    });
    expect(opened.items.map((item) => item.id)).toEqual(['u-old', 'u-live']);
    expect(opened.typing).toBe(true);
  });

  it('keeps the restored open question’s quick replies usable, unless the person answered while loading', () => {
    const restored = [
      {
        kind: 'bot' as const,
        id: 't1-b0',
        at: 'x',
        text: 'Which room?',
        format: 'markdown' as const,
      },
      {
        kind: 'cards' as const,
        id: 't1-cards',
        at: 'x',
        cards: [{ title: 'Room type', buttons: [{ text: 'King', value: 'king' }] }],
        used: false,
      },
    ];
    const opening = chatReducer(initialChatState, { type: 'opening', conversationId: 'c1' });
    const sent = chatReducer(opening, {
      type: 'userSent',
      item: { kind: 'user', id: 'u-live', at: 'x', text: 'queen' },
    });

    const untouched = chatReducer(opening, {
      type: 'opened',
      conversationId: 'c1',
      items: restored,
    });
    const answered = chatReducer(sent, { type: 'opened', conversationId: 'c1', items: restored });

    expect(untouched.items.find((item) => item.kind === 'cards')).toMatchObject({ used: false });
    expect(answered.items.find((item) => item.kind === 'cards')).toMatchObject({ used: true });
  });

  it('starts a reopened chat’s idle clock at its last restored message', () => {
    const opening = chatReducer(initialChatState, { type: 'opening', conversationId: 'c1' });
    const opened = chatReducer(opening, {
      type: 'opened',
      conversationId: 'c1',
      items: [
        { kind: 'user', id: 'u1', at: '2026-12-01T10:00:00Z', text: 'Book a hotel' },
        { kind: 'bot', id: 'b1', at: '2026-12-01T10:00:01Z', text: 'Where?', format: 'text' },
        {
          kind: 'reservation',
          id: 'r1',
          at: '2026-12-01T10:09:00Z',
          status: 'confirmed',
          summary: 'A stay',
        },
      ],
    });
    // A reservation card landing later is not a turn: the session idled from the bot's answer.
    expect(opened.lastTurnAt).toBe(Date.parse('2026-12-01T10:00:01Z'));
    const empty = chatReducer(opening, { type: 'opened', conversationId: 'c1', items: [] });
    expect(empty.lastTurnAt).toBeUndefined();
  });

  it('closes the open chat when it is deleted and drops it from the list', () => {
    const state = { ...withCards, conversations: [summary('c1'), summary('c2')] };
    const next = chatReducer(state, { type: 'removed', conversationId: 'c1' });
    expect(next.conversations.map((c) => c.conversationId)).toEqual(['c2']);
    expect(next.activeId).toBeUndefined();
    expect(next.items).toEqual([]);
  });

  it('adds an item once even when a poll finds it twice', () => {
    const item = {
      kind: 'reservation' as const,
      id: 'r1',
      at: 'x',
      status: 'confirmed' as const,
      summary: 's',
    };
    const once = chatReducer(withCards, { type: 'itemAdded', item });
    expect(chatReducer(once, { type: 'itemAdded', item }).items).toHaveLength(2);
  });
});

describe('titleFrom', () => {
  it('keeps a short first message and shortens a long one within the API limit', async () => {
    const { titleFrom } = await import('./use-chat');
    expect(titleFrom('  book a\n hotel ')).toBe('book a hotel');
    const long = titleFrom('x'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
