/**
 * Waits before retry `attempt` (1 = the first retry): exponential backoff with full jitter, a
 * random delay in [0, baseDelayMs * 2^(attempt-1)), so callers that failed together do not
 * retry together. https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoff(attempt: number, baseDelayMs: number): Promise<void> {
  const ms = Math.random() * baseDelayMs * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
