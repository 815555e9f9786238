import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../../src/polly/pcm';

/** Duration (s) and loudness (RMS of 16-bit samples) of audio. */
export interface AudioFigures {
  seconds: number;
  rms: number;
  sampleRate: number;
}

export function pcmFigures(samples: Int16Array, sampleRate: number): AudioFigures {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return {
    seconds: samples.length / sampleRate,
    rms: Math.sqrt(sum / Math.max(1, samples.length)),
    sampleRate,
  };
}

/** Decodes mp3 (`lame --decode`) or Ogg Vorbis (`oggdec`) to WAV with the real decoders. */
export function decodedFigures(audio: Uint8Array, format: 'mp3' | 'ogg_vorbis'): AudioFigures {
  const dir = mkdtempSync(join(tmpdir(), 'polly-'));
  try {
    const input = join(dir, format === 'mp3' ? 'speech.mp3' : 'speech.ogg');
    const output = join(dir, 'speech.wav');
    writeFileSync(input, audio);
    const decoder =
      format === 'mp3'
        ? spawnSync('lame', ['--quiet', '--decode', input, output])
        : spawnSync('oggdec', ['--quiet', '-o', output, input]);
    if (decoder.status !== 0) throw new Error(`decoding failed: ${decoder.stderr.toString()}`);
    const wav = readWav(readFileSync(output));
    return pcmFigures(wav.samples, wav.sampleRate);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
