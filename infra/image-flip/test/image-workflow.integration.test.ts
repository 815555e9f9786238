import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { ImageFlipped, ImageRejected } from '@booktrip/events';
import { s3ObjectCreatedEvent } from '@booktrip/test-kit';
import { ExecutionError } from 'aws-local-stepfunctions';
import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { BUS_NAME, startLocalWorkflow, type LocalWorkflow } from './local-workflow';

let workflow: LocalWorkflow;

// Synthesis with cdk-nag and loading sharp take a few seconds on a shared machine.
beforeAll(async () => {
  workflow = await startLocalWorkflow();
}, 60_000);
afterAll(() => workflow.stop());
beforeEach(() => workflow.bus.events.splice(0));

const identityId = 'us-east-1:2f6c0a1e-4b7d-4c3e-9f1a-8b5d6e7f8091';

/** Uploads like a guest and returns S3's *Object Created* event for it. */
async function upload(body: Buffer, extension: string, conversationId = randomUUID()) {
  const key = `uploads/${identityId}/${conversationId}/${randomUUID()}.${extension}`;
  await workflow.s3.client.send(
    new PutObjectCommand({ Bucket: workflow.uploadsBucket, Key: key, Body: body }),
  );
  const event = s3ObjectCreatedEvent({
    bucket: workflow.uploadsBucket,
    key,
    size: body.length,
    etag: createHash('md5').update(body).digest('hex'),
  });
  return { key, event, conversationId };
}

