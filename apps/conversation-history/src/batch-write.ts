import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoff } from '@booktrip/events';
import { forEachConcurrently } from './for-each-concurrently';

/** BatchWriteItem's limit of requests per call. */
const MAX_REQUESTS_PER_CALL = 25;
const MAX_ATTEMPTS = 8;

export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes `requests` in BatchWriteItem calls of 25, `concurrency` calls in flight, and retries
 * each call's UnprocessedItems with backoff until none are left (throws after 8 attempts).
 */
export async function batchWrite(
  client: Pick<DynamoDBDocumentClient, 'send'>,
  tableName: string,
  requests: readonly WriteRequest[],
  concurrency: number,
): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += MAX_REQUESTS_PER_CALL) {
    chunks.push(requests.slice(i, i + MAX_REQUESTS_PER_CALL));
  }
  await forEachConcurrently(chunks, concurrency, async (chunk) => {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const output = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      if (pending.length > 0) {
        if (attempt >= MAX_ATTEMPTS) throw new Error(`${pending.length} writes left unprocessed`);
        await backoff(attempt, 40);
      }
    }
  });
}
