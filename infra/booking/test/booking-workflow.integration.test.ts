import {
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { ReservationConfirmed, ReservationFailed, ReservationRequested } from '@booktrip/events';
import type { DynamoSender } from '@booktrip/local-cloud';
import { carReservationRequest, eventBridgeEvent, rawEventBridgeEvent } from '@booktrip/test-kit';
import { BookingStates } from '../src/booking-workflow';
import { ReservationKeys } from '../src/reservations-table';
import { synthesizeBookingStack } from './support/synth';
import { BUS_NAME, WorkflowHarness } from './support/workflow-harness';

jest.setTimeout(60_000);

const request = carReservationRequest('0b9d8c7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e');
const ids = { correlationId: 'corr-booking-1', conversationId: 'conv-booking-1' };

let harness: WorkflowHarness;

beforeAll(async () => {
  const { template } = synthesizeBookingStack();
  harness = await WorkflowHarness.start(template.toJSON() as never);
});
afterAll(() => harness?.stop());
beforeEach(() => harness.reset());

/** A DynamoDB client wrapper whose first PutItem is throttled, counting PutItem calls. */
function throttledOnce() {
  const calls = { puts: 0 };
  const wrap = (real: DynamoSender): DynamoSender => ({
    send: async (command) => {
      if (command instanceof PutItemCommand && calls.puts++ === 0) {
        throw new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput was exceeded',
          $metadata: {},
        });
      }
      return real.send(command);
    },
  });
  return { calls, wrap };
}

