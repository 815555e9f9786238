import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { encodeUploadFileName, UploadMetadata } from '@booktrip/events';
import { s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { flipImage } from '../src/flip-image';
import { validateUpload } from '../src/validate-upload';
import { ValidateUploadInput, type ValidateUploadResult } from '../src/workflow-io';
import { sampleFor } from './test-images';
import { uploadKey } from './upload-keys';

// aws-sdk-client-mock patches every S3Client, so these live apart from the s3rver tests.
const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

const UPLOADS = 'booktrip-test-uploads';
const XSS = '<img src=x onerror=alert(1)>';
const now = () => new Date('2026-12-01T12:00:00.000Z');
const deps = () => ({ s3: new S3Client({ region: 'us-east-1' }), now });

/** Validates an upload of `bytes` whose HEAD answers with this user metadata. */
async function validateWith(
  metadata: Record<string, string> | undefined,
  bytes: Uint8Array,
  size = bytes.length,
): Promise<ValidateUploadResult> {
  s3Mock.on(HeadObjectCommand).resolves({ ContentLength: size, ETag: '"e1"', Metadata: metadata });
  s3Mock.on(GetObjectCommand).resolves({
    Body: { transformToByteArray: async () => bytes } as never,
  });
  const event = s3ObjectCreatedEvent({ bucket: UPLOADS, key: uploadKey('png'), size });
  return validateUpload(ValidateUploadInput.parse(event), deps());
}

const named = (name: string) => ({ [UploadMetadata.fileName]: encodeUploadFileName(name) });

describe("the uploader's file name", () => {
  it('is read from the upload, kept verbatim and carried on Image Flipped', async () => {
    const png = await sampleFor('png', 20, 10);
    const validated = await validateWith(named(`${XSS}.png`), png);
    expect(validated).toMatchObject({ valid: true, fileName: `${XSS}.png` });
    if (!validated.valid) throw new Error('expected a valid upload');

    s3Mock.reset();
    s3Mock.on(HeadObjectCommand).rejects(Object.assign(new Error('nf'), { name: 'NotFound' }));
    s3Mock.on(GetObjectCommand).resolves({ Body: Readable.from([png]) as never });
    s3Mock.on(PutObjectCommand).resolves({});
    const flipped = await flipImage(validated, { ...deps(), outputBucket: 'booktrip-test-out' });

    expect(flipped).toMatchObject({ flipped: true, detail: { data: { fileName: `${XSS}.png` } } });
  });

  it('is carried on Image Rejected when the upload is refused after the HEAD', async () => {
    const result = await validateWith(named('Zürich 🏨.png'), new Uint8Array(1), 11 * 1024 * 1024);

    expect(result).toMatchObject({
      valid: false,
      reason: 'FILE_TOO_LARGE',
      detail: { data: { fileName: 'Zürich 🏨.png' } },
    });
  });

  it('is carried on Image Rejected when the bytes do not decode at the flip', async () => {
    s3Mock.on(HeadObjectCommand).rejects(Object.assign(new Error('nf'), { name: 'NotFound' }));
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([Buffer.from('not a png')]) as never });

    const result = await flipImage(
      {
        valid: true,
        correlationId: 'e-1',
        conversationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
        source: { bucket: UPLOADS, key: uploadKey('png') },
        etag: 'e1',
        sizeBytes: 9,
        format: 'png',
        width: 20,
        height: 10,
        fileName: 'holiday.png',
      },
      { ...deps(), outputBucket: 'booktrip-test-out' },
    );

    expect(result).toMatchObject({
      flipped: false,
      reason: 'CORRUPT_IMAGE',
      detail: { data: { fileName: 'holiday.png' } },
    });
  });

  it.each([
    ['it is absent', undefined],
    ['it is not URI-encoded', { [UploadMetadata.fileName]: '%E0%A4%A' }],
    ['it has a control character', named('bell\u0007.png')],
    ['it is longer than 255 characters', named(`${'a'.repeat(300)}.png`)],
    ['it is blank', named('   ')],
  ])('is left out when %s, and the picture is still flipped', async (_case, metadata) => {
    const result = await validateWith(metadata, await sampleFor('png', 20, 10));

    expect(result.valid).toBe(true);
    expect(result).not.toHaveProperty('fileName');
  });

  it('is trimmed', async () => {
    const result = await validateWith(named('  trip.png \t'), await sampleFor('png', 20, 10));

    expect(result).toMatchObject({ valid: true, fileName: 'trip.png' });
  });
});
