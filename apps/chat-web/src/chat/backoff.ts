/** Delays of a poll that slows down: 1 s, 1.5 s, 2.25 s … capped, until `totalMs` is spent. */
export function backoffDelays(
  options: { firstMs?: number; factor?: number; maxMs?: number; totalMs?: number } = {},
): number[] {
  const { firstMs = 1000, factor = 1.5, maxMs = 8000, totalMs = 120_000 } = options;
  const delays: number[] = [];
  let spent = 0;
  let next = firstMs;
  while (spent + next <= totalMs) {
    delays.push(Math.round(next));
    spent += next;
    next = Math.min(next * factor, maxMs);
  }
  return delays;
}

/**
 * Calls `check` after each delay until it returns a value or the delays run out (then
 * `undefined`). `signal` stops it, e.g. when the person opens another chat.
 */
export async function pollWithBackoff<T>(
  check: () => Promise<T | undefined>,
  delays: number[],
  signal?: AbortSignal,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T | undefined> {
  for (const delay of delays) {
    await sleep(delay);
    if (signal?.aborted) return undefined;
    try {
      const found = await check();
      if (found !== undefined) return found;
    } catch {
      // A failed poll is retried at the next delay: one lost request must not end the wait.
    }
  }
  return undefined;
}
