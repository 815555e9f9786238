import { ReservationRequested } from '@booktrip/events';
import { eventBridgeEvent, lambdaContext } from '@booktrip/test-kit';
import { z } from 'zod';
import type * as LambdaKit from '../src';
import { captureOutput, LAMBDA_ENV } from './output';

type Kit = typeof LambdaKit;

const savedEnv = { ...process.env };
let output: ReturnType<typeof captureOutput>;

/**
 * A fresh copy of lambda-kit, as a new Lambda execution environment loads it: Powertools reads
 * env when the module is imported, and the cold start is per instance.
 */
function loadKit(): Kit {
  Object.assign(process.env, LAMBDA_ENV);
  let loaded: Kit | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<Kit>('../src');
  });
  if (!loaded) throw new Error('lambda-kit did not load');
  return loaded;
}

/** One execution environment shared by the tests that do not look at cold starts. */
const kit = loadKit();

beforeEach(() => {
  output = captureOutput();
});

afterEach(() => {
  output.restore();
  process.env = { ...savedEnv };
});

const reservation = {
  reservationId: '0b7e4d7a-3f9c-4c1e-9d2b-5a6f7e8d9c0b',
  reservation: {
    kind: 'hotel' as const,
    location: 'Chicago',
    checkInDate: '2026-12-18',
    nights: 3,
    roomType: 'king' as const,
  },
  price: { amountCents: 53_700, currency: 'USD' as const },
};

function reservationRequested() {
  return eventBridgeEvent(ReservationRequested, reservation, {
    correlationId: 'corr-from-event',
    conversationId: 'conv-from-event',
  });
}

/** A handler of Reservation Requested events that logs one line and returns the price. */
function reservationHandler(env: Kit, onError?: (error: Error) => number | undefined) {
  const business = jest.fn(async (event: z.output<typeof ReservationRequested.eventSchema>) => {
    env.logger.info('booking reservation', { reservationId: event.detail.data.reservationId });
    return event.detail.data.price.amountCents;
  });
  const handler = env.createHandler(
    {
      schema: ReservationRequested.eventSchema,
      correlationId: env.correlationIdOf.eventBridge,
      conversationId: env.conversationIdOf.eventBridge,
      onError,
    },
    business,
  );
  return { handler, business };
}

function logLine(message: string) {
  const line = output.logs().find((log) => log.message === message);
  if (!line) throw new Error(`no log line "${message}" in ${JSON.stringify(output.logs())}`);
  return line;
}

