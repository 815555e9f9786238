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

/**
 * Same format out as in. Lossy formats are re-encoded at a quality that looks like the
 * original (JPEG/WebP 85; AVIF 60, whose scale runs lower); TIFF uses LZW, lossless like the
 * archives TIFF usually comes from; PNG and GIF are lossless anyway.
 */
export const OUTPUT_FORMATS: Record<ImageFormat, OutputFormat> = {
  jpeg: { contentType: 'image/jpeg', encode: (p) => p.jpeg({ quality: 85 }) },
  png: { contentType: 'image/png', encode: (p) => p.png() },
  webp: { contentType: 'image/webp', encode: (p) => p.webp(WEBP_OPTIONS) },
  gif: { contentType: 'image/gif', encode: (p) => p.gif() },
  avif: { contentType: 'image/avif', encode: (p) => p.avif(AVIF_OPTIONS) },
  tiff: { contentType: 'image/tiff', encode: (p) => p.tiff({ compression: 'lzw' }) },
};

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
 * Streams the picture through sharp: EXIF orientation applied first (`rotate()`), so "upside
 * down" is upside down as the person saw it, then mirrored top to bottom (`flip()`; a 180°
 * rotation would also mirror left and right). No `withMetadata`/`keepExif`: EXIF, GPS
 * included, is dropped; only the ICC profile stays so colours do not shift. Animated GIF and
 * WebP keep their first frame. A truncated file fails instead of coming out half grey.
 */
export async function flipUpsideDown(input: Readable, format: ImageFormat): Promise<FlippedImage> {
  const output = OUTPUT_FORMATS[format];
  const pipeline = output.encode(
    sharp({ failOn: 'truncated', limitInputPixels: UploadLimits.maxPixels })
      .rotate()
      .flip()
      .keepIccProfile(),
  );
  let sourceError: Error | undefined;
  input.once('error', (error) => {
    sourceError = error;
    pipeline.destroy(error);
  });
  const result = pipeline.toBuffer({ resolveWithObject: true });
  input.pipe(pipeline);
  try {
    const { data, info } = await result;
    return { data, info, contentType: output.contentType };
  } catch (error) {
    // A failed download is ours to retry; anything sharp says about the bytes is final.
    if (sourceError) throw sourceError;
    throw new UndecodableImageError(error instanceof Error ? error.message : String(error));
  }
}
