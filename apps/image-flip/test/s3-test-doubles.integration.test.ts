import { PutObjectCommand } from '@aws-sdk/client-s3';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import { S3ObjectCreated } from '@booktrip/events';
import { startS3Local } from '@booktrip/local-cloud';
import { s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { ValidateUploadInput } from '../src/workflow-io';

describe('s3ObjectCreatedEvent (test-kit)', () => {
  it('builds the event S3 sends to EventBridge, which the Powertools schema accepts', () => {
    const event = s3ObjectCreatedEvent({
      bucket: 'uploads',
      key: 'uploads/a.png',
      size: 5,
      versionId: 'v1',
      etag: 'e',
    });

    expect(S3EventNotificationEventBridgeSchema.parse(event)).toEqual(event);
    expect(ValidateUploadInput.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      source: S3ObjectCreated.source,
      'detail-type': S3ObjectCreated.detailType,
      resources: ['arn:aws:s3:::uploads'],
      detail: {
        version: '0',
        bucket: { name: 'uploads' },
        object: { key: 'uploads/a.png', size: 5, etag: 'e', 'version-id': 'v1' },
        reason: 'PutObject',
      },
    });
  });

  it('leaves out version-id for a bucket without versioning, as S3 does', () => {
    const event = s3ObjectCreatedEvent({ bucket: 'uploads', key: 'k', size: 1 });

    expect(event.detail.object).not.toHaveProperty('version-id');
  });
});

describe('startS3Local (local-cloud)', () => {
  it('reports created objects and stops answering once stopped', async () => {
    const s3 = await startS3Local({ buckets: ['first-bucket'] });
    const created: string[] = [];
    s3.onObjectCreated(({ bucket, key }) => created.push(`${bucket}/${key}`));

    await s3.client.send(
      new PutObjectCommand({ Bucket: 'first-bucket', Key: 'a/b.txt', Body: 'x' }),
    );
    await s3.stop();

    expect(created).toEqual(['first-bucket/a/b.txt']);
    await expect(fetch(s3.endpoint)).rejects.toThrow();
  });
});
