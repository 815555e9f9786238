import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { backoff } from '@booktrip/events';
import { batchWrite } from './batch-write';
import {
  GSI1,
  LSI1,
  META_SK,
  MSG_PREFIX,
  TIME_TO_LIVE_ATTRIBUTE,
  keys,
  type EntryKind,
} from './history-table';
import type { PageKey } from './cursor';
import type { TimelineEntry } from './timeline-entry';

export interface ConversationSummary {
  conversationId: string;
  /** Absent for a conversation that only events created: nobody can see it. */
  ownerId?: string;
  title?: string;
  startedAt: string;
  lastActivityAt: string;
  counts: Record<EntryKind, number> & { total: number };
  /** Set when the conversation was deleted: a tombstone until DynamoDB's TTL removes it. */
  deletedAt?: string;
}

export interface Page<T> {
  items: T[];
  /** LastEvaluatedKey; absent on the last page. */
  nextKey?: PageKey;
}

/**
 * `duplicate`: the event, or the same upload's image, is already in the timeline. `foreign`: an
 * image uploaded by someone who does not own the conversation. `deleted`: the conversation was
 * deleted. Only `recorded` changed anything.
 */
export type RecordOutcome = 'recorded' | 'duplicate' | 'foreign' | 'deleted';

export class ConversationExistsError extends Error {
  override readonly name = 'ConversationExistsError';
}

export interface HistoryRepositoryOptions {
  client: Pick<DynamoDBDocumentClient, 'send'>;
  tableName: string;
  /** Attempts of a timeline write that lost a TransactionConflict race (default 8). */
  maxAttempts?: number;
  /** BatchWriteItem calls a delete keeps in flight (default 4). */
  deleteConcurrency?: number;
  now?: () => Date;
}

/** How long a deleted conversation's tombstone stops late events (TTL attribute `expiresAt`). */
export const TOMBSTONE_TTL_SECONDS = 30 * 24 * 60 * 60;

const countAttribute: Record<EntryKind, string> = {
  turn: 'turnCount',
  reservation: 'reservationCount',
  image: 'imageCount',
};
const KEY_ATTRIBUTES = ['PK', 'SK', 'LSI1SK', 'GSI1PK', 'GSI1SK'];

/** The stored item of a timeline entry: the entry plus its table and LSI1 keys. */
export function toEntryItem(entry: TimelineEntry): Record<string, unknown> {
  return {
    PK: keys.conversation(entry.conversationId),
    SK: keys.message(entry.at, entry.eventId),
    LSI1SK: keys.byKind(entry.kind, entry.at, entry.eventId),
    ...entry,
  };
}

/**
 * One upload's idempotency key: image-flip may publish twice for the same object version (each
 * copy a new event id), so an image is recorded once per source bucket, key and version.
 */
export function imageDedupKey(entry: TimelineEntry): string | undefined {
  if (entry.kind !== 'image') return undefined;
  const { sourceBucket, sourceKey, sourceVersionId } = entry.image;
  return `${DEDUP_PREFIX}image#${sourceBucket}/${sourceKey}#${sourceVersionId ?? 'null'}`;
}
const DEDUP_PREFIX = 'DEDUP#';

