import { detectImageFormat } from '../src/detect-image-format';
import { FORMATS, sampleFor } from './test-images';

describe('detectImageFormat', () => {
  it.each(FORMATS)('recognises %s by its magic bytes', async (format) => {
    const bytes = await sampleFor(format);

    expect(detectImageFormat(bytes)).toBe(format);
  });

  it('ignores what a text file calls itself', () => {
    expect(detectImageFormat(Buffer.from('definitely a photo, trust me\n'))).toBeUndefined();
  });

  it('refuses an empty buffer and a lone JPEG start marker', () => {
    expect(detectImageFormat(new Uint8Array())).toBeUndefined();
    expect(detectImageFormat(Uint8Array.of(0xff, 0xd8))).toBeUndefined();
  });

  it('tells AVIF from other ISO media files such as HEIC and MP4', () => {
    const ftyp = (major: string, ...compatible: string[]) => {
      const brands = [major, '\0\0\0\0', ...compatible].join('');
      const box = Buffer.alloc(8 + brands.length);
      box.writeUInt32BE(box.length, 0);
      box.write(`ftyp${brands}`, 4, 'latin1');
      return box;
    };

    expect(detectImageFormat(ftyp('heic', 'mif1', 'heic'))).toBeUndefined();
    expect(detectImageFormat(ftyp('isom', 'mp41'))).toBeUndefined();
    expect(detectImageFormat(ftyp('mif1', 'avif', 'miaf'))).toBe('avif');
  });
});
