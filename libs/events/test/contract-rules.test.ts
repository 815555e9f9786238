import {
  CarReservationSchema,
  EventValidationError,
  ImageRejected,
  MetadataSchema,
  ReservationConfirmed,
  ReservationFailed,
  ReservationRequested,
  isPrintable,
  printable,
  quoted,
} from '../src';
import { deliveredEvent, samples } from './samples';

const metadata = { correlationId: 'corr-rules', conversationId: 'conv-rules' };

const car = {
  kind: 'car',
  pickUpCity: 'Chicago',
  pickUpDate: '2026-12-18',
  returnDate: '2026-12-21',
  driverAge: 34,
  carType: 'midsize',
} as const;

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof EventValidationError) {
      return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    }
    throw error;
  }
  return [];
};

const requestFor = (
  reservation: object,
  reservationId = samples.ReservationRequested.reservationId,
) =>
  deliveredEvent({
    Source: ReservationRequested.source,
    DetailType: ReservationRequested.detailType,
    Detail: JSON.stringify({
      metadata: { ...metadata, producedAt: '2026-11-24T21:30:15.123Z', schemaVersion: '1' },
      data: { ...samples.ReservationRequested, reservationId, reservation },
    }),
  });

describe('a car reservation', () => {
  it.each([
    ['returned the day before pick-up', '2026-12-17', 'must be after pickUpDate'],
    ['returned on the pick-up day', '2026-12-18', 'must be after pickUpDate'],
    ['returned 31 days after pick-up', '2027-01-18', 'must be at most 30 days after pickUpDate'],
    ['returned a year before pick-up', '2025-12-18', 'must be after pickUpDate'],
  ])('is refused by every contract that carries it when %s', (_case, returnDate, message) => {
    const reservation = { ...car, returnDate };

    const onConsume = issuesOf(() => ReservationRequested.parse(requestFor(reservation)));
    const onPublish = issuesOf(() =>
      ReservationConfirmed.build({ ...samples.ReservationConfirmed, reservation }, metadata),
    );

    expect(onConsume).toEqual([`detail.data.reservation.returnDate: ${message}`]);
    expect(onPublish).toEqual([`data.reservation.returnDate: ${message}`]);
  });

  it('is accepted from one day up to 30 days', () => {
    expect(CarReservationSchema.safeParse({ ...car, returnDate: '2026-12-19' }).success).toBe(true);
    expect(CarReservationSchema.safeParse({ ...car, returnDate: '2027-01-17' }).success).toBe(true);
  });

  it('counts days across a month end and a leap day', () => {
    const leap = { ...car, pickUpDate: '2028-02-28', returnDate: '2028-03-29' };

    expect(issuesOf(() => CarReservationSchema.parse(leap))).toEqual([]);
    expect(CarReservationSchema.safeParse({ ...leap, returnDate: '2028-03-30' }).success).toBe(
      false,
    );
  });
});

describe('a reservation id', () => {
  const id = samples.ReservationRequested.reservationId;

  it('is refused in upper case, so the same booking cannot get a second spelling', () => {
    const issues = issuesOf(() =>
      ReservationRequested.parse(
        requestFor(samples.ReservationRequested.reservation, id.toUpperCase()),
      ),
    );

    expect(issues).toEqual([
      'detail.data.reservationId: must be a lower-case UUID (the canonical form)',
    ]);
  });

  it('is refused in mixed case in a confirmation and a failure too', () => {
    const mixed = `${id.slice(0, 8).toUpperCase()}${id.slice(8)}`;

    expect(() =>
      ReservationConfirmed.build(
        { ...samples.ReservationConfirmed, reservationId: mixed },
        metadata,
      ),
    ).toThrow(EventValidationError);
    expect(() =>
      ReservationFailed.build({ ...samples.ReservationFailed, reservationId: mixed }, metadata),
    ).toThrow(EventValidationError);
  });

  it('is accepted as crypto.randomUUID() writes it', () => {
    const fresh = crypto.randomUUID();

    expect(
      ReservationRequested.parse(requestFor(samples.ReservationRequested.reservation, fresh)).detail
        .data.reservationId,
    ).toBe(fresh);
  });
});

