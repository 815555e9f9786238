import { EventValidationError } from '@booktrip/events';
import { rawEventBridgeEvent } from '@booktrip/test-kit';
import { parseHistoryEvent } from '../src/history-event';
import {
  TimelineEntrySchema,
  toTimelineEntry,
  uploaderOf,
  type TimelineEntry,
} from '../src/timeline-entry';
import { OUTPUT_BUCKET, ROOM_TYPE_CARD, UPLOADER, events } from './support/events';

const CONVERSATION = '0b9a4c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c';
const map = (raw: unknown) => toTimelineEntry(parseHistoryEvent(raw));
/** For events that do name a conversation. */
const mapped = (raw: unknown): TimelineEntry => {
  const entry = map(raw);
  if (!entry) throw new Error('expected a timeline entry');
  return entry;
};

describe('mapping events to timeline entries', () => {
  it('records a conversation turn with what the user said and what the bot answered', () => {
    const raw = events.turn(CONVERSATION, { id: 'evt-1' }, '2026-11-24T10:00:00.250Z');

    const entry = mapped(raw);

    expect(entry).toEqual({
      eventId: 'evt-1',
      conversationId: CONVERSATION,
      at: '2026-11-24T10:00:00.250Z',
      correlationId: 'corr-turn',
      kind: 'turn',
      turn: {
        userText: 'book a hotel in Chicago',
        botMessages: ['What day do you want to check in?'],
        intentName: 'BookHotel',
        intentState: 'InProgress',
        dialogAction: 'ElicitSlot',
        slotToElicit: 'CheckInDate',
        inputMode: 'Text',
      },
    });
  });

  it("keeps the cards of the bot's answer on its turn, hostile button texts verbatim", () => {
    const entry = mapped(events.roomTypeTurn(CONVERSATION, { id: 'evt-cards' }));

    expect(entry).toMatchObject({
      kind: 'turn',
      turn: {
        botMessages: ['What type of room would you like?'],
        cards: [ROOM_TYPE_CARD],
      },
    });
    expect(TimelineEntrySchema.parse(entry)).toEqual(entry);
  });

  it('records a turn without cards, as recorded before they existed, with no cards field', () => {
    const entry = mapped(events.turn(CONVERSATION));

    expect(entry).not.toHaveProperty('turn.cards');
  });

  it('stores producedAt exactly as the contract validated it: UTC, in milliseconds', () => {
    const raw = events.turn(CONVERSATION, {}, '2026-11-24T10:00:00Z');
    raw.detail.metadata.producedAt = '2026-11-24T10:00:00.5Z';

    expect(mapped(raw).at).toBe('2026-11-24T10:00:00.500Z');
  });

  it.each([
    ['an extreme year and offset', '9999-12-31T23:59:59.999-23:59'],
    ['year 0000 moved before year 1 by its offset', '0000-01-01T00:30:00.000+01:00'],
    ['an offset at all', '2026-11-24T11:00:00.000+01:00'],
  ])('refuses an event whose producedAt has %s, before anything is stored', (_case, producedAt) => {
    const raw = events.turn(CONVERSATION);
    raw.detail.metadata.producedAt = producedAt;

    expect(() => map(raw)).toThrow(EventValidationError);
    expect(() => map(raw)).toThrow(/producedAt/);
  });

  it('takes the Lex session id as the conversation when the metadata has none', () => {
    const raw = events.turn(CONVERSATION);
    delete (raw.detail.metadata as { conversationId?: string }).conversationId;

    expect(mapped(raw).conversationId).toBe(CONVERSATION);
  });

  it('records a confirmed reservation with its details and price', () => {
    const entry = mapped(events.confirmed(CONVERSATION, { id: 'evt-2' }));

    expect(entry).toMatchObject({
      eventId: 'evt-2',
      kind: 'reservation',
      reservation: {
        status: 'confirmed',
        reservationId: '6f1c0d2e-8a7b-4c3d-9e0f-1a2b3c4d5e6f',
        details: { kind: 'hotel', location: 'Chicago', nights: 3 },
        price: { amountCents: 45_000, currency: 'USD' },
      },
    });
  });

  it('records a failed reservation with the message meant for the user', () => {
    const entry = mapped(events.failed(CONVERSATION));

    expect(entry).toMatchObject({
      kind: 'reservation',
      reservation: {
        status: 'failed',
        reason: 'STORAGE_FAILED',
        message: 'We could not book that, please try again',
      },
    });
    expect(entry.kind === 'reservation' && 'reservationId' in entry.reservation).toBe(false);
  });

  it('records a flipped image with where the flipped copy is', () => {
    const entry = mapped(events.flipped(CONVERSATION));

    expect(entry).toMatchObject({
      kind: 'image',
      image: {
        status: 'flipped',
        sourceKey: `uploads/${UPLOADER}/${CONVERSATION}/cat.png`,
        sourceBucket: 'booktrip-test-uploads',
        sourceVersionId: 'v1',
        uploaderId: UPLOADER,
        output: {
          bucket: OUTPUT_BUCKET,
          key: `flipped/uploads/${UPLOADER}/${CONVERSATION}/cat.png`,
        },
        width: 640,
        height: 480,
      },
    });
  });

  it('records a rejected image with the reason', () => {
    const entry = mapped(events.rejected(CONVERSATION));

    expect(entry).toMatchObject({
      kind: 'image',
      image: {
        status: 'rejected',
        reason: 'UNSUPPORTED_FORMAT',
        sourceKey: `uploads/${UPLOADER}/${CONVERSATION}/notes.txt`,
        uploaderId: UPLOADER,
      },
    });
  });

  it("keeps the uploader's file name verbatim on a flipped and a rejected image", () => {
    const fileName = '<img src=x onerror=alert(1)>.png';
    const flipped = events.flipped(CONVERSATION);
    const rejected = events.rejected(CONVERSATION);
    Object.assign(flipped.detail.data, { fileName });
    Object.assign(rejected.detail.data, { fileName: 'notes.txt' });

    expect(mapped(flipped)).toMatchObject({
      kind: 'image',
      image: { status: 'flipped', fileName },
    });
    // What list-messages re-reads every stored entry through before serving it.
    expect(TimelineEntrySchema.parse(mapped(flipped))).toMatchObject({ image: { fileName } });
    expect(mapped(rejected)).toMatchObject({
      kind: 'image',
      image: { status: 'rejected', fileName: 'notes.txt' },
    });
  });

  it('records an image event without a file name, as published before names existed', () => {
    const entry = mapped(events.flipped(CONVERSATION));

    expect(entry).toMatchObject({ kind: 'image' });
    expect(entry).not.toHaveProperty('image.fileName');
  });

  it('records the image but not a name the contract refuses', () => {
    const raw = events.flipped(CONVERSATION);
    Object.assign(raw.detail.data, { fileName: 'bell\u0007.png' });

    const entry = mapped(raw);

    expect(entry).toMatchObject({ kind: 'image', image: { status: 'flipped' } });
    expect(entry).not.toHaveProperty('image.fileName');
  });

  it('rejects an event that fails its contract', () => {
    const raw = events.confirmed(CONVERSATION);
    (raw.detail.data as { price: unknown }).price = { amountCents: -1, currency: 'EUR' };

    expect(() => map(raw)).toThrow(EventValidationError);
  });

  it('rejects an event of a type this service does not consume', () => {
    const raw = rawEventBridgeEvent('aws.s3', 'Object Created', {});

    expect(() => map(raw)).toThrow(/not an event this service consumes/);
  });

  it.each([
    ['a reservation failed for a malformed request', () => events.failed(CONVERSATION)],
    ['an upload rejected for its malformed key', () => events.rejected(CONVERSATION)],
  ])('maps %s, valid but of no conversation, to no entry', (_, make) => {
    const raw = make();
    delete (raw.detail.metadata as { conversationId?: string }).conversationId;

    expect(map(raw)).toBeUndefined();
  });

  it.each([
    ['another identity', `uploads/us-east-1:x/${CONVERSATION}/cat.png`, 'us-east-1:x'],
    [
      'another conversation',
      `uploads/${UPLOADER}/9b9a4c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c/a.png`,
      undefined,
    ],
    ['no identity segment', `uploads/${CONVERSATION}/cat.png`, undefined],
    ['another prefix', `other/${UPLOADER}/${CONVERSATION}/cat.png`, undefined],
    ['extra segments', `uploads/${UPLOADER}/${CONVERSATION}/a/b.png`, undefined],
  ])('reads the uploader of an upload key with %s as %s', (_, key, uploader) => {
    expect(uploaderOf(key, CONVERSATION)).toBe(uploader);
  });
});
