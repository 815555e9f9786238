import sharp, { type Sharp } from 'sharp';
import { Readable } from 'node:stream';
import { flipUpsideDown, OUTPUT_FORMATS } from '../src/flip-upside-down';

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

  it('keeps PNG, GIF and TIFF at their defaults (fast enough; GIF palettes stay exact)', () => {
    expect(encoderOptions('png')).toEqual({});
    expect(encoderOptions('gif')).toEqual({});
    expect(encoderOptions('tiff')).toEqual({ compression: 'lzw' });
  });
});

describe('JPEG output without optimised Huffman tables', () => {
  it('decodes to exactly the pixels of a default-encoded flip, only in a slightly larger file', async () => {
    const photo = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 3,
        background: '#8a6',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 90 })
      .toBuffer();

    const ours = await flipUpsideDown(Readable.from([photo]), 'jpeg');
    const reference = await sharp(photo).flip().jpeg({ quality: 85 }).toBuffer();
    const pixels = (jpeg: Buffer) => sharp(jpeg).raw().toBuffer();

    expect(ours.contentType).toBe('image/jpeg');
    expect((await pixels(ours.data)).equals(await pixels(reference))).toBe(true);
    expect(ours.data.length).toBeGreaterThan(reference.length);
    expect(ours.data.length).toBeLessThan(reference.length * 1.1);
  });
});
