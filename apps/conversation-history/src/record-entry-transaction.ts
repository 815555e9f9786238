import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { COUNT_ATTRIBUTE, imageDedupKey, metaKey, toEntryItem } from './history-items';
import { keys } from './history-table';
import type { TimelineEntry } from './timeline-entry';
import { cancellationReasons } from './transaction-cancellation';

/**
 * `duplicate`: the event, or the same upload's image, is already in the timeline. `foreign`: an
 * image uploaded by someone who does not own the conversation. `deleted`: the conversation was
 * deleted. Only `recorded` changed anything.
 */
export type RecordOutcome = 'recorded' | 'duplicate' | 'foreign' | 'deleted';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Part = 'entry' | 'meta' | 'upload';

export interface RecordEntryTransaction {
  input: TransactWriteCommandInput;
  /** What a failed write means, or undefined when no condition of ours failed (rethrow it). */
  outcomeOf(error: unknown): Exclude<RecordOutcome, 'recorded'> | undefined;
}

/**
 * The one transaction that records a timeline entry: the entry (new), META's counts (not
 * deleted; for an image, the uploader owns the conversation or nobody does yet) and, for an
 * image, its upload's DEDUP item (new).
 */
export function recordEntryTransaction(
  tableName: string,
  entry: TimelineEntry,
): RecordEntryTransaction {
  const dedupKey = imageDedupKey(entry);
  const uploaderId = entry.kind === 'image' ? entry.image.uploaderId : undefined;
  const ownerCondition =
    entry.kind !== 'image'
      ? ''
      : uploaderId
        ? ' AND (attribute_not_exists(ownerId) OR ownerId = :uploader)'
        : ' AND attribute_not_exists(ownerId)';
  const parts: [Part, TransactItem][] = [
    [
      'entry',
      {
        Put: {
          TableName: tableName,
          Item: toEntryItem(entry),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ],
    [
      'meta',
      {
        Update: {
          TableName: tableName,
          Key: metaKey(entry.conversationId),
          UpdateExpression:
            'ADD #count :one, entryCount :one SET startedAt = if_not_exists(startedAt, :at), conversationId = :id',
          ConditionExpression: `attribute_not_exists(deletedAt)${ownerCondition}`,
          ExpressionAttributeNames: { '#count': COUNT_ATTRIBUTE[entry.kind] },
          ExpressionAttributeValues: {
            ':one': 1,
            ':at': entry.at,
            ':id': entry.conversationId,
            ...(uploaderId ? { ':uploader': uploaderId } : {}),
          },
          // Tells a tombstone from someone else's conversation without another read.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
  ];
  if (dedupKey) {
    parts.push([
      'upload',
      {
        Put: {
          TableName: tableName,
          Item: {
            PK: keys.conversation(entry.conversationId),
            SK: dedupKey,
            eventId: entry.eventId,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
  }
  const names = parts.map(([name]) => name);
  return {
    input: { TransactItems: parts.map(([, item]) => item) },
    outcomeOf(error) {
      const reasons = cancellationReasons(error, names);
      const failed = (part: Part) => reasons[part]?.Code === 'ConditionalCheckFailed';
      if (failed('meta')) return reasons.meta?.Item?.deletedAt ? 'deleted' : 'foreign';
      if (failed('entry') || failed('upload')) return 'duplicate';
      return undefined;
    },
  };
}
