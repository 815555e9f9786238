// Scenarios 1 and 2 of issue 20: a guest's journey through the deployed shape of BookTrip, and
// what a guest may not do. Only endpoints, credentials and SSM parameters: see cloud-under-test.
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { cloudUnderTest, type CloudUnderTest, type Guest } from './support/cloud-under-test';
import { eventually, signedFetch } from './support/signed-fetch';

jest.setTimeout(120_000);

/** A PNG whose top half is red and bottom half blue, so upside down is unmistakable. */
async function twoBandPng(): Promise<Buffer> {
  const width = 32;
  const height = 24;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      if (y < height / 2) pixels[offset] = 255;
      else pixels[offset + 2] = 255;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const rawPixels = (image: Buffer) => sharp(image).removeAlpha().raw().toBuffer();

describe('a guest of BookTrip', () => {
  let cloud: CloudUnderTest;
  let guest: Guest;
  let apiUrl: string;
  let uploadsBucket: string;

  beforeAll(async () => {
    cloud = await cloudUnderTest();
    guest = await cloud.guest();
    apiUrl = await cloud.parameter('conversation-history/api-url');
    uploadsBucket = await cloud.parameter('image-flip/uploads-bucket-name');
  });
  afterAll(() => cloud?.stop());

  const api = (
    path: string,
    options: { method?: string; body?: unknown; as?: Guest | null } = {},
  ) =>
    signedFetch(new URL(path, apiUrl).toString(), {
      method: options.method,
      body: options.body,
      region: cloud.region,
      credentials: options.as === null ? undefined : (options.as ?? guest).credentials,
    });
  const s3As = (who: Guest) =>
    new S3Client({ ...cloud.config(who.credentials), forcePathStyle: true });
  const createConversation = async (who: Guest) => {
    const created = await api('v1/conversations', {
      method: 'POST',
      body: { title: 'Trip' },
      as: who,
    });
    expect(created.status).toBe(201);
    return (created.json as { conversationId: string }).conversationId;
  };

  /** Uploads a PNG to a new conversation; resolves with the flipped entry's download URL. */
  const uploadAndAwaitFlip = async (original: Buffer, timeoutMs: number) => {
    const conversationId = await createConversation(guest);
    const started = Date.now();
    await s3As(guest).send(
      new PutObjectCommand({
        Bucket: uploadsBucket,
        Key: `uploads/${guest.identityId}/${conversationId}/${randomUUID()}.png`,
        Body: original,
        ContentType: 'image/png',
      }),
    );
    const flipped = await eventually(
      async () => {
        const page = await api(`v1/conversations/${conversationId}/messages?kind=image`);
        const items = (page.json as { items?: { image?: { status: string }; imageUrl?: string }[] })
          .items;
        return items?.find((item) => item.image?.status === 'flipped' && item.imageUrl);
      },
      timeoutMs,
      'the Image Flipped entry in the history API',
    );
    return { imageUrl: String(flipped.imageUrl), elapsedMs: Date.now() - started };
  };

  it('uploads a picture to its conversation and downloads it back upside down', async () => {
    const original = await twoBandPng();
    // The first upload also starts every function of the path cold; it may take longer.
    const { imageUrl } = await uploadAndAwaitFlip(original, 60_000);

    const download = await fetch(imageUrl);
    expect(download.status).toBe(200);
    const downloaded = Buffer.from(await download.arrayBuffer());
    expect(await rawPixels(downloaded)).toEqual(
      await rawPixels(await sharp(original).flip().toBuffer()),
    );
    expect(await rawPixels(downloaded)).not.toEqual(await rawPixels(original));
  });

  it('keeps the file name sent with a presigned upload, as the page sends it, in the history API', async () => {
    const fileName = '<img src=x onerror=alert(1)> Zürich.png';
    const conversationId = await createConversation(guest);
    const key = `uploads/${guest.identityId}/${conversationId}/${randomUUID()}.png`;
    const url = await getSignedUrl(
      new S3Client({
        ...cloud.config(guest.credentials),
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
      }),
      new PutObjectCommand({
        Bucket: uploadsBucket,
        Key: key,
        ContentType: 'image/png',
        // The page's encoding (apps/chat-web/src/aws/upload-metadata.ts): S3 metadata is ASCII.
        Metadata: { 'file-name': encodeURIComponent(fileName) },
      }),
      { expiresIn: 300 },
    );
    // The presigner puts the metadata in the signed query: the browser sends no extra header.
    expect(new URL(url).searchParams.get('x-amz-meta-file-name')).toBe(
      encodeURIComponent(fileName),
    );

    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(await twoBandPng()),
    });
    expect(put.status).toBe(200);
    // S3 stores query-string metadata of a presigned PUT as if it came in headers.
    const head = await new S3Client({ ...cloud.config(), forcePathStyle: true }).send(
      new HeadObjectCommand({ Bucket: uploadsBucket, Key: key }),
    );
    expect(head.Metadata).toMatchObject({ 'file-name': encodeURIComponent(fileName) });

    const flipped = await eventually(
      async () => {
        const page = await api(`v1/conversations/${conversationId}/messages?kind=image`);
        const items = (page.json as { items?: { image?: { status: string; fileName?: string } }[] })
          .items;
        return items?.find((item) => item.image?.status === 'flipped');
      },
      30_000,
      'the Image Flipped entry of the presigned upload',
    );
    expect(flipped.image?.fileName).toBe(fileName);
  });

  it('shows the Image Flipped entry within 5 s of the upload once the path is warm', async () => {
    const { elapsedMs } = await uploadAndAwaitFlip(await twoBandPng(), 5_000);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it("may not write under another identity's prefix (S3 AccessDenied 403)", async () => {
    const other = await cloud.guest();
    await expect(
      s3As(guest).send(
        new PutObjectCommand({
          Bucket: uploadsBucket,
          Key: `uploads/${other.identityId}/${randomUUID()}/${randomUUID()}.png`,
          Body: await twoBandPng(),
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  it('may not read its own upload back: the role grants PutObject only', async () => {
    await expect(
      s3As(guest).send(
        new GetObjectCommand({ Bucket: uploadsBucket, Key: `uploads/${guest.identityId}/x/y.png` }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it("cannot read another identity's conversation", async () => {
    const other = await cloud.guest();
    const theirs = await createConversation(other);
    const attempt = await api(`v1/conversations/${theirs}`);
    expect([403, 404]).toContain(attempt.status);
    const own = await api(`v1/conversations/${theirs}`, { as: other });
    expect(own.status).toBe(200);
  });

  it('answers an unsigned API call 403', async () => {
    const unsigned = await api('v1/conversations', { as: null });
    expect(unsigned.status).toBe(403);
  });
});
