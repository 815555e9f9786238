import { SCHEMA_VERSION } from '../metadata';

/**
 * The `{ metadata, data }` envelope as a Step Functions (JSONPath) payload template, for the
 * states that publish or prepare an event without a Lambda. Plain data: `<field>.$` keys take
 * their value from the path, the others are literal, as in any JSONPath `Parameters`.
 */
export type JsonPathTemplate = { [key: string]: unknown };

/** When the state started: what `producedAt` is in an event a state builds. */
export const STATE_ENTERED_TIME = '$$.State.EnteredTime';

/** Where a state finds each metadata field. `producedAt: false` leaves it for a later state. */
export interface MetadataPaths {
  correlationId: string;
  conversationId?: string;
  producedAt?: string | false;
}

/** The metadata template: ids from their paths, the state's time, our schema version. */
export function metadataTemplate(paths: MetadataPaths): JsonPathTemplate {
  const producedAt = paths.producedAt ?? STATE_ENTERED_TIME;
  return {
    'correlationId.$': paths.correlationId,
    ...(paths.conversationId === undefined ? {} : { 'conversationId.$': paths.conversationId }),
    ...(producedAt === false ? {} : { 'producedAt.$': producedAt }),
    schemaVersion: SCHEMA_VERSION,
  };
}

/**
 * A whole envelope: the metadata from `paths`, and `data` either taken whole from a path
 * (`'$.reservation'`) or given as a template of its own.
 */
export function envelopeTemplate(
  paths: MetadataPaths,
  data: string | JsonPathTemplate,
): JsonPathTemplate {
  return {
    metadata: metadataTemplate(paths),
    ...(typeof data === 'string' ? { 'data.$': data } : { data }),
  };
}
