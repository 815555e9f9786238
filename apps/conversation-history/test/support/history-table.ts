import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal, type DynamoDbLocal } from '@booktrip/local-cloud';
import { randomUUID } from 'node:crypto';
import { batchWrite } from '../../src/batch-write';
import { toEntryItem } from '../../src/history-items';
import { createHistoryRepository } from '../../src/history-repository';
import { historyTableDefinition } from '../../src/history-table';
import type { TimelineEntry } from '../../src/timeline-entry';

export interface HistoryTable {
  tableName: string;
  documentClient: DynamoDBDocumentClient;
  repository: ReturnType<typeof createHistoryRepository>;
  /** The emulator's endpoint, for code that builds its own clients from the environment. */
  endpoint: string;
}

/**
 * DynamoDB Local with a fresh History table for the calling test file: started before its tests,
 * stopped after them. The returned object is filled in by `beforeAll`, so read it in tests only.
 */
export function useHistoryTable(): HistoryTable {
  const table = {} as HistoryTable;
  let db: DynamoDbLocal | undefined;
  beforeAll(async () => {
    db = await startDynamoDbLocal();
    Object.assign(table, await createHistoryTable(db));
  }, 150_000);
  afterAll(() => db?.stop());
  return table;
}

/** A fresh History table, created from the same definition the stack deploys. */
export async function createHistoryTable(db: DynamoDbLocal): Promise<HistoryTable> {
  const tableName = `history-${randomUUID()}`;
  await db.client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      ...historyTableDefinition,
    }),
  );
  const documentClient = DynamoDBDocumentClient.from(db.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    tableName,
    documentClient,
    endpoint: db.endpoint,
    // Conversations start before every test entry (support/entries.ts), as in real life.
    repository: createHistoryRepository({
      client: documentClient,
      tableName,
      now: () => new Date('2026-11-24T09:00:00.000Z'),
    }),
  };
}

/** Seeds timeline entries fast (the repository's BatchWrite path), bypassing the counted write. */
export async function seedEntries(table: HistoryTable, entries: TimelineEntry[]): Promise<void> {
  // A few calls at a time: DynamoDB Local is one JVM on a shared 2-core machine.
  await batchWrite(
    table.documentClient,
    table.tableName,
    entries.map((entry) => ({ PutRequest: { Item: toEntryItem(entry) } })),
    4,
  );
}
