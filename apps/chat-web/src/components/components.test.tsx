import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem } from '../chat/problem';
import { Composer, MAX_MESSAGE_LENGTH } from './Composer';
import { ConversationList } from './ConversationList';
import { QuickReplies } from './QuickReplies';
import { StatusBanner } from './StatusBanner';
import { TimelineItem } from './TimelineItem';

const at = '2026-12-01T10:00:00.000Z';
const XSS = '<img src=x onerror="window.__pwned=1">';

describe('QuickReplies', () => {
  const cards = [
    {
      title: 'Room type',
      buttons: [
        { text: 'Queen', value: 'queen' },
        { text: 'King', value: 'king' },
      ],
    },
    { title: 'Or', buttons: [{ text: 'Deluxe', value: 'deluxe' }] },
  ];

  it('offers every button of every card and sends the chosen value', () => {
    const onChoose = vi.fn();
    render(<QuickReplies cards={cards} used={false} onChoose={onChoose} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Queen',
      'King',
      'Deluxe',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Deluxe' }));
    expect(onChoose).toHaveBeenCalledWith('deluxe', 'Deluxe');
  });

  it('disables all of them once used', () => {
    render(<QuickReplies cards={cards} used onChoose={vi.fn()} />);
    expect(screen.getAllByRole('button').every((b) => (b as HTMLButtonElement).disabled)).toBe(
      true,
    );
  });
});

describe('TimelineItem', () => {
  const renderItem = (item: Parameters<typeof TimelineItem>[0]['item']) =>
    render(
      <ul>
        <TimelineItem item={item} onChoose={vi.fn()} />
      </ul>,
    );

  it('shows HTML in a bot message as text', () => {
    const { container } = renderItem({
      kind: 'bot',
      id: 'b',
      at,
      text: `Hello ${XSS}`,
      format: 'markdown',
    });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(XSS);
  });

  it('shows HTML in a file name as text', () => {
    const { container } = renderItem({
      kind: 'image',
      id: 'i',
      at,
      status: 'rejected',
      fileName: `${XSS}.png`,
      message: 'Not a picture',
    });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(`${XSS}.png`)).toBeTruthy();
    expect(screen.getByText('Not a picture')).toBeTruthy();
  });

  it('makes the confirmation price stand out', () => {
    renderItem({
      kind: 'bot',
      id: 'b',
      at,
      text: 'For $420.00. Shall I book?',
      format: 'markdown',
      price: '$420.00',
    });
    expect(screen.getByText('$420.00').tagName).toBe('STRONG');
  });

  it('shows a confirmed booking as a card with its price', () => {
    renderItem({
      kind: 'reservation',
      id: 'r',
      at,
      status: 'confirmed',
      summary: 'queen room in Chicago',
      price: '$1,234.50',
    });
    expect(screen.getByRole('article', { name: 'Reservation confirmed' }).textContent).toContain(
      '$1,234.50',
    );
  });

  it('shows upload progress', () => {
    renderItem({
      kind: 'image',
      id: 'i',
      at,
      status: 'uploading',
      fileName: 'cat.png',
      url: 'blob:x',
      progress: 0.4,
    });
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(0.4);
  });
});

describe('StatusBanner', () => {
  it("offers the problem's way out", () => {
    const onAction = vi.fn();
    render(<StatusBanner problem={problem('expired')} onAction={onAction} onDismiss={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toContain('This chat timed out');
    fireEvent.click(screen.getByRole('button', { name: 'Start a new chat' }));
    expect(onAction).toHaveBeenCalled();
  });
});

describe('Composer', () => {
  it('sends on Enter, keeps Shift+Enter as a new line and clears', () => {
    const onSend = vi.fn();
    render(<Composer disabled={false} onSend={onSend} onFiles={vi.fn()} />);
    const box = screen.getByLabelText('Message') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'book a hotel' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('book a hotel');
    expect(box.value).toBe('');
  });

  it('stops at 1 024 characters and counts them', () => {
    render(<Composer disabled={false} onSend={vi.fn()} onFiles={vi.fn()} />);
    const box = screen.getByLabelText('Message') as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'x'.repeat(2000) } });
    expect(box.value).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(screen.getByText(`${MAX_MESSAGE_LENGTH} / ${MAX_MESSAGE_LENGTH}`)).toBeTruthy();
  });

  it('does not send blank text or while the bot answers', () => {
    const onSend = vi.fn();
    const { rerender } = render(<Composer disabled={false} onSend={onSend} onFiles={vi.fn()} />);
    const box = screen.getByLabelText('Message');
    fireEvent.change(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    rerender(<Composer disabled onSend={onSend} onFiles={vi.fn()} />);
    fireEvent.change(box, { target: { value: 'hi' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });
});

describe('ConversationList', () => {
  const conversation = {
    conversationId: 'c1',
    title: 'Chicago trip',
    startedAt: at,
    lastActivityAt: at,
    counts: { turn: 1, reservation: 0, image: 0, total: 1 },
  };

  it('deletes only after confirmation, and cancel keeps the chat', () => {
    const onDelete = vi.fn();
    render(
      <ConversationList
        conversations={[conversation]}
        status="ready"
        onOpen={vi.fn()}
        onNew={vi.fn()}
        onDelete={onDelete}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete Chicago trip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDelete).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Chicago trip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledWith('c1');
  });
});
