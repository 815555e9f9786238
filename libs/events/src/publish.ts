import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { backoff } from './backoff';
import { PublishError } from './errors';
import type { OutgoingEvent } from './define-event';

/** PutEvents limits: 10 entries and 256 KB per call. */
const MAX_ENTRIES_PER_CALL = 10;
export const MAX_BYTES_PER_CALL = 256 * 1024;
/** The `errorCode` of a PublishError for an entry over 256 KB (never sent). */
export const ENTRY_TOO_LARGE = 'EntryTooLarge';

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

/** Entry errors a retry cannot fix (permissions, malformed entries): fail at once. */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  'AccessDeniedException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
  'InvalidArgument',
  'MalformedDetail',
]);

export type Publish = (events: readonly OutgoingEvent[]) => Promise<void>;

/**
 * A typed publisher: batches by the PutEvents limits, passes the trace header, retries only
 * the entries that failed, and throws PublishError if any is still unpublished.
 *
 * Not atomic: batches go out in order and the first one that stays failed stops the rest, so
 * after a PublishError some events may already be on the bus. Retrying the whole call is safe
 * because every consumer is idempotent.
 */
export function createPublisher(options: PublisherOptions): Publish {
  const client = options.client ?? new EventBridgeClient({});
  const maxAttempts = options.maxAttempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const traceHeader = options.traceHeader ?? (() => process.env._X_AMZN_TRACE_ID);

  return async (events) => {
    if (events.length === 0) return;
    const header = traceHeader();
    const entries = events.map((event): PutEventsRequestEntry => ({
      EventBusName: options.eventBusName,
      Source: event.source,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      ...(header ? { TraceHeader: header } : {}),
    }));

    for (const batch of toBatches(entries)) {
      let pending = batch;
      for (let attempt = 1; pending.length > 0; attempt++) {
        const output = await client.send(new PutEventsCommand({ Entries: pending }));
        if (!output.FailedEntryCount) break;
        // Results are positional: entry i of the response is entry i of the request.
        const failed = pending
          .map((entry, i) => ({ entry, result: output.Entries?.[i] }))
          .filter(({ result }) => !result?.EventId);
        const permanent = failed.some(({ result }) =>
          PERMANENT_ERRORS.has(result?.ErrorCode ?? ''),
        );
        if (attempt >= maxAttempts || permanent) {
          const failures = failed.map(({ entry, result }) => ({
            detailType: entry.DetailType ?? '',
            errorCode: result?.ErrorCode,
            errorMessage: result?.ErrorMessage,
          }));
          throw new PublishError(
            `PutEvents left ${failed.length} of ${batch.length} entries unpublished after ` +
              `${attempt} attempts: ${describe(failures)}`,
            failures,
          );
        }
        await backoff(attempt, baseDelayMs);
        pending = failed.map(({ entry }) => entry);
      }
    }
  };
}

/**
 * Size of an entry as EventBridge counts it: the UTF-8 bytes of Source, DetailType, Detail and
 * each resource, plus 14 bytes when Time is set. EventBusName and TraceHeader do not count.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (value?: string) => (value ? Buffer.byteLength(value, 'utf8') : 0);
  return (
    (entry.Time ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/**
 * Splits entries into PutEvents calls of at most 10 entries and 256 KB, keeping their order.
 * Throws PublishError (code `EntryTooLarge`) if any single entry is over the limit.
 */
function toBatches(entries: readonly PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const batches: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_BYTES_PER_CALL) {
      // Rejected before any call: a partial publish of the other events would be worse.
      throw new PublishError(
        `Event "${entry.DetailType}" is ${size} bytes; PutEvents accepts at most ` +
          `${MAX_BYTES_PER_CALL} bytes (256 KB) per entry. Nothing was published. ` +
          'Put large payloads in S3 and send a reference.',
        [{ detailType: entry.DetailType ?? '', errorCode: ENTRY_TOO_LARGE }],
      );
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

/** "Reservation Requested: ThrottlingException (Rate exceeded)", one per failed entry. */
function describe(failures: PublishError['failures']): string {
  return failures
    .map(
      ({ detailType, errorCode, errorMessage }) =>
        `${detailType}: ${errorCode ?? 'no error code'}${errorMessage ? ` (${errorMessage})` : ''}`,
    )
    .join('; ');
}