describe('producedAt', () => {
  const parse = (producedAt: string) =>
    MetadataSchema.safeParse({ ...metadata, producedAt, schemaVersion: '1' });

  it.each([
    ['an extreme year with an offset', '9999-12-31T23:59:59.999-23:59'],
    ['year 0000 with an offset that moves it to year -1', '0000-01-01T00:00:00.000+01:00'],
    ['an ordinary time with an offset', '2026-11-24T20:00:00+01:00'],
    ['the year 9999 in UTC', '9999-12-31T23:59:59.999Z'],
    ['the year 1999', '1999-12-31T23:59:59.999Z'],
    ['a date without a time', '2026-11-24'],
    ['a time without seconds', '2026-11-24T20:00Z'],
    ['a local time without a zone', '2026-11-24T20:00:00'],
  ])('refuses %s', (_case, producedAt) => {
    expect(parse(producedAt).success).toBe(false);
  });

  it.each([
    ['keeps the normalised form as it is', '2026-11-24T21:30:15.123Z', '2026-11-24T21:30:15.123Z'],
    ['adds milliseconds to whole seconds', '2026-11-24T21:30:15Z', '2026-11-24T21:30:15.000Z'],
    [
      'cuts microseconds to milliseconds',
      '2026-11-24T21:30:15.123456Z',
      '2026-11-24T21:30:15.123Z',
    ],
  ])('%s', (_case, producedAt, normalised) => {
    expect(parse(producedAt).data?.producedAt).toBe(normalised);
  });

  it('reaches the consumer in the normalised form, whatever precision the producer wrote', () => {
    const event = deliveredEvent({
      Source: ReservationRequested.source,
      DetailType: ReservationRequested.detailType,
      Detail: JSON.stringify({
        metadata: { ...metadata, producedAt: '2026-11-24T21:30:15.5Z', schemaVersion: '1' },
        data: samples.ReservationRequested,
      }),
    });

    expect(ReservationRequested.parse(event).detail.metadata.producedAt).toBe(
      '2026-11-24T21:30:15.500Z',
    );
  });
});

describe('text shown to a person', () => {
  it('escapes a terminal escape sequence and other control characters', () => {
    expect(printable('\u001b[31mred\u001b[0m\r\n\u0000\u007f\u009b', 100)).toBe(
      '\\x1B[31mred\\x1B[0m\\x0D\\x0A\\x00\\x7F\\x9B',
    );
  });

  it('escapes bidirectional overrides, separators and lone surrogates', () => {
    expect(printable('abc\u202Egpj.exe\u2028\uD800', 100)).toBe('abc\\u202Egpj.exe\\u2028\\uD800');
  });

  it('keeps accents, emoji and CJK as they are', () => {
    expect(printable('Zürich 🏨 東京', 100)).toBe('Zürich 🏨 東京');
  });

  it('clips to the limit with an ellipsis, never cutting an escape or an emoji in half', () => {
    expect(printable('a'.repeat(10_000), 40)).toBe(`${'a'.repeat(39)}…`);
    expect(printable(`abc${'\u001b'.repeat(10)}`, 10)).toBe('abc\\x1B…');
    expect(printable('🏨🏨🏨', 5)).toBe('🏨🏨…');
    expect(printable('x'.repeat(2_000), 1024)).toHaveLength(1024);
  });

  it('quotes a short excerpt', () => {
    expect(quoted(`${'k'.repeat(10_000)}\u001b`)).toBe(`"${'k'.repeat(39)}…"`);
  });

  it('is what an Image Rejected or Reservation Failed message must be', () => {
    const rejected = () =>
      ImageRejected.build(
        { ...samples.ImageRejected, message: 'unknown WebP chunk "\u001b]0;pwned\u0007"' },
        metadata,
      );
    const failed = () =>
      ReservationFailed.build({ ...samples.ReservationFailed, message: 'bad\u202Etxt' }, metadata);

    expect(issuesOf(rejected)).toEqual([
      'data.message: must be printable text (no control characters)',
    ]);
    expect(issuesOf(failed)).toEqual([
      'data.message: must be printable text (no control characters)',
    ]);
    expect(isPrintable(printable('unknown WebP chunk "\u001b]0;pwned\u0007"', 1024))).toBe(true);
  });
});
