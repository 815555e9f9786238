import type { Sharp } from 'sharp';
import { OUTPUT_FORMATS } from '../src/flip-upside-down';

/** Records the encoder options a format applies, without encoding anything. */
function encoderOptions(format: keyof typeof OUTPUT_FORMATS): Record<string, unknown> {
  const calls: Record<string, unknown>[] = [];
  const pipeline = new Proxy(
    {},
    {
      get: () => (options: Record<string, unknown>) => {
        calls.push(options);
        return pipeline;
      },
    },
  ) as Sharp;
  OUTPUT_FORMATS[format].encode(pipeline);
  return calls[0] ?? {};
}

describe('output encoders', () => {
  it('encodes AVIF at effort 2, so a 6000 × 6000 picture fits in the 60 s flip', () => {
    expect(encoderOptions('avif')).toEqual({ quality: 60, effort: 2 });
  });

  it('encodes WebP at effort 2, which costs size hardly at all but saves seconds', () => {
    expect(encoderOptions('webp')).toEqual({ quality: 85, effort: 2 });
  });

  it('keeps JPEG, PNG, GIF and TIFF at their defaults (fast enough; GIF palettes stay exact)', () => {
    expect(encoderOptions('jpeg')).toEqual({ quality: 85 });
    expect(encoderOptions('png')).toEqual({});
    expect(encoderOptions('gif')).toEqual({});
    expect(encoderOptions('tiff')).toEqual({ compression: 'lzw' });
  });
});