/** The History table (ARCHITECTURE.md, "Data"): conversations' META items and timelines. */
export function createHistoryRepository(options: HistoryRepositoryOptions) {
  const { client, tableName } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const deleteConcurrency = options.deleteConcurrency ?? 4;
  const now = options.now ?? (() => new Date());
  const metaKey = (conversationId: string) => ({
    PK: keys.conversation(conversationId),
    SK: META_SK,
  });

  /** Moves last activity forward only, so a late or redelivered event never moves it back. */
  async function touch(conversationId: string, at: string): Promise<void> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: metaKey(conversationId),
          UpdateExpression: 'SET lastActivityAt = :at, GSI1SK = :at',
          ConditionExpression:
            'attribute_exists(PK) AND attribute_not_exists(deletedAt) AND (attribute_not_exists(lastActivityAt) OR lastActivityAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    async createConversation(input: {
      conversationId: string;
      ownerId: string;
      title?: string;
    }): Promise<ConversationSummary> {
      const startedAt = now().toISOString();
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...metaKey(input.conversationId),
              GSI1PK: keys.owner(input.ownerId),
              GSI1SK: startedAt,
              conversationId: input.conversationId,
              ownerId: input.ownerId,
              ...(input.title ? { title: input.title } : {}),
              startedAt,
              lastActivityAt: startedAt,
              turnCount: 0,
              reservationCount: 0,
              imageCount: 0,
              entryCount: 0,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new ConversationExistsError(`Conversation ${input.conversationId} exists`);
        }
        throw error;
      }
      return toSummary({
        conversationId: input.conversationId,
        ownerId: input.ownerId,
        title: input.title,
        startedAt,
        lastActivityAt: startedAt,
      });
    },

    async getConversation(conversationId: string): Promise<ConversationSummary | undefined> {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: metaKey(conversationId),
          ConsistentRead: true,
        }),
      );
      return Item ? toSummary({ conversationId, ...Item }) : undefined;
    },

    /** The owner's conversations, most recent activity first (GSI1). */
    async listConversations(
      ownerId: string,
      page: { limit: number; startKey?: PageKey },
    ): Promise<Page<ConversationSummary>> {
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: GSI1,
          KeyConditionExpression: 'GSI1PK = :owner',
          ExpressionAttributeValues: { ':owner': keys.owner(ownerId) },
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: page.startKey,
        }),
      );
      return {
        items: (output.Items ?? []).map((item) => toSummary(item)),
        ...(output.LastEvaluatedKey ? { nextKey: output.LastEvaluatedKey as PageKey } : {}),
      };
    },

    /**
     * A page of a conversation's timeline in time order. With `kind`, a Query on LSI1
     * (`<kind>#<time>#<eventId>`) reads only entries of that kind: no scan, no filter.
     */
    async listEntries(
      conversationId: string,
      page: { limit: number; order: 'asc' | 'desc'; kind?: EntryKind; startKey?: PageKey },
    ): Promise<Page<TimelineEntry>> {
      const byKind = page.kind !== undefined;
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...(byKind ? { IndexName: LSI1 } : {}),
          KeyConditionExpression: byKind
            ? 'PK = :pk AND begins_with(LSI1SK, :prefix)'
            : 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: {
            ':pk': keys.conversation(conversationId),
            ':prefix': byKind ? `${page.kind}#` : MSG_PREFIX,
          },
          ScanIndexForward: page.order === 'asc',
          Limit: page.limit,
          ExclusiveStartKey: page.startKey,
        }),
      );
      return {
        items: (output.Items ?? []).map(toEntry),
        ...(output.LastEvaluatedKey ? { nextKey: output.LastEvaluatedKey as PageKey } : {}),
      };
    },

    /**
     * Writes an entry and counts it in META in one transaction, conditional on the entry being
     * new: a redelivered event (same event id, same time) cancels the transaction, so neither
     * the entry nor the counts change. An image is also conditional on its upload being new
     * (a DEDUP item per source version) and on the uploader owning the conversation. A META that
     * does not exist yet is created without an owner, so events of a conversation nobody
     * created are kept but visible to no one. Nothing is written to a deleted conversation.
     */
    async recordEntry(entry: TimelineEntry): Promise<RecordOutcome> {
      const dedupKey = imageDedupKey(entry);
      const uploaderId = entry.kind === 'image' ? entry.image.uploaderId : undefined;
      const ownerCondition =
        entry.kind !== 'image'
          ? ''
          : uploaderId
            ? ' AND (attribute_not_exists(ownerId) OR ownerId = :uploader)'
            : ' AND attribute_not_exists(ownerId)';
      const outcome = await withConflictRetries(maxAttempts, async () => {
        try {
          await client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Put: {
                    TableName: tableName,
                    Item: toEntryItem(entry),
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                },
                {
                  Update: {
                    TableName: tableName,
                    Key: metaKey(entry.conversationId),
                    UpdateExpression:
                      'ADD #count :one, entryCount :one SET startedAt = if_not_exists(startedAt, :at), conversationId = :id',
                    ConditionExpression: `attribute_not_exists(deletedAt)${ownerCondition}`,
                    ExpressionAttributeNames: { '#count': countAttribute[entry.kind] },
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
                ...(dedupKey
                  ? [
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
                    ]
                  : []),
              ],
            }),
          );
          return 'recorded' as const;
        } catch (error) {
          const reasons = cancellationReasons(error);
          const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
          if (failed(1)) return reasons[1]?.Item?.deletedAt ? 'deleted' : 'foreign';
          if (failed(0) || failed(2)) return 'duplicate' as const;
          throw error;
        }
      });
      // Also on a duplicate: the first delivery may have failed between the two writes.
      if (outcome === 'recorded' || outcome === 'duplicate') {
        await touch(entry.conversationId, entry.at);
      }
      return outcome;
    },

    /**
     * Tombstones META first (`deletedAt`, no longer listed, expires by TTL), so an event that
     * arrives during or after the delete writes nothing; then deletes every other item of the
     * conversation, a few BatchWrites at a time. Re-running it finishes an interrupted delete.
     */
    async deleteConversation(conversationId: string): Promise<number> {
      const deletedAt = now();
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: metaKey(conversationId),
          UpdateExpression:
            'SET deletedAt = if_not_exists(deletedAt, :now), #expires = :expires REMOVE GSI1PK, GSI1SK',
          ExpressionAttributeNames: { '#expires': TIME_TO_LIVE_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':now': deletedAt.toISOString(),
            ':expires': Math.floor(deletedAt.getTime() / 1000) + TOMBSTONE_TTL_SECONDS,
          },
        }),
      );
      let deleted = 0;
      let startKey: PageKey | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.conversation(conversationId) },
            ProjectionExpression: 'PK, SK',
            ExclusiveStartKey: startKey,
          }),
        );
        const itemKeys = ((output.Items ?? []) as { PK: string; SK: string }[]).filter(
          (key) => key.SK !== META_SK,
        );
        await batchWrite(
          client,
          tableName,
          itemKeys.map((key) => ({ DeleteRequest: { Key: { PK: key.PK, SK: key.SK } } })),
          deleteConcurrency,
        );
        deleted += itemKeys.length;
        startKey = output.LastEvaluatedKey as PageKey | undefined;
      } while (startKey);
      return deleted;
    },
  };
}
export type HistoryRepository = ReturnType<typeof createHistoryRepository>;

