import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { EventValidationError } from './errors';
import { MetadataSchema, SCHEMA_VERSION, type MetadataInput } from './metadata';

/** An event ready for `publish`: validated, with its routing fields. */
export interface OutgoingEvent<TDetail = unknown> {
  readonly source: string;
  readonly detailType: string;
  readonly detail: TDetail;
}

/** A consumed event after validation: what a handler works with. */
export interface ReceivedEvent<TDetail> {
  readonly id: string;
  readonly time: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: TDetail;
}

/**
 * One object per event: everything else (the TypeScript type, the rule pattern, the publisher's
 * validation, the consumer's parser, the JSON Schema) derives from it, so they cannot drift.
 */
export function defineEvent<
  const TSource extends string,
  const TDetailType extends string,
  TData extends z.ZodType,
>(source: TSource, detailType: TDetailType, data: TData) {
  const detail = z.object({ metadata: MetadataSchema, data });
  type Detail = z.infer<typeof detail>;

  const eventSchema = EventBridgeSchema.extend({
    source: z.literal(source),
    'detail-type': z.literal(detailType),
    detail,
  });

  return {
    source,
    detailType,
    data,
    detail,
    /** The full EventBridge event, for the Powertools parser or an SQS body. */
    eventSchema,
    /** The rule pattern that selects exactly this event. */
    pattern: { source: [source], 'detail-type': [detailType] } as {
      source: [TSource];
      'detail-type': [TDetailType];
    },

    /** Builds and validates an event; throws EventValidationError before anything is sent. */
    build(input: z.input<TData>, metadata: MetadataInput): OutgoingEvent<Detail> {
      const candidate = {
        metadata: {
          ...metadata,
          producedAt: metadata.producedAt ?? new Date().toISOString(),
          schemaVersion: SCHEMA_VERSION,
        },
        data: input,
      };
      return { source, detailType, detail: check(detail, candidate, `${detailType} (publish)`) };
    },

    /** Validates a consumed EventBridge event; a wrong source, type or shape is an error. */
    parse(event: unknown): ReceivedEvent<Detail> {
      const parsed = check(eventSchema, event, `${detailType} (consume)`);
      return {
        id: parsed.id,
        time: parsed.time,
        source: parsed.source,
        detailType: parsed['detail-type'],
        detail: parsed.detail as Detail,
      };
    },

    /** True when the event claims to be this contract (source and detail type), valid or not. */
    matches(event: { source?: unknown; 'detail-type'?: unknown }): boolean {
      return event.source === source && event['detail-type'] === detailType;
    },
  };
}

export type EventContract = ReturnType<typeof defineEvent>;
/** The `detail` type of a contract. */
export type DetailOf<C extends { detail: z.ZodType }> = z.infer<C['detail']>;
/** The `data` type of a contract. */
export type DataOf<C extends { data: z.ZodType }> = z.infer<C['data']>;

function check<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new EventValidationError(
      `Invalid ${what}: ${z.prettifyError(result.error)}`,
      result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    );
  }
  return result.data;
}
