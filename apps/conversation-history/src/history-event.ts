import {
  ConversationTurnRecorded,
  EventValidationError,
  ImageFlipped,
  ImageRejected,
  ReservationConfirmed,
  ReservationFailed,
  type DetailOf,
  type ReceivedEvent,
} from '@booktrip/events';

/** The events that become timeline entries (ARCHITECTURE.md, "Events"). */
export const consumedContracts = [
  ConversationTurnRecorded,
  ReservationConfirmed,
  ReservationFailed,
  ImageFlipped,
  ImageRejected,
] as const;

type Received<C extends (typeof consumedContracts)[number]> = ReceivedEvent<DetailOf<C>>;

/** A consumed event, validated by its contract and tagged with it. */
export type HistoryEvent = {
  [C in (typeof consumedContracts)[number] as C['detailType']]: {
    type: C['detailType'];
    event: Received<C>;
  };
}[(typeof consumedContracts)[number]['detailType']];

/**
 * Parses an EventBridge event (an SQS body) with the contract its source and detail type
 * name. Throws EventValidationError for an event of another type or one that fails its
 * contract: both are permanent failures, which retrying cannot fix.
 */
export function parseHistoryEvent(raw: unknown): HistoryEvent {
  if (typeof raw !== 'object' || raw === null) {
    throw new EventValidationError('Invalid event: not a JSON object');
  }
  const claimed = raw as { source?: unknown; 'detail-type'?: unknown };
  if (ConversationTurnRecorded.matches(claimed)) {
    return {
      type: ConversationTurnRecorded.detailType,
      event: ConversationTurnRecorded.parse(raw),
    };
  }
  if (ReservationConfirmed.matches(claimed)) {
    return { type: ReservationConfirmed.detailType, event: ReservationConfirmed.parse(raw) };
  }
  if (ReservationFailed.matches(claimed)) {
    return { type: ReservationFailed.detailType, event: ReservationFailed.parse(raw) };
  }
  if (ImageFlipped.matches(claimed)) {
    return { type: ImageFlipped.detailType, event: ImageFlipped.parse(raw) };
  }
  if (ImageRejected.matches(claimed)) {
    return { type: ImageRejected.detailType, event: ImageRejected.parse(raw) };
  }
  throw new EventValidationError(
    `Invalid event: ${describe(claimed.source)} / ${describe(claimed['detail-type'])} is not an event this service consumes`,
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
}
