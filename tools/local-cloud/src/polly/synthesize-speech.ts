import { spawn } from 'node:child_process';
import { PollyError } from './polly-error';
import { pcmBytes, readWav, resample } from './pcm';
import { localVoice } from './voices';

export type OutputFormat = 'mp3' | 'ogg_vorbis' | 'pcm';

export interface SpeechRequest {
  text: string;
  textType?: 'text' | 'ssml';
  voiceId: string;
  outputFormat: OutputFormat;
  /** Hz; Polly's defaults when absent (22 050 for mp3/ogg, 16 000 for pcm). */
  sampleRate?: number;
}

/** Sample rates Polly accepts per format. */
export const SAMPLE_RATES: Record<OutputFormat, readonly number[]> = {
  mp3: [8000, 16000, 22050, 24000],
  ogg_vorbis: [8000, 16000, 22050, 24000],
  pcm: [8000, 16000],
};
const DEFAULT_RATE: Record<OutputFormat, number> = { mp3: 22050, ogg_vorbis: 22050, pcm: 16000 };

export type Program = 'espeak-ng' | 'lame' | 'oggenc';
/** Where to find each program, when not on the PATH. */
export type Programs = Partial<Record<Program, string>>;

/** The programs the local voice runs, with the Debian package that ships each. */
const PACKAGES: Record<Program, string> = {
  'espeak-ng': 'espeak-ng',
  lame: 'lame',
  oggenc: 'vorbis-tools',
};

/**
 * SynthesizeSpeech with espeak-ng: the voice id picks an espeak voice of the same language
 * and gender, SSML is read as SSML (`-m`), and the WAV espeak writes is resampled to the
 * requested rate and encoded with lame (mp3) or oggenc (ogg_vorbis), or returned as raw
 * little-endian 16-bit PCM. A missing program is a ServiceFailureException naming its package.
 */
export async function synthesizeSpeech(
  request: SpeechRequest,
  programs: Programs = {},
): Promise<Buffer> {
  const run = (program: Program, args: readonly string[], input: Buffer) =>
    runProgram(program, programs[program] ?? program, args, input);
  const voice = localVoice(request.voiceId);
  if (!voice) {
    throw new PollyError(
      'ValidationException',
      400,
      `1 validation error detected: Value '${request.voiceId}' at 'voiceId' failed to satisfy constraint: Member must satisfy enum value set`,
    );
  }
  const sampleRate = request.sampleRate ?? DEFAULT_RATE[request.outputFormat];
  if (!SAMPLE_RATES[request.outputFormat].includes(sampleRate)) {
    throw new PollyError(
      'InvalidSampleRateException',
      400,
      `Sample rate ${sampleRate} is not valid for ${request.outputFormat}; use one of ${SAMPLE_RATES[request.outputFormat].join(', ')}`,
    );
  }
  const ssml = request.textType === 'ssml';
  if (ssml && !/^\s*<speak[\s>][\s\S]*<\/speak>\s*$/.test(request.text)) {
    throw new PollyError(
      'InvalidSsmlException',
      400,
      'Invalid SSML request: the text must be one <speak> element',
    );
  }
  const wav = await run(
    'espeak-ng',
    ['--stdin', '--stdout', '-v', voice.espeakVoice, ...(ssml ? ['-m'] : [])],
    Buffer.from(request.text, 'utf8'),
  );
  const pcm = resample(readWav(wav), sampleRate);
  const raw = pcmBytes(pcm);
  switch (request.outputFormat) {
    case 'pcm':
      return raw;
    case 'mp3':
      return run(
        'lame',
        [
          '--quiet',
          '-r',
          '-s',
          String(sampleRate / 1000),
          '--signed',
          '--little-endian',
          '--bitwidth',
          '16',
          '-m',
          'm',
          '--resample',
          String(sampleRate / 1000),
          '-',
          '-',
        ],
        raw,
      );
    case 'ogg_vorbis':
      return run(
        'oggenc',
        ['--quiet', '-r', '-R', String(sampleRate), '-C', '1', '-B', '16', '-o', '-', '-'],
        raw,
      );
  }
}

function runProgram(
  program: Program,
  command: string,
  args: readonly string[],
  input: Buffer,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new PollyError(
          'ServiceFailureException',
          500,
          error.code === 'ENOENT'
            ? `The local Polly needs ${program}: install the Debian package ${PACKAGES[program]} (apt-get install ${PACKAGES[program]})`
            : `${program} failed to start: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      const output = Buffer.concat(out);
      if (code !== 0 || output.length === 0) {
        reject(
          new PollyError(
            'ServiceFailureException',
            500,
            `${program} exited with ${code} and ${output.length} bytes: ${Buffer.concat(err).toString('utf8').trim()}`,
          ),
        );
        return;
      }
      resolve(output);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}
