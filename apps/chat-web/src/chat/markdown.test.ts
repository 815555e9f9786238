import { describe, expect, it } from 'vitest';
import { renderMarkdown, ssmlToText } from './markdown';

const mount = (html: string): HTMLElement => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('renderMarkdown', () => {
  it('keeps Markdown emphasis and lists', () => {
    const div = mount(renderMarkdown('Your room is **booked**:\n\n- queen\n- 3 nights'));
    expect(div.querySelector('strong')?.textContent).toBe('booked');
    expect(div.querySelectorAll('li')).toHaveLength(2);
  });

  it('shows an <img onerror> as text instead of an element', () => {
    const payload = '<img src=x onerror="window.__pwned = 1">';
    const div = mount(renderMarkdown(`look ${payload}`));
    expect(div.querySelector('img')).toBeNull();
    expect(div.textContent).toContain(payload);
  });

  it('shows a block of raw HTML as text', () => {
    const div = mount(
      renderMarkdown('<script>alert(1)</script>\n\n<iframe src="//evil"></iframe>'),
    );
    expect(div.querySelector('script, iframe')).toBeNull();
    expect(div.textContent).toContain('<script>alert(1)</script>');
  });

  it('drops javascript: links but keeps their text', () => {
    const div = mount(
      renderMarkdown('[click](javascript:alert(1)) and [docs](https://aws.amazon.com)'),
    );
    const links = [...div.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).not.toContain('javascript:alert(1)');
    expect(div.textContent).toContain('click');
    const docs = links.find((a) => a.textContent === 'docs');
    expect(docs?.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

describe('ssmlToText', () => {
  it('drops the speech markup', () => {
    expect(ssmlToText('<speak>Hello <break time="1s"/> Tom &amp; Jerry</speak>')).toBe(
      'Hello  Tom & Jerry',
    );
  });
});
