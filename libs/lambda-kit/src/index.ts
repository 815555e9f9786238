export { createHandler, reportHandledError } from './create-handler';
export type { BusinessFunction, HandlerOptions, ResolvedIds } from './create-handler';
export {
  EnvironmentError,
  environmentOnce,
  HANDLER_ERROR_METRIC,
  readEnvironment,
} from './definition';
export type { EnvironmentOf, EnvironmentSpec, EnvironmentVariable } from './definition';
export { InvalidInputError } from './invalid-input';
export { correlationIdOf, conversationIdOf, CORRELATION_HEADER } from './event-ids';
export type { IdExtractor } from './event-ids';
export { logger, metrics, tracer, traced } from './powertools';
export { MetricUnit } from '@aws-lambda-powertools/metrics';
