import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

// One instance of each per process, configured from env that the ServiceFunction construct
// sets (POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL), never
// from code, so a service cannot disagree with its stack about its own name.
export const logger = new Logger();
export const tracer = new Tracer();
// Metrics' own warnings (a bad dimension, a missing namespace) go through the logger, so they
// are structured and carry the correlation id like every other line.
export const metrics = new Metrics({ logger });

/** Wraps an AWS SDK v3 client so each call becomes an X-Ray subsegment. Call at module scope. */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
