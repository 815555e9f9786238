import 'aws-sdk-client-mock-jest';
import { QueryCommand, ScanCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createHistoryRepository } from '../src/history-repository';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(documentClient);
const repository = createHistoryRepository({ client: documentClient, tableName: 'History' });

beforeEach(() => {
  dynamo.reset();
  dynamo.on(QueryCommand).resolves({ Items: [] });
});

describe('how the timeline is read', () => {
  it('reads one kind with a Query on LSI1 by key prefix: no scan, no filter expression', async () => {
    await repository.listEntries('c-1', { limit: 50, order: 'asc', kind: 'reservation' });

    expect(dynamo).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'History',
      IndexName: 'LSI1',
      KeyConditionExpression: 'PK = :pk AND begins_with(LSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'CONV#c-1', ':prefix': 'reservation#' },
      Limit: 50,
    });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.FilterExpression).toBeUndefined();
    expect(dynamo).not.toHaveReceivedCommand(ScanCommand);
  });

  it("lists a person's conversations with a Query on GSI1, newest first", async () => {
    await repository.listConversations('us-east-1:abc', { limit: 20 });

    expect(dynamo).toHaveReceivedCommandWith(QueryCommand, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :owner',
      ExpressionAttributeValues: { ':owner': 'OWNER#us-east-1:abc' },
      ScanIndexForward: false,
    });
  });
});
