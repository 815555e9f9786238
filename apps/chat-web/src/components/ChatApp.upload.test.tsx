import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsSession } from '../aws/aws-session';
import type { TimelineEntry } from '../aws/history-types';
import { config, conversationId, fakeSession, reply } from '../test-support/chat-app-harness';
import { ChatApp } from './ChatApp';

const png = () =>
  new File(
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])],
    'shot.png',
    {
      type: 'image/png',
    },
  );
const text = () => new File(['dear diary'], 'notes.txt', { type: 'text/plain' });

/** The three ways a person hands the page a file. */
const ways: [string, (file: File) => void][] = [
  [
    'picked with the button',
    (file) =>
      fireEvent.change(screen.getByLabelText('Send a picture to flip'), {
        target: { files: [file] },
      }),
  ],
  [
    'dropped on the chat',
    (file) => {
      const zone = screen.getByRole('main');
      fireEvent.dragOver(zone, { dataTransfer: { files: [file] } });
      expect(zone.classList.contains('dragging')).toBe(true);
      fireEvent.drop(zone, { dataTransfer: { files: [file] } });
      expect(zone.classList.contains('dragging')).toBe(false);
    },
  ],
  [
    'pasted in the message box',
    (file) =>
      fireEvent.paste(screen.getByRole('textbox', { name: 'Message' }), {
        clipboardData: { files: [file] },
      }),
  ],
];

/** The history's entry for a flipped upload (`fileName` as the upload's metadata carried it). */
const flippedEntry = (sourceKey: string, fileName?: string): TimelineEntry => ({
  kind: 'image',
  eventId: 'e-flip',
  conversationId,
  at: new Date().toISOString(),
  correlationId: 'c-1',
  imageUrl: 'https://output.example.com/flipped.png',
  image: {
    status: 'flipped',
    sourceKey,
    output: { bucket: 'out', key: 'f' },
    ...(fileName ? { fileName } : {}),
  },
});

/**
 * A session whose upload reports 40 % and then waits to be released, and whose history has the
 * flipped picture once the upload is through.
 */
function uploadingSession() {
  let release: () => void = () => undefined;
  const upload = vi.fn<AwsSession['upload']>(async (_key, _file, onProgress) => {
    onProgress(0.4);
    await new Promise<void>((resolve) => (release = resolve));
  });
  const session = fakeSession(async () => reply('x'), { upload });
  vi.mocked(session.history.messages).mockImplementation(async () => {
    const key = upload.mock.calls[0]?.[0];
    return { items: key ? [flippedEntry(key)] : [] };
  });
  return { session, upload, release: () => release() };
}

describe('ChatApp pictures', () => {
  beforeEach(() => {
    localStorage.clear();
    window.history.replaceState(null, '', '#/');
    Element.prototype.scrollIntoView = vi.fn();
    URL.createObjectURL = vi.fn(() => 'blob:preview-1');
    URL.revokeObjectURL = vi.fn();
  });

  it.each(ways)(
    'a PNG %s is previewed, uploaded with progress and shown flipped',
    async (_way, give) => {
      const { session, upload, release } = uploadingSession();
      render(<ChatApp session={session} config={config} />);
      const file = png();

      give(file);

      const preview = await screen.findByRole('img', { name: 'Preview of shot.png' });
      expect(preview.getAttribute('src')).toBe('blob:preview-1');
      expect(session.history.create).toHaveBeenCalledWith('Picture: shot.png');
      const progress = screen.getByRole('progressbar', { name: 'Uploading shot.png' });
      await waitFor(() => expect(progress.getAttribute('value')).toBe('0.4'));
      const [key, sent] = upload.mock.calls[0] ?? [];
      expect(key).toMatch(
        new RegExp(`^uploads/us-east-1:guest/${conversationId}/[0-9a-f-]{36}\\.png$`),
      );
      expect(sent).toBe(file);

      release();
      await screen.findByText('Flipping your picture…');
      // The page polls the timeline with back-off, the first time after a real second: allow a
      // loaded machine several times that.
      const flipped = await screen.findByRole(
        'img',
        { name: 'shot.png, flipped upside down' },
        { timeout: 10_000 },
      );
      expect(flipped.getAttribute('src')).toBe('https://output.example.com/flipped.png');
      expect(screen.queryByRole('progressbar')).toBeNull();
    },
    20_000,
  );

  it.each(ways)('a text file %s is refused with its reason and never sent', async (_way, give) => {
    const { session, upload } = uploadingSession();
    render(<ChatApp session={session} config={config} />);

    give(text());

    await screen.findByText(
      'notes.txt: Only PNG, JPEG, WebP, GIF or AVIF pictures can be flipped.',
    );
    expect(upload).not.toHaveBeenCalled();
    expect(session.history.create).not.toHaveBeenCalled();
    expect(screen.queryByRole('img', { name: /notes\.txt/ })).toBeNull();
  });

  it('after a reload names the picture as the person did, as text, from the history', async () => {
    const hostile = '<img src=x onerror=alert(1)>.png';
    window.history.replaceState(null, '', `#/c/${conversationId}`);
    const session = fakeSession(async () => reply('x'));
    vi.mocked(session.history.messages).mockResolvedValue({
      items: [
        flippedEntry(
          `uploads/us-east-1:guest/${conversationId}/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9.png`,
          hostile,
        ),
      ],
    });

    render(<ChatApp session={session} config={config} />);

    const caption = await screen.findByText(hostile, { selector: '.file-name' });
    expect(caption.children).toHaveLength(0);
    expect(screen.getByRole('img', { name: `${hostile}, flipped upside down` })).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(screen.queryByText('picture.png')).toBeNull();
  });

  it('leaves pasted text to the message box', () => {
    const session = fakeSession(async () => reply('x'));
    render(<ChatApp session={session} config={config} />);
    const box = screen.getByRole('textbox', { name: 'Message' });

    const notCancelled = fireEvent.paste(box, { clipboardData: { files: [] } });

    expect(notCancelled).toBe(true);
    expect(session.upload).not.toHaveBeenCalled();
  });
});
