export { createHandler, HANDLER_ERROR_METRIC } from './create-handler';
export type { BusinessFunction, HandlerOptions } from './create-handler';
export { InvalidInputError } from './invalid-input';
export { correlationIdOf, conversationIdOf, CORRELATION_HEADER } from './event-ids';
export type { IdExtractor } from './event-ids';
export { logger, metrics, tracer, traced } from './powertools';
export { MetricUnit } from '@aws-lambda-powertools/metrics';
