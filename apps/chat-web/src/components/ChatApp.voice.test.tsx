import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { config, fakeSession, reply, send } from '../test-support/chat-app-harness';
import { ChatApp } from './ChatApp';

/** Stands in for the browser's audio element (jsdom plays nothing): records what is played. */
class RecordingAudio {
  static made: RecordingAudio[] = [];
  static refusal: Error | undefined;
  onended: (() => void) | null = null;
  paused = true;
  play = vi.fn(async () => {
    if (RecordingAudio.refusal) throw RecordingAudio.refusal;
    this.paused = false;
  });
  pause = vi.fn(() => {
    this.paused = true;
  });
  constructor(readonly src: string) {
    RecordingAudio.made.push(this);
  }
  /** The recording played to its end. */
  finish() {
    this.paused = true;
    this.onended?.();
  }
}

const QUESTION = 'What city will you be staying in?';
const speech = new Blob([new Uint8Array([0xff, 0xfb])], { type: 'audio/mpeg' });
const toggle = () => screen.getByRole('button', { name: /^Voice (on|off)$/ });
const bubble = (text: string) => screen.findByText(text, { selector: '.markdown p' });

describe('ChatApp voice', () => {
  beforeEach(() => {
    localStorage.clear();
    window.history.replaceState(null, '', '#/');
    Element.prototype.scrollIntoView = vi.fn();
    RecordingAudio.made = [];
    RecordingAudio.refusal = undefined;
    vi.stubGlobal('Audio', RecordingAudio);
    let urls = 0;
    URL.createObjectURL = vi.fn(() => `blob:voice-${(urls += 1)}`);
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('speaks nothing while voice is off', async () => {
    const session = fakeSession(async () => reply(QUESTION), { speak: async () => speech });
    render(<ChatApp session={session} config={config} />);
    expect(toggle().getAttribute('aria-pressed')).toBe('false');
    send('book a hotel');
    await bubble(QUESTION);
    expect(session.speak).not.toHaveBeenCalled();
    expect(RecordingAudio.made).toEqual([]);
  });

  it("reads the bot's reply aloud once voice is on, and Stop silences it", async () => {
    const session = fakeSession(
      async () => ({
        messages: [
          { contentType: 'PlainText', content: 'Sure.' },
          { contentType: 'PlainText', content: QUESTION },
        ],
        sessionState: { dialogAction: { type: 'ElicitSlot' } },
      }),
      { speak: async () => speech },
    );
    render(<ChatApp session={session} config={config} />);
    fireEvent.click(toggle());
    expect(toggle().textContent).toContain('Voice on');
    expect(toggle().getAttribute('aria-pressed')).toBe('true');

    send('book a hotel');
    await bubble(QUESTION);
    await waitFor(() => expect(RecordingAudio.made[0]?.play).toHaveBeenCalled());
    expect(session.speak).toHaveBeenCalledExactlyOnceWith(`Sure. ${QUESTION}`);
    const [player] = RecordingAudio.made;
    expect(player?.src).toBe('blob:voice-1');
    expect(vi.mocked(URL.createObjectURL)).toHaveBeenCalledWith(speech);
    expect(player?.paused).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(player?.paused).toBe(true);
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:voice-1');
    expect(screen.queryByText(/Voice is unavailable/)).toBeNull();
  });

  it('takes Stop away when a reply has been read to its end', async () => {
    const session = fakeSession(async () => reply(QUESTION), { speak: async () => speech });
    render(<ChatApp session={session} config={config} />);
    fireEvent.click(toggle());
    send('book a hotel');
    await screen.findByRole('button', { name: 'Stop' });
    await waitFor(() => expect(RecordingAudio.made[0]?.play).toHaveBeenCalled());
    RecordingAudio.made[0]?.finish();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull());
  });

  it('turning voice off silences the reply being read and speaks no later one', async () => {
    const session = fakeSession(async () => reply(QUESTION), { speak: async () => speech });
    render(<ChatApp session={session} config={config} />);
    fireEvent.click(toggle());
    send('book a hotel');
    await waitFor(() => expect(RecordingAudio.made[0]?.play).toHaveBeenCalled());
    fireEvent.click(toggle());
    expect(RecordingAudio.made[0]?.paused).toBe(true);
    expect(toggle().getAttribute('aria-pressed')).toBe('false');

    send('Chicago');
    await waitFor(() => expect(session.recognizeText).toHaveBeenCalledTimes(2));
    await screen.findAllByText(QUESTION, { selector: '.markdown p' });
    expect(session.speak).toHaveBeenCalledTimes(1);
  });

  it('says clearly when Polly does not answer', async () => {
    const session = fakeSession(async () => reply(QUESTION), {
      speak: async () => {
        throw Object.assign(new Error('Service unavailable'), { name: 'ServiceFailureException' });
      },
    });
    render(<ChatApp session={session} config={config} />);
    fireEvent.click(toggle());
    send('book a hotel');
    expect((await screen.findByText(/^Voice is unavailable/)).textContent).toBe(
      'Voice is unavailable: Polly did not answer',
    );
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    // Voice stays on: the person asked for it, and the next reply may well be read.
    expect(toggle().getAttribute('aria-pressed')).toBe('true');
  });

  it('says clearly when the browser blocks playback', async () => {
    RecordingAudio.refusal = new DOMException('play() failed', 'NotAllowedError');
    const session = fakeSession(async () => reply(QUESTION), { speak: async () => speech });
    render(<ChatApp session={session} config={config} />);
    fireEvent.click(toggle());
    send('book a hotel');
    await screen.findByText('Voice is unavailable: the browser blocked playback');
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });
});
