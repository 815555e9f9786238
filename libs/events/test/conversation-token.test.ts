import { CONVERSATION_TOKEN_ATTRIBUTE, conversationToken, isConversationToken } from '../src';

const KEY = 'test-conversation-token-key-0123456789abcdef';
const CONVERSATION = '3f2b8c1d-9e4a-4b7c-8d6e-5f4a3b2c1d0e';

describe('the conversation token', () => {
  it('is 43 base64url characters, the same every time for one conversation and key', async () => {
    const token = await conversationToken(KEY, CONVERSATION);

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await conversationToken(KEY, CONVERSATION)).toBe(token);
  });

  it('opens its own conversation', async () => {
    const token = await conversationToken(KEY, CONVERSATION);

    expect(await isConversationToken(KEY, CONVERSATION, token)).toBe(true);
  });

  it('does not open another conversation, nor under another key', async () => {
    const token = await conversationToken(KEY, CONVERSATION);
    const other = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

    expect(await isConversationToken(KEY, other, token)).toBe(false);
    expect(await isConversationToken(`${KEY}-rotated`, CONVERSATION, token)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['one character changed', 'flip'],
    ['too long', 'x'.repeat(5_000)],
    ['not text', 42],
  ])('refuses a token that is %s', async (_case, token) => {
    const real = await conversationToken(KEY, CONVERSATION);
    const candidate =
      token === 'flip'
        ? `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}`
        : token;

    expect(await isConversationToken(KEY, CONVERSATION, candidate)).toBe(false);
  });

  it('refuses to sign with a key shorter than the hash', async () => {
    await expect(conversationToken('short', CONVERSATION)).rejects.toThrow(/at least 32/);
  });

  it('travels as a request attribute whose name says whose it is', () => {
    expect(CONVERSATION_TOKEN_ATTRIBUTE).toBe('x-booktrip-conversation-token');
  });
});