describe('a handler built with createHandler', () => {
  it('gives the business function the parsed event and returns its result', async () => {
    const { handler, business } = reservationHandler(kit);
    const event = reservationRequested();

    const result = await handler(event, lambdaContext());

    expect(result).toBe(53_700);
    expect(business).toHaveBeenCalledWith(
      expect.objectContaining({ id: event.id, detail: event.detail }),
      expect.objectContaining({ awsRequestId: lambdaContext().awsRequestId }),
      { correlationId: 'corr-from-event', conversationId: 'conv-from-event' },
    );
  });

  it('hands the request id as correlation id when the event names none', async () => {
    const business = jest.fn(async () => 'ok');
    const handler = kit.createHandler({ schema: z.object({}) }, business);

    await handler({}, lambdaContext());

    expect(business).toHaveBeenCalledWith({}, expect.anything(), {
      correlationId: lambdaContext().awsRequestId,
    });
  });

  describe('logs', () => {
    it('carry the correlation id and conversation id of an EventBridge event', async () => {
      const { handler } = reservationHandler(kit);

      await handler(reservationRequested(), lambdaContext());

      expect(logLine('booking reservation')).toMatchObject({
        level: 'INFO',
        service: 'lambda-kit-test',
        correlation_id: 'corr-from-event',
        conversationId: 'conv-from-event',
        function_request_id: lambdaContext().awsRequestId,
        reservationId: reservation.reservationId,
      });
    });

    it('take the correlation id from the x-correlation-id header, whatever its case', async () => {
      const handler = kit.createHandler(
        {
          schema: z.object({ headers: z.record(z.string(), z.string()) }),
          correlationId: kit.correlationIdOf.apiGateway,
          conversationId: kit.conversationIdOf.apiGateway,
        },
        async () => {
          kit.logger.info('listing conversations');
          return { statusCode: 200, body: '[]' };
        },
      );
      const event = {
        headers: { 'X-Correlation-ID': 'corr-from-header' },
        pathParameters: { id: 'conv-from-path' },
        requestContext: { requestId: 'api-request-id' },
      };

      await handler(event, lambdaContext());

      expect(logLine('listing conversations')).toMatchObject({
        correlation_id: 'corr-from-header',
        conversationId: 'conv-from-path',
      });
    });

    it.each([
      ['the request attribute', { 'x-correlation-id': 'corr-from-page' }, 'corr-from-page'],
      ['the originating RecognizeText request id', undefined, 'recognize-text-request-id'],
    ])('take the correlation id of a Lex turn from %s', async (_, requestAttributes, expected) => {
      const handler = kit.createHandler(
        {
          schema: z.object({ sessionId: z.string(), inputTranscript: z.string() }),
          correlationId: kit.correlationIdOf.lex,
          conversationId: kit.conversationIdOf.lex,
        },
        async () => {
          kit.logger.info('turn handled');
          return { sessionState: { dialogAction: { type: 'Delegate' } } };
        },
      );
      const event = {
        sessionId: 'lex-session-1',
        inputTranscript: 'book a hotel',
        ...(requestAttributes ? { requestAttributes } : {}),
        sessionState: { originatingRequestId: 'recognize-text-request-id' },
      };

      await handler(event, lambdaContext());

      expect(logLine('turn handled')).toMatchObject({
        correlation_id: expected,
        conversationId: 'lex-session-1',
      });
    });

    it('fall back to the Lambda request id when the event carries no correlation id', async () => {
      const handler = kit.createHandler(
        {
          schema: z.object({ headers: z.record(z.string(), z.string()) }),
          correlationId: kit.correlationIdOf.apiGateway,
        },
        async () => kit.logger.info('no ids here'),
      );

      await handler({ headers: {} }, lambdaContext({ awsRequestId: 'lambda-request-id' }));

      expect(logLine('no ids here')).toMatchObject({ correlation_id: 'lambda-request-id' });
      expect(logLine('no ids here')).not.toHaveProperty('conversationId');
    });

    it('do not carry one invocation’s conversation id into the next', async () => {
      const { handler } = reservationHandler(kit);
      const systemEvent = eventBridgeEvent(ReservationRequested, reservation, {
        correlationId: 'corr-2',
      });

      await handler(reservationRequested(), lambdaContext());
      await handler(systemEvent, lambdaContext());

      const lines = output.logs().filter((log) => log.message === 'booking reservation');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ correlation_id: 'corr-2' });
      expect(lines[1]).not.toHaveProperty('conversationId');
    });
  });

  describe('cold start', () => {
    it('emits the ColdStart metric on the first invocation only', async () => {
      // A new execution environment: its first invocation is the cold start.
      const { handler } = reservationHandler(loadKit());

      await handler(reservationRequested(), lambdaContext());
      const afterFirst = output.metricNames();
      await handler(reservationRequested(), lambdaContext());
      await handler(reservationRequested(), lambdaContext());

      expect(afterFirst).toEqual([['ColdStart']]);
      expect(output.metricNames()).toEqual([['ColdStart']]);
      const [coldStart] = output.metrics();
      expect(coldStart).toMatchObject({
        ColdStart: 1,
        service: 'lambda-kit-test',
        function_name: lambdaContext().functionName,
      });
      expect(coldStart?._aws.CloudWatchMetrics[0]?.Namespace).toBe('BookTripTest');
    });

    it('marks only the first invocation’s logs as a cold start', async () => {
      const { handler } = reservationHandler(loadKit());

      await handler(reservationRequested(), lambdaContext());
      await handler(reservationRequested(), lambdaContext());

      const lines = output.logs().filter((log) => log.message === 'booking reservation');
      expect(lines.map((line) => line.cold_start)).toEqual([true, false]);
    });

    it('publishes no metrics blob for a warm invocation that records none', async () => {
      const { handler } = reservationHandler(loadKit());
      await handler(reservationRequested(), lambdaContext());
      const linesAfterColdStart = output.lines().length;

      await handler(reservationRequested(), lambdaContext());

      const newLines = output.lines().slice(linesAfterColdStart);
      expect(newLines).toContainEqual(expect.objectContaining({ message: 'booking reservation' }));
      expect(newLines.filter((line) => '_aws' in line)).toEqual([]);
    });
  });

  describe('errors', () => {
    function invalidEvent() {
      const event = reservationRequested();
      return {
        ...event,
        detail: { ...event.detail, data: { ...reservation, reservationId: 'x' } },
      };
    }

    it('reject invalid input with an InvalidInputError naming the field, without onError', async () => {
      const { handler, business } = reservationHandler(kit);

      const invoking = handler(invalidEvent(), lambdaContext());

      await expect(invoking).rejects.toBeInstanceOf(kit.InvalidInputError);
      await expect(invoking).rejects.toThrow(/Invalid UUID\s+→ at detail\.data\.reservationId/);
      expect(business).not.toHaveBeenCalled();
    });

    it('hand the zod parse error to onError and return what it returns', async () => {
      const onError = jest.fn((_error: Error) => -1);
      const { handler, business } = reservationHandler(kit, onError);
      const event = invalidEvent();

      const result = await handler(event, lambdaContext());

      expect(result).toBe(-1);
      expect(business).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledTimes(1);
      const [error] = onError.mock.calls[0] ?? [];
      if (!(error instanceof kit.InvalidInputError)) throw new Error(`onError got ${error}`);
      expect(error.zodError).toBeInstanceOf(z.ZodError);
      expect(error.zodError.issues.map((issue) => issue.path.join('.'))).toEqual([
        'detail.data.reservationId',
      ]);
    });

    it.each([
      ['rethrown without onError', undefined],
      ['mapped by onError', () => -1],
    ])(
      'are logged with the correlation id and counted in HandlerErrors when %s',
      async (_, onError) => {
        const { handler } = reservationHandler(kit, onError);

        await handler(invalidEvent(), lambdaContext()).catch(() => undefined);

        expect(logLine('handler failed')).toMatchObject({
          level: 'ERROR',
          correlation_id: 'corr-from-event',
          conversationId: 'conv-from-event',
          error: expect.objectContaining({
            name: 'InvalidInputError',
            message: expect.stringContaining('→ at detail.data.reservationId'),
          }),
        });
        expect(output.metrics()).toContainEqual(
          expect.objectContaining({ [kit.HANDLER_ERROR_METRIC]: 1, service: 'lambda-kit-test' }),
        );
      },
    );

    it('rethrow what the business function threw when onError returns undefined', async () => {
      const onError = jest.fn(() => undefined);
      const handler = kit.createHandler(
        { schema: z.object({}), onError },
        async (): Promise<string> => {
          throw new Error('table unavailable');
        },
      );

      await expect(handler({}, lambdaContext())).rejects.toThrow('table unavailable');

      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: 'table unavailable' }),
        {},
      );
      expect(logLine('handler failed')).toMatchObject({
        correlation_id: lambdaContext().awsRequestId,
        error: expect.objectContaining({ message: 'table unavailable' }),
      });
      expect(output.metricNames()).toContainEqual([kit.HANDLER_ERROR_METRIC]);
    });

    it('map what the business function threw to the response onError returns', async () => {
      const handler = kit.createHandler(
        {
          schema: z.object({}),
          onError: (error) => ({ statusCode: 500, body: `{"message":"${error.message}"}` }),
        },
        async (): Promise<{ statusCode: number; body: string }> => {
          throw new Error('table unavailable');
        },
      );

      const response = await handler({}, lambdaContext());

      expect(response).toEqual({ statusCode: 500, body: '{"message":"table unavailable"}' });
      expect(output.metricNames()).toContainEqual([kit.HANDLER_ERROR_METRIC]);
    });

    it('never log the event itself', async () => {
      const { handler } = reservationHandler(kit);

      await handler(invalidEvent(), lambdaContext()).catch(() => undefined);

      expect(JSON.stringify(output.lines())).not.toContain('Chicago');
    });
  });
});
