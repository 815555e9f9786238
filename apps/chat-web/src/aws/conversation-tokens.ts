// The conversation token is handed out once, by POST /v1/conversations, and the bot's code hook
// wants it on every turn. It is kept per conversation in localStorage so a reload can go on
// chatting; the timeline itself always comes from the history API.
const KEY = 'booktrip.conversation-tokens';

function read(storage: Storage): Record<string, string> {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * The Lex request attribute the code hook reads the token from (`CONVERSATION_TOKEN_ATTRIBUTE`
 * of `@booktrip/events`, kept here so the page's bundle does not pull the events library in).
 */
export const CONVERSATION_TOKEN_ATTRIBUTE = 'x-booktrip-conversation-token';

export const conversationTokens = (storage: Storage = localStorage) => ({
  get: (conversationId: string): string | undefined => read(storage)[conversationId],
  set(conversationId: string, token: string): void {
    storage.setItem(KEY, JSON.stringify({ ...read(storage), [conversationId]: token }));
  },
  remove(conversationId: string): void {
    const { [conversationId]: _gone, ...rest } = read(storage);
    storage.setItem(KEY, JSON.stringify(rest));
  },
});
