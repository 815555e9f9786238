import type { ImageFormat } from '@booktrip/events';
import sharp from 'sharp';

export const FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp', 'gif', 'avif', 'tiff'];

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/**
 * A picture whose rows all differ: red grows and blue fades from top to bottom, green
 * follows x. The top row is blue, the bottom row red, so an unflipped or mirrored output
 * cannot pass for a flipped one, even after lossy compression.
 */
export function gradientImage(width: number, height: number): RawImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((255 * y) / (height - 1));
      data[i + 1] = Math.round((255 * x) / (width - 1));
      data[i + 2] = 255 - Math.round((255 * y) / (height - 1));
    }
  }
  return { data, width, height, channels: 3 };
}

/**
 * Horizontal bands of eight flat colours, for GIF: a palette format is only lossless when the
 * picture has few colours.
 */
export function bandedImage(width: number, height: number): RawImage {
  const palette = [
    [230, 25, 75],
    [60, 180, 75],
    [255, 225, 25],
    [0, 130, 200],
    [245, 130, 48],
    [145, 30, 180],
    [70, 240, 240],
    [240, 50, 230],
  ] as const;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const colour = palette[Math.floor((y * palette.length) / height)] ?? palette[0];
    for (let x = 0; x < width; x++) data.set(colour, (y * width + x) * 3);
  }
  return { data, width, height, channels: 3 };
}

/**
 * Encodes as losslessly as each format allows: PNG, GIF (few colours), TIFF (LZW), WebP and
 * AVIF lossless; JPEG at quality 95 (JPEG has no lossless mode in sharp).
 */
export function encode(image: RawImage, format: ImageFormat): Promise<Buffer> {
  const input = sharp(image.data, { raw: image });
  switch (format) {
    case 'jpeg':
      return input.jpeg({ quality: 95 }).toBuffer();
    case 'png':
      return input.png().toBuffer();
    case 'webp':
      return input.webp({ lossless: true }).toBuffer();
    case 'gif':
      return input.gif({ dither: 0 }).toBuffer();
    case 'avif':
      return input.avif({ lossless: true }).toBuffer();
    case 'tiff':
      return input.tiff({ compression: 'lzw' }).toBuffer();
  }
}

/** The picture for a format's flip test: GIF gets few colours, the rest a gradient. */
export function sampleFor(format: ImageFormat, width = 64, height = 48): Promise<Buffer> {
  return encode(
    format === 'gif' ? bandedImage(width, height) : gradientImage(width, height),
    format,
  );
}

export interface DecodedImage {
  data: Buffer;
  width: number;
  height: number;
}

/** Decoded as sRGB, 3 channels, EXIF orientation not applied (what the file stores). */
export async function decode(bytes: Uint8Array): Promise<DecodedImage> {
  const { data, info } = await sharp(bytes)
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** One row of pixels. */
export function row(image: DecodedImage, y: number): Buffer {
  const stride = image.width * 3;
  return image.data.subarray(y * stride, (y + 1) * stride);
}

/** Largest difference of any channel of any pixel between two rows. */
export function maxDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`rows of ${a.length} and ${b.length} bytes`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return max;
}
