/** 16-bit mono PCM samples and their rate. */
export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/**
 * Reads espeak-ng's WAV (16-bit mono). Written to a pipe, its RIFF and data sizes are
 * placeholders, so the data runs to the end of the file.
 */
export function readWav(wav: Buffer): Pcm {
  if (
    wav.length < 44 ||
    wav.toString('ascii', 0, 4) !== 'RIFF' ||
    wav.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('espeak-ng did not write a WAV file');
  }
  let offset = 12;
  let sampleRate = 22050;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const channels = wav.readUInt16LE(offset + 10);
      sampleRate = wav.readUInt32LE(offset + 12);
      const bits = wav.readUInt16LE(offset + 22);
      if (channels !== 1 || bits !== 16)
        throw new Error(`unexpected WAV format: ${channels} ch, ${bits} bit`);
    }
    if (id === 'data') {
      const data = wav.subarray(offset + 8);
      const even = data.subarray(0, data.length - (data.length % 2));
      const samples = new Int16Array(even.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = even.readInt16LE(i * 2);
      return { sampleRate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('the WAV file has no data chunk');
}

/** Linear-interpolation resampling: enough for speech at Polly's 8–24 kHz rates. */
export function resample(pcm: Pcm, sampleRate: number): Pcm {
  if (pcm.sampleRate === sampleRate) return pcm;
  const ratio = pcm.sampleRate / sampleRate;
  const length = Math.floor(pcm.samples.length / ratio);
  const samples = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const position = i * ratio;
    const index = Math.floor(position);
    const fraction = position - index;
    const a = pcm.samples[index] ?? 0;
    const b = pcm.samples[index + 1] ?? a;
    samples[i] = Math.round(a + (b - a) * fraction);
  }
  return { sampleRate, samples };
}

/** Little-endian bytes, as Polly's `pcm` output is. */
export function pcmBytes(pcm: Pcm): Buffer {
  const bytes = Buffer.alloc(pcm.samples.length * 2);
  pcm.samples.forEach((sample, i) => bytes.writeInt16LE(sample, i * 2));
  return bytes;
}
