import type { PutEventsRequestEntry, PutEventsResponse } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/** An event as the bus accepted it, with the id and time EventBridge would assign. */
export interface RecordedEvent {
  id: string;
  time: string;
  eventBusName: string;
  source: string;
  detailType: string;
  detail: unknown;
}

/** Where Step Functions' `events:putEvents` tasks (and publishers) send entries locally. */
export interface LocalEventSink {
  putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResponse>;
}

/**
 * A bus that records what is put on it: the assertion side of workflow tests, and the shape the
 * local cloud's real bus shares (`putEvents`). Entries are checked as EventBridge checks them.
 */
export class RecordingEventBus implements LocalEventSink {
  readonly events: RecordedEvent[] = [];

  async putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResponse> {
    const results = entries.map((entry) => {
      const problem = invalidEntry(entry);
      if (problem) return { ErrorCode: 'InvalidArgument', ErrorMessage: problem };
      const id = randomUUID();
      this.events.push({
        id,
        time: new Date().toISOString(),
        eventBusName: busNameOf(entry.EventBusName),
        source: entry.Source ?? '',
        detailType: entry.DetailType ?? '',
        detail: JSON.parse(entry.Detail ?? '{}'),
      });
      return { EventId: id };
    });
    return {
      Entries: results,
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
    };
  }

  /** Events of one contract, their details validated by it (a wrong shape throws). */
  ofType<C extends { source: string; detailType: string; detail: z.ZodType }>(
    contract: C,
  ): z.infer<C['detail']>[] {
    return this.events
      .filter(
        (event) => event.source === contract.source && event.detailType === contract.detailType,
      )
      .map((event) => contract.detail.parse(event.detail) as z.infer<C['detail']>);
  }
}

/** PutEvents takes a bus name or ARN; record the name. */
export function busNameOf(nameOrArn = 'default'): string {
  return /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn)?.[1] ?? nameOrArn;
}

function invalidEntry(entry: PutEventsRequestEntry): string | undefined {
  if (!entry.Source) return 'Source is required';
  if (!entry.DetailType) return 'DetailType is required';
  if (!entry.Detail) return 'Detail is required';
  try {
    const detail: unknown = JSON.parse(entry.Detail);
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return 'Detail must be a JSON object';
    }
  } catch {
    return 'Detail is not valid JSON';
  }
  return undefined;
}
