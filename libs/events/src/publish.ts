import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { PublishError } from './errors';
import type { OutgoingEvent } from './define-event';

/** PutEvents limits: 10 entries and 256 KB per call. */
export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;

export interface PublisherOptions {
  eventBusName: string;
  /** Pass the tracer-captured client; a plain one is created otherwise. */
  client?: Pick<EventBridgeClient, 'send'>;
  /** Total attempts for entries PutEvents reports as failed (default 3). */
  maxAttempts?: number;
  /** Base delay of the exponential backoff with full jitter (default 50 ms). */
  baseDelayMs?: number;
  /** X-Ray trace header; defaults to the one Lambda sets for the current invocation. */
  traceHeader?: () => string | undefined;
}

export type Publish = (events: readonly OutgoingEvent[]) => Promise<void>;

/**
 * A typed publisher: batches by the PutEvents limits, passes the trace header, retries only
 * the entries that failed, and throws PublishError if any is still unpublished.
 */
export function createPublisher(options: PublisherOptions): Publish {
  const client = options.client ?? new EventBridgeClient({});
  const maxAttempts = options.maxAttempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const traceHeader = options.traceHeader ?? (() => process.env._X_AMZN_TRACE_ID);

  return async (events) => {
    if (events.length === 0) return;
    const header = traceHeader();
    const entries = events.map(
      (event): PutEventsRequestEntry => ({
        EventBusName: options.eventBusName,
        Source: event.source,
        DetailType: event.detailType,
        Detail: JSON.stringify(event.detail),
        ...(header ? { TraceHeader: header } : {}),
      }),
    );

    for (const batch of toBatches(entries)) {
      let pending = batch;
      for (let attempt = 1; pending.length > 0; attempt++) {
        const output = await client.send(new PutEventsCommand({ Entries: pending }));
        if (!output.FailedEntryCount) break;
        // Results are positional: entry i of the response is entry i of the request.
        const failed = pending
          .map((entry, i) => ({ entry, result: output.Entries?.[i] }))
          .filter(({ result }) => !result?.EventId);
        if (attempt >= maxAttempts) {
          throw new PublishError(
            `PutEvents failed for ${failed.length} of ${batch.length} entries after ${attempt} attempts`,
            failed.map(({ entry, result }) => ({
              detailType: entry.DetailType ?? '',
              errorCode: result?.ErrorCode,
              errorMessage: result?.ErrorMessage,
            })),
          );
        }
        await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
        pending = failed.map(({ entry }) => entry);
      }
    }
  };
}

/** Size of an entry as EventBridge counts it (UTF-8 bytes of its fields, 14 for the time). */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (value?: string) => (value ? Buffer.byteLength(value, 'utf8') : 0);
  return (
    14 +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

export function toBatches(entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_BYTES_PER_CALL) {
      throw new PublishError(`Event "${entry.DetailType}" is ${size} bytes; the limit is 256 KB`, [
        { detailType: entry.DetailType ?? '', errorCode: 'EntryTooLarge' },
      ]);
    }
    if (current.length === MAX_ENTRIES_PER_CALL || currentBytes + size > MAX_BYTES_PER_CALL) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
