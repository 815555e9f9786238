// What the ChatApp component tests share: a config, a session whose services answer as each
// test says (every call recorded), and the person's ways of acting on the page.
import type { RecognizeTextResponse } from '@aws-sdk/client-lex-runtime-v2';
import { fireEvent, screen } from '@testing-library/react';
import { vi } from 'vitest';
import type { AwsSession } from '../aws/aws-session';
import type { HistoryApi } from '../aws/history-api';
import type { AppConfig } from '../config/app-config';

export const config: AppConfig = {
  region: 'us-east-1',
  identityPoolId: 'pool',
  botId: 'BOT',
  botAliasId: 'ALIAS',
  localeId: 'en_US',
  historyApiUrl: 'https://api.example.com',
  uploadsBucket: 'uploads',
  voiceId: 'Danielle',
  voiceEngine: 'neural',
  idleSessionTtlSeconds: 600,
};

export const conversationId = '3f0e8a52-8b1c-4c1e-9d3a-2b7f1c9e4a10';

/** A session whose services answer as told; every call is recorded. */
export function fakeSession(
  recognize: AwsSession['recognizeText'],
  overrides: Partial<Pick<AwsSession, 'speak' | 'upload'>> = {},
) {
  const history: HistoryApi = {
    create: vi.fn(async () => ({ conversationId, conversationToken: 'tok-1' })),
    list: vi.fn(async () => ({ items: [] })),
    get: vi.fn(),
    remove: vi.fn(async () => undefined),
    messages: vi.fn(async () => ({ items: [] })),
  };
  const session: AwsSession = {
    history,
    identityId: async () => 'us-east-1:guest',
    recognizeText: vi.fn(recognize),
    speak: vi.fn(overrides.speak ?? (async () => new Blob())),
    upload: vi.fn(overrides.upload ?? (async () => undefined)),
  };
  return session;
}

/** A Lex answer asking for a slot, with the session attributes Lex stores. */
export const reply = (content: string): RecognizeTextResponse => ({
  messages: [{ contentType: 'PlainText', content }],
  sessionState: {
    dialogAction: { type: 'ElicitSlot' },
    sessionAttributes: { currentReservation: '{"kind":"hotel"}' },
  },
});

/** Types `text` in the message box and presses Enter. */
export function send(text: string): void {
  const box = screen.getByRole('textbox', { name: 'Message' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
}
