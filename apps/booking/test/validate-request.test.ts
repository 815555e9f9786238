import {
  MetadataSchema,
  ReservationConfirmed,
  ReservationFailed,
  ReservationRequested,
  type DataOf,
} from '@booktrip/events';
import { eventBridgeEvent, lambdaContext, rawEventBridgeEvent } from '@booktrip/test-kit';
import { handler, validateRequest } from '../src/validate-request';

const RESERVATION_ID = '6f1c2a9e-4b7d-4c1e-9a53-2f8e7d6c5b4a';

const hotelRequest: DataOf<typeof ReservationRequested> = {
  reservationId: RESERVATION_ID,
  reservation: {
    kind: 'hotel',
    location: 'Chicago',
    checkInDate: '2026-12-10',
    nights: 3,
    roomType: 'king',
  },
  price: { amountCents: 59_700, currency: 'USD' },
};

const ids = { correlationId: 'corr-123', conversationId: 'conv-456' };

/** The published detail as the workflow assembles it: the step's metadata plus producedAt. */
const stamped = <T extends object>(metadata: T) => ({
  ...metadata,
  producedAt: '2026-11-24T12:00:00.000Z',
});

describe('validateRequest', () => {
  it('accepts a valid request and returns the data and metadata the confirmation needs', () => {
    const event = eventBridgeEvent(ReservationRequested, hotelRequest, ids);

    const result = validateRequest(event);

    expect(result).toEqual({
      valid: true,
      eventId: event.id,
      reservation: hotelRequest,
      metadata: { correlationId: 'corr-123', conversationId: 'conv-456', schemaVersion: '1' },
    });
    if (!result.valid) throw new Error('expected a valid result');
    expect(() =>
      ReservationConfirmed.detail.parse({
        metadata: stamped(result.metadata),
        data: result.reservation,
      }),
    ).not.toThrow();
  });

  it('rejects data that breaks the contract, naming the field but not echoing its value', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: stamped({ ...ids, schemaVersion: '1' }),
        data: { ...hotelRequest, reservation: { ...hotelRequest.reservation, nights: 45 } },
      },
    );

    const result = validateRequest(event);

    expect(result).toEqual({
      valid: false,
      failure: {
        reservationId: RESERVATION_ID,
        reason: 'INVALID_REQUEST',
        message: expect.stringContaining('data.reservation.nights'),
      },
      metadata: { correlationId: 'corr-123', conversationId: 'conv-456', schemaVersion: '1' },
    });
    if (result.valid) throw new Error('expected an invalid result');
    expect(result.failure.message).not.toContain('45');
  });

  it('rejects an event of another type even when its data looks right', () => {
    const event = rawEventBridgeEvent(ReservationRequested.source, 'Reservation Wished', {
      metadata: stamped({ ...ids, schemaVersion: '1' }),
      data: hotelRequest,
    });

    const result = validateRequest(event);

    expect(result).toMatchObject({
      valid: false,
      failure: { reason: 'INVALID_REQUEST', message: expect.stringContaining('detail-type') },
    });
  });

  it('rejects a request that belongs to no conversation', () => {
    const event = eventBridgeEvent(ReservationRequested, hotelRequest, {
      correlationId: 'corr-123',
    });

    const result = validateRequest(event);

    expect(result).toEqual({
      valid: false,
      failure: {
        reservationId: RESERVATION_ID,
        reason: 'INVALID_REQUEST',
        message: 'The reservation request does not belong to a conversation.',
      },
      metadata: { correlationId: 'corr-123', schemaVersion: '1' },
    });
  });

  it('answers even a request without metadata, correlating the failure by the event id', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      { data: { reservationId: 42 } },
      { id: 'event-789' },
    );

    const result = validateRequest(event);

    if (result.valid) throw new Error('expected an invalid result');
    expect(result.metadata).toEqual({ correlationId: 'event-789', schemaVersion: '1' });
    expect(result.failure).not.toHaveProperty('reservationId');
    expect(() =>
      ReservationFailed.detail.parse({ metadata: stamped(result.metadata), data: result.failure }),
    ).not.toThrow();
    expect(() => MetadataSchema.parse(stamped(result.metadata))).not.toThrow();
  });

  it('keeps the conversation of a request whose correlation id is unusable, correlating by the event id', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: { correlationId: 'c'.repeat(257), conversationId: 'conv-456' },
        data: { ...hotelRequest, price: { amountCents: -1, currency: 'USD' } },
      },
      { id: 'event-789' },
    );

    const result = validateRequest(event);

    expect(result).toMatchObject({
      valid: false,
      failure: { reservationId: RESERVATION_ID, reason: 'INVALID_REQUEST' },
      metadata: { correlationId: 'event-789', conversationId: 'conv-456', schemaVersion: '1' },
    });
  });

  it('does not echo an implausibly long reservation id into the failure', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: stamped({ ...ids, schemaVersion: '1' }),
        data: { ...hotelRequest, reservationId: 'x'.repeat(5_000) },
      },
    );

    const result = validateRequest(event);

    if (result.valid) throw new Error('expected an invalid result');
    expect(result.failure).not.toHaveProperty('reservationId');
    expect(result.failure.message.length).toBeLessThanOrEqual(1024);
  });

  it('refuses a car whose return date is before its pick-up date, saying which rule it breaks', () => {
    const car = {
      kind: 'car',
      pickUpCity: 'Boston',
      pickUpDate: '2026-12-10',
      returnDate: '2026-12-08',
      driverAge: 40,
      carType: 'economy',
    } as const;
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: stamped({ ...ids, schemaVersion: '1' }),
        data: { ...hotelRequest, reservation: car },
      },
    );

    const result = validateRequest(event);

    expect(result).toEqual({
      valid: false,
      failure: {
        reservationId: RESERVATION_ID,
        reason: 'INVALID_REQUEST',
        message:
          'The reservation request is invalid: detail.data.reservation.returnDate: must be after pickUpDate',
      },
      metadata: { correlationId: 'corr-123', conversationId: 'conv-456', schemaVersion: '1' },
    });
  });

  it('refuses a reservation id in upper case and does not carry it into the failure', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: stamped({ ...ids, schemaVersion: '1' }),
        data: { ...hotelRequest, reservationId: RESERVATION_ID.toUpperCase() },
      },
    );

    const result = validateRequest(event);

    if (result.valid) throw new Error('expected an invalid result');
    expect(result.failure).toEqual({
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining('detail.data.reservationId: must be a lower-case UUID'),
    });
  });

  it('refuses a producedAt with an extreme year and offset', () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: { ...ids, producedAt: '9999-12-31T23:59:59.999-23:59', schemaVersion: '1' },
        data: hotelRequest,
      },
    );

    const result = validateRequest(event);

    expect(result).toMatchObject({
      valid: false,
      failure: { message: expect.stringContaining('detail.metadata.producedAt') },
    });
  });

  it('throws when the input is not an EventBridge event at all', () => {
    expect(() => validateRequest({ detail: {} })).toThrow(/not an EventBridge event/);
  });
});

describe('handler', () => {
  it('returns the validation result to the workflow through the Lambda wrapper', async () => {
    const event = eventBridgeEvent(ReservationRequested, hotelRequest, ids);

    const result = await handler(event, lambdaContext());

    expect(result).toMatchObject({ valid: true, reservation: hotelRequest });
  });

  it('returns an invalid request as a result, not an error', async () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: stamped({ ...ids, schemaVersion: '1' }),
        data: { ...hotelRequest, price: { amountCents: -1, currency: 'USD' } },
      },
    );

    const result = await handler(event, lambdaContext());

    expect(result).toMatchObject({
      valid: false,
      failure: {
        reason: 'INVALID_REQUEST',
        message: expect.stringContaining('data.price.amountCents'),
      },
    });
  });

  it('fails the invocation when the input has no event id, so the workflow can catch it', async () => {
    await expect(handler({ detail: {} }, lambdaContext())).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: expect.stringContaining('id'),
    });
  });
});
