import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { ImageRejected, isPrintable } from '@booktrip/events';
import type { S3Local } from '@booktrip/local-cloud';
import { lambdaContext, s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import {
  createValidateUploadHandler,
  HEADER_BYTES,
  validateUpload,
  type ValidateUploadDeps,
} from '../src/validate-upload';
import { ValidateUploadInput } from '../src/workflow-io';
import { crafted } from './crafted-images';
import { download, localBuckets, upload, UPLOADS } from './local-buckets';
import { FORMATS, gradientImage, sampleFor } from './test-images';
import { IDENTITY_ID, uploadKey } from './upload-keys';

const now = () => new Date('2026-11-24T12:00:00.000Z');
let s3: S3Local;
let deps: ValidateUploadDeps;

beforeAll(async () => {
  s3 = await localBuckets();
  deps = { s3: s3.client, now };
});
afterAll(() => s3.stop());

const validate = (event: unknown) => validateUpload(ValidateUploadInput.parse(event), deps);

describe('validateUpload', () => {
  it.each(FORMATS)('accepts a %s picture and measures it from its header', async (format) => {
    const conversationId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const key = uploadKey('bin', conversationId);
    const event = await upload(s3, key, await sampleFor(format, 120, 80));

    const result = await validate(event);

    expect(result).toEqual({
      valid: true,
      correlationId: event.id,
      conversationId,
      source: { bucket: UPLOADS, key },
      etag: event.detail.object.etag,
      sizeBytes: event.detail.object.size,
      format,
      width: 120,
      height: 80,
    });
  });

  it('goes by the bytes, not the name: a PNG called .jpg is a PNG', async () => {
    const event = await upload(s3, uploadKey('jpg'), await sampleFor('png'), 'image/jpeg');

    expect(await validate(event)).toMatchObject({ valid: true, format: 'png' });
  });

  it('reads a TIFF whose directory sits past the first 64 KB', async () => {
    const { data, width, height, channels } = gradientImage(400, 400);
    const tiff = await sharp(data, { raw: { width, height, channels } })
      .tiff({ compression: 'none' })
      .toBuffer();
    expect(tiff.readUInt32LE(4)).toBeGreaterThan(HEADER_BYTES);
    const event = await upload(s3, uploadKey('tif'), tiff, 'image/tiff');

    expect(await validate(event)).toMatchObject({ valid: true, width: 400, height: 400 });
  });

  describe('refuses, with a reason the event carries', () => {
    it.each([
      ['a zero-byte file', Buffer.alloc(0), 'EMPTY_FILE'],
      [
        'a text file named .jpg',
        Buffer.from('hello, this is not a picture\n'),
        'UNSUPPORTED_FORMAT',
      ],
      ['a JPEG with no frame header', crafted.jpegWithoutFrame(), 'CORRUPT_IMAGE'],
      ['a PNG that claims 50 000 × 50 000 pixels', crafted.hugePng(), 'DIMENSIONS_TOO_LARGE'],
      ['a PNG of 9 000 × 9 000 (81 megapixels)', crafted.png(9_000, 9_000), 'TOO_MANY_PIXELS'],
      ['an 11 MB file', randomBytes(11 * 1024 * 1024), 'FILE_TOO_LARGE'],
    ])('%s', async (_case, body, reason) => {
      const conversationId = '9b2e4f10-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
      const key = uploadKey('jpg', conversationId);
      const event = await upload(s3, key, body);

      const result = await validate(event);

      expect(result).toMatchObject({ valid: false, reason });
      if (result.valid) return;
      const detail = ImageRejected.detail.parse(result.detail);
      expect(detail).toEqual({
        metadata: {
          correlationId: event.id,
          conversationId,
          producedAt: '2026-11-24T12:00:00.000Z',
          schemaVersion: '1',
        },
        data: { source: { bucket: UPLOADS, key }, reason, message: result.message },
      });
      // The upload stays exactly as it was.
      expect((await download(s3, UPLOADS, key)).bytes.equals(body)).toBe(true);
    });

    it.each([
      [
        'a WebP chunk named with a terminal escape',
        crafted.webpWithChunk('\u001b[2J'),
        'WebP chunk "\\x1B[2J"',
      ],
      [
        'a WebP chunk named with C1 controls',
        crafted.webpWithChunk('\u009b\u0090\u0085\u0007'),
        'WebP chunk "\\x9B\\x90\\x85\\x07"',
      ],
      [
        'an AVIF box named with control characters',
        crafted.avifWithBrokenBox('\u001b]0;'),
        'box "\\x1B]0;" of size 3',
      ],
    ])('%s, quoting the bytes escaped to printable text', async (_case, body, quotedPart) => {
      const event = await upload(s3, uploadKey('img'), body);

      const result = await validate(event);

      expect(result).toMatchObject({ valid: false, reason: 'CORRUPT_IMAGE' });
      if (result.valid) return;
      expect(result.message).toContain(quotedPart);
      expect(isPrintable(result.message)).toBe(true);
      expect(ImageRejected.detail.parse(result.detail).data.message).toBe(result.message);
    });

    it('an upload deleted before it was read, at once and without retrying', async () => {
      const key = uploadKey('png');
      const event = await upload(s3, key, await sampleFor('png'));
      await s3.client.send(new DeleteObjectCommand({ Bucket: UPLOADS, Key: key }));

      const result = await validate(event);

      expect(result).toMatchObject({
        valid: false,
        reason: 'FILE_MISSING',
        message:
          'The picture was deleted before it could be flipped. Upload it again to try once more.',
      });
      if (result.valid) return;
      expect(ImageRejected.detail.parse(result.detail).data.reason).toBe('FILE_MISSING');
    });

    it('a key outside the upload layout, without touching the object', async () => {
      const event = s3ObjectCreatedEvent({
        bucket: UPLOADS,
        key: `uploads/${IDENTITY_ID}/x.jpg`,
        size: 10,
      });

      const result = await validate(event);

      expect(result).toMatchObject({ valid: false, reason: 'INVALID_KEY' });
      if (result.valid) return;
      expect(result.detail.metadata.conversationId).toBeUndefined();
    });
  });
});

describe('validate-upload handler', () => {
  it('validates an Object Created event end to end through the Lambda wrapper', async () => {
    const handler = createValidateUploadHandler(() => deps);
    const event = await upload(s3, uploadKey('gif'), await sampleFor('gif'));

    const result = await handler(event, lambdaContext());

    expect(result).toMatchObject({ valid: true, format: 'gif', correlationId: event.id });
  });

  it('fails loudly on an event that is not S3 Object Created', async () => {
    const handler = createValidateUploadHandler(() => deps);
    const event = {
      ...s3ObjectCreatedEvent({ bucket: UPLOADS, key: uploadKey(), size: 1 }),
      source: 'aws.ec2',
    };

    await expect(handler(event, lambdaContext())).rejects.toThrow();
  });
});
