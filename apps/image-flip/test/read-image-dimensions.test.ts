import sharp from 'sharp';
import { readImageDimensions } from '../src/read-image-dimensions';
import { crafted } from './crafted-images';
import { FORMATS, gradientImage, sampleFor } from './test-images';

describe('readImageDimensions', () => {
  it.each(FORMATS)('reads the width and height of a %s header', async (format) => {
    const bytes = await sampleFor(format, 321, 123);

    expect(readImageDimensions(format, bytes)).toEqual({ kind: 'ok', width: 321, height: 123 });
  });

  it.each([
    ['lossy WebP (VP8)', { lossless: false }],
    ['lossless WebP (VP8L)', { lossless: true }],
  ])('reads %s', async (_case, options) => {
    const { data, width, height, channels } = gradientImage(300, 200);
    const bytes = await sharp(data, { raw: { width, height, channels } }).webp(options).toBuffer();

    expect(readImageDimensions('webp', bytes)).toEqual({ kind: 'ok', width: 300, height: 200 });
  });

  it('reads extended WebP (VP8X, with alpha)', async () => {
    const bytes = await sharp({
      create: {
        width: 400,
        height: 250,
        channels: 4,
        background: { r: 9, g: 9, b: 9, alpha: 0.5 },
      },
    })
      .webp({ lossless: false })
      .toBuffer();

    expect(readImageDimensions('webp', bytes)).toEqual({ kind: 'ok', width: 400, height: 250 });
  });

  it('believes a PNG header that claims 50 000 × 50 000 without decoding anything', () => {
    expect(readImageDimensions('png', crafted.hugePng())).toEqual({
      kind: 'ok',
      width: 50_000,
      height: 50_000,
    });
  });

  it('asks for more bytes when the TIFF directory lies beyond those read', async () => {
    const tiff = await sampleFor('tiff', 200, 200);
    const directory = tiff.readUInt32LE(4);

    expect(readImageDimensions('tiff', tiff.subarray(0, directory))).toEqual({ kind: 'truncated' });
    expect(readImageDimensions('tiff', tiff)).toMatchObject({ kind: 'ok', width: 200 });
  });

  it('reports a JPEG without a frame header as corrupt', () => {
    expect(readImageDimensions('jpeg', crafted.jpegWithoutFrame())).toMatchObject({
      kind: 'corrupt',
    });
  });

  it('reports a header that declares zero pixels as corrupt', () => {
    expect(readImageDimensions('png', crafted.png(0, 10))).toMatchObject({ kind: 'corrupt' });
  });

  it('reports a cut-short header as truncated', async () => {
    const jpeg = await sampleFor('jpeg');

    expect(readImageDimensions('jpeg', jpeg.subarray(0, 20))).toEqual({ kind: 'truncated' });
  });
});
