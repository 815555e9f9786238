import type { ImageFormat } from '@booktrip/events';

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1');

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, i) => bytes[offset + i] === byte);

/** AVIF brands: a still image (`avif`) or an image sequence (`avis`). */
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * The image format the bytes really are (magic numbers), whatever the file name or declared
 * content type says; undefined for anything else.
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'tiff';
  }
  if (ascii(bytes, 4, 4) === 'ftyp' && isAvifFileType(bytes)) return 'avif';
  return undefined;
}

/** ISO BMFF `ftyp` box: major brand at 8, compatible brands from 16 to the box's end. */
function isAvifFileType(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 16) return false;
  const boxSize = Math.min(view.getUint32(0), bytes.length);
  if (AVIF_BRANDS.has(ascii(bytes, 8, 4))) return true;
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) {
    if (AVIF_BRANDS.has(ascii(bytes, offset, 4))) return true;
  }
  return false;
}
