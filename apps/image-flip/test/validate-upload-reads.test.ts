import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { HEADER_BYTES, validateUpload } from '../src/validate-upload';
import { ValidateUploadInput } from '../src/workflow-io';
import { sampleFor } from './test-images';
import { uploadKey } from './upload-keys';

// aws-sdk-client-mock patches every S3Client, so these live apart from the s3rver tests.
const UPLOADS = 'booktrip-test-uploads';
const now = () => new Date('2026-11-24T12:00:00.000Z');

describe('validateUpload reads no more than it must', () => {
  const s3Mock = mockClient(S3Client);
  afterEach(() => s3Mock.reset());
  const mocked = () => ({ s3: new S3Client({ region: 'us-east-1' }), now });

  it('refuses an 11 MB file on its HEAD alone', async () => {
    s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 11 * 1024 * 1024, ETag: '"e"' });
    const key = uploadKey('jpg');
    const event = s3ObjectCreatedEvent({
      bucket: UPLOADS,
      key,
      size: 11 * 1024 * 1024,
      versionId: 'v1',
    });

    const result = await validateUpload(ValidateUploadInput.parse(event), mocked());

    expect(result).toMatchObject({ valid: false, reason: 'FILE_TOO_LARGE' });
    expect(s3Mock).toHaveReceivedCommandWith(HeadObjectCommand, {
      Bucket: UPLOADS,
      Key: key,
      VersionId: 'v1',
    });
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
  });

  it('reads only the first 64 KB of the version the event names', async () => {
    const png = await sampleFor('png', 50, 40);
    s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 5_000_000, ETag: '"abc"' });
    s3Mock.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => png } as never,
    });
    const key = uploadKey('png');
    const event = s3ObjectCreatedEvent({ bucket: UPLOADS, key, size: 5_000_000, versionId: 'v2' });

    const result = await validateUpload(ValidateUploadInput.parse(event), mocked());

    expect(result).toMatchObject({
      valid: true,
      format: 'png',
      etag: 'abc',
      source: { versionId: 'v2' },
    });
    expect(s3Mock).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: UPLOADS,
      Key: key,
      VersionId: 'v2',
      Range: `bytes=0-${HEADER_BYTES - 1}`,
    });
  });
});
