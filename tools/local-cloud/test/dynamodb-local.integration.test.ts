import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  TransactWriteItemsCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startDynamoDbLocal } from '../src';
import { freePort } from '../src/net/free-port';

jest.mock('../src/net/free-port', () => {
  const actual = jest.requireActual<{ freePort: typeof freePort }>('../src/net/free-port');
  return { freePort: jest.fn(actual.freePort) };
});

describe('startDynamoDbLocal', () => {
  it('runs AWS DynamoDB Local with transactions, and stops it', async () => {
    const dynamo = await startDynamoDbLocal();
    try {
      await dynamo.client.send(
        new CreateTableCommand({
          TableName: 'things',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        }),
      );
      const put = (pk: string) => ({
        Put: {
          TableName: 'things',
          Item: { PK: { S: pk } },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
      await dynamo.client.send(new TransactWriteItemsCommand({ TransactItems: [put('a')] }));

      // A cancelled transaction writes none of its items.
      await expect(
        dynamo.client.send(new TransactWriteItemsCommand({ TransactItems: [put('b'), put('a')] })),
      ).rejects.toMatchObject({ name: 'TransactionCanceledException' });
      const b = await dynamo.client.send(
        new GetItemCommand({ TableName: 'things', Key: { PK: { S: 'b' } } }),
      );
      expect(b.Item).toBeUndefined();
      // Tables are shared whatever the caller's credentials (each Lambda worker has its own).
      const other = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'SomeoneElse', secretAccessKey: 'x' },
      });
      const tables = await other.send(new ListTablesCommand({}));
      other.destroy();
      expect(tables.TableNames).toEqual(['things']);
    } finally {
      await dynamo.stop();
    }
    await expect(
      fetch(dynamo.endpoint).then(
        () => 'still up',
        () => 'stopped',
      ),
    ).resolves.toBe('stopped');
  }, 60_000);

  it('tries another port when the one it found free is taken before the JVM binds it', async () => {
    // What a parallel test's server does in the seconds the JVM takes to start.
    const squatter = createServer((_, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => squatter.listen(0, resolve));
    const taken = (squatter.address() as AddressInfo).port;
    jest.mocked(freePort).mockResolvedValueOnce(taken);
    try {
      const dynamo = await startDynamoDbLocal();
      try {
        expect(new URL(dynamo.endpoint).port).not.toBe(String(taken));
        await expect(dynamo.client.send(new ListTablesCommand({}))).resolves.toMatchObject({
          TableNames: [],
        });
      } finally {
        await dynamo.stop();
      }
    } finally {
      squatter.closeAllConnections();
      squatter.close();
    }
  }, 60_000);
});