describe('the booking workflow, run locally from the synthesized definition', () => {
  it('stores a valid request once and announces it with Reservation Confirmed', async () => {
    const event = eventBridgeEvent(ReservationRequested, request, ids);

    await harness.run(event);

    const [item, ...others] = await harness.reservations();
    expect(others).toHaveLength(0);
    expect(item).toMatchObject({
      PK: { S: `RES#${request.reservationId}` },
      GSI1PK: { S: 'CONV#conv-booking-1' },
      reservationId: { S: request.reservationId },
      eventId: { S: event.id },
      correlationId: { S: 'corr-booking-1' },
      kind: { S: 'car' },
      amountCents: { N: '17400' },
      currency: { S: 'USD' },
    });
    expect(JSON.parse(item?.details?.S ?? '')).toEqual(request.reservation);
    expect(item?.createdAt?.S).toBe(item?.GSI1SK?.S);
    expect(harness.bus.events.map((e) => e.eventBusName)).toEqual([BUS_NAME]);
    const [confirmed, ...moreConfirmed] = harness.bus.ofType(ReservationConfirmed);
    expect(moreConfirmed).toHaveLength(0);
    expect(confirmed).toEqual({
      metadata: {
        correlationId: 'corr-booking-1',
        conversationId: 'conv-booking-1',
        producedAt: expect.any(String),
        schemaVersion: '1',
      },
      data: request,
    });
    expect(harness.bus.ofType(ReservationFailed)).toEqual([]);
  });

  it('lists the reservation under its conversation through the GSI', async () => {
    await harness.run(eventBridgeEvent(ReservationRequested, request, ids));

    const { indexName, partitionKey } = ReservationKeys.byConversation;
    const output = await harness.client.send(
      new QueryCommand({
        TableName: harness.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :conversation',
        ExpressionAttributeNames: { '#pk': partitionKey },
        ExpressionAttributeValues: { ':conversation': { S: 'CONV#conv-booking-1' } },
      }),
    );

    expect(output.Items?.map((item) => item.reservationId?.S)).toEqual([request.reservationId]);
  });

  it('books a replayed event once and confirms it once', async () => {
    const event = eventBridgeEvent(ReservationRequested, request, ids);

    await harness.run(event);
    await harness.run(event);

    expect(await harness.reservations()).toHaveLength(1);
    expect(harness.bus.ofType(ReservationConfirmed)).toHaveLength(1);
    expect(harness.bus.ofType(ReservationFailed)).toEqual([]);
  });

  it('books once when the same event is delivered twice at the same time', async () => {
    const event = eventBridgeEvent(ReservationRequested, request, ids);

    await Promise.all([harness.run(event), harness.run(event)]);

    expect(await harness.reservations()).toHaveLength(1);
    expect(harness.bus.ofType(ReservationConfirmed)).toHaveLength(1);
  });

  it('books once when the producer re-sends the request as a new event', async () => {
    const first = eventBridgeEvent(ReservationRequested, request, ids);
    const resent = eventBridgeEvent(ReservationRequested, request, ids);

    await harness.run(first);
    await harness.run(resent);

    const items = await harness.reservations();
    expect(items.map((item) => item.eventId?.S)).toEqual([first.id]);
    expect(harness.bus.ofType(ReservationConfirmed)).toHaveLength(1);
  });

  it('answers an invalid request with Reservation Failed (INVALID_REQUEST) and stores nothing', async () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: { ...ids, producedAt: '2026-11-24T10:00:00Z', schemaVersion: '1' },
        data: { ...request, reservation: { ...request.reservation, driverAge: 16 } },
      },
    );

    await harness.run(event);

    expect(await harness.reservations()).toEqual([]);
    expect(harness.bus.ofType(ReservationConfirmed)).toEqual([]);
    expect(harness.bus.ofType(ReservationFailed)).toEqual([
      {
        metadata: {
          correlationId: 'corr-booking-1',
          conversationId: 'conv-booking-1',
          producedAt: expect.any(String),
          schemaVersion: '1',
        },
        data: {
          reservationId: request.reservationId,
          reason: 'INVALID_REQUEST',
          message: expect.stringContaining('data.reservation.driverAge'),
        },
      },
    ]);
  });

  it('refuses a car returned before its pick-up day: Reservation Failed with the reason, nothing stored', async () => {
    const event = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: { ...ids, producedAt: '2026-11-24T10:00:00.000Z', schemaVersion: '1' },
        data: { ...request, reservation: { ...request.reservation, returnDate: '2026-11-28' } },
      },
    );

    await harness.run(event);

    expect(await harness.reservations()).toEqual([]);
    expect(harness.bus.ofType(ReservationConfirmed)).toEqual([]);
    expect(harness.bus.ofType(ReservationFailed)).toEqual([
      expect.objectContaining({
        data: {
          reservationId: request.reservationId,
          reason: 'INVALID_REQUEST',
          message:
            'The reservation request is invalid: detail.data.reservation.returnDate: must be after pickUpDate',
        },
      }),
    ]);
  });

  it('does not book the same reservation again under its id in upper case', async () => {
    await harness.run(eventBridgeEvent(ReservationRequested, request, ids));
    const shouted = rawEventBridgeEvent(
      ReservationRequested.source,
      ReservationRequested.detailType,
      {
        metadata: { ...ids, producedAt: '2026-11-24T10:00:00.000Z', schemaVersion: '1' },
        data: { ...request, reservationId: request.reservationId.toUpperCase() },
      },
    );

    await harness.run(shouted);

    const items = await harness.reservations();
    expect(items.map((item) => item.PK?.S)).toEqual([`RES#${request.reservationId}`]);
    expect(harness.bus.ofType(ReservationConfirmed)).toHaveLength(1);
    const [failed, ...more] = harness.bus.ofType(ReservationFailed);
    expect(more).toEqual([]);
    expect(failed?.data).toEqual({
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining('must be a lower-case UUID'),
    });
  });

  it('retries a throttled write with backoff and then books normally', async () => {
    const throttled = throttledOnce();

    await harness.run(eventBridgeEvent(ReservationRequested, request, ids), {
      dynamodb: throttled.wrap,
      retryIntervalOverrides: { [BookingStates.save]: 0 },
    });

    expect(throttled.calls.puts).toBe(2);
    expect(await harness.reservations()).toHaveLength(1);
    expect(harness.bus.ofType(ReservationConfirmed)).toHaveLength(1);
    expect(harness.bus.ofType(ReservationFailed)).toEqual([]);
  });

  it('reports STORAGE_FAILED and fails the execution when the table cannot be written', async () => {
    const missingTable = (): DynamoSender => ({
      send: async () => {
        throw new ResourceNotFoundException({
          message: 'Requested resource not found',
          $metadata: {},
        });
      },
    });

    const execution = harness.run(eventBridgeEvent(ReservationRequested, request, ids), {
      dynamodb: missingTable,
    });

    await expect(execution).rejects.toMatchObject({
      cause: { name: 'ReservationFailed', message: 'STORAGE_FAILED' },
    });
    expect(harness.bus.ofType(ReservationConfirmed)).toEqual([]);
    expect(harness.bus.ofType(ReservationFailed)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          reservationId: request.reservationId,
          reason: 'STORAGE_FAILED',
        }),
      }),
    ]);
  });

  describe('when the validate step keeps failing', () => {
    /** A validate function that is always throttled, counting its invocations. */
    function overloaded() {
      const calls = { invocations: 0 };
      const lambda = async () => {
        calls.invocations++;
        throw Object.assign(new Error('Rate exceeded'), {
          name: 'Lambda.TooManyRequestsException',
        });
      };
      return { calls, lambda };
    }
    const crashOptions = (lambda: () => Promise<never>) => ({
      lambda,
      retryIntervalOverrides: { [BookingStates.validate]: 0 },
    });
    const internalError = { reason: 'INTERNAL_ERROR', message: expect.any(String) };

    it('reports INTERNAL_ERROR in the request’s conversation and trace, and fails the execution', async () => {
      const validate = overloaded();

      const execution = harness.run(
        eventBridgeEvent(ReservationRequested, request, ids),
        crashOptions(validate.lambda),
      );

      await expect(execution).rejects.toMatchObject({
        cause: { name: 'ReservationFailed', message: 'INTERNAL_ERROR' },
      });
      expect(validate.calls.invocations).toBe(4);
      expect(await harness.reservations()).toEqual([]);
      expect(harness.bus.ofType(ReservationConfirmed)).toEqual([]);
      expect(harness.bus.ofType(ReservationFailed)).toEqual([
        {
          metadata: {
            correlationId: 'corr-booking-1',
            conversationId: 'conv-booking-1',
            producedAt: expect.any(String),
            schemaVersion: '1',
          },
          data: internalError,
        },
      ]);
    });

    it('reports INTERNAL_ERROR correlated by the event id when the request has no metadata', async () => {
      const event = rawEventBridgeEvent(
        ReservationRequested.source,
        ReservationRequested.detailType,
        { data: request },
      );

      const execution = harness.run(event, crashOptions(overloaded().lambda));

      await expect(execution).rejects.toMatchObject({
        cause: { name: 'ReservationFailed', message: 'INTERNAL_ERROR' },
      });
      expect(harness.bus.ofType(ReservationFailed)).toEqual([
        {
          metadata: { correlationId: event.id, producedAt: expect.any(String), schemaVersion: '1' },
          data: internalError,
        },
      ]);
    });

    it('falls back to the event id when the request’s ids are not usable strings', async () => {
      const event = rawEventBridgeEvent(
        ReservationRequested.source,
        ReservationRequested.detailType,
        { metadata: { correlationId: 42, conversationId: '' }, data: request },
      );

      const execution = harness.run(event, crashOptions(overloaded().lambda));

      await expect(execution).rejects.toMatchObject({
        cause: { name: 'ReservationFailed', message: 'INTERNAL_ERROR' },
      });
      expect(harness.bus.ofType(ReservationFailed)).toEqual([
        {
          metadata: { correlationId: event.id, producedAt: expect.any(String), schemaVersion: '1' },
          data: internalError,
        },
      ]);
    });
  });
});
