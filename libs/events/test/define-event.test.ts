import {
  EventValidationError,
  ImageFlipped,
  ReservationConfirmed,
  ReservationRequested,
  S3ObjectCreated,
  SCHEMA_VERSION,
} from '../src';
import { deliveredEvent, samples } from './samples';

const metadata = { correlationId: 'corr-7f3a', conversationId: 'conv-42' };

function deliveredReservationRequested() {
  const { source, detailType, detail } = ReservationRequested.build(
    samples.ReservationRequested,
    metadata,
  );
  return deliveredEvent({ Source: source, DetailType: detailType, Detail: JSON.stringify(detail) });
}

describe('build', () => {
  afterEach(() => jest.useRealTimers());

  it('wraps the data in the envelope and fills producedAt and schemaVersion', () => {
    jest.useFakeTimers({ now: new Date('2026-11-24T21:30:15.123Z') });

    const event = ReservationRequested.build(samples.ReservationRequested, metadata);

    expect(event).toEqual({
      source: 'booktrip.lex-fulfilment',
      detailType: 'Reservation Requested',
      detail: {
        metadata: {
          correlationId: 'corr-7f3a',
          conversationId: 'conv-42',
          producedAt: '2026-11-24T21:30:15.123Z',
          schemaVersion: SCHEMA_VERSION,
        },
        data: samples.ReservationRequested,
      },
    });
    expect(SCHEMA_VERSION).toBe('1');
  });

  it('keeps a producedAt the producer supplies, in the normalised form', () => {
    const event = ReservationRequested.build(samples.ReservationRequested, {
      ...metadata,
      producedAt: '2026-11-24T19:00:00Z',
    });

    expect(event.detail.metadata.producedAt).toBe('2026-11-24T19:00:00.000Z');
  });

  it('rejects invalid data with a message naming the field', () => {
    const build = () =>
      ReservationRequested.build(
        { ...samples.ReservationRequested, reservationId: 'not-a-uuid' },
        metadata,
      );

    expect(build).toThrow(EventValidationError);
    expect(build).toThrow(/Invalid Reservation Requested \(publish\)/);
    expect(build).toThrow(/Invalid UUID\s+→ at data\.reservationId/);
  });

  it('lists every invalid field with its path', () => {
    const error = captureError(() =>
      ImageFlipped.build({ ...samples.ImageFlipped, width: 0, format: 'bmp' as 'png' }, metadata),
    );

    expect(error).toBeInstanceOf(EventValidationError);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['data.width', 'data.format']),
    );
    expect(error.message).toMatch(/→ at data\.width/);
    expect(error.message).toMatch(/→ at data\.format/);
  });

  it('rejects a missing field of a nested object, naming its full path', () => {
    const { price: _price, ...withoutPrice } = samples.ReservationConfirmed;

    expect(() => ReservationConfirmed.build(withoutPrice as never, metadata)).toThrow(
      /→ at data\.price/,
    );
  });

  it('rejects metadata without a correlation id', () => {
    expect(() =>
      ReservationRequested.build(samples.ReservationRequested, { correlationId: '' }),
    ).toThrow(/→ at metadata\.correlationId/);
  });
});

describe('parse', () => {
  it('accepts an event as EventBridge delivers it and returns its id, time and typed detail', () => {
    const raw = deliveredReservationRequested();

    const received = ReservationRequested.parse(raw);

    expect(received).toEqual({
      id: raw.id,
      time: raw.time,
      source: 'booktrip.lex-fulfilment',
      detailType: 'Reservation Requested',
      detail: raw.detail,
    });
    expect(received.detail.data.price.amountCents).toBe(53_700);
  });

  it('rejects an event from another source', () => {
    const raw = { ...deliveredReservationRequested(), source: 'booktrip.image-flip' };

    expect(() => ReservationRequested.parse(raw)).toThrow(EventValidationError);
    expect(() => ReservationRequested.parse(raw)).toThrow(
      /Invalid Reservation Requested \(consume\)[\s\S]*→ at source/,
    );
  });

  it('rejects an event of another detail type', () => {
    const raw = { ...deliveredReservationRequested(), 'detail-type': 'Reservation Confirmed' };

    expect(() => ReservationRequested.parse(raw)).toThrow(/→ at \["detail-type"\]/);
  });

  it('rejects a detail that breaks the contract, naming the field', () => {
    const raw = deliveredReservationRequested();
    const detail = raw.detail as { data: { price: { amountCents: number } } };
    detail.data.price.amountCents = -1;

    expect(() => ReservationRequested.parse(raw)).toThrow(/→ at detail\.data\.price\.amountCents/);
  });

  it('rejects a detail without the metadata envelope', () => {
    const raw = { ...deliveredReservationRequested(), detail: samples.ReservationRequested };

    expect(() => ReservationRequested.parse(raw)).toThrow(/→ at detail\.metadata/);
  });

  it('rejects a detail of another schema version', () => {
    const raw = deliveredReservationRequested();
    (raw.detail as { metadata: { schemaVersion: string } }).metadata.schemaVersion = '2';

    expect(() => ReservationRequested.parse(raw)).toThrow(/→ at detail\.metadata\.schemaVersion/);
  });

  it('rejects something that is not an EventBridge event at all', () => {
    expect(() => ReservationRequested.parse(samples.ReservationRequested)).toThrow(
      EventValidationError,
    );
  });
});

describe('routing', () => {
  it('gives the rule pattern that selects exactly this contract', () => {
    expect(ReservationRequested.pattern).toEqual({
      source: ['booktrip.lex-fulfilment'],
      'detail-type': ['Reservation Requested'],
    });
  });

  it('tells whether an event claims to be this contract', () => {
    const raw = deliveredReservationRequested();

    expect(ReservationRequested.matches(raw)).toBe(true);
    expect(ReservationConfirmed.matches(raw)).toBe(false);
  });

  it('selects S3 Object Created events of one bucket, optionally under a key prefix', () => {
    expect(S3ObjectCreated.pattern('uploads-bucket')).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['uploads-bucket'] } },
    });
    expect(S3ObjectCreated.pattern('uploads-bucket', 'uploads/')).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['uploads-bucket'] }, object: { key: [{ prefix: 'uploads/' }] } },
    });
  });
});

function captureError(fn: () => unknown): EventValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error('expected an EventValidationError, nothing was thrown');
}
