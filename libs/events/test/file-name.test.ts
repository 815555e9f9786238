import {
  encodeUploadFileName,
  FILE_NAME_MAX_LENGTH,
  ImageFlipped,
  ImageRejected,
  readUploadFileName,
  UploadMetadata,
} from '../src';
import { deliveredEvent, samples } from './samples';

const XSS = '<img src=x onerror=alert(1)>';
const metadata = { correlationId: 'corr-names', conversationId: 'conv-names' };

/** An image event as a consumer receives it, with `data` exactly as given (no producer checks). */
const received = (contract: typeof ImageFlipped | typeof ImageRejected, data: object) =>
  deliveredEvent({
    Source: contract.source,
    DetailType: contract.detailType,
    Detail: JSON.stringify({
      metadata: { ...metadata, producedAt: '2026-12-01T10:00:00.000Z', schemaVersion: '1' },
      data,
    }),
  });

const { fileName: _, ...flippedWithoutName } = samples.ImageFlipped;

describe('fileName on Image Flipped and Image Rejected', () => {
  it('may be absent: an event from before the field existed is still valid', () => {
    const flipped = ImageFlipped.parse(received(ImageFlipped, flippedWithoutName));
    const rejected = ImageRejected.parse(received(ImageRejected, samples.ImageRejected));

    expect(flipped.detail.data).toEqual(flippedWithoutName);
    expect(flipped.detail.data.fileName).toBeUndefined();
    expect(rejected.detail.data.fileName).toBeUndefined();
  });

  it('keeps a hostile name verbatim: it is data, and the page renders it as text', () => {
    const fileName = `${XSS}.png`;

    const built = ImageFlipped.build({ ...samples.ImageFlipped, fileName }, metadata);
    const rejected = ImageRejected.parse(
      received(ImageRejected, { ...samples.ImageRejected, fileName }),
    );

    expect(built.detail.data.fileName).toBe(fileName);
    expect(rejected.detail.data.fileName).toBe(fileName);
  });

  it.each([
    ['over 255 characters', `${'a'.repeat(FILE_NAME_MAX_LENGTH - 3)}.png`],
    ['a terminal escape', 'photo\u001b]0;pwned\u0007.png'],
    ['a bidi override disguising the extension', 'abc\u202Egnp.exe'],
    ['a line break', 'one\ntwo.png'],
    ['only spaces', '   '],
  ])('drops a name with %s but keeps the event', (_case, fileName) => {
    const event = ImageFlipped.parse(received(ImageFlipped, { ...samples.ImageFlipped, fileName }));

    expect(event.detail.data.fileName).toBeUndefined();
    expect(event.detail.data.source).toEqual(samples.ImageFlipped.source);
  });

  it('keeps a name of exactly 255 characters and trims surrounding spaces', () => {
    const longest = `${'a'.repeat(FILE_NAME_MAX_LENGTH - 4)}.png`;

    expect(
      ImageFlipped.build({ ...samples.ImageFlipped, fileName: longest }, metadata).detail.data
        .fileName,
    ).toBe(longest);
    expect(
      ImageRejected.build({ ...samples.ImageRejected, fileName: '  trip.png ' }, metadata).detail
        .data.fileName,
    ).toBe('trip.png');
  });
});

describe('readUploadFileName', () => {
  const read = (value: string | undefined) =>
    readUploadFileName(value === undefined ? {} : { [UploadMetadata.fileName]: value });

  it('decodes what the page encoded, accents, emoji and markup included', () => {
    for (const name of ['Zürich 🏨 東京.jpg', `${XSS}.png`, '100% fun & games.webp']) {
      expect(read(encodeUploadFileName(name))).toEqual({ fileName: name });
    }
  });

  it('keeps the encoded value ASCII, as S3 metadata must be', () => {
    expect(encodeUploadFileName('Zürich <1>.png')).toBe('Z%C3%BCrich%20%3C1%3E.png');
  });

  it('says why there is no name, and never throws', () => {
    expect(readUploadFileName(undefined)).toEqual({ dropped: 'absent' });
    expect(read(undefined)).toEqual({ dropped: 'absent' });
    expect(read('%E0%A4%A')).toEqual({ dropped: 'not-encoded' });
    expect(read(encodeUploadFileName('x'.repeat(FILE_NAME_MAX_LENGTH + 1)))).toEqual({
      dropped: 'invalid',
    });
    expect(read(encodeUploadFileName('bell\u0007.png'))).toEqual({ dropped: 'invalid' });
    expect(read('')).toEqual({ dropped: 'invalid' });
  });
});
