import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { EventValidationError } from '@booktrip/events';
import { MetricUnit, createHandler, logger, metrics } from '@booktrip/lambda-kit';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { historyDefinition } from '../definition';
import { parseHistoryEvent } from '../history-event';
import type { HistoryRepository, RecordOutcome } from '../history-repository';
import { defaultRepository } from '../runtime';
import { toTimelineEntry } from '../timeline-entry';

const { metrics: metricNames } = historyDefinition;

export type RecordEventOutcome = RecordOutcome | 'unroutable';

export interface RecordEventsDeps {
  repository: HistoryRepository;
}

/**
 * One SQS message: an EventBridge event the rules forwarded. Invalid events are reported and
 * rethrown (never dropped): the message comes back and, after maxReceiveCount, lands in the
 * DLQ whose alarm someone watches. A redelivered event writes nothing new. Valid events that
 * cannot or must not be stored (no conversation, someone else's conversation, a deleted one) are
 * logged, counted and acknowledged: retrying would only page on-call for a guest's doing.
 */
export async function recordEvent(
  record: SQSRecord,
  deps: RecordEventsDeps,
): Promise<RecordEventOutcome> {
  let entry;
  try {
    entry = toTimelineEntry(parseHistoryEvent(parseBody(record.body)));
  } catch (error) {
    if (error instanceof EventValidationError) {
      // The issues and the message id identify it; the event itself stays out of the logs.
      logger.error('event failed its contract', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        error: error.message,
        issues: error.issues,
      });
      metrics.addMetric(metricNames.invalidEvent, MetricUnit.Count, 1);
    }
    throw error;
  }
  if (!entry) {
    logger.warn('event names no conversation: skipped', { messageId: record.messageId });
    metrics.addMetric(metricNames.unroutableEvent, MetricUnit.Count, 1);
    return 'unroutable';
  }
  const outcome = await deps.repository.recordEntry(entry);
  const ids = {
    outcome,
    kind: entry.kind,
    eventId: entry.eventId,
    conversationId: entry.conversationId,
    correlationId: entry.correlationId,
  };
  if (outcome === 'foreign') {
    // Retrying cannot make it theirs: acknowledged, so it never reaches the DLQ either.
    logger.warn('image uploaded into a conversation the uploader does not own: dropped', ids);
    metrics.addMetric(metricNames.foreignImage, MetricUnit.Count, 1);
  } else if (outcome === 'deleted') {
    logger.warn('event for a deleted conversation: dropped', ids);
    metrics.addMetric(metricNames.deletedConversation, MetricUnit.Count, 1);
  } else {
    logger.info('timeline entry', ids);
  }
  return outcome;
}

/** An SQS batch with partial failure reporting: only the failed messages come back. */
export async function recordEvents(
  event: SQSEvent,
  context: Context,
  deps: RecordEventsDeps = { repository: defaultRepository() },
): Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  return processPartialResponse(
    event,
    (record: SQSRecord) => recordEvent(record, deps),
    processor,
    {
      context,
      // Report every failed message rather than throwing: the same redelivery, one code path.
      throwOnFullBatchFailure: false,
    },
  );
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new EventValidationError('Invalid event: the SQS body is not JSON');
  }
}

// A batch mixes conversations and correlation ids: the invocation is labelled with its request
// id, and each record's log line carries its own ids.
export const handler = createHandler({ schema: SqsSchema }, (event, context) =>
  recordEvents(event as SQSEvent, context),
);
