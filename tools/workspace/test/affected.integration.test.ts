import { affectedProjects } from '../src';

describe('nx affected', () => {
  jest.setTimeout(120_000);

  it.each(['test', 'test-integration'])(
    'runs %s for a service definition in its app and its stack only',
    (target) => {
      const affected = affectedProjects(['apps/conversation-history/src/definition.ts'], target);

      // workspace is not affected: its checks import no app.
      expect(affected).toEqual(['conversation-history', 'infra-conversation-history']);
    },
  );

  it('leaves projects that do not depend on the changed lib alone', () => {
    // bot-model is used by the Lex service and by the page's stack (the locale and session TTL in
    // config.json): nothing else is retested.
    expect(affectedProjects(['libs/bot-model/src/names.ts'], 'test')).toEqual([
      'bot-model',
      'infra-chat-web',
      'infra-lex-bot',
      'lex-fulfilment',
    ]);
  });

  it('retests every consumer of the event contracts', () => {
    const affected = affectedProjects(['libs/events/src/sources.ts'], 'test');

    expect(affected).toEqual(
      expect.arrayContaining(['events', 'lex-fulfilment', 'conversation-history', 'infra-booking']),
    );
  });
});
