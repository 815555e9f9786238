import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  TransactWriteItemsCommand,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../src';

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
});
