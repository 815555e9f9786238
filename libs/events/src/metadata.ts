import { z } from 'zod';
import { EventTimestamp } from './contracts/timestamp';

/** Version of the `{ metadata, data }` envelope; bump it only with a migration plan. */
export const SCHEMA_VERSION = '1';

export const MetadataSchema = z.object({
  /** Follows one user action across services, logs and traces. */
  correlationId: z.string().min(1).max(256),
  /** The chat this event belongs to (the Lex session id); absent for system events. */
  conversationId: z.string().min(1).max(100).optional(),
  /** UTC, normalised on parse to `YYYY-MM-DDTHH:mm:ss.sssZ` in 2000–2099 (contracts/timestamp). */
  producedAt: EventTimestamp,
  schemaVersion: z.literal(SCHEMA_VERSION),
});
export type Metadata = z.infer<typeof MetadataSchema>;

/** What a producer supplies; the rest is filled in when the event is built. */
export type MetadataInput = Pick<Metadata, 'correlationId' | 'conversationId'> & {
  producedAt?: string;
};
