import { InvalidCursorError, createCursorCodec } from '../src/cursor';

const codec = createCursorCodec('k'.repeat(48));
const key = { PK: 'CONV#c-1', SK: 'MSG#2026-11-24T10:00:00.000Z#e-1' };

describe('page cursors', () => {
  it('give back the key they were made from, for the same listing', () => {
    const cursor = codec.encode('messages:alice:c-1:*:asc', key);

    expect(codec.decode('messages:alice:c-1:*:asc', cursor)).toEqual(key);
  });

  it('do not show the table keys in clear text', () => {
    expect(codec.encode('s', key)).not.toContain('CONV#');
  });

  it.each([
    ['another listing', (c: string) => c, 'messages:bob:c-1:*:asc'],
    [
      'an edited payload',
      (c: string) =>
        `${Buffer.from('{"PK":"CONV#c-2","SK":"META"}').toString('base64url')}.${c.split('.')[1]}`,
      'messages:alice:c-1:*:asc',
    ],
    ['an edited signature', (c: string) => `${c.slice(0, -2)}AA`, 'messages:alice:c-1:*:asc'],
    ['a missing signature', (c: string) => c.split('.')[0]!, 'messages:alice:c-1:*:asc'],
  ])('are rejected when used with %s', (_, change, scope) => {
    const cursor = change(codec.encode('messages:alice:c-1:*:asc', key));

    expect(() => codec.decode(scope, cursor)).toThrow(InvalidCursorError);
  });

  it('are not accepted from a codec with another key', () => {
    const other = createCursorCodec('o'.repeat(48));

    expect(() => other.decode('s', codec.encode('s', key))).toThrow(InvalidCursorError);
  });

  it('refuse a signing key too short to be a secret', () => {
    expect(() => createCursorCodec('short')).toThrow(/at least 32/);
  });
});
