import { MetadataSchema } from '@booktrip/events';
import { correlationIdOf } from '@booktrip/lambda-kit';

/**
 * The client's correlation id (or Lex's request id) when event metadata can carry it. A client
 * may send any `x-correlation-id`; one the metadata would refuse (over 256 characters) would
 * make every event of the turn fail to build, so it is dropped and the caller falls back to
 * the Lambda request id.
 */
export function usableCorrelationId(event: unknown): string | undefined {
  const parsed = MetadataSchema.shape.correlationId.safeParse(correlationIdOf.lex(event));
  return parsed.success ? parsed.data : undefined;
}
