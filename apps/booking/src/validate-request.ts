import {
  EventValidationError,
  FAILURE_MESSAGE_MAX_LENGTH,
  MetadataSchema,
  ReservationIdSchema,
  ReservationRequested,
  SCHEMA_VERSION,
  printable,
  type DataOf,
  type ReservationFailed,
} from '@booktrip/events';
import { conversationIdOf, correlationIdOf, createHandler } from '@booktrip/lambda-kit';
import { z } from 'zod';

/**
 * The metadata of the events the workflow publishes, except `producedAt`, which the workflow
 * stamps itself (`$$.State.EnteredTime`) when it publishes.
 */
export interface OutgoingMetadata {
  correlationId: string;
  conversationId?: string;
  schemaVersion: typeof SCHEMA_VERSION;
}

export type ValidationResult =
  | {
      valid: true;
      /** The triggering event's id, stored with the reservation. */
      eventId: string;
      /** The request's data, exactly what *Reservation Confirmed* carries. */
      reservation: DataOf<typeof ReservationRequested>;
      metadata: OutgoingMetadata & { conversationId: string };
    }
  | {
      valid: false;
      /** The data of the *Reservation Failed* event, ready to publish. */
      failure: DataOf<typeof ReservationFailed> & { reason: 'INVALID_REQUEST' };
      metadata: OutgoingMetadata;
    };

/**
 * Checks a *Reservation Requested* event against its contract. An invalid request is a result,
 * not an exception: the workflow turns it into *Reservation Failed* (INVALID_REQUEST) instead
 * of retrying something that can never succeed.
 */
export function validateRequest(event: unknown): ValidationResult {
  let request: ReturnType<typeof ReservationRequested.parse>;
  try {
    request = ReservationRequested.parse(event);
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    return rejected(event, describeIssues(error));
  }
  const { correlationId, conversationId } = request.detail.metadata;
  // The reservations table indexes bookings by conversation, and the history service files
  // the outcome under it: a request from no conversation cannot be booked or answered.
  if (!conversationId) {
    return rejected(event, 'The reservation request does not belong to a conversation.');
  }
  return {
    valid: true,
    eventId: request.id,
    reservation: request.detail.data,
    metadata: { correlationId, conversationId, schemaVersion: SCHEMA_VERSION },
  };
}

/** `schema`, or undefined where the value does not fit: one broken part spoils nothing else. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/**
 * What a broken request can still tell: each id only when valid (a garbage or non-canonical
 * reservation id is not carried into the failure event), each independently of the rest.
 */
const SalvageableIds = lenient(
  z.object({
    id: lenient(z.string().min(1)),
    detail: lenient(
      z.object({
        metadata: lenient(
          z.object({
            correlationId: lenient(MetadataSchema.shape.correlationId),
            conversationId: lenient(MetadataSchema.shape.conversationId),
          }),
        ),
        data: lenient(z.object({ reservationId: lenient(ReservationIdSchema) })),
      }),
    ),
  }),
);

/**
 * The best metadata a broken request allows, so even its *Reservation Failed* reaches the
 * right conversation and trace: the request's ids when they are valid, else the event id.
 */
function rejected(event: unknown, message: string): ValidationResult {
  const ids = SalvageableIds.parse(event);
  const { reservationId } = ids?.detail?.data ?? {};
  const { correlationId = ids?.id, conversationId } = ids?.detail?.metadata ?? {};
  if (!correlationId) throw new Error('The workflow input is not an EventBridge event (no id)');
  return {
    valid: false,
    failure: {
      ...(reservationId ? { reservationId } : {}),
      reason: 'INVALID_REQUEST',
      // Printable and clipped: the page shows it as it is.
      message: printable(message, FAILURE_MESSAGE_MAX_LENGTH),
    },
    metadata: {
      correlationId,
      ...(conversationId ? { conversationId } : {}),
      schemaVersion: SCHEMA_VERSION,
    },
  };
}

/**
 * Field paths and zod's messages (the contract's rules included, e.g. "returnDate: must be
 * after pickUpDate"): says what to fix without echoing the user's values.
 */
function describeIssues(error: EventValidationError): string {
  const issues = error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`,
  );
  return `The reservation request is invalid: ${issues.join('; ')}`;
}

/**
 * What the rule delivers is always an EventBridge event; only its id is required to answer at
 * all (it is the idempotency key and the fallback correlation id). Everything else is checked
 * by `validateRequest`, which reports problems as a result.
 */
export const WorkflowInputSchema = z.looseObject({ id: z.string().min(1) });

export const handler = createHandler(
  {
    schema: WorkflowInputSchema,
    correlationId: correlationIdOf.eventBridge,
    conversationId: conversationIdOf.eventBridge,
  },
  async (event) => validateRequest(event),
);
