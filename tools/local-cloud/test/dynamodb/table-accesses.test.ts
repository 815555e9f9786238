import { tableAccesses } from '../../src/dynamodb';

const arn = (table: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`;
const keys = { History: 'PK', Notes: 'id' };

describe('the IAM questions a DynamoDB request raises for a guest', () => {
  it('names the partition key of a single item as dynamodb:LeadingKeys', () => {
    expect(
      tableAccesses(
        'GetItem',
        { TableName: 'History', Key: { PK: { S: 'CONV#1' }, SK: { S: 'META' } } },
        arn,
        keys,
      ),
    ).toEqual([
      {
        action: 'dynamodb:GetItem',
        resource: arn('History'),
        context: { 'dynamodb:LeadingKeys': ['CONV#1'] },
      },
    ]);
    expect(
      tableAccesses('PutItem', { TableName: 'Notes', Item: { id: { N: '7' } } }, arn, keys),
    ).toEqual([
      {
        action: 'dynamodb:PutItem',
        resource: arn('Notes'),
        context: { 'dynamodb:LeadingKeys': ['7'] },
      },
    ]);
  });

  it('asks per table for batches and per item action for transactions, with their leading keys', () => {
    expect(
      tableAccesses(
        'BatchWriteItem',
        {
          RequestItems: {
            History: [
              { PutRequest: { Item: { PK: { S: 'a' } } } },
              { DeleteRequest: { Key: { PK: { S: 'b' } } } },
            ],
            Notes: [{ PutRequest: { Item: { id: { S: 'n' } } } }],
          },
        },
        arn,
        keys,
      ),
    ).toEqual([
      {
        action: 'dynamodb:BatchWriteItem',
        resource: arn('History'),
        context: { 'dynamodb:LeadingKeys': ['a', 'b'] },
      },
      {
        action: 'dynamodb:BatchWriteItem',
        resource: arn('Notes'),
        context: { 'dynamodb:LeadingKeys': ['n'] },
      },
    ]);
    expect(
      tableAccesses(
        'TransactWriteItems',
        {
          TransactItems: [
            { Put: { TableName: 'History', Item: { PK: { S: 'a' } } } },
            { ConditionCheck: { TableName: 'Notes', Key: { id: { S: 'n' } } } },
          ],
        },
        arn,
        keys,
      )?.map((access) => access.action),
    ).toEqual(['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
  });

  it('asks about the index a query reads, and cannot authorize PartiQL', () => {
    expect(tableAccesses('Query', { TableName: 'History', IndexName: 'GSI1' }, arn, keys)).toEqual([
      { action: 'dynamodb:Query', resource: `${arn('History')}/index/GSI1` },
    ]);
    expect(
      tableAccesses('ExecuteStatement', { Statement: 'SELECT * FROM History' }, arn, keys),
    ).toBeUndefined();
  });
});
