import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { IdExtractor } from './event-ids';
import { validateInput } from './invalid-input';
import { logger, metrics, tracer } from './powertools';

import { HANDLER_ERROR_METRIC } from './definition';

export interface HandlerOptions<TSchema extends z.ZodType, TResult> {
  /** Validates the raw event; the business function receives the parsed value. */
  schema: TSchema;
  /** Correlation id from the raw event (see `correlationIdOf`); defaults to the request id. */
  correlationId?: IdExtractor;
  /** Conversation id from the raw event (see `conversationIdOf`); logged and annotated. */
  conversationId?: IdExtractor;
  /**
   * The error policy. Every error (an InvalidInputError for an event that fails `schema`, or
   * whatever the business function threw) is logged with the correlation id and counted in the
   * `HandlerErrors` metric first; then, if this returns a value, that value is the response
   * (e.g. a Lex `Close` or an HTTP 400). Returning undefined, or omitting it, rethrows so that
   * Lambda's retries, DLQs and Step Functions' Catch see the failure. `event` is the raw event
   * for an InvalidInputError, the parsed one otherwise.
   */
  onError?: (error: Error, event: unknown) => TResult | undefined;
}

/** The ids the wrapper resolved for this invocation, as it logged and annotated them. */
export interface ResolvedIds {
  /** From the event (see `correlationId`), else the Lambda request id. */
  correlationId: string;
  conversationId?: string;
}

export type BusinessFunction<TSchema extends z.ZodType, TResult> = (
  event: z.output<TSchema>,
  context: Context,
  ids: ResolvedIds,
) => Promise<TResult>;

type Middleware<TResult> = MiddlewareObj<unknown, TResult, Error, Context>;

/**
 * The one way to write a BookTrip Lambda handler: middy with Powertools Logger (context,
 * correlation id), Tracer (handler subsegment, `conversationId`/`correlationId` annotations),
 * Metrics (cold start, flushed on every exit), zod validation, and the error policy above.
 *
 * Order matters: middy runs `before` top-down and `after`/`onError` bottom-up. So the ids are
 * set before validation (a rejected event is still logged with its correlation id), and the
 * error policy runs first on the way out, while the ids are still on the logger and before
 * metrics are flushed and the trace segment is closed.
 */
export function createHandler<TSchema extends z.ZodType, TResult>(
  options: HandlerOptions<TSchema, TResult>,
  fn: BusinessFunction<TSchema, TResult>,
) {
  return middy<unknown, TResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true, throwOnEmptyMetrics: false }))
    .use(eventIds(options))
    .use(errorPolicy(options))
    .use(validateInput<TResult>(options.schema))
    .handler((event, context) =>
      fn(event as z.output<TSchema>, context, resolved.get(context) ?? fallbackIds(context)),
    );
}

// The ids of the invocation in flight, keyed by its context: one container runs one at a time.
const resolved = new WeakMap<Context, ResolvedIds>();
const fallbackIds = (context: Context): ResolvedIds => ({ correlationId: context.awsRequestId });

function eventIds<TSchema extends z.ZodType, TResult>(
  options: HandlerOptions<TSchema, TResult>,
): Middleware<TResult> {
  return {
    before: ({ event, context }) => {
      const correlationId = options.correlationId?.(event) ?? context.awsRequestId;
      const conversationId = options.conversationId?.(event);
      resolved.set(context, { correlationId, ...(conversationId ? { conversationId } : {}) });
      logger.setCorrelationId(correlationId);
      tracer.putAnnotation('correlationId', correlationId);
      if (conversationId) {
        logger.appendKeys({ conversationId });
        tracer.putAnnotation('conversationId', conversationId);
      }
    },
  };
}

/**
 * Logs, counts (`HandlerErrors`) and traces an error exactly as the error policy does, for
 * business code that recovers from it and still answers (a polite reply, a partial result).
 */
export function reportHandledError(error: Error): void {
  logger.error('handler failed', error);
  tracer.addErrorAsMetadata(error);
  metrics.addMetric(HANDLER_ERROR_METRIC, MetricUnit.Count, 1);
}

function errorPolicy<TSchema extends z.ZodType, TResult>(
  options: HandlerOptions<TSchema, TResult>,
): Middleware<TResult> {
  return {
    onError: (request) => {
      const error = request.error ?? new Error('unknown error');
      // The trace gets the error from the tracer middleware, which sees it after this one.
      logger.error('handler failed', error);
      metrics.addMetric(HANDLER_ERROR_METRIC, MetricUnit.Count, 1);
      const mapped = options.onError?.(error, request.event);
      // Setting the response without returning it lets the other onError middlewares (metrics
      // flush, trace segment close) still run; middy then returns it instead of throwing.
      if (mapped !== undefined) request.response = mapped;
    },
  };
}
