import { PutSessionCommand, RecognizeUtteranceCommand } from '@aws-sdk/client-lex-runtime-v2';
import { gunzipSync, gzipSync } from 'node:zlib';
import { synthesizeSpeech } from '../../src/polly';
import { decodedFigures } from '../polly/audio-check';
import { startLexHarness, type LexHarness } from './lex-harness';

// Under a loaded machine the first turns (bundle load, first HTTP/2 session) take seconds.
jest.setTimeout(30_000);

let lex: LexHarness;
beforeAll(async () => {
  lex = await startLexHarness({ synthesize: synthesizeSpeech });
}, 180_000);
afterAll(() => lex.close());

/** Lex's JSON response headers are gzipped, then base64-encoded. */
const header = (value: string | undefined) =>
  value === undefined
    ? undefined
    : JSON.parse(gunzipSync(Buffer.from(value, 'base64')).toString('utf8'));
const encoded = (value: unknown) => gzipSync(JSON.stringify(value)).toString('base64');

// The guest role grants RecognizeText only, so these calls use the administrator's credentials.
describe('RecognizeUtterance with text input', () => {
  it('is refused to a guest, whose role grants RecognizeText only', async () => {
    await expect(
      lex.guest.send(
        new RecognizeUtteranceCommand({
          ...lex.bot,
          sessionId: `utterance-guest-${Date.now()}`,
          requestContentType: 'text/plain; charset=utf-8',
          inputStream: Buffer.from('hello'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('answers in audio/mpeg with the prompt spoken and the state in gzip+base64 headers', async () => {
    const response = await lex.admin.send(
      new RecognizeUtteranceCommand({
        ...lex.bot,
        sessionId: `utterance-${Date.now()}`,
        requestContentType: 'text/plain; charset=utf-8',
        responseContentType: 'audio/mpeg',
        inputStream: Buffer.from('book a hotel'),
        requestAttributes: encoded({ channel: 'voice-test' }),
      }),
    );
    expect(response.contentType).toBe('audio/mpeg');
    expect(response.inputMode).toBe('Text');
    expect(header(response.inputTranscript)).toBe('book a hotel');
    expect(header(response.sessionState).dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'Location',
    });
    expect(header(response.messages)).toEqual([
      { contentType: 'PlainText', content: 'What city will you be staying in?' },
    ]);
    expect(header(response.interpretations)[0].intent.name).toBe('BookHotel');
    expect(header(response.requestAttributes)).toMatchObject({ channel: 'voice-test' });
    const audio = await response.audioStream!.transformToByteArray();
    const figures = decodedFigures(audio, 'mp3');
    expect(figures.seconds).toBeGreaterThan(0.5);
    expect(figures.rms).toBeGreaterThan(200);
  });

  it('answers in text when asked for text/plain, with no audio', async () => {
    const response = await lex.admin.send(
      new RecognizeUtteranceCommand({
        ...lex.bot,
        sessionId: `utterance-text-${Date.now()}`,
        requestContentType: 'text/plain; charset=utf-8',
        responseContentType: 'text/plain; charset=utf-8',
        inputStream: Buffer.from('rent a car in Boston'),
      }),
    );
    expect(header(response.sessionState).intent.name).toBe('BookCar');
    expect(header(response.sessionState).intent.slots.PickUpCity.value.interpretedValue).toBe(
      'Boston',
    );
    expect((await response.audioStream!.transformToByteArray()).length).toBe(0);
  });

  it('refuses audio input, which it cannot transcribe, with ValidationException', async () => {
    await expect(
      lex.admin.send(
        new RecognizeUtteranceCommand({
          ...lex.bot,
          sessionId: `utterance-audio-${Date.now()}`,
          requestContentType: 'audio/l16; rate=16000; channels=1',
          inputStream: Buffer.alloc(3200),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });
});

describe('PutSession with an audio reply', () => {
  it('speaks the messages PutSession is given when asked for audio/mpeg', async () => {
    const response = await lex.admin.send(
      new PutSessionCommand({
        ...lex.bot,
        sessionId: `put-audio-${Date.now()}`,
        responseContentType: 'audio/mpeg',
        sessionState: { dialogAction: { type: 'ElicitIntent' } },
        messages: [{ contentType: 'PlainText', content: 'Welcome back. Where are you going?' }],
      }),
    );
    expect(response.contentType).toBe('audio/mpeg');
    expect(header(response.messages)).toEqual([
      { contentType: 'PlainText', content: 'Welcome back. Where are you going?' },
    ]);
    const figures = decodedFigures(await response.audioStream!.transformToByteArray(), 'mp3');
    expect(figures.seconds).toBeGreaterThan(0.5);
    expect(figures.rms).toBeGreaterThan(200);
  });
});
