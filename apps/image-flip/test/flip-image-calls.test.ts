import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { flipImage } from '../src/flip-image';
import type { UploadToFlip } from '../src/workflow-io';
import { sampleFor } from './test-images';
import { uploadKey } from './upload-keys';

// aws-sdk-client-mock patches every S3Client, so these live apart from the s3rver tests.
const s3Mock = mockClient(S3Client);
afterEach(() => s3Mock.reset());

const key = uploadKey('png');
const input: UploadToFlip = {
  valid: true,
  correlationId: 'event-1',
  conversationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  source: { bucket: 'uploads-bucket', key, versionId: 'v7' },
  etag: 'etag-1',
  sizeBytes: 100,
  format: 'png',
  width: 64,
  height: 48,
};
const deps = () => ({
  s3: new S3Client({ region: 'us-east-1' }),
  outputBucket: 'output-bucket',
  now: () => new Date('2026-11-24T12:00:00.000Z'),
});
const notFound = () =>
  new S3ServiceException({
    name: 'NotFound',
    $fault: 'client',
    $metadata: { httpStatusCode: 404 },
  });

describe('flipImage S3 calls', () => {
  it('reads the named source version and writes flipped/<key> with its lineage', async () => {
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([await sampleFor('png')]) as never });
    s3Mock.on(PutObjectCommand).resolves({ VersionId: 'out-1' });

    const result = await flipImage(input, deps());

    expect(s3Mock).toHaveReceivedCommandWith(HeadObjectCommand, {
      Bucket: 'output-bucket',
      Key: `flipped/${key}`,
    });
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'uploads-bucket',
      Key: key,
      VersionId: 'v7',
    });
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'output-bucket',
      Key: `flipped/${key}`,
      ContentType: 'image/png',
      Metadata: expect.objectContaining({ 'source-version-id': 'v7', 'source-etag': 'etag-1' }),
      IfNoneMatch: '*',
    });
    expect(result).toMatchObject({
      flipped: true,
      detail: {
        data: { output: { bucket: 'output-bucket', key: `flipped/${key}`, versionId: 'out-1' } },
      },
    });
  });

  it('neither reads nor writes when the output of this source version exists', async () => {
    s3Mock.on(HeadObjectCommand).resolves({
      ContentType: 'image/png',
      ContentLength: 321,
      VersionId: 'out-1',
      Metadata: { 'source-version-id': 'v7', 'source-etag': 'etag-1', width: '64', height: '48' },
    });

    const result = await flipImage(input, deps());

    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(result).toMatchObject({
      flipped: true,
      alreadyFlipped: true,
      detail: { data: { sizeBytes: 321, width: 64, height: 48 } },
    });
  });

  it('replaces the output of another version only if nobody changed it since the HEAD', async () => {
    s3Mock.on(HeadObjectCommand).resolves({
      ETag: '"old-output"',
      Metadata: { 'source-version-id': 'v6', 'source-etag': 'etag-0', width: '64', height: '48' },
    });
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([await sampleFor('png')]) as never });
    s3Mock.on(PutObjectCommand).resolves({});

    await flipImage(input, deps());

    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, { IfMatch: '"old-output"' });
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.IfNoneMatch).toBeUndefined();
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
  ])(
    'reports what a concurrent run wrote when the conditional PUT loses (%s)',
    async (name, httpStatusCode) => {
      s3Mock
        .on(HeadObjectCommand)
        .rejectsOnce(notFound())
        .resolves({
          ContentType: 'image/png',
          ContentLength: 321,
          VersionId: 'out-by-the-other-run',
          Metadata: {
            'source-version-id': 'v7',
            'source-etag': 'etag-1',
            width: '64',
            height: '48',
          },
        });
      s3Mock
        .on(GetObjectCommand)
        .resolves({ Body: Readable.from([await sampleFor('png')]) as never });
      s3Mock
        .on(PutObjectCommand)
        .rejects(new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode } }));

      const result = await flipImage(input, deps());

      expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
      expect(s3Mock).toHaveReceivedCommandTimes(HeadObjectCommand, 2);
      expect(result).toMatchObject({
        flipped: true,
        alreadyFlipped: true,
        detail: {
          data: {
            output: { key: `flipped/${key}`, versionId: 'out-by-the-other-run' },
            contentType: 'image/png',
            sizeBytes: 321,
            width: 64,
            height: 48,
          },
        },
      });
    },
  );

  it('fails, for the workflow to retry, when the run that won the PUT flipped another version', async () => {
    s3Mock
      .on(HeadObjectCommand)
      .rejectsOnce(notFound())
      .resolves({
        Metadata: { 'source-version-id': 'v8', 'source-etag': 'etag-2', width: '1', height: '1' },
      });
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: Readable.from([await sampleFor('png')]) as never });
    s3Mock.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'PreconditionFailed',
        $fault: 'client',
        $metadata: { httpStatusCode: 412 },
      }),
    );

    await expect(flipImage(input, deps())).rejects.toMatchObject({ name: 'OutputChangedError' });
  });

  it('lets an S3 failure other than "not found" through, for the workflow to retry', async () => {
    s3Mock.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
      }),
    );

    await expect(flipImage(input, deps())).rejects.toMatchObject({ name: 'SlowDown' });
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });
});