async function bytesOf(bucket: string, key: string): Promise<Buffer> {
  const object = await workflow.s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

async function outputKeys(): Promise<string[]> {
  const listed = await workflow.s3.client.send(
    new ListObjectsV2Command({ Bucket: workflow.outputBucket }),
  );
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

const png = () =>
  sharp({ create: { width: 30, height: 20, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

describe('the image workflow (synthesized ASL on aws-local-stepfunctions)', () => {
  it('flips an upload and publishes Image Flipped on the BookTrip bus', async () => {
    const picture = await png();
    const { key, event, conversationId } = await upload(picture, 'png');

    await workflow.run(event).result;

    const [published, ...others] = workflow.bus.events;
    expect(others).toEqual([]);
    expect(published).toMatchObject({
      eventBusName: BUS_NAME,
      source: ImageFlipped.source,
      detailType: ImageFlipped.detailType,
    });
    const detail = ImageFlipped.detail.parse(published?.detail);
    expect(detail.metadata).toMatchObject({
      correlationId: event.id,
      conversationId,
      schemaVersion: '1',
    });
    expect(detail.data).toMatchObject({
      source: { bucket: workflow.uploadsBucket, key },
      output: { bucket: workflow.outputBucket, key: `flipped/${key}` },
      format: 'png',
      width: 30,
      height: 20,
    });
    expect(
      (await sharp(await bytesOf(workflow.outputBucket, `flipped/${key}`)).metadata()).format,
    ).toBe('png');
    expect((await bytesOf(workflow.uploadsBucket, key)).equals(picture)).toBe(true);
  });

  it('rejects a text file named .jpg with the reason in Image Rejected, keeping the file', async () => {
    const text = Buffer.from('this is not a picture\n');
    const { key, event, conversationId } = await upload(text, 'jpg');
    const before = await outputKeys();

    await workflow.run(event).result;

    expect(workflow.bus.events).toHaveLength(1);
    const [rejected] = workflow.bus.ofType(ImageRejected);
    expect(rejected?.metadata).toMatchObject({ correlationId: event.id, conversationId });
    expect(rejected?.data).toMatchObject({
      source: { bucket: workflow.uploadsBucket, key },
      reason: 'UNSUPPORTED_FORMAT',
    });
    expect((await bytesOf(workflow.uploadsBucket, key)).equals(text)).toBe(true);
    expect(await outputKeys()).toEqual(before);
  });

  it('rejects a PNG claiming 50 000 × 50 000 pixels before decoding it', async () => {
    const bomb = await png();
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    const { event } = await upload(bomb, 'png');

    await workflow.run(event).result;

    expect(workflow.bus.ofType(ImageRejected).map((detail) => detail.data.reason)).toEqual([
      'DIMENSIONS_TOO_LARGE',
    ]);
  });

  it('rejects a truncated JPEG found corrupt by the flip step', async () => {
    const jpeg = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#c00' },
    })
      .jpeg()
      .toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    const { key, event } = await upload(truncated, 'jpg');

    await workflow.run(event).result;

    expect(workflow.bus.ofType(ImageRejected).map((detail) => detail.data.reason)).toEqual([
      'CORRUPT_IMAGE',
    ]);
    expect((await bytesOf(workflow.uploadsBucket, key)).equals(truncated)).toBe(true);
  });

  it('writes once for the same event delivered twice, and announces the same picture again', async () => {
    const { key, event } = await upload(await png(), 'png');
    const writes: string[] = [];
    const unsubscribe = workflow.s3.onObjectCreated(({ bucket, key: written }) => {
      if (bucket === workflow.outputBucket) writes.push(written);
    });

    await workflow.run(event).result;
    await workflow.run(event).result;
    unsubscribe();

    // The second announcement stands in for a first one that may not have gone out; the
    // history service keeps one picture per source version.
    expect(writes).toEqual([`flipped/${key}`]);
    const [first, second, ...more] = workflow.bus.ofType(ImageFlipped);
    expect(more).toEqual([]);
    expect(first?.data.source.key).toBe(key);
    expect(second?.data).toEqual(first?.data);
    expect(second?.metadata.correlationId).toBe(first?.metadata.correlationId);
  });

  it('retries the flip step when Lambda throttles, then succeeds', async () => {
    const { event } = await upload(await png(), 'png');

    const execution = workflow.run(event, {
      flipFailures: { name: 'Lambda.TooManyRequestsException', times: 2 },
    });

    await execution.result;
    expect(execution.attempts.flip).toBe(3);
    expect(workflow.bus.ofType(ImageFlipped)).toHaveLength(1);
  });

  it('retries a flip that throws an error of its own, then succeeds', async () => {
    const { event } = await upload(await png(), 'png');

    const execution = workflow.run(event, { flipFailures: { name: 'Error', times: 1 } });

    await execution.result;
    expect(execution.attempts.flip).toBe(2);
    expect(workflow.bus.ofType(ImageFlipped)).toHaveLength(1);
    expect(workflow.bus.ofType(ImageRejected)).toEqual([]);
  });

  it('ends at once as Image Rejected (FILE_MISSING) when the upload is deleted between the steps', async () => {
    const { key, event, conversationId } = await upload(await png(), 'png');

    const execution = workflow.run(event, {
      beforeFlip: async () => {
        await workflow.s3.client.send(
          new DeleteObjectCommand({ Bucket: workflow.uploadsBucket, Key: key }),
        );
      },
    });

    await execution.result;
    expect(execution.attempts.flip).toBe(1);
    const [rejected, ...more] = workflow.bus.ofType(ImageRejected);
    expect(more).toEqual([]);
    expect(rejected?.metadata).toMatchObject({ correlationId: event.id, conversationId });
    expect(rejected?.data).toEqual({
      source: { bucket: workflow.uploadsBucket, key },
      reason: 'FILE_MISSING',
      message:
        'The picture was deleted before it could be flipped. Upload it again to try once more.',
    });
    expect(workflow.bus.ofType(ImageFlipped)).toEqual([]);
  });

  it('ends at once as Image Rejected (FILE_MISSING) when the upload is gone before validation', async () => {
    const { key, event } = await upload(await png(), 'png');
    await workflow.s3.client.send(
      new DeleteObjectCommand({ Bucket: workflow.uploadsBucket, Key: key }),
    );

    const execution = workflow.run(event);

    await execution.result;
    expect(execution.attempts).toEqual({ validate: 1, flip: 0 });
    expect(workflow.bus.ofType(ImageRejected).map((rejected) => rejected.data.reason)).toEqual([
      'FILE_MISSING',
    ]);
    expect(await outputKeys()).not.toContain(`flipped/${key}`);
  });

  it('tells the person and fails the execution when the flip step keeps failing', async () => {
    const { key, event, conversationId } = await upload(await png(), 'png');

    const execution = workflow.run(event, { flipFailures: { name: 'Error', times: 99 } });

    await expect(execution.result).rejects.toThrow(ExecutionError);
    expect(execution.attempts.flip).toBe(3);
    const [rejected, ...more] = workflow.bus.ofType(ImageRejected);
    expect(more).toEqual([]);
    expect(rejected?.metadata).toMatchObject({ correlationId: event.id, conversationId });
    expect(rejected?.data).toMatchObject({ source: { key }, reason: 'PROCESSING_FAILED' });
  });

  it('retries the validate step when it throws, then flips', async () => {
    const { key, event } = await upload(await png(), 'png');

    const execution = workflow.run(event, { validateFailures: { name: 'Error', times: 2 } });

    await execution.result;
    expect(execution.attempts.validate).toBe(3);
    expect(workflow.bus.ofType(ImageFlipped).map((flipped) => flipped.data.source.key)).toEqual([
      key,
    ]);
  });

  it('tells the person and fails the execution when the validate step keeps failing', async () => {
    const { key, event, conversationId } = await upload(await png(), 'png');

    const execution = workflow.run(event, { validateFailures: { name: 'Error', times: 99 } });

    await expect(execution.result).rejects.toThrow(ExecutionError);
    expect(execution.attempts).toEqual({ validate: 3, flip: 0 });
    const [rejected, ...more] = workflow.bus.ofType(ImageRejected);
    expect(more).toEqual([]);
    expect(rejected?.metadata).toMatchObject({ correlationId: event.id, conversationId });
    expect(rejected?.data).toEqual({
      source: { bucket: workflow.uploadsBucket, key },
      reason: 'PROCESSING_FAILED',
      message: expect.any(String),
    });
  });
});
