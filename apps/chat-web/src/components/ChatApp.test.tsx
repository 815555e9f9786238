import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { config, conversationId, fakeSession, reply, send } from '../test-support/chat-app-harness';
import { ChatApp } from './ChatApp';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('ChatApp', () => {
  beforeEach(() => {
    localStorage.clear();
    window.history.replaceState(null, '', '#/');
    Element.prototype.scrollIntoView = vi.fn();
  });

  it('creates the conversation, sends the token with the turn, announces the reply once and refocuses the box', async () => {
    const session = fakeSession(async () => reply('What city will you be staying in?'));
    render(<ChatApp session={session} config={config} />);
    send('book a hotel');
    await screen.findByText('What city will you be staying in?', { selector: '.markdown p' });
    expect(session.history.create).toHaveBeenCalledWith('book a hotel');
    // A new chat: the page knows no session attributes yet, so it sends none.
    expect(session.recognizeText).toHaveBeenCalledWith({
      sessionId: conversationId,
      text: 'book a hotel',
      requestAttributes: {
        'x-booktrip-conversation-token': 'tok-1',
        'x-amz-lex:time-zone': Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    });
    expect(vi.mocked(session.recognizeText).mock.calls[0]?.[0]).not.toHaveProperty(
      'sessionAttributes',
    );
    expect(screen.getByTestId('announcer').textContent).toBe('What city will you be staying in?');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    expect(window.location.hash).toBe(`#/c/${conversationId}`);

    // The next turn carries back what Lex returned, plus the token.
    send('Chicago');
    await waitFor(() => expect(session.recognizeText).toHaveBeenCalledTimes(2));
    const second = vi.mocked(session.recognizeText).mock.calls[1]?.[0];
    expect(second?.sessionAttributes).toEqual({ currentReservation: '{"kind":"hotel"}' });
    expect(second?.requestAttributes).toMatchObject({ 'x-booktrip-conversation-token': 'tok-1' });
  });

  it('after a reload sends no session attributes until Lex returns them, so Lex keeps the stored ones', async () => {
    // The page reloaded on an open chat: its token is in the browser, its attributes only in Lex.
    localStorage.setItem(
      'booktrip.conversation-tokens',
      JSON.stringify({ [conversationId]: 'tok-1' }),
    );
    window.history.replaceState(null, '', `#/c/${conversationId}`);
    const stored = { lastBookedHotel: '{"location":"Chicago"}' };
    const session = fakeSession(async () => ({
      messages: [{ contentType: 'PlainText', content: 'Picking the car up in Chicago?' }],
      sessionState: { dialogAction: { type: 'ElicitSlot' }, sessionAttributes: stored },
    }));
    render(<ChatApp session={session} config={config} />);
    await waitFor(() => expect(session.history.messages).toHaveBeenCalled());
    await screen.findByRole('heading', { name: 'Where to next?' });

    send('I need a car too');
    await screen.findByText('Picking the car up in Chicago?', { selector: '.markdown p' });
    const first = vi.mocked(session.recognizeText).mock.calls[0]?.[0];
    expect(first).toMatchObject({ sessionId: conversationId, text: 'I need a car too' });
    expect(first).not.toHaveProperty('sessionAttributes');
    expect(first?.requestAttributes).toMatchObject({ 'x-booktrip-conversation-token': 'tok-1' });

    send('Chicago');
    await waitFor(() => expect(session.recognizeText).toHaveBeenCalledTimes(2));
    expect(vi.mocked(session.recognizeText).mock.calls[1]?.[0].sessionAttributes).toEqual(stored);
  });

  it('after a reload offers the open question’s quick replies, and a tap sends the button’s value', async () => {
    localStorage.setItem(
      'booktrip.conversation-tokens',
      JSON.stringify({ [conversationId]: 'tok-1' }),
    );
    window.history.replaceState(null, '', `#/c/${conversationId}`);
    const session = fakeSession(async () => reply('A king room for $627.00. Shall I book it?'));
    const turn = (
      eventId: string,
      at: string,
      userText: string,
      botMessage: string,
      buttons: string[],
    ) => ({
      conversationId,
      correlationId: 'x',
      eventId,
      at,
      kind: 'turn' as const,
      turn: {
        userText,
        botMessages: [botMessage],
        cards: [
          {
            title: botMessage,
            buttons: buttons.map((text) => ({ text, value: text.toLowerCase() })),
          },
        ],
        intentName: 'BookHotel',
        intentState: 'InProgress',
        dialogAction: 'ElicitSlot',
      },
    });
    const now = Date.now();
    vi.mocked(session.history.messages).mockResolvedValue({
      items: [
        turn('t1', new Date(now - 60_000).toISOString(), 'book a hotel', 'Which city?', [
          'Chicago',
        ]),
        turn('t2', new Date(now - 30_000).toISOString(), 'Chicago', 'Room type', [
          'King',
          '<img src=x onerror=alert(1)>',
        ]),
      ],
    });
    render(<ChatApp session={session} config={config} />);

    const king = await screen.findByRole('button', { name: 'King' });
    // The answered question's buttons are used; the open one's can be chosen.
    expect(screen.getByRole('button', { name: 'Chicago' })).toHaveProperty('disabled', true);
    expect(king).toHaveProperty('disabled', false);
    // A hostile button text is its characters, not an element.
    expect(screen.getByRole('button', { name: '<img src=x onerror=alert(1)>' })).toHaveProperty(
      'disabled',
      false,
    );
    expect(document.querySelector('.quick-reply img')).toBeNull();

    fireEvent.click(king);
    await screen.findByText('A king room for $627.00. Shall I book it?', {
      selector: '.markdown p',
    });
    expect(session.recognizeText).toHaveBeenCalledWith(
      expect.objectContaining({ sessionId: conversationId, text: 'king' }),
    );
    expect(screen.getByRole('button', { name: 'King' })).toHaveProperty('disabled', true);
  });

  it('shows the typing indicator while the bot is answering, and only then', async () => {
    let answer: (response: ReturnType<typeof reply>) => void = () => undefined;
    const session = fakeSession(() => new Promise((resolve) => (answer = resolve)));
    render(<ChatApp session={session} config={config} />);
    expect(screen.queryByLabelText('BookTrip is typing')).toBeNull();

    send('book a hotel');

    await screen.findByLabelText('BookTrip is typing');
    // Nothing more goes out while the bot answers: the person waits for its reply.
    send('Chicago');
    expect(session.recognizeText).toHaveBeenCalledTimes(1);
    act(() => answer(reply('Where to?')));
    await screen.findByText('Where to?', { selector: '.markdown p' });
    expect(screen.queryByLabelText('BookTrip is typing')).toBeNull();
  });

  it('shows throttling with a retry that sends the same text again', async () => {
    let calls = 0;
    const session = fakeSession(async () => {
      calls += 1;
      if (calls === 1) throw sdkError('ThrottlingException', 429);
      return reply('Where to?');
    });
    render(<ChatApp session={session} config={config} />);
    send('book a hotel');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many requests');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Where to?', { selector: '.markdown p' });
    expect(vi.mocked(session.recognizeText).mock.calls.map((c) => c[0].text)).toEqual([
      'book a hotel',
      'book a hotel',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the chat timed out after the idle timeout and offers a new chat', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const session = fakeSession(async () => reply('Where to?'));
      render(<ChatApp session={session} config={config} />);
      send('hi');
      await screen.findByText('Where to?', { selector: '.markdown p' });
      vi.setSystemTime(Date.now() + 601_000);
      send('Chicago');
      expect((await screen.findByRole('alert')).textContent).toContain('This chat timed out');
      expect(session.recognizeText).toHaveBeenCalledTimes(1);
      fireEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
      await screen.findByRole('heading', { name: 'Where to next?' });
      send('Chicago');
      await waitFor(() => expect(session.history.create).toHaveBeenCalledTimes(2));
      expect(session.history.create).toHaveBeenLastCalledWith('Chicago');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says a reopened chat timed out when its last turn is older than the idle timeout', async () => {
    localStorage.setItem(
      'booktrip.conversation-tokens',
      JSON.stringify({ [conversationId]: 'tok-1' }),
    );
    window.history.replaceState(null, '', `#/c/${conversationId}`);
    const session = fakeSession(async () => reply('Where to?'));
    // The chat's last turn, restored from the history API, was 11 minutes ago (the TTL is 10).
    const at = new Date(Date.now() - 660_000).toISOString();
    vi.mocked(session.history.messages).mockResolvedValue({
      items: [
        {
          conversationId,
          correlationId: 'x',
          eventId: 'e1',
          at,
          kind: 'turn',
          turn: {
            userText: 'book a hotel',
            botMessages: ['What city will you be staying in?'],
            intentName: 'BookHotel',
            intentState: 'InProgress',
            dialogAction: 'ElicitSlot',
          },
        },
      ],
    });
    render(<ChatApp session={session} config={config} />);
    await screen.findByText('What city will you be staying in?', { selector: '.markdown p' });
    send('Chicago');
    expect((await screen.findByRole('alert')).textContent).toContain('This chat timed out');
    expect(session.recognizeText).not.toHaveBeenCalled();
  });

  it('shows the offline state while the browser is offline', async () => {
    const session = fakeSession(async () => reply('x'));
    render(<ChatApp session={session} config={config} />);
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      act(() => {
        window.dispatchEvent(new Event('offline'));
      });
      expect(screen.getByRole('alert').textContent).toContain('You are offline');
    } finally {
      online.mockRestore();
      act(() => {
        window.dispatchEvent(new Event('online'));
      });
    }
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses an oversize picture with the reason and uploads nothing', async () => {
    const session = fakeSession(async () => reply('x'));
    render(<ChatApp session={session} config={config} />);
    const file = new File([new Uint8Array(11 * 1024 * 1024)], 'huge.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Send a picture to flip'), {
      target: { files: [file] },
    });
    await screen.findByText(/huge\.png: That picture is 11\.0 MB; the limit is 10\.0 MB/);
    expect(session.upload).not.toHaveBeenCalled();
  });
});
