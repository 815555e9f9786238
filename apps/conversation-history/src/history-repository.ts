import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { batchWrite } from './batch-write';
import type { PageKey } from './cursor';
import { metaKey, toEntry, toSummary, type ConversationSummary } from './history-items';
import {
  GSI1,
  LSI1,
  META_SK,
  MSG_PREFIX,
  TIME_TO_LIVE_ATTRIBUTE,
  keys,
  type EntryKind,
} from './history-table';
import { recordEntryTransaction, type RecordOutcome } from './record-entry-transaction';
import type { TimelineEntry } from './timeline-entry';
import { withConflictRetries } from './transaction-cancellation';

export type { ConversationSummary } from './history-items';
export type { RecordOutcome } from './record-entry-transaction';

export interface Page<T> {
  items: T[];
  /** LastEvaluatedKey; absent on the last page. */
  nextKey?: PageKey;
}

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

/** The History table (ARCHITECTURE.md, "Data"): conversations' META items and timelines. */
export function createHistoryRepository(options: HistoryRepositoryOptions) {
  const { client, tableName } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const deleteConcurrency = options.deleteConcurrency ?? 4;
  const now = options.now ?? (() => new Date());

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
      const transaction = recordEntryTransaction(tableName, entry);
      const outcome = await withConflictRetries(maxAttempts, async () => {
        try {
          await client.send(new TransactWriteCommand(transaction.input));
          return 'recorded' as const;
        } catch (error) {
          const refused = transaction.outcomeOf(error);
          if (refused) return refused;
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
