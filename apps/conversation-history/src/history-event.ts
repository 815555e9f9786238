import { EventValidationError, type DetailOf, type ReceivedEvent } from '@booktrip/events';
import { historyDefinition } from './definition';

/** The events that become timeline entries (the definition's `consumes`). */
type Consumed = (typeof historyDefinition.consumes)[number];

type Received<C extends Consumed> = ReceivedEvent<DetailOf<C>>;

/** A consumed event, validated by its contract and tagged with it. */
export type HistoryEvent = {
  [C in Consumed as C['detailType']]: { type: C['detailType']; event: Received<C> };
}[Consumed['detailType']];

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
  const contract = historyDefinition.consumes.find((candidate) => candidate.matches(claimed));
  if (!contract) {
    throw new EventValidationError(
      `Invalid event: ${describe(claimed.source)} / ${describe(claimed['detail-type'])} is not an event this service consumes`,
    );
  }
  // The contract that matched parses it, so type and event belong together.
  return { type: contract.detailType, event: contract.parse(raw) } as HistoryEvent;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
}
