import { crc32 } from 'node:zlib';

/** Hand-made bytes that no encoder would produce: headers that lie or break. */
export const crafted = {
  /** A PNG signature and IHDR chunk claiming `width` × `height`, and nothing else. */
  png(width: number, height: number): Buffer {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
    return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
  },

  /** 50 000 × 50 000 = 2.5 gigapixels: 7.5 GB decoded, a few dozen bytes on disk. */
  hugePng(): Buffer {
    return crafted.png(50_000, 50_000);
  },

  /** Start of image, a comment segment, then the scan: no frame header to size it by. */
  jpegWithoutFrame(): Buffer {
    const comment = Buffer.from('not really a picture');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(comment.length + 2);
    return Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xfe]),
      length,
      comment,
      Buffer.from([0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]),
    ]);
  },

  /** A RIFF/WEBP file whose first chunk is named `name` (e.g. a terminal escape sequence). */
  webpWithChunk(name: string): Buffer {
    const fourCc = Buffer.from(name, 'latin1').subarray(0, 4);
    const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), fourCc, Buffer.alloc(20)]);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(body.length);
    return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
  },

  /** An AVIF `ftyp`, then a box of type `type` whose size is smaller than its own header. */
  avifWithBrokenBox(type: string): Buffer {
    const ftyp = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypavif', 'latin1'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('avifmif1', 'latin1'),
    ]);
    const broken = Buffer.concat([
      Buffer.from([0, 0, 0, 3]),
      Buffer.from(type, 'latin1').subarray(0, 4),
    ]);
    return Buffer.concat([ftyp, broken, Buffer.alloc(64)]);
  },
};

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
