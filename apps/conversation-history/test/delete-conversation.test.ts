import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createHistoryRepository } from '../src/history-repository';
import { keys } from '../src/history-table';

const TABLE = 'history';
const CONVERSATION = '0b9a4c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c';
const PK = keys.conversation(CONVERSATION);
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(documentClient);

const repository = createHistoryRepository({
  client: documentClient,
  tableName: TABLE,
  now: () => new Date('2026-11-24T09:00:00.000Z'),
});

const itemKeys = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ PK, SK: `MSG#${String(from + i).padStart(4, '0')}` }));

beforeEach(() => dynamo.reset());

describe('deleting a long conversation', () => {
  it('tombstones META first, then deletes every Query page in concurrent batches of 25', async () => {
    const firstPage = [{ PK, SK: 'META' }, ...itemKeys(0, 120)];
    const secondPage = itemKeys(120, 60);
    dynamo.on(UpdateCommand).resolves({});
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: firstPage, LastEvaluatedKey: firstPage.at(-1) })
      .resolvesOnce({ Items: secondPage });
    let inFlight = 0;
    let mostInFlight = 0;
    dynamo.on(BatchWriteCommand).callsFake(async () => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return {};
    });

    const deleted = await repository.deleteConversation(CONVERSATION);

    expect(deleted).toBe(180);
    expect(dynamo.call(0).args[0]).toBeInstanceOf(UpdateCommand);
    expect(dynamo).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK, SK: 'META' },
      ExpressionAttributeValues: {
        ':now': '2026-11-24T09:00:00.000Z',
        ':expires': Date.parse('2026-11-24T09:00:00.000Z') / 1000 + 30 * 24 * 3600,
      },
    });
    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((query) => query.ExclusiveStartKey)).toEqual([undefined, firstPage.at(-1)]);
    const deletedKeys = dynamo
      .commandCalls(BatchWriteCommand)
      .flatMap((call) => call.args[0].input.RequestItems?.[TABLE] ?? [])
      .map((request) => request.DeleteRequest?.Key?.SK);
    expect(deletedKeys).toHaveLength(180);
    expect(new Set(deletedKeys)).toEqual(new Set([...itemKeys(0, 180)].map((k) => k.SK)));
    expect(deletedKeys).not.toContain('META'); // the tombstone stays until its TTL
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
  });

  it('retries the deletes DynamoDB left unprocessed', async () => {
    const keysToDelete = itemKeys(0, 3);
    const unprocessed = [{ DeleteRequest: { Key: keysToDelete[2]! } }];
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: keysToDelete });
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [TABLE]: unprocessed } })
      .resolves({});

    await repository.deleteConversation(CONVERSATION);

    expect(dynamo).toHaveReceivedCommandTimes(BatchWriteCommand, 2);
    expect(dynamo).toHaveReceivedNthCommandWith(4, BatchWriteCommand, {
      RequestItems: { [TABLE]: unprocessed },
    });
  });

  it('fails rather than report success when deletes stay unprocessed', async () => {
    const unprocessed = [{ DeleteRequest: { Key: itemKeys(0, 1)[0]! } }];
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: itemKeys(0, 1) });
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { [TABLE]: unprocessed } });

    await expect(repository.deleteConversation(CONVERSATION)).rejects.toThrow(/unprocessed/);
  }, 30_000);
});
