import { ImageFlipped, ImageRejected, type ImageFormat } from '@booktrip/events';
import type { S3Local } from '@booktrip/local-cloud';
import { lambdaContext } from '@booktrip/test-kit';
import sharp from 'sharp';
import { createFlipImageHandler, flipImage, type FlipImageDeps } from '../src/flip-image';
import { validateUpload } from '../src/validate-upload';
import { ValidateUploadInput, type UploadToFlip } from '../src/workflow-io';
import { download, localBuckets, OUTPUT, upload, UPLOADS } from './local-buckets';
import { decode, FORMATS, gradientImage, maxDifference, row, sampleFor } from './test-images';
import { uploadKey } from './upload-keys';

const now = () => new Date('2026-11-24T12:00:00.000Z');
let s3: S3Local;
let deps: FlipImageDeps;

beforeAll(async () => {
  s3 = await localBuckets();
  deps = { s3: s3.client, outputBucket: OUTPUT, now };
});
afterAll(() => s3.stop());

/** Uploads the bytes and runs the first step, as the workflow would before flipping. */
async function validUpload(bytes: Buffer, extension = 'img'): Promise<UploadToFlip> {
  const event = await upload(s3, uploadKey(extension), bytes);
  const result = await validateUpload(ValidateUploadInput.parse(event), { s3: s3.client, now });
  if (!result.valid) throw new Error(`test upload refused: ${result.message}`);
  return result;
}

/**
 * Largest channel difference allowed between a source row and the flipped row: 0 where both
 * files are lossless (PNG, GIF with few colours, LZW TIFF); the output of JPEG, WebP and AVIF
 * is re-encoded lossily (quality 85/85/60), so those get a tolerance far below the 255 that
 * separates the blue top row from the red bottom row of the test picture.
 */
const TOLERANCE: Record<ImageFormat, number> = {
  png: 0,
  gif: 0,
  tiff: 0,
  jpeg: 24,
  webp: 24,
  avif: 40,
};

