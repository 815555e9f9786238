import { useMemo } from 'react';
import { renderMarkdown } from '../chat/markdown';

/**
 * A message's words: plain text as text, Markdown through the sanitizing renderer (raw HTML
 * inside it shows as text). Nothing else ever reaches innerHTML.
 */
export function MessageText({ text, format }: { text: string; format: 'markdown' | 'text' }) {
  const html = useMemo(
    () => (format === 'markdown' ? renderMarkdown(text) : undefined),
    [text, format],
  );
  if (html === undefined) return <p className="message-text">{text}</p>;
  return <div className="message-text markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
