import { z } from 'zod';
import type { Authorize, EdgeRequest, EdgeResponse, EdgeService } from '../edge/contracts';
import { PollyError } from './polly-error';
import { synthesizeSpeech, type Programs, type SpeechRequest } from './synthesize-speech';

export interface PollyServiceDeps {
  region: string;
  accountId: string;
  authorize: Authorize;
  log?: (line: string) => void;
  /** Paths of espeak-ng, lame and oggenc when they are not on the PATH. */
  programs?: Programs;
}

export interface PollyService {
  service: EdgeService;
  synthesizeSpeech(request: SpeechRequest): Promise<Buffer>;
  stop(): Promise<void>;
}

/** Polly bills at most 3 000 characters of text (6 000 with SSML tags) per request. */
const MAX_BILLED_CHARACTERS = 3000;
const MAX_CHARACTERS = 6000;

const SynthesizeSpeechBody = z.object({
  Text: z.string().min(1),
  TextType: z.enum(['text', 'ssml']).optional(),
  VoiceId: z.string().min(1),
  OutputFormat: z.enum(['mp3', 'ogg_vorbis', 'pcm', 'json']),
  SampleRate: z.string().regex(/^\d+$/).optional(),
  Engine: z.enum(['standard', 'neural', 'long-form', 'generative']).optional(),
  LanguageCode: z.string().optional(),
  LexiconNames: z.array(z.string()).max(5).optional(),
  SpeechMarkTypes: z.array(z.string()).optional(),
});

const CONTENT_TYPE = { mp3: 'audio/mpeg', ogg_vorbis: 'audio/ogg', pcm: 'audio/pcm' } as const;

/**
 * Polly's SynthesizeSpeech (rest-json `POST /v1/speech`, signing name `polly`) with a local
 * voice. Lexicons and speech marks are not emulated and are refused by name.
 */
export function createPollyService(deps: PollyServiceDeps): PollyService {
  const synthesize = (request: SpeechRequest) => synthesizeSpeech(request, deps.programs);
  const log = deps.log ?? (() => undefined);

  async function handle(request: EdgeRequest): Promise<EdgeResponse> {
    if (request.method.toUpperCase() !== 'POST' || request.path !== '/v1/speech') {
      throw new PollyError(
        'UnsupportedOperation',
        400,
        `The local Polly answers SynthesizeSpeech (POST /v1/speech) only, not ${request.method} ${request.path}`,
      );
    }
    if (request.caller.kind !== 'admin') {
      const allowed =
        request.caller.kind === 'guest' &&
        (await deps.authorize(request.caller, 'polly:SynthesizeSpeech', '*'));
      if (!allowed) {
        throw new PollyError(
          'AccessDeniedException',
          403,
          `${request.caller.kind === 'guest' ? request.caller.arn : 'An unsigned caller'} is not authorized to perform: polly:SynthesizeSpeech`,
        );
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8') || '{}');
    } catch {
      throw new PollyError('ValidationException', 400, 'The request body is not JSON');
    }
    const body = SynthesizeSpeechBody.safeParse(json);
    if (!body.success) {
      const issue = body.error.issues[0];
      throw new PollyError(
        'ValidationException',
        400,
        `1 validation error detected: Value at '${issue?.path.join('.')}' failed to satisfy constraint: ${issue?.message}`,
      );
    }
    const input = body.data;
    if (input.OutputFormat === 'json' || input.SpeechMarkTypes?.length) {
      throw new PollyError(
        'ValidationException',
        400,
        'The local Polly does not produce speech marks',
      );
    }
    if (input.LexiconNames?.length) {
      throw new PollyError(
        'LexiconNotFoundException',
        400,
        `Lexicon ${input.LexiconNames[0]} was not found`,
      );
    }
    const billed =
      input.TextType === 'ssml' ? input.Text.replace(/<[^>]*>/g, '').length : input.Text.length;
    if (billed > MAX_BILLED_CHARACTERS || input.Text.length > MAX_CHARACTERS) {
      throw new PollyError(
        'TextLengthExceededException',
        400,
        `Maximum text length has been exceeded (${billed} billed characters, at most ${MAX_BILLED_CHARACTERS})`,
      );
    }
    const audio = await synthesize({
      text: input.Text,
      textType: input.TextType,
      voiceId: input.VoiceId,
      outputFormat: input.OutputFormat,
      sampleRate: input.SampleRate === undefined ? undefined : Number(input.SampleRate),
    });
    return {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPE[input.OutputFormat],
        'x-amzn-requestcharacters': String(billed),
      },
      body: audio,
    };
  }

  return {
    service: {
      signingNames: ['polly'],
      async handle(request) {
        try {
          return await handle(request);
        } catch (error) {
          if (error instanceof PollyError) return error.toResponse();
          log(`polly: ${(error as Error).stack ?? String(error)}`);
          return new PollyError(
            'ServiceFailureException',
            500,
            (error as Error).message,
          ).toResponse();
        }
      },
    },
    synthesizeSpeech: synthesize,
    async stop() {},
  };
}
