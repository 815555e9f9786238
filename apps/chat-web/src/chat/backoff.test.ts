import { describe, expect, it } from 'vitest';
import { backoffDelays, pollWithBackoff } from './backoff';

describe('backoffDelays', () => {
  it('grows by the factor up to the cap and stops at the total', () => {
    expect(backoffDelays({ firstMs: 1000, factor: 2, maxMs: 4000, totalMs: 15_000 })).toEqual([
      1000, 2000, 4000, 4000, 4000,
    ]);
  });
});

describe('pollWithBackoff', () => {
  const noSleep = async () => undefined;

  it('returns the first value found, surviving a failed poll', async () => {
    let calls = 0;
    const found = await pollWithBackoff(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('network');
        return calls === 3 ? 'flipped' : undefined;
      },
      [1, 1, 1, 1],
      undefined,
      noSleep,
    );
    expect(found).toBe('flipped');
    expect(calls).toBe(3);
  });

  it('gives up with undefined when the delays run out, and stops when aborted', async () => {
    expect(
      await pollWithBackoff(async () => undefined, [1, 1], undefined, noSleep),
    ).toBeUndefined();
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await pollWithBackoff(async () => (calls += 1), [1], controller.signal, noSleep);
    expect(calls).toBe(0);
  });
});
