import { Icon } from './Icon';
import { forwardRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';

/** Lex accepts at most 1 024 characters of text per turn. */
export const MAX_MESSAGE_LENGTH = 1024;

export interface ComposerProps {
  disabled: boolean;
  onSend: (text: string) => void;
  onFiles: (files: File[]) => void;
  /** A reason an upload was refused, shown under the input. */
  notice?: string;
}

/** The message box: Enter sends, Shift+Enter breaks the line, a counter near the limit. */
export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(
  { disabled, onSend, onFiles, notice },
  ref,
) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const left = MAX_MESSAGE_LENGTH - text.length;

  const submit = () => {
    if (!trimmed || disabled) return;
    onSend(trimmed);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length > 0) {
      event.preventDefault();
      onFiles(files);
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="button button-icon attach" title="Send a picture to flip">
        <Icon name="image" size={24} />
        <span className="sr-only">Send a picture to flip</span>
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
          className="sr-only"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </label>
      <div className="composer-field">
        <label htmlFor="message" className="sr-only">
          Message
        </label>
        <textarea
          id="message"
          ref={ref}
          rows={1}
          value={text}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder="Type a message"
          aria-describedby="message-help"
          onChange={(event) => setText(event.target.value.slice(0, MAX_MESSAGE_LENGTH))}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <div id="message-help" className="composer-help">
          {notice ? (
            <span className="notice" role="status">
              {notice}
            </span>
          ) : (
            <span>Enter to send · Shift+Enter for a new line · drop or paste a picture</span>
          )}
          <span
            className={`counter${left < 100 ? ' counter-low' : ''}`}
            aria-live={left < 100 ? 'polite' : 'off'}
          >
            {text.length} / {MAX_MESSAGE_LENGTH}
          </span>
        </div>
      </div>
      <button type="submit" className="button button-primary send" disabled={disabled || !trimmed}>
        Send
      </button>
    </form>
  );
});
