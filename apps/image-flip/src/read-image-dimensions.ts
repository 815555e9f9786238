import { quoted, type ImageFormat } from '@booktrip/events';

export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * What the header says, read from the container's bytes without decoding a pixel, so a
 * decompression bomb is measured before anything allocates its pixels:
 * - `ok`: the header's dimensions;
 * - `truncated`: the header lies beyond the bytes given (e.g. a TIFF whose directory is at the
 *   end of the file): read more and ask again;
 * - `corrupt`: the bytes cannot be a valid image of that format; `detail` is shown to the
 *   uploader, so whatever it quotes from the file goes through `quoted` (escaped, clipped).
 */
export type HeaderResult =
  ({ kind: 'ok' } & ImageDimensions) | { kind: 'truncated' } | { kind: 'corrupt'; detail: string };

const truncated: HeaderResult = { kind: 'truncated' };
const corrupt = (detail: string): HeaderResult => ({ kind: 'corrupt', detail });

export function readImageDimensions(format: ImageFormat, bytes: Uint8Array): HeaderResult {
  const reader = new ByteReader(bytes);
  try {
    const result = READERS[format](reader);
    if (result.kind === 'ok' && (result.width === 0 || result.height === 0)) {
      return corrupt(`the header declares ${result.width} × ${result.height} pixels`);
    }
    return result;
  } catch (error) {
    if (error instanceof OutOfBytes) return truncated;
    if (error instanceof CorruptBox) return corrupt(error.message);
    throw error;
  }
}

class OutOfBytes extends Error {}

/** Bounds-checked reads; running past the end means "truncated", never garbage. */
class ByteReader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  private need(offset: number, size: number): void {
    if (offset < 0 || offset + size > this.bytes.length) throw new OutOfBytes();
  }
  u8(offset: number): number {
    this.need(offset, 1);
    return this.view.getUint8(offset);
  }
  u16(offset: number, littleEndian = false): number {
    this.need(offset, 2);
    return this.view.getUint16(offset, littleEndian);
  }
  u24le(offset: number): number {
    return this.u16(offset, true) | (this.u8(offset + 2) << 16);
  }
  u32(offset: number, littleEndian = false): number {
    this.need(offset, 4);
    return this.view.getUint32(offset, littleEndian);
  }
  u64(offset: number): number {
    this.need(offset, 8);
    return Number(this.view.getBigUint64(offset));
  }
  ascii(offset: number, length: number): string {
    this.need(offset, length);
    return Buffer.from(this.bytes.subarray(offset, offset + length)).toString('latin1');
  }
}

const READERS: Record<ImageFormat, (reader: ByteReader) => HeaderResult> = {
  png: readPng,
  gif: readGif,
  jpeg: readJpeg,
  webp: readWebp,
  tiff: readTiff,
  avif: readAvif,
};

/** The first chunk must be IHDR: width and height as big-endian u32. */
function readPng(r: ByteReader): HeaderResult {
  if (r.ascii(12, 4) !== 'IHDR') return corrupt('the first PNG chunk is not IHDR');
  return { kind: 'ok', width: r.u32(16), height: r.u32(20) };
}

