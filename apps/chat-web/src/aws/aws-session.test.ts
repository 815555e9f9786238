import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { config as pageConfig } from '../test-support/chat-app-harness';
import { awsSession } from './aws-session';

// The Cognito credential provider is built from it: an id in the region:uuid form.
const config = { ...pageConfig, identityPoolId: 'us-east-1:pool' };

const lex = mockClient(LexRuntimeV2Client);
const polly = mockClient(PollyClient);
afterEach(() => {
  lex.reset();
  polly.reset();
});

describe('awsSession', () => {
  it('sends no session state when it has no session attributes, so Lex keeps its stored ones', async () => {
    lex.on(RecognizeTextCommand).resolves({ messages: [] });

    await awsSession(config).recognizeText({ sessionId: 's-1', text: 'I need a car too' });

    const [call] = lex.commandCalls(RecognizeTextCommand);
    expect(call?.args[0].input).toEqual({
      botId: 'BOT',
      botAliasId: 'ALIAS',
      localeId: 'en_US',
      sessionId: 's-1',
      text: 'I need a car too',
    });
  });

  it('sends the whole set of session attributes it was given', async () => {
    lex.on(RecognizeTextCommand).resolves({ messages: [] });

    await awsSession(config).recognizeText({
      sessionId: 's-1',
      text: 'Chicago',
      sessionAttributes: { lastBookedHotel: '{}' },
      requestAttributes: { 'x-booktrip-conversation-token': 'tok' },
    });

    expect(lex.commandCalls(RecognizeTextCommand)[0]?.args[0].input).toMatchObject({
      sessionState: { sessionAttributes: { lastBookedHotel: '{}' } },
      requestAttributes: { 'x-booktrip-conversation-token': 'tok' },
    });
  });

  it("asks Polly for MP3 in the bot's voice and engine", async () => {
    const audio = new Uint8Array([0xff, 0xfb, 0x90, 0x00]);
    polly.on(SynthesizeSpeechCommand).resolves({
      ContentType: 'audio/mpeg',
      AudioStream: { transformToByteArray: async () => audio } as never,
    });

    const blob = await awsSession(config).speak('Where to?');

    expect(polly.commandCalls(SynthesizeSpeechCommand)[0]?.args[0].input).toEqual({
      Text: 'Where to?',
      VoiceId: 'Danielle',
      Engine: 'neural',
      OutputFormat: 'mp3',
    });
    expect(blob.type).toBe('audio/mpeg');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(audio);
  });
});
