import {
  EventValidationError,
  MetadataSchema,
  ReservationRequested,
  SCHEMA_VERSION,
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

/** ReservationFailed's `message` limit. */
const MAX_MESSAGE_LENGTH = 1024;
const MAX_ID_LENGTH = 100;

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

function rejected(event: unknown, message: string): ValidationResult {
  const reservationId = stringAt(event, 'detail', 'data', 'reservationId');
  return {
    valid: false,
    failure: {
      // Echoed only when plausible, so a garbage id is not carried into the failure event.
      ...(reservationId && reservationId.length <= MAX_ID_LENGTH ? { reservationId } : {}),
      reason: 'INVALID_REQUEST',
      message: truncate(message, MAX_MESSAGE_LENGTH),
    },
    metadata: fallbackMetadata(event),
  };
}

/**
 * The best metadata a broken request allows, so even its *Reservation Failed* reaches the
 * right conversation and trace: the request's ids when they are valid, else the event id.
 */
function fallbackMetadata(event: unknown): OutgoingMetadata {
  const correlationId = MetadataSchema.shape.correlationId.safeParse(
    correlationIdOf.eventBridge(event),
  );
  const conversationId = MetadataSchema.shape.conversationId.safeParse(
    conversationIdOf.eventBridge(event),
  );
  return {
    correlationId: correlationId.success ? correlationId.data : eventIdOf(event),
    ...(conversationId.success && conversationId.data
      ? { conversationId: conversationId.data }
      : {}),
    schemaVersion: SCHEMA_VERSION,
  };
}

function eventIdOf(event: unknown): string {
  const id = stringAt(event, 'id');
  if (!id) throw new Error('The workflow input is not an EventBridge event (no id)');
  return id;
}

/** Field paths and zod's messages: says what to fix without echoing the user's values. */
function describeIssues(error: EventValidationError): string {
  const issues = error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`,
  );
  return `The reservation request is invalid: ${issues.join('; ')}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.length > 0 ? current : undefined;
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