function toSummary(item: Record<string, unknown>): ConversationSummary {
  const count = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  const string = (name: string) =>
    typeof item[name] === 'string' ? (item[name] as string) : undefined;
  const startedAt = string('startedAt') ?? '';
  return {
    conversationId: string('conversationId') ?? '',
    ...(string('ownerId') ? { ownerId: string('ownerId') } : {}),
    ...(string('title') ? { title: string('title') } : {}),
    startedAt,
    lastActivityAt: string('lastActivityAt') ?? startedAt,
    ...(string('deletedAt') ? { deletedAt: string('deletedAt') } : {}),
    counts: {
      turn: count('turnCount'),
      reservation: count('reservationCount'),
      image: count('imageCount'),
      total: count('entryCount'),
    },
  };
}

function toEntry(item: Record<string, unknown>): TimelineEntry {
  const entry = { ...item };
  for (const name of KEY_ATTRIBUTES) delete entry[name];
  return entry as TimelineEntry;
}

function cancellationReasons(
  error: unknown,
): NonNullable<TransactionCanceledException['CancellationReasons']> {
  if (!(error instanceof TransactionCanceledException)) return [];
  return error.CancellationReasons ?? [];
}

/** Concurrent transactions on one META lose with TransactionConflict: retry with jitter. */
async function withConflictRetries<T>(maxAttempts: number, write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const conflict = cancellationReasons(error).some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt >= maxAttempts) throw error;
      await backoff(attempt, 40);
    }
  }
}
