import type { ImageRejectionReason } from '@booktrip/events';
import type { ImageDimensions } from './read-image-dimensions';

/** What an upload may be; larger pictures cost memory and time without a better result. */
export const UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 10_000,
} as const;

export interface Rejection {
  reason: ImageRejectionReason;
  /** Safe to show to the person who uploaded. */
  message: string;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The upload was deleted between its *Object Created* event and our read of it. */
export const MISSING_UPLOAD: Rejection = {
  reason: 'FILE_MISSING',
  message: 'The picture was deleted before it could be flipped. Upload it again to try once more.',
};

/** Checks the object's size before a byte of it is read. */
export function checkFileSize(sizeBytes: number): Rejection | undefined {
  if (sizeBytes === 0) return { reason: 'EMPTY_FILE', message: 'The file is empty.' };
  if (sizeBytes > UploadLimits.maxBytes) {
    return {
      reason: 'FILE_TOO_LARGE',
      message: `The file is ${megabytes(sizeBytes)}; the limit is ${megabytes(UploadLimits.maxBytes)}.`,
    };
  }
  return undefined;
}

/** Checks the header's dimensions: the decompression-bomb guard, before any decoding. */
export function checkDimensions({ width, height }: ImageDimensions): Rejection | undefined {
  if (width > UploadLimits.maxSide || height > UploadLimits.maxSide) {
    return {
      reason: 'DIMENSIONS_TOO_LARGE',
      message: `The picture is ${width} × ${height} pixels; each side may be at most ${UploadLimits.maxSide}.`,
    };
  }
  if (width * height > UploadLimits.maxPixels) {
    const megapixels = ((width * height) / 1_000_000).toFixed(2);
    return {
      reason: 'TOO_MANY_PIXELS',
      message: `The picture has ${megapixels} megapixels; the limit is ${UploadLimits.maxPixels / 1_000_000}.`,
    };
  }
  return undefined;
}
