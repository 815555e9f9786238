import { quoteInput } from '../src/quote-input';

describe('quoteInput', () => {
  it('quotes a short answer whole, without surrounding spaces', () => {
    expect(quoteInput('  purple  ')).toBe('"purple"');
  });

  it('quotes the first 40 characters of a long answer, then an ellipsis', () => {
    expect(quoteInput(`${'a'.repeat(40)}bcd`)).toBe(`"${'a'.repeat(40)}…"`);
  });

  it('never cuts an emoji in half', () => {
    expect(quoteInput('🏨'.repeat(41))).toBe(`"${'🏨'.repeat(40)}…"`);
  });
});
