import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { backoff } from '@booktrip/events';

/**
 * A cancelled TransactWriteItems' reasons by part name. DynamoDB lists one reason per item, in
 * the order of TransactItems, so `parts` names the items in the order they were sent. Empty for
 * any other error.
 */
export function cancellationReasons<Part extends string>(
  error: unknown,
  parts: readonly Part[],
): Partial<Record<Part, CancellationReason>> {
  if (!(error instanceof TransactionCanceledException)) return {};
  const reasons = error.CancellationReasons ?? [];
  return Object.fromEntries(
    parts.flatMap((part, i) => (reasons[i] ? [[part, reasons[i]]] : [])),
  ) as Partial<Record<Part, CancellationReason>>;
}

/** Concurrent transactions on one META lose with TransactionConflict: retry with jitter. */
export async function withConflictRetries<T>(
  maxAttempts: number,
  write: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt >= maxAttempts) throw error;
      await backoff(attempt, 40);
    }
  }
}
