import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { LOCAL_ACCOUNT, LOCAL_AWS_REGION } from '../../src/assembly/local-arns';
import { createPollyService } from '../../src/polly';
import { allowGuest, GUEST_KEY_PREFIX, serveForTest } from '../lex/edge-test-server';
import { decodedFigures, pcmFigures } from './audio-check';

// Under a loaded machine the first turns (bundle load, first HTTP/2 session) take seconds.
jest.setTimeout(30_000);

let edge: Awaited<ReturnType<typeof serveForTest>>;
const client = (accessKeyId: string) =>
  new PollyClient({
    endpoint: edge.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: { accessKeyId, secretAccessKey: 'secret' },
    maxAttempts: 1,
  });

beforeAll(async () => {
  const polly = createPollyService({
    region: LOCAL_AWS_REGION,
    accountId: LOCAL_ACCOUNT,
    authorize: allowGuest([{ action: 'polly:SynthesizeSpeech', resource: '*' }]),
  });
  edge = await serveForTest([polly.service]);
});
afterAll(() => edge.close());

const speak = async (input: Partial<ConstructorParameters<typeof SynthesizeSpeechCommand>[0]>) => {
  const response = await client(`${GUEST_KEY_PREFIX}KEY`).send(
    new SynthesizeSpeechCommand({
      Text: 'Your hotel in Chicago is booked for three nights.',
      VoiceId: 'Danielle',
      OutputFormat: 'mp3',
      ...input,
    }),
  );
  return { response, audio: await response.AudioStream!.transformToByteArray() };
};

describe('the local Polly, through PollyClient with guest credentials', () => {
  it('returns mp3 that decodes to seconds of non-silent speech', async () => {
    const { response, audio } = await speak({});
    expect(response.ContentType).toBe('audio/mpeg');
    expect(response.RequestCharacters).toBe(49);
    const figures = decodedFigures(audio, 'mp3');
    expect(figures.seconds).toBeGreaterThan(1);
    expect(figures.rms).toBeGreaterThan(200);
  });

  it('returns Ogg Vorbis at the requested sample rate', async () => {
    const { response, audio } = await speak({ OutputFormat: 'ogg_vorbis', SampleRate: '16000' });
    expect(response.ContentType).toBe('audio/ogg');
    const figures = decodedFigures(audio, 'ogg_vorbis');
    expect(figures.sampleRate).toBe(16000);
    expect(figures.seconds).toBeGreaterThan(1);
    expect(figures.rms).toBeGreaterThan(200);
  });

  it('returns 16 kHz little-endian PCM by default for pcm', async () => {
    const { response, audio } = await speak({ OutputFormat: 'pcm' });
    expect(response.ContentType).toBe('audio/pcm');
    const samples = new Int16Array(audio.buffer, audio.byteOffset, Math.floor(audio.length / 2));
    const figures = pcmFigures(samples, 16000);
    expect(figures.seconds).toBeGreaterThan(1);
    expect(figures.rms).toBeGreaterThan(200);
  });

  it('reads SSML as markup, not as words', async () => {
    const plain = await speak({ Text: 'Hello there', OutputFormat: 'pcm' });
    const ssml = await speak({
      Text: '<speak>Hello <break time="1s"/> there</speak>',
      TextType: 'ssml',
      OutputFormat: 'pcm',
    });
    // The one-second break lengthens the speech; reading the tags aloud would lengthen it more.
    const seconds = (audio: Uint8Array) => audio.length / 2 / 16000;
    expect(seconds(ssml.audio) - seconds(plain.audio)).toBeGreaterThan(0.7);
    expect(seconds(ssml.audio) - seconds(plain.audio)).toBeLessThan(1.6);
    expect(ssml.response.RequestCharacters).toBe(12);
  });

  it('refuses a guest whose role does not grant polly:SynthesizeSpeech', async () => {
    const denied = createPollyService({
      region: LOCAL_AWS_REGION,
      accountId: LOCAL_ACCOUNT,
      authorize: allowGuest([]),
    });
    const bare = await serveForTest([denied.service]);
    try {
      const polly = new PollyClient({
        endpoint: bare.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: { accessKeyId: `${GUEST_KEY_PREFIX}KEY`, secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      await expect(
        polly.send(
          new SynthesizeSpeechCommand({ Text: 'hi', VoiceId: 'Joanna', OutputFormat: 'mp3' }),
        ),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      });
    } finally {
      await bare.close();
    }
  });

  it('refuses an unknown voice, a bad sample rate and malformed SSML with Polly errors', async () => {
    await expect(speak({ VoiceId: 'Nobody' as never })).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(speak({ OutputFormat: 'pcm', SampleRate: '22050' })).rejects.toMatchObject({
      name: 'InvalidSampleRateException',
    });
    await expect(speak({ TextType: 'ssml', Text: 'no speak element' })).rejects.toMatchObject({
      name: 'InvalidSsmlException',
    });
    await expect(speak({ Text: 'a'.repeat(3001) })).rejects.toMatchObject({
      name: 'TextLengthExceededException',
    });
  });

  it('names the missing package instead of returning an empty stream without espeak-ng', async () => {
    const withoutEspeak = createPollyService({
      region: LOCAL_AWS_REGION,
      accountId: LOCAL_ACCOUNT,
      authorize: allowGuest([]),
      programs: { 'espeak-ng': '/nonexistent/espeak-ng' },
    });
    const bare = await serveForTest([withoutEspeak.service]);
    try {
      const polly = new PollyClient({
        endpoint: bare.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: { accessKeyId: 'ADMIN', secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      await expect(
        polly.send(
          new SynthesizeSpeechCommand({ Text: 'hi', VoiceId: 'Joanna', OutputFormat: 'mp3' }),
        ),
      ).rejects.toMatchObject({
        name: 'ServiceFailureException',
        $metadata: { httpStatusCode: 500 },
        message: expect.stringMatching(/install the Debian package espeak-ng/),
      });
    } finally {
      await bare.close();
    }
  });
});
