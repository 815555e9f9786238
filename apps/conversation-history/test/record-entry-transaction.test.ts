import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { recordEntryTransaction } from '../src/record-entry-transaction';
import { entry } from './support/entries';

const CONVERSATION = '0b9a4c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c';

/** A cancellation as DynamoDB reports it: one reason per item, in the order they were sent. */
const cancelled = (...reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons.map(({ Code, Item }) => ({
      Code,
      ...(Item ? { Item: Item as never } : {}),
    })),
  });

describe('what a cancelled record transaction means', () => {
  it('reads an image redelivered under a new event id (its upload exists) as a duplicate', () => {
    const transaction = recordEntryTransaction('history', entry(CONVERSATION, 'image', 1));
    expect(transaction.input.TransactItems).toHaveLength(3);
    const error = cancelled({ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' });
    expect(transaction.outcomeOf(error)).toBe('duplicate');
  });

  it('tells a deleted conversation from someone else’s by the META it returned', () => {
    const transaction = recordEntryTransaction('history', entry(CONVERSATION, 'image', 1));
    const refused = (Item: Record<string, unknown>) =>
      transaction.outcomeOf(
        cancelled({ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item }, { Code: 'None' }),
      );
    expect(refused({ deletedAt: { S: '2026-11-24T09:00:00.000Z' } })).toBe('deleted');
    expect(refused({ ownerId: { S: 'us-east-1:someone-else' } })).toBe('foreign');
  });

  it('leaves a conflict or any other error to the caller', () => {
    const transaction = recordEntryTransaction('history', entry(CONVERSATION, 'turn', 1));
    expect(transaction.input.TransactItems).toHaveLength(2);
    expect(
      transaction.outcomeOf(cancelled({ Code: 'TransactionConflict' }, { Code: 'None' })),
    ).toBeUndefined();
    expect(transaction.outcomeOf(new Error('socket hang up'))).toBeUndefined();
  });
});
