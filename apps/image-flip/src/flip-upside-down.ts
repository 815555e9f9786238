import type { ImageFormat } from '@booktrip/events';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import type { Readable } from 'node:stream';
import { UploadLimits } from './upload-limits';

interface OutputFormat {
  contentType: string;
  encode: (pipeline: Sharp) => Sharp;
}

/*
 * Encoder effort, measured on a 6000 × 6000 photo-like picture on a shared 2-core machine
 * (the flip Lambda has 60 s): AVIF at sharp's default effort took ~81 s, at effort 2 ~11–16 s;
 * WebP 15.7 s at its default effort 4, 2.5 s at effort 2 (0.2 % larger). GIF takes 24 s at its
 * default effort 7 but stays there: at effort 1 (10 s) the palette of a GIF is no longer
 * reproduced exactly. JPEG (0.6 s), TIFF LZW (1.9 s) and PNG (3.6 s) have no such trap.
 */
export const AVIF_OPTIONS = { quality: 60, effort: 2 } as const;
export const WEBP_OPTIONS = { quality: 85, effort: 2 } as const;
/*
 * JPEG without the optimised Huffman tables' second pass: the same DCT coefficients, so the
 * same pixels once decoded (a test checks it), in a file ≈ 4 % larger. A 12 MP photo-like JPEG
 * (6.6 MB) took, decode + flip + encode, a median 382 ms of CPU with optimiseCoding (sharp's
 * default) and 198 ms without (8 interleaved runs each, 2-core machine under load).
 */
export const JPEG_OPTIONS = { quality: 85, optimiseCoding: false } as const;

/**
 * Same format out as in. Lossy formats are re-encoded at a quality that looks like the
 * original (JPEG/WebP 85; AVIF 60, whose scale runs lower); TIFF uses LZW, lossless like the
 * archives TIFF usually comes from; PNG and GIF are lossless anyway. PNG and TIFF also keep
 * 16 bits per channel when the upload has them (`KEEPS_16_BITS`): the pipeline would otherwise
 * work, and write, in 8 bits.
 */
export const OUTPUT_FORMATS: Record<ImageFormat, OutputFormat> = {
  jpeg: { contentType: 'image/jpeg', encode: (p) => p.jpeg(JPEG_OPTIONS) },
  png: { contentType: 'image/png', encode: (p) => p.png() },
  webp: { contentType: 'image/webp', encode: (p) => p.webp(WEBP_OPTIONS) },
  gif: { contentType: 'image/gif', encode: (p) => p.gif() },
  avif: { contentType: 'image/avif', encode: (p) => p.avif(AVIF_OPTIONS) },
  tiff: { contentType: 'image/tiff', encode: (p) => p.tiff({ compression: 'lzw' }) },
};

/** The formats whose encoder writes 16 bits per channel; the others are 8-bit formats. */
export const KEEPS_16_BITS: ReadonlySet<ImageFormat> = new Set(['png', 'tiff']);

/** sharp could not decode the bytes: the upload's fault, not ours. */
export class UndecodableImageError extends Error {
  override readonly name = 'UndecodableImageError';
}

export interface FlippedImage {
  data: Buffer;
  info: OutputInfo;
  contentType: string;
}

/**
 * The whole upload in memory. sharp buffers a stream input whole before it decodes anyway
 * (every format here needs random access for a vertical flip), and holding the bytes lets the
 * header be read first. A failed download is thrown as it is: ours to retry, not the file's.
 */
async function readAll(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Flips the picture upside down as the person saw it: EXIF orientation applied first
 * (`rotate()`, only when the header has an orientation to apply), then mirrored top to bottom
 * (`flip()`; a 180° rotation would also mirror left and right). No `withMetadata`/`keepExif`:
 * EXIF, GPS included, is dropped; only the ICC profile stays so colours do not shift (and no
 * colour conversion is spent on it). A 16-bit PNG or TIFF stays 16-bit (grey or RGB, alpha
 * kept). Animated GIF and WebP keep their first frame. A truncated file fails instead of
 * coming out half grey.
 */
export async function flipUpsideDown(
  input: Readable | Buffer,
  format: ImageFormat,
): Promise<FlippedImage> {
  const bytes = Buffer.isBuffer(input) ? input : await readAll(input);
  const output = OUTPUT_FORMATS[format];
  try {
    const image = sharp(bytes, { failOn: 'truncated', limitInputPixels: UploadLimits.maxPixels });
    // Header only: no pixel is decoded here.
    const { orientation, depth, channels } = await image.metadata();
    let pipeline = (orientation !== undefined && orientation > 1 ? image.rotate() : image)
      .flip()
      .keepIccProfile();
    if (depth === 'ushort' && KEEPS_16_BITS.has(format)) {
      pipeline = pipeline.toColourspace(channels <= 2 ? 'grey16' : 'rgb16');
    }
    const { data, info } = await output.encode(pipeline).toBuffer({ resolveWithObject: true });
    return { data, info, contentType: output.contentType };
  } catch (error) {
    // Anything sharp says about the bytes is final.
    throw new UndecodableImageError(error instanceof Error ? error.message : String(error));
  }
}