/** The logical screen descriptor; libvips renders frames onto that canvas. */
function readGif(r: ByteReader): HeaderResult {
  return { kind: 'ok', width: r.u16(6, true), height: r.u16(8, true) };
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT/JPG/DAC. */
const JPEG_SOF = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** Walks the marker segments up to the first start-of-frame. */
function readJpeg(r: ByteReader): HeaderResult {
  let offset = 2;
  for (;;) {
    if (r.u8(offset) !== 0xff) return corrupt(`no JPEG marker at byte ${offset}`);
    let marker = r.u8(offset + 1);
    while (marker === 0xff) marker = r.u8(++offset + 1); // fill bytes
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return corrupt('the JPEG has no frame header');
    const length = r.u16(offset + 2);
    if (length < 2) return corrupt(`JPEG segment of length ${length}`);
    if (JPEG_SOF.has(marker)) {
      return { kind: 'ok', height: r.u16(offset + 5), width: r.u16(offset + 7) };
    }
    offset += 2 + length;
  }
}

/** RIFF container: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function readWebp(r: ByteReader): HeaderResult {
  const chunk = r.ascii(12, 4);
  switch (chunk) {
    case 'VP8 ': {
      if (r.u8(23) !== 0x9d || r.u8(24) !== 0x01 || r.u8(25) !== 0x2a) {
        return corrupt('VP8 key frame start code missing');
      }
      return { kind: 'ok', width: r.u16(26, true) & 0x3fff, height: r.u16(28, true) & 0x3fff };
    }
    case 'VP8L': {
      if (r.u8(20) !== 0x2f) return corrupt('VP8L signature missing');
      const bits = r.u32(21, true);
      return { kind: 'ok', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { kind: 'ok', width: r.u24le(24) + 1, height: r.u24le(27) + 1 };
    default:
      return corrupt(`unknown WebP chunk ${quoted(chunk)}`);
  }
}

const TIFF_IMAGE_WIDTH = 256;
const TIFF_IMAGE_LENGTH = 257;
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

/** The first image file directory (which writers often put at the end of the file). */
function readTiff(r: ByteReader): HeaderResult {
  const littleEndian = r.ascii(0, 2) === 'II';
  const ifd = r.u32(4, littleEndian);
  if (ifd < 8) return corrupt(`TIFF directory offset ${ifd}`);
  const entries = r.u16(ifd, littleEndian);
  let width: number | undefined;
  let height: number | undefined;
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    const tag = r.u16(entry, littleEndian);
    if (tag !== TIFF_IMAGE_WIDTH && tag !== TIFF_IMAGE_LENGTH) continue;
    const type = r.u16(entry + 2, littleEndian);
    const value =
      type === TIFF_SHORT
        ? r.u16(entry + 8, littleEndian)
        : type === TIFF_LONG
          ? r.u32(entry + 8, littleEndian)
          : undefined;
    if (value === undefined) return corrupt(`TIFF dimension tag of type ${type}`);
    if (tag === TIFF_IMAGE_WIDTH) width = value;
    else height = value;
  }
  if (width === undefined || height === undefined) return corrupt('TIFF dimensions missing');
  return { kind: 'ok', width, height };
}

/**
 * ISO BMFF boxes `meta` → `iprp` → `ipco` → `ispe`. A grid image has one `ispe` per tile and
 * one for the whole picture: the largest is the picture, and erring large is the safe side of
 * a decompression-bomb guard.
 */
function readAvif(r: ByteReader): HeaderResult {
  const meta = findBox(r, 0, r.length, 'meta', true);
  if (!meta) return corrupt('AVIF without a meta box');
  const iprp = findBox(r, meta.body + 4, meta.end, 'iprp', false); // meta is a full box
  if (!iprp) return corrupt('AVIF without item properties');
  const ipco = findBox(r, iprp.body, iprp.end, 'ipco', false);
  if (!ipco) return corrupt('AVIF without an item property container');
  let width = 0;
  let height = 0;
  for (const box of boxes(r, ipco.body, ipco.end)) {
    if (box.type !== 'ispe') continue;
    width = Math.max(width, r.u32(box.body + 4)); // ispe is a full box too
    height = Math.max(height, r.u32(box.body + 8));
  }
  if (width === 0) return corrupt('AVIF without image spatial extents');
  return { kind: 'ok', width, height };
}

interface Box {
  type: string;
  body: number;
  end: number;
}

function* boxes(r: ByteReader, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = r.u32(offset);
    const type = r.ascii(offset + 4, 4);
    let body = offset + 8;
    if (size === 1) {
      size = r.u64(offset + 8);
      body += 8;
    } else if (size === 0) {
      size = end - offset; // to the end of the enclosing box
    }
    if (size < body - offset) throw new CorruptBox(`box ${quoted(type)} of size ${size}`);
    yield { type, body, end: Math.min(offset + size, end) };
    offset += size;
  }
}

class CorruptBox extends Error {}

/**
 * Top-level boxes may extend beyond the bytes read (e.g. a large `mdat` first), so the top
 * level is walked without an end: running out of bytes then reads as "truncated".
 */
function findBox(
  r: ByteReader,
  start: number,
  end: number,
  type: string,
  topLevel: boolean,
): Box | undefined {
  for (const box of boxes(r, start, topLevel ? Number.MAX_SAFE_INTEGER : end)) {
    if (box.type === type) return box;
  }
  return undefined;
}
