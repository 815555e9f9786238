import { logger, metrics, MetricUnit } from '@booktrip/lambda-kit';
import type { z } from 'zod';

/** Counted for every stored item a listing skipped because it fails the response schema. */
export const UNREADABLE_ITEM_METRIC = 'UnreadableStoredItems';

/**
 * The stored items that fit the response schema, each as the schema outputs it. One bad item
 * (written by an older consumer, or by hand) must not turn every page that contains it into a
 * 500: it is skipped, logged with its issues (paths and messages, never its values) and counted,
 * and the rest of the page is served. The metric's alarm, not the page, tells us to repair it.
 */
export function readableItems<T extends z.ZodType>(
  schema: T,
  items: readonly unknown[],
  what: string,
  identify: (item: unknown) => Record<string, unknown>,
): z.output<T>[] {
  const readable: z.output<T>[] = [];
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) {
      readable.push(result.data);
      continue;
    }
    logger.error(`stored ${what} fails the response schema: skipped`, {
      ...identify(item),
      issues: result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    });
    metrics.addMetric(UNREADABLE_ITEM_METRIC, MetricUnit.Count, 1);
  }
  return readable;
}

/** The identifying fields of a stored item, only when they are short strings. */
export function idsOf(item: unknown, names: readonly string[]): Record<string, unknown> {
  const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = record[name];
      return typeof value === 'string' && value.length <= 200 ? [[name, value]] : [];
    }),
  );
}