describe('flipImage', () => {
  it.each(FORMATS)('turns a %s upside down, row for row, in the same format', async (format) => {
    const original = await sampleFor(format, 64, 48);
    const input = await validUpload(original);

    const result = await flipImage(input, deps);

    expect(result.flipped).toBe(true);
    if (!result.flipped) return;
    const outputKey = `flipped/${input.source.key}`;
    const output = await download(s3, OUTPUT, outputKey);
    expect((await sharp(output.bytes).metadata()).format).toBe(format === 'avif' ? 'heif' : format);
    const before = await decode(original);
    const after = await decode(output.bytes);
    expect([after.width, after.height]).toEqual([64, 48]);
    for (let y = 0; y < 48; y++) {
      expect(maxDifference(row(after, y), row(before, 47 - y))).toBeLessThanOrEqual(
        TOLERANCE[format],
      );
    }
    // A flip is not a no-op: the top row really changed (blue became red; violet became pink).
    expect(maxDifference(row(after, 0), row(before, 0))).toBeGreaterThan(100);
    expect(ImageFlipped.detail.parse(result.detail).data).toEqual({
      source: input.source,
      output: { bucket: OUTPUT, key: outputKey },
      format,
      contentType: output.contentType,
      width: 64,
      height: 48,
      sizeBytes: output.bytes.length,
    });
    expect(output.contentType).toBe(format === 'jpeg' ? 'image/jpeg' : `image/${format}`);
  });

  it('applies the EXIF orientation first, so the picture is upside down as the person saw it', async () => {
    // Stored 40 wide and 20 high; orientation 6 means "display rotated 90° clockwise".
    const { data, width, height, channels } = gradientImage(40, 20);
    const stored = await sharp(data, { raw: { width, height, channels } })
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const asSeen = await decode(await sharp(stored).rotate().png().toBuffer());
    const input = await validUpload(stored, 'jpg');

    await flipImage(input, deps);

    const output = await download(s3, OUTPUT, `flipped/${input.source.key}`);
    const after = await decode(output.bytes);
    expect([after.width, after.height]).toEqual([20, 40]);
    expect((await sharp(output.bytes).metadata()).orientation ?? 1).toBe(1);
    expect(maxDifference(row(after, 0), row(asSeen, 39))).toBeLessThanOrEqual(24);
    expect(maxDifference(row(after, 39), row(asSeen, 0))).toBeLessThanOrEqual(24);
  });

  it('drops EXIF, GPS position included, from the output', async () => {
    const { data, width, height, channels } = gradientImage(32, 32);
    const withGps = await sharp(data, { raw: { width, height, channels } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneCo' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
      })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const input = await validUpload(withGps, 'jpg');

    await flipImage(input, deps);

    const output = await download(s3, OUTPUT, `flipped/${input.source.key}`);
    const metadata = await sharp(output.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(output.bytes.includes('PhoneCo')).toBe(false);
  });

  it('links the output to the source version it came from', async () => {
    const input = await validUpload(await sampleFor('png'));

    await flipImage(input, deps);

    const output = await download(s3, OUTPUT, `flipped/${input.source.key}`);
    expect(output.metadata).toMatchObject({
      'source-bucket': UPLOADS,
      'source-etag': input.etag,
      width: '64',
      height: '48',
    });
    expect(decodeURIComponent(output.metadata['source-key'] ?? '')).toBe(input.source.key);
  });

  it('processes the same source version twice with one write and the same result', async () => {
    const input = await validUpload(await sampleFor('webp'));
    const writes: string[] = [];
    const unsubscribe = s3.onObjectCreated(({ bucket, key }) => {
      if (bucket === OUTPUT) writes.push(key);
    });

    const first = await flipImage(input, deps);
    const second = await flipImage(input, deps);
    unsubscribe();

    expect(writes).toEqual([`flipped/${input.source.key}`]);
    expect(first).toMatchObject({ flipped: true, alreadyFlipped: false });
    expect(second).toMatchObject({ flipped: true, alreadyFlipped: true });
    if (!first.flipped || !second.flipped) return;
    expect(second.detail).toEqual(first.detail);
  });

  it('writes again when the upload under the same key has new content', async () => {
    const input = await validUpload(await sampleFor('png'));
    await flipImage(input, deps);
    const replaced = { ...input, etag: 'a-different-etag' };

    const result = await flipImage(replaced, deps);

    expect(result).toMatchObject({ flipped: true, alreadyFlipped: false });
  });

  it('rejects a truncated JPEG as corrupt instead of writing half a picture', async () => {
    const full = await sampleFor('jpeg', 200, 150);
    const truncated = full.subarray(0, Math.floor(full.length * 0.6));
    const input = await validUpload(truncated, 'jpg');

    const result = await flipImage(input, deps);

    expect(result).toMatchObject({ flipped: false, reason: 'CORRUPT_IMAGE' });
    if (result.flipped) return;
    expect(ImageRejected.detail.parse(result.detail).data).toEqual({
      source: input.source,
      reason: 'CORRUPT_IMAGE',
      message: result.message,
    });
    await expect(download(s3, OUTPUT, `flipped/${input.source.key}`)).rejects.toThrow();
  });

  it('never changes the upload it flipped', async () => {
    const original = await sampleFor('tiff');
    const input = await validUpload(original);

    await flipImage(input, deps);

    const after = await download(s3, UPLOADS, input.source.key);
    expect(after.bytes.equals(original)).toBe(true);
  });

  it('refuses an upload deleted since it was validated, at once (FILE_MISSING), writing nothing', async () => {
    const input = await validUpload(await sampleFor('png'));
    const gone = { ...input, source: { ...input.source, key: `${input.source.key}.missing` } };

    // A result is final (the workflow publishes Image Rejected); a thrown error would be retried.
    const result = await flipImage(gone, deps);

    expect(result).toMatchObject({ flipped: false, reason: 'FILE_MISSING' });
    if (result.flipped) return;
    expect(ImageRejected.detail.parse(result.detail).data).toMatchObject({
      reason: 'FILE_MISSING',
      message: expect.stringContaining('deleted'),
    });
    await expect(download(s3, OUTPUT, `flipped/${gone.source.key}`)).rejects.toThrow();
  });

  it('throws S3\u2019s error, not a refusal, when S3 itself fails: that is ours to retry', async () => {
    const input = await validUpload(await sampleFor('png'));
    const failing = {
      send: async (command: unknown) => {
        if (
          (command as { constructor: { name: string } }).constructor.name === 'GetObjectCommand'
        ) {
          throw Object.assign(new Error('We encountered an internal error'), {
            name: 'InternalError',
            $metadata: { httpStatusCode: 500 },
          });
        }
        return s3.client.send(command as never);
      },
    };

    await expect(flipImage(input, { ...deps, s3: failing })).rejects.toMatchObject({
      name: 'InternalError',
    });
  });

  it.each([
    ['grey', 1],
    ['grey with alpha', 2],
    ['RGB', 3],
    ['RGBA', 4],
  ] as const)(
    'keeps a 16-bit %s PNG and TIFF at 16 bits, every sample in place',
    async (_case, channels) => {
      const width = 32;
      const height = 12;
      const samples = new Uint16Array(width * height * channels).map(
        (_, i) => (i * 4099 + 17) % 65536,
      );
      const raw = Buffer.from(samples.buffer);
      const space = channels <= 2 ? 'grey16' : 'rgb16';
      for (const format of ['png', 'tiff'] as const) {
        // A Uint16Array makes sharp read the raw samples as 16-bit.
        const base = sharp(samples, { raw: { width, height, channels } }).toColourspace(space);
        const original = await (
          format === 'png' ? base.png() : base.tiff({ compression: 'lzw' })
        ).toBuffer();
        const input = await validUpload(original);

        const result = await flipImage(input, deps);

        expect(result.flipped).toBe(true);
        const output = await download(s3, OUTPUT, `flipped/${input.source.key}`);
        const meta = await sharp(output.bytes).metadata();
        expect([meta.format, meta.depth, meta.channels]).toEqual([format, 'ushort', channels]);
        // Both decoded in the file's own colour space, so grey stays one channel.
        const samplesOf = (bytes: Buffer) =>
          sharp(bytes).toColourspace(space).raw({ depth: 'ushort' }).toBuffer();
        const before = await samplesOf(original);
        expect(before).toHaveLength(raw.length);
        const flipped = await samplesOf(output.bytes);
        const rowBytes = width * channels * 2;
        for (let y = 0; y < height; y++) {
          const outRow = flipped.subarray(y * rowBytes, (y + 1) * rowBytes);
          const inRow = before.subarray((height - 1 - y) * rowBytes, (height - y) * rowBytes);
          expect(outRow.equals(inRow)).toBe(true);
        }
      }
    },
  );
});

describe('flip-image handler', () => {
  it('flips through the Lambda wrapper and returns the Image Flipped detail', async () => {
    const handler = createFlipImageHandler(() => deps);
    const input = await validUpload(await sampleFor('gif'));

    const result = await handler(input, lambdaContext());

    expect(result).toMatchObject({
      flipped: true,
      detail: {
        metadata: { correlationId: input.correlationId, conversationId: input.conversationId },
      },
    });
  });

  it('refuses a task input that did not come from validate-upload', async () => {
    const handler = createFlipImageHandler(() => deps);

    await expect(handler({ valid: false }, lambdaContext())).rejects.toThrow();
  });
});
